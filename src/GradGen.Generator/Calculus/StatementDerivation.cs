using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Calculus
{
    /// <summary>
    /// The derivative of one statement <c>v = e</c> of a body with statements: e's graph extended with the adjoints of the
    /// active variables it reads, given v̄ (the seed): the VJP of ⟨v̄, e⟩, derived like any scalar objective. The result's
    /// statement has the seed 1. Its reverse code recomputes e's intermediates from the variables, restored by the tape.
    /// </summary>
    internal sealed class StatementDerivation
    {
        private StatementDerivation(MethodModel model, Derivation derivation, NodeId root,
            IReadOnlyList<(string Variable, NodeId Adjoint)> adjoints)
        {
            Model = model;
            Derivation = derivation;
            Root = root;
            Adjoints = adjoints;
        }

        /// <summary>The statement as a method model of its own: the variables it reads are its parameters.</summary>
        public MethodModel Model { get; }

        public Derivation Derivation { get; }

        /// <summary>The node of e.</summary>
        public NodeId Root { get; }

        /// <summary>Each active variable (or differentiated parameter) e reads, and the node of its adjoint contribution.</summary>
        public IReadOnlyList<(string Variable, NodeId Adjoint)> Adjoints { get; }

        /// <summary>The variables the adjoint code reads (to recompute e's intermediates): their values must be restored.</summary>
        public IEnumerable<string> ReadsInReverse()
        {
            var nodes = Derivation.Graph.Nodes;
            var seen = new HashSet<NodeId>();
            var stack = new Stack<NodeId>(Adjoints.Select(a => a.Adjoint));
            while (stack.Count > 0)
            {
                NodeId id = stack.Pop();
                if (!seen.Add(id)) continue;
                if (nodes[id.Index].Op == Op.Param && nodes[id.Index].Name != SeedName) yield return nodes[id.Index].Name;
                foreach (NodeId arg in nodes[id.Index].Args) stack.Push(arg);
            }
        }

        public const string SeedName = "seed";

        /// <summary>The tangent of e along the tangents of the active variables it reads (named by <paramref name="tangentOf"/>).</summary>
        public static (MethodModel Model, Derivation Derivation) Tangent(MethodModel method, ExpressionModel value, ISet<string> active,
            IReadOnlyDictionary<string, string> tangentOf, IEnumerable<string> reserved)
        {
            var leaves = value.Nodes.Where(n => n.Op == Op.Param).Select(n => (n.Name, n.Kind)).Distinct().ToList();
            var directions = leaves.Where(l => active.Contains(l.Name)).Select(l => (l.Name, tangentOf[l.Name])).ToList();
            var parameters = leaves.Concat(directions.Select(d => (d.Item2, leaves.First(l => l.Name == d.Name).Kind)))
                .Select(l => new ParameterModel(l.Item1, TypeOf(l.Item2), l.Item2)).ToEquatableArray();
            var model = method with
            {
                Parameters = parameters,
                Wrt = EquatableArray<string>.Empty,
                ReturnKind = ValueKind.Scalar,
                Order = 1,
                Nodes = value.Nodes,
                Output = value.Output,
                Locals = EquatableArray<LocalModel>.Empty,
                ReservedNames = method.ReservedNames.Concat(reserved).Distinct().ToEquatableArray(),
                Program = null,
            };
            return (model, Derivation.OfTangent(model, directions));
        }

        /// <param name="method">The user's method (its names, symmetric leaves).</param>
        /// <param name="active">Active variables and differentiated parameters.</param>
        /// <param name="seeded">False for the returned value (its seed is 1), true for an assignment (its seed is v̄).</param>
        /// <param name="differentiate">False where the target is not active: only the forward statement is needed.</param>
        /// <summary>The tangent of each adjoint (second order: HvpF), None where it is zero; empty unless asked for.</summary>
        public IReadOnlyList<NodeId> AdjointTangents => Derivation.AdjointTangents;

        public const string SeedTangentName = "dseed";

        public static StatementDerivation Of(MethodModel method, ExpressionModel value, ISet<string> active, IEnumerable<string> reserved,
            bool seeded, bool differentiate, IReadOnlyDictionary<string, string>? tangentOf = null)
        {
            var graph = new GraphBuilder(value.Nodes);
            var ir = new IrBuilder(graph);
            var leaves = value.Nodes.Where(n => n.Op == Op.Param).Select(n => (n.Name, n.Kind)).Distinct().ToList();
            var wrt = differentiate ? leaves.Where(l => active.Contains(l.Name)).Select(l => l.Name).ToList() : new List<string>();
            NodeId output = value.Output;
            var kind = ir.KindOf(output);
            if (differentiate && seeded)
            {
                NodeId seed = ir.Param(SeedName, kind);
                output = kind == ValueKind.Scalar ? ir.Mul(seed, output) : ir.Inner(seed, output);
                leaves.Add((SeedName, kind));
            }
            var parameters = leaves.Select(l => new ParameterModel(l.Name, TypeOf(l.Kind), l.Kind)).ToEquatableArray();
            var model = method with
            {
                Parameters = parameters,
                Wrt = wrt.ToEquatableArray(),
                ReturnKind = ValueKind.Scalar,
                Order = 1,
                Nodes = graph.ToArray(),
                Output = output,
                Locals = EquatableArray<LocalModel>.Empty,
                ReservedNames = method.ReservedNames.Concat(reserved).Concat(new[] { SeedName }).Distinct().ToEquatableArray(),
                Program = null,
            };
            // Second order: the tangents of the adjoints along the read variables' tangents and the seed's (dseed).
            var directions = tangentOf is null ? null : leaves.Where(l => active.Contains(l.Name) && tangentOf.ContainsKey(l.Name))
                .Select(l => (l.Name, tangentOf[l.Name])).ToList();
            if (directions is not null && differentiate && seeded) directions.Add((SeedName, SeedTangentName));
            if (directions is not null)
            {
                foreach (var (leaf, direction) in directions.ToList())
                {
                    var kind2 = leaves.First(l => l.Name == leaf).Kind;
                    model = model with { Parameters = model.Parameters.Concat(new[] { new ParameterModel(direction, TypeOf(kind2), kind2) })
                        .ToEquatableArray() };
                }
                model = model with { ReservedNames = model.ReservedNames.Concat(new[] { SeedTangentName }).ToEquatableArray() };
            }
            var derivation = directions is null ? Derivation.Of(model) : Derivation.OfAdjointTangents(model, directions);
            var adjoints = wrt.Select((name, i) => (name, derivation.Gradients[i])).ToList();
            return new StatementDerivation(model, derivation, value.Output, adjoints);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Calculus
{
    /// <summary>
    /// The Derive stage: the forward graph of a method extended with its derivative nodes, then frozen (Emit
    /// reads it and adds nothing). Nodes below <see cref="ForwardCount"/> are the objective as written; the rest
    /// are derivative.
    /// </summary>
    public sealed class Derivation
    {
        private Derivation(AlgebraBuilder ir, int forwardCount, NodeId value, NodeId[] gradients,
            IReadOnlyDictionary<NodeId, NodeId> adjointOf)
        {
            AdjointOf = adjointOf;
            Graph = ir.Graph;
            ForwardCount = forwardCount;
            Value = value;
            Gradients = gradients;
        }

        private ShapeInference? _shapes;

        /// <summary>Symbolic shapes of every node, inferred once per file for the emitters that ask (product order).</summary>
        internal ShapeInference Shapes => _shapes ??= ShapeInference.Infer(Graph.Nodes);

        /// <summary>
        /// For a Jacobian (or with Order = 2, the Hessian): J with vec(dF) = J vec(dX) in Kronecker form, for the comment;
        /// null when dF has none.
        /// </summary>
        internal IReadOnlyList<KroneckerTerm>? Kronecker { get; private set; }

        /// <summary>With Order = 2: the direction V of HvpF, and ∇²F[V], the derivative of the gradient along V.</summary>
        public (NodeId Direction, NodeId Product) Hvp { get; private set; } = (NodeId.None, NodeId.None);

        /// <summary>For a matrix- or vector-valued F: the direction parameter dX of JvpF, and dF along it.</summary>
        public (NodeId Direction, NodeId Tangent) Jvp { get; private set; } = (NodeId.None, NodeId.None);

        /// <summary>For a matrix- or vector-valued F: the seed parameter F̄ of VjpF, and G with tr(F̄ᵀ dF) = tr(Gᵀ dX).</summary>
        public (NodeId Seed, NodeId Adjoint) Vjp { get; private set; } = (NodeId.None, NodeId.None);

        public GraphBuilder Graph { get; }

        /// <summary>Adjoint nodes of the reverse pass and the forward node each is the adjoint of: Ȳ is named "Ybar".</summary>
        public IReadOnlyDictionary<NodeId, NodeId> AdjointOf { get; }

        public int ForwardCount { get; }
        public NodeId Value { get; }
        public IReadOnlyList<NodeId> Gradients { get; }

        public static Derivation Of(MethodModel model)
        {
            var ir = Builder(model, out int forwardCount);
            var wrt = model.Wrt.Select(name => ir.Param(name, KindOf(model, name))).ToList();
            if (model.ReturnKind == ValueKind.Scalar)
            {
                var adjointOf = new Dictionary<NodeId, NodeId>();
                var gradients = ReuseInverses.Apply(ir, forwardCount, ReverseMode.Gradient(ir, model.Output, wrt, adjointOf));
                if (model.Order < 2) return Frozen(new Derivation(ir, forwardCount, model.Output, gradients, adjointOf));

                // Second order: forward mode over the reverse-mode gradient, along a direction V.
                NodeId v = ir.Param(FreeName(model, "V"), ir.KindOf(wrt[0]));
                NodeId hvp = ForwardMode.Tangent(ir, gradients[0], new Dictionary<NodeId, NodeId> { [wrt[0]] = v });
                hvp = hvp.IsNone ? ir.Zero(wrt[0]) : hvp;
                return Frozen(new Derivation(ir, forwardCount, model.Output, gradients, adjointOf)
                {
                    Hvp = (v, hvp),
                    Kronecker = KroneckerTerms.Of(ir, v, hvp),
                });
            }

            // A Jacobian: forward mode along a direction dX, reverse mode from a seed F̄.
            NodeId x = wrt[0];
            NodeId direction = ir.Param(FreeName(model, "d" + model.Wrt[0]), ir.KindOf(x));
            NodeId seed = ir.Param(FreeName(model, "Fbar"), model.ReturnKind);
            NodeId tangent = ForwardMode.Tangent(ir, model.Output, new Dictionary<NodeId, NodeId> { [x] = direction });
            var adjoints = new Dictionary<NodeId, NodeId>();
            NodeId adjoint = ReverseMode.Adjoints(ir, model.Output, seed, wrt, adjoints)[0];
            tangent = tangent.IsNone ? ir.Zero(model.Output) : tangent;
            return Frozen(new Derivation(ir, forwardCount, model.Output, new[] { adjoint }, adjoints)
            {
                Jvp = (direction, tangent),
                Vjp = (seed, adjoint),
                Kronecker = KroneckerTerms.Of(ir, direction, tangent),
            });
        }

        /// <summary>
        /// Forward mode alone, along a direction for each named leaf (a body with statements: one statement's tangent, from
        /// the tangents of the variables it reads). <see cref="Jvp"/> holds the tangent (None if it is zero).
        /// </summary>
        public static Derivation OfTangent(MethodModel model, IReadOnlyList<(string Leaf, string Direction)> directions)
        {
            var ir = Builder(model, out int forwardCount);
            var along = Along(ir, model, directions);
            NodeId tangent = ForwardMode.Tangent(ir, model.Output, along);
            var none = new Dictionary<NodeId, NodeId>();
            return Frozen(new Derivation(ir, forwardCount, model.Output, new NodeId[0], none) { Jvp = (NodeId.None, tangent) });
        }

        /// <summary>
        /// Reverse mode, then forward mode over each gradient along the named leaves' directions (a body with statements,
        /// second order: one statement's adjoints and their tangents). <see cref="AdjointTangents"/>[i] is None where zero.
        /// </summary>
        public static Derivation OfAdjointTangents(MethodModel model, IReadOnlyList<(string Leaf, string Direction)> directions)
        {
            var ir = Builder(model, out int forwardCount);
            var wrt = model.Wrt.Select(name => ir.Param(name, KindOf(model, name))).ToList();
            var adjointOf = new Dictionary<NodeId, NodeId>();
            var gradients = ReverseMode.Gradient(ir, model.Output, wrt, adjointOf);
            var along = Along(ir, model, directions);
            var tangents = gradients.Select(g => ForwardMode.Tangent(ir, g, along)).ToArray();
            return Frozen(new Derivation(ir, forwardCount, model.Output, gradients, adjointOf) { AdjointTangents = tangents });
        }

        /// <summary>With <see cref="OfAdjointTangents"/>: the tangent of each gradient node (None: zero).</summary>
        public IReadOnlyList<NodeId> AdjointTangents { get; private set; } = new NodeId[0];

        private static ValueKind KindOf(MethodModel model, string parameter) => model.Parameters.First(p => p.Name == parameter).Kind;

        /// <summary>Each named leaf's node and its direction's, a parameter of the same kind (forward mode's seeds).</summary>
        private static Dictionary<NodeId, NodeId> Along(AlgebraBuilder ir, MethodModel model,
            IReadOnlyList<(string Leaf, string Direction)> directions)
        {
            var along = new Dictionary<NodeId, NodeId>();
            foreach (var (leaf, direction) in directions)
            {
                var kind = KindOf(model, leaf);
                along[ir.Param(leaf, kind)] = ir.Param(direction, kind);
            }
            return along;
        }

        /// <summary>The method's graph under the algebra, its [Symmetric] leaves known; forwardCount: the nodes as written.</summary>
        private static AlgebraBuilder Builder(MethodModel model, out int forwardCount)
        {
            var graph = new GraphBuilder(model.Nodes);
            int count = forwardCount = graph.Nodes.Count;
            var symmetric = new HashSet<NodeId>(Enumerable.Range(0, count).Select(i => new NodeId(i))
                .Where(id => graph[id].Op is Op.Param or Op.Member && model.Symmetric.Contains(graph[id].Name)));
            return new AlgebraBuilder(graph, symmetric, model.CustomRules, model.RuleBodies);
        }

        private static Derivation Frozen(Derivation derivation)
        {
            derivation.Graph.Freeze();
            return derivation;
        }

        /// <summary>A parameter name for generated methods that no name of the user's method already takes.</summary>
        public static string FreeName(MethodModel model, string name)
            => FreshNames.FirstUnderscored(name, model.ReservedNames.Contains);
    }
}

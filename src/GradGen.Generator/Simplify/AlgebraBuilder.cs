using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Simplify
{
    /// <summary>
    /// Builds derivative nodes in a canonical, simplified form while they are made, so the adjoint
    /// rules can stay one-liners: constants fold; <c>I</c>, <c>𝟙</c> and scalar factors drop out of
    /// products; transposes move to the leaves (where the emitter folds them into
    /// TransposeThisAndMultiply/TransposeAndMultiply); sums become linear combinations grouped by
    /// coefficient, and scalar products become monomials (so (2‖Y‖)/‖Y‖ is 2).
    /// Forward nodes it meets are atoms: they are never rewritten.
    /// </summary>
    public sealed partial class AlgebraBuilder : IrBuilder
    {
        private readonly int _forwardCount;

        private readonly HashSet<NodeId> _symmetricLeaves;
        private readonly Dictionary<NodeId, bool> _symmetric = new();
        private readonly Dictionary<NodeId, NodeId> _transposes = new();

        /// <summary>Every node already in <paramref name="graph"/> is a forward node, kept as written.</summary>
        /// <param name="symmetricLeaves">Leaves declared [Symmetric]: Aᵀ = A.</param>
        public AlgebraBuilder(GraphBuilder graph, IEnumerable<NodeId>? symmetricLeaves = null,
            IEnumerable<Model.CustomRuleModel>? customRules = null, IEnumerable<Model.RuleBodyModel>? ruleBodies = null) : base(graph)
        {
            _forwardCount = graph.Nodes.Count;
            _symmetricLeaves = new HashSet<NodeId>(symmetricLeaves ?? Enumerable.Empty<NodeId>());
            foreach (var rule in customRules ?? Enumerable.Empty<Model.CustomRuleModel>()) CustomRules[rule.Function] = rule;
            foreach (var body in ruleBodies ?? Enumerable.Empty<Model.RuleBodyModel>()) RuleBodies[body.Call] = body;
        }

        /// <summary>The custom rules of the functions Op.Call nodes name, by the function's C# text.</summary>
        public Dictionary<string, Model.CustomRuleModel> CustomRules { get; } = new();

        /// <summary>VJP rule bodies lowered in place (Order = 2), by their Op.Call node.</summary>
        public Dictionary<NodeId, Model.RuleBodyModel> RuleBodies { get; } = new();

        /// <summary>
        /// <paramref name="root"/> with the leaf <paramref name="leaf"/> replaced by <paramref name="replacement"/>: the nodes between
        /// are rebuilt where an operand changed (a VJP body's F̄ becomes the adjoint the reverse sweep found).
        /// </summary>
        public NodeId Substitute(NodeId root, NodeId leaf, NodeId replacement)
        {
            var rebuilt = new Dictionary<NodeId, NodeId> { [leaf] = replacement };
            NodeId Rebuild(NodeId id)
            {
                if (id < leaf) return id;   // index order is topological: nothing below the leaf reads it
                if (rebuilt.TryGetValue(id, out NodeId known)) return known;
                var n = this[id];
                var args = n.Args.Select(Rebuild).ToArray();
                return rebuilt[id] = args.SequenceEqual(n.Args) ? id : Graph.Add(n with { Args = new Model.EquatableArray<NodeId>(args) });
            }
            return Rebuild(root);
        }


        /// <summary>A node of the objective as written: an atom to the algebra (the value stays the user's computation).</summary>
        private bool IsForward(NodeId id) => id.Index < _forwardCount && this[id].Op != Op.Const;

        private bool IsConst(NodeId id, out double value)
        {
            var n = this[id];
            value = n.Value;
            return n.Op == Op.Const;
        }

        private bool IsConst(NodeId id, double value) => this[id].IsConst(value);

        /// <summary>The op of a derivative node; forward nodes (but constants) read as atoms.</summary>
        private Op OpOf(NodeId id) => IsForward(id) ? Op.Param : this[id].Op;

        private NodeId Arg(NodeId id, int i) => this[id].Args[i];

        /// <summary>s·x for a scalar s, whether x is a scalar or not.</summary>
        public NodeId Times(NodeId s, NodeId x) => KindOf(x) == ValueKind.Scalar ? Mul(s, x) : Scale(s, x);

        /// <summary>c + x for scalars, x + c𝟙 otherwise.</summary>
        public NodeId PlusConst(double c, NodeId x) => KindOf(x) == ValueKind.Scalar ? Add(Const(c), x) : AddScalar(Const(c), x);

        /// <summary>xᵏ elementwise (a monomial for scalars).</summary>
        public NodeId PowElementwise(NodeId x, double k)
            => KindOf(x) == ValueKind.Scalar ? Pow(x, k) : k == 1 ? x : Map(Elementwise.Pow, x, k);

        /// <summary>The sum of all entries: x itself for a scalar, 𝟙ᵀv, 𝟙ᵀA𝟙.</summary>
        public NodeId SumAll(NodeId x) => KindOf(x) switch
        {
            ValueKind.Scalar => x,
            ValueKind.Vector => Sum(x),
            _ => Sum(ColumnSums(x)),
        };

        public override NodeId AddScalar(NodeId s, NodeId a) => IsConst(s, 0) ? a : base.AddScalar(s, a);

        public override NodeId DivScalar(NodeId a, NodeId s)
            => IsConst(s, out double c) ? Scale(Const(1 / c), a) : Scale(Div(Const(1), s), a);

        public override NodeId Diagonal(NodeId a) => OpOf(a) == Op.DiagMatrix ? Arg(a, 0) : base.Diagonal(a);

        public override NodeId ColumnOf(NodeId m, NodeId j) => OpOf(m) == Op.AsColumn && IsConst(j, 0) ? Arg(m, 0) : base.ColumnOf(m, j);

        public override NodeId RowOf(NodeId m, NodeId i) => OpOf(m) == Op.AsRow && IsConst(i, 0) ? Arg(m, 0) : base.RowOf(m, i);
    }
}

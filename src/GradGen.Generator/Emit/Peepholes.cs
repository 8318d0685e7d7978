using System.Linq;
using System;
using System.Collections.Generic;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Rewrites applied while writing code, not to the IR: the derivation stays the mathematics,
    /// these choose the cheaper MathNet form of it. A transpose folds into the product that reads it
    /// (AᵀB → TransposeThisAndMultiply), a trace of a product nobody else reads is an O(n²) sum
    /// (tr(AᵀB) = ⟨A, B⟩, tr(AB) = Σ AᵢⱼBⱼᵢ) instead of an n³ product, ‖A‖²_F is ⟨A, A⟩, and a sized
    /// constant (𝟙, I, 0 shaped like some node) reads its size where it costs nothing (<see cref="SizeSource"/>).
    /// <see cref="Operands"/> says what the written code actually reads, so that counting uses
    /// and listing O(n³) operations see the same program the emitter writes.
    /// </summary>
    internal sealed class Peepholes
    {
        private readonly IReadOnlyList<Node> _nodes;
        private readonly Func<NodeId, bool> _hasLocal;
        private readonly int[] _readers;   // by node index: how many nodes (or roots) read it

        /// <param name="nodes">The derivation's graph.</param>
        /// <param name="roots">What is computed: a node's readers are counted from these.</param>
        /// <param name="hasLocal">Nodes already held in a local (they are read, never recomputed).</param>
        public Peepholes(IReadOnlyList<Node> nodes, IEnumerable<NodeId> roots, Func<NodeId, bool> hasLocal)
        {
            _nodes = nodes;
            _hasLocal = hasLocal;
            _readers = new int[nodes.Count];
            var seen = new bool[nodes.Count];
            void Visit(NodeId id)
            {
                if (seen[id.Index] || _hasLocal(id)) return;
                seen[id.Index] = true;
                foreach (NodeId operand in PlainOperands(id))
                {
                    _readers[operand.Index]++;
                    Visit(operand);
                }
            }
            foreach (NodeId root in roots)
            {
                _readers[root.Index]++;
                Visit(root);
            }
        }

        /// <summary>The operands as the emitted code reads them.</summary>
        public EquatableArray<NodeId> Operands(NodeId id)
        {
            var operands = FusedOperands(id);
            // A view (S as positive definite) is read as its operand: that operand's readers are the view's.
            for (int i = 0; i < operands.Count; i++)
            {
                if (!IsView(operands[i])) continue;
                var seen = new NodeId[operands.Count];
                for (int k = 0; k < seen.Length; k++) seen[k] = IsView(operands[k]) ? _nodes[operands[k].Index].Args[0] : operands[k];
                return new EquatableArray<NodeId>(seen);
            }
            return operands;
        }

        private bool IsView(NodeId id) => Ir.Operations.Operations.Of(_nodes[id.Index].Op).IsView;

        private EquatableArray<NodeId> FusedOperands(NodeId id)
        {
            if (FusedTrace(id) is { } trace) return Of(trace.Left, trace.Right);
            if (DiagonalScaling(id) is { } scaling) return Of(scaling.Vector, scaling.Matrix);
            if (DiagonalOfProduct(id) is { } product) return Of(product.Left, product.Right);
            if (SquaredNorm(id) is { } of) return Of(of, of);
            return PlainOperands(id);
        }

        /// <summary>What a node reads before fusing reductions: products through folded transposes, sized constants their size
        /// sources.</summary>
        private EquatableArray<NodeId> PlainOperands(NodeId id)
        {
            var n = _nodes[id.Index];
            switch (n.Op)
            {
                // Sized constants read only the sizes they need, from where they are cheapest.
                case Op.Identity or Op.Dimension:
                case Op.Ones or Op.Zero or Op.IndexGrid when n.Kind == ValueKind.Vector:
                    return Of(SizeSource(n.Args[0], n.Axis).Node);
                case Op.Ones or Op.Zero or Op.IndexGrid:
                    return Of(SizeSource(n.Args[0], Axis.Rows).Node, SizeSource(n.Args[0], Axis.Columns).Node);
                case Op.DiagMatrix when n.Arity == 2:
                    return Of(n.Args[0], SizeSource(n.Args[1], Axis.Rows).Node, SizeSource(n.Args[1], Axis.Columns).Node);
                case Op.PlaceColumn or Op.PlaceRow:
                    return Of(n.Args[0], n.Args[1], SizeSource(n.Args[2], Axis.Rows).Node, SizeSource(n.Args[2], Axis.Columns).Node);
                case Op.PlaceElement:
                    NodeId like = n.Args[n.Arity - 1];
                    var indices = n.Args.Take(n.Arity - 1);
                    var sizes = _nodes[like.Index].Kind == ValueKind.Vector ? new[] { SizeSource(like, Axis.Rows).Node }
                        : new[] { SizeSource(like, Axis.Rows).Node, SizeSource(like, Axis.Columns).Node };
                    return new EquatableArray<NodeId>(indices.Concat(sizes).ToArray());
            }
            return FoldedOperands(id);
        }

        /// <summary>
        /// Where a size is read: the rows of A B are the rows of A, the columns of Xᵀ the rows of X, a sum
        /// has its operands' shape, … down to a node whose RowCount (or ColumnCount, or Count for a vector)
        /// is at hand. So a sized constant (𝟙, I, 0 shaped like A X B) never recomputes a product for its size.
        /// </summary>
        public (NodeId Node, Axis Axis) SizeSource(NodeId node, Axis axis)
        {
            // Each operation says where its sizes come from (Ir/Operations: SizeFrom); follow that down to a node that has them.
            while (Ir.Operations.Operations.Of(_nodes[node.Index].Op).SizeFrom(_nodes, _nodes[node.Index], axis) is { } from)
            {
                (node, axis) = from;
            }
            return (node, axis);
        }

        /// <summary>tr(P) of a matrix product P = op(A)·op(B) read only by this trace: the operands of P, and P's folded form.</summary>
        public (NodeId Left, NodeId Right, string Method)? FusedTrace(NodeId id)
        {
            var n = _nodes[id.Index];
            if (n.Op != Op.Trace) return null;
            NodeId p = n.Args[0];
            return IsMatrixProduct(p) && ReadOnce(p) ? FoldedProduct(_nodes, p) : null;
        }

        /// <summary>
        /// Diag(v) B or A Diag(v): a scaling of rows or columns, O(n²), reading v, never the diagonal matrix (which is formed
        /// only if something else reads it), so the O(n³) list can leave every such product out.
        /// </summary>
        public (NodeId Vector, NodeId Matrix, bool Rows)? DiagonalScaling(NodeId id)
        {
            var n = _nodes[id.Index];
            if (n.Op != Op.MatMul || n.Kind != ValueKind.Matrix) return null;
            bool IsDiag(NodeId d) => _nodes[d.Index] is { Op: Op.DiagMatrix, Arity: 1 };
            bool IsMatrix(NodeId m) => _nodes[m.Index].Kind == ValueKind.Matrix;
            if (IsDiag(n.Args[0]) && IsMatrix(n.Args[1])) return (_nodes[n.Args[0].Index].Args[0], n.Args[1], true);
            if (IsDiag(n.Args[1]) && IsMatrix(n.Args[0])) return (_nodes[n.Args[1].Index].Args[0], n.Args[0], false);
            return null;
        }

        /// <summary>diag(A B) whose product nobody else reads: n dot products, O(n²); the method names the transposes folded.</summary>
        public (NodeId Left, NodeId Right, string Method)? DiagonalOfProduct(NodeId id)
        {
            var n = _nodes[id.Index];
            if (n.Op != Op.Diagonal || !IsMatrixProduct(n.Args[0]) || !ReadOnce(n.Args[0])) return null;
            var (left, right, method) = FoldedProduct(_nodes, n.Args[0]);
            return (left, right, "DiagonalOf" + (method.Length > 0 ? method : "Product"));
        }

        /// <summary>‖A‖² (Math.Pow(‖A‖, 2)) whose norm nobody else reads: A, whose squared norm is ⟨A, A⟩.</summary>
        public NodeId? SquaredNorm(NodeId id)
        {
            var n = _nodes[id.Index];
            if (n.Op != Op.Pow || !n.Value.Equals(2.0)) return null;
            NodeId norm = n.Args[0];
            return _nodes[norm.Index].Op == Op.FrobeniusNorm && ReadOnce(norm) ? _nodes[norm.Index].Args[0] : null;
        }

        /// <summary>AᵀB → A.TransposeThisAndMultiply(B); ABᵀ → A.TransposeAndMultiply(B); else A * B.</summary>
        public static (NodeId Left, NodeId Right, string Method) FoldedProduct(IReadOnlyList<Node> nodes, NodeId id)
        {
            var n = nodes[id.Index];
            NodeId a = n.Args[0], b = n.Args[1];
            bool matrices = nodes[a.Index].Kind == ValueKind.Matrix && nodes[b.Index].Kind == ValueKind.Matrix;
            // Aᵀv → A.TransposeThisAndMultiply(v) too: MathNet has it for vectors, and it never forms Aᵀ.
            bool leftFoldable = nodes[a.Index].Kind == ValueKind.Matrix && (matrices || nodes[b.Index].Kind == ValueKind.Vector);
            if (leftFoldable && nodes[a.Index].Op == Op.Transpose && nodes[b.Index].Op != Op.Transpose)
            {
                return (nodes[a.Index].Args[0], b, "TransposeThisAndMultiply");
            }
            if (matrices && nodes[b.Index].Op == Op.Transpose && nodes[a.Index].Op != Op.Transpose)
            {
                return (a, nodes[b.Index].Args[0], "TransposeAndMultiply");
            }
            return (a, b, "");
        }

        private EquatableArray<NodeId> FoldedOperands(NodeId id)
        {
            if (_nodes[id.Index].Op != Op.MatMul) return _nodes[id.Index].Args;
            var fold = FoldedProduct(_nodes, id);
            return Of(fold.Left, fold.Right);
        }

        private static EquatableArray<NodeId> Of(params NodeId[] ids) => new(ids);

        private bool IsMatrixProduct(NodeId id)
            => _nodes[id.Index] is { Op: Op.MatMul, Kind: ValueKind.Matrix } p && _nodes[p.Args[0].Index].Kind == ValueKind.Matrix
                && _nodes[p.Args[1].Index].Kind == ValueKind.Matrix;

        private bool ReadOnce(NodeId id) => !_hasLocal(id) && _readers[id.Index] == 1;
    }
}

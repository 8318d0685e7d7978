using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;

namespace GradGen.Generator.Simplify
{
    /// <summary>Transposes pushed to the leaves or dropped for symmetric matrices, and traces as inner products.</summary>
    public sealed partial class AlgebraBuilder
    {
        /// <summary>
        /// Is the node a symmetric matrix by construction? [Symmetric] leaves, I, and what preserves
        /// symmetry: sums, scalings, Hadamard products and elementwise maps of symmetric matrices,
        /// inverses, congruences P S Pᵀ and Gram products P Pᵀ, PᵀP.
        /// </summary>
        public bool IsSymmetric(NodeId id)
        {
            if (_symmetric.TryGetValue(id, out bool known)) return known;
            var n = this[id];
            bool result = n.Kind == ValueKind.Matrix && Operations.Of(n.Op).IsSymmetric(this, id, n);
            _symmetric[id] = result;
            return result;
        }

        /// <summary>A leaf declared [Symmetric].</summary>
        internal bool IsSymmetricLeaf(NodeId id) => _symmetricLeaves.Contains(id);

        public override NodeId Transpose(NodeId a)
        {
            if (_transposes.TryGetValue(a, out NodeId known)) return known;
            NodeId result = TransposeCore(a);
            _transposes[a] = result;
            return result;
        }

        private NodeId TransposeCore(NodeId a)
        {
            var n = this[a];
            if (IsSymmetric(a)) return a;
            // A vector read as a row or a column is a view, rewritten even where it was written in the objective: (vᵀ)ᵀ is v.
            switch (IsForward(a) && n.Op is not (Op.Transpose or Op.AsRow or Op.AsColumn) ? Op.Param : n.Op)
            {
                case Op.Transpose: return n.Args[0];
                case Op.AsRow: return AsColumn(n.Args[0]);
                case Op.AsColumn: return AsRow(n.Args[0]);
                case Op.Identity: return a;
                case Op.Scale: return Scale(n.Args[0], Transpose(n.Args[1]));
                case Op.Neg: return Neg(Transpose(n.Args[0]));
                case Op.Add: return Add(Transpose(n.Args[0]), Transpose(n.Args[1]));
                case Op.Sub: return Sub(Transpose(n.Args[0]), Transpose(n.Args[1]));
                // (AB)ᵀ = BᵀAᵀ only where that removes a transpose: (PᵀQ)ᵀ = QᵀP, but (PQ)ᵀ stays.
                case Op.MatMul when n.Kind == ValueKind.Matrix && KindOf(n.Args[0]) == ValueKind.Matrix
                                    && (this[n.Args[0]].Op == Op.Transpose || this[n.Args[1]].Op == Op.Transpose):
                    return MatMul(Transpose(n.Args[1]), Transpose(n.Args[0]));
                case Op.Hadamard: return Hadamard(Transpose(n.Args[0]), Transpose(n.Args[1]));
                case Op.Outer: return Outer(n.Args[1], n.Args[0]);
            }
            // MathNet vectors have no orientation, and a scalar is its own transpose.
            return n.Kind != ValueKind.Matrix ? a : Make(Op.Transpose, n.Kind, a);
        }

        public override NodeId Trace(NodeId a)
        {
            var n = this[a];
            if (IsForward(a)) return base.Trace(a);
            // tr(PᵀQ) = tr(PQᵀ) = ⟨P, Q⟩: an O(n²) inner product, never a matrix product.
            if (n.Op == Op.MatMul && OpOf(n.Args[0]) == Op.Transpose) return Inner(Arg(n.Args[0], 0), n.Args[1]);
            if (n.Op == Op.MatMul && OpOf(n.Args[1]) == Op.Transpose) return Inner(n.Args[0], Arg(n.Args[1], 0));
            return base.Trace(a);
        }
    }
}

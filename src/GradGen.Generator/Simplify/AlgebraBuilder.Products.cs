using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Simplify
{
    /// <summary>Matrix products: scalar factors pulled out, identities and ones dropped, chains reusing computed pairs, solves.</summary>
    public sealed partial class AlgebraBuilder
    {

        public override NodeId Scale(NodeId s, NodeId a)
        {
            if (IsConst(s, 1)) return a;
            if (IsConst(s, out _)) return Combine(new[] { (this[s].Value, a) });
            if (OpOf(a) == Op.Zero) return a;
            if (OpOf(a) == Op.Scale) return Scale(Mul(s, Arg(a, 0)), Arg(a, 1));
            if (OpOf(a) == Op.Neg) return Scale(Neg(s), Arg(a, 0));
            if (OpOf(s) == Op.Neg) return Neg(Scale(Arg(s, 0), a));
            return Make(Op.Scale, KindOf(a), s, a);
        }

        /// <summary>Splits c·x into its scalar factor and the rest, so products can pull factors out.</summary>
        private (NodeId Factor, NodeId Body) Unscale(NodeId x)
        {
            switch (OpOf(x))
            {
                case Op.Scale: return (Arg(x, 0), Arg(x, 1));
                case Op.Neg: var (f, r) = Unscale(Arg(x, 0)); return (Neg(f), r);
                default: return (Const(1), x);
            }
        }

        private NodeId WithFactors(NodeId f1, NodeId f2, NodeId body) => Scale(Mul(f1, f2), body);

        public override NodeId MatMul(NodeId a, NodeId b)
        {
            var (fa, ra) = Unscale(a);
            var (fb, rb) = Unscale(b);
            if (!IsConst(fa, 1) || !IsConst(fb, 1)) return WithFactors(fa, fb, MatMul(ra, rb));
            if (OpOf(a) == Op.Identity) return b;
            if (OpOf(b) == Op.Identity) return a;
            if (KindOf(b) == ValueKind.Vector && KindOf(a) == ValueKind.Vector) return Inner(a, b);
            // AᵀBᵀ = (BA)ᵀ: one transpose instead of two, and BA may already be computed.
            if (this[a].Op == Op.Transpose && this[b].Op == Op.Transpose && KindOf(b) == ValueKind.Matrix)
            {
                return Make(Op.Transpose, ValueKind.Matrix, MatMul(this[b].Args[0], this[a].Args[0]));
            }
            return Chain(a, b);
        }

        /// <summary>
        /// A product chain in a canonical association that reuses what is already computed: the chain is
        /// flattened (through derivative products only), adjacent pairs whose product already exists are
        /// contracted, oldest first (forward intermediates before derivative ones), and the rest is
        /// associated from the left. So Y X B and Yᵀ(X B) share the forward X B when Yᵀ = Y.
        /// </summary>
        private NodeId Chain(NodeId a, NodeId b)
        {
            var factors = new List<NodeId>();
            void Flatten(NodeId x)
            {
                var n = this[x];
                if (!IsForward(x) && n.Op == Op.MatMul && n.Kind == ValueKind.Matrix) { Flatten(n.Args[0]); Flatten(n.Args[1]); }
                else factors.Add(x);
            }
            Flatten(a);
            Flatten(b);
            while (factors.Count > 2)
            {
                int best = -1;
                var bestId = new NodeId(int.MaxValue);
                for (int i = 0; i + 1 < factors.Count; i++)
                {
                    var pair = Node.Of(Op.MatMul, KindOf(factors[i + 1]), factors[i], factors[i + 1]);
                    if (Graph.TryFind(pair, out NodeId existing) && existing < bestId) (best, bestId) = (i, existing);
                }
                if (best < 0) break;
                factors[best] = bestId;
                factors.RemoveAt(best + 1);
            }
            // A chain ending in a vector goes right to left: matrix-vector products only, never M M.
            if (KindOf(factors[factors.Count - 1]) == ValueKind.Vector)
            {
                NodeId right = factors[factors.Count - 1];
                for (int i = factors.Count - 2; i >= 0; i--) right = Make(Op.MatMul, ValueKind.Vector, factors[i], right);
                return right;
            }
            NodeId acc = factors[0];
            for (int i = 1; i < factors.Count; i++) acc = Make(Op.MatMul, KindOf(factors[i]), acc, factors[i]);
            return acc;
        }

        /// <summary>Whether x is B^∘−1 (an entrywise reciprocal of a derivative's B), and B.</summary>
        private bool IsReciprocal(NodeId x, out NodeId of)
        {
            of = NodeId.None;
            if (IsForward(x) || this[x] is not { Op: Op.Map, Function: Elementwise.Pow, Value: -1.0 } n) return false;
            of = n.Args[0];
            return true;
        }

        public override NodeId Hadamard(NodeId a, NodeId b)
        {
            if (KindOf(a) == ValueKind.Scalar) return Mul(a, b);
            var (fa, ra) = Unscale(a);
            var (fb, rb) = Unscale(b);
            if (!IsConst(fa, 1) || !IsConst(fb, 1)) return WithFactors(fa, fb, Hadamard(ra, rb));
            if (OpOf(a) == Op.Ones) return b;
            if (OpOf(b) == Op.Ones) return a;
            // A ∘ B^∘−1 is A ⊘ B: one pass, no reciprocal matrix (log′ and the quotient rule produce it).
            if (IsReciprocal(b, out NodeId db) && !IsReciprocal(a, out _)) return Make(Op.PointwiseDivide, KindOf(a), a, db);
            if (IsReciprocal(a, out NodeId da) && !IsReciprocal(b, out _)) return Make(Op.PointwiseDivide, KindOf(a), b, da);
            return b < a ? Make(Op.Hadamard, KindOf(a), b, a) : Make(Op.Hadamard, KindOf(a), a, b);
        }

        public override NodeId Outer(NodeId u, NodeId v)
        {
            var (fu, ru) = Unscale(u);
            var (fv, rv) = Unscale(v);
            if (!IsConst(fu, 1) || !IsConst(fv, 1)) return WithFactors(fu, fv, Outer(ru, rv));
            // 𝟙 𝟙ᵀ as long as a matrix's rows and columns is the all-ones matrix of that shape.
            if (OpOf(u) == Op.Ones && OpOf(v) == Op.Ones && LengthOf(u) is ({ } m, Axis.Rows) && LengthOf(v) == (m, Axis.Columns))
            {
                return Ones(m, Axis.Like);
            }
            return Make(Op.Outer, ValueKind.Matrix, u, v);
        }

        /// <summary>Which matrix dimension a ones vector is as long as: (M, Rows) or (M, Columns), if known.</summary>
        private (NodeId? Matrix, Axis Axis) LengthOf(NodeId ones)
        {
            var n = this[ones];
            NodeId source = n.Args[0];
            if (n.Axis != Axis.Like) return (source, n.Axis);
            return this[source].Op switch
            {
                Op.ColumnSums => (Arg(source, 0), Axis.Columns),
                Op.RowSums => (Arg(source, 0), Axis.Rows),
                _ => (null, Axis.Like),
            };
        }

        public override NodeId Inner(NodeId a, NodeId b)
        {
            if (KindOf(a) == ValueKind.Scalar) return Mul(a, b);
            var (fa, ra) = Unscale(a);
            var (fb, rb) = Unscale(b);
            if (!IsConst(fa, 1) || !IsConst(fb, 1)) return Mul(Mul(fa, fb), Inner(ra, rb));
            return b < a ? Make(Op.Inner, ValueKind.Scalar, b, a) : Make(Op.Inner, ValueKind.Scalar, a, b);
        }

        public override NodeId Solve(NodeId a, NodeId b)
        {
            var (f, body) = Unscale(b);
            return IsConst(f, 1) ? base.Solve(a, b) : Scale(f, Solve(a, body));
        }
    }
}

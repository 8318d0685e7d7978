using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Simplify
{
    /// <summary>Sums as linear combinations Σ cᵢ tᵢ, grouped by coefficient.</summary>
    public sealed partial class AlgebraBuilder
    {

        public override NodeId Add(NodeId a, NodeId b) => Combine(new[] { (1.0, a), (1.0, b) });

        public override NodeId Sub(NodeId a, NodeId b) => Combine(new[] { (1.0, a), (-1.0, b) });

        public override NodeId Neg(NodeId a) => Combine(new[] { (-1.0, a) });

        private readonly Dictionary<NodeId, (List<(double Coef, NodeId Term)> Parts, double Constant)> _linearParts = new();

        /// <summary>
        /// A node as Σ cᵢ tᵢ + constant over terms that are no sums, flattened once per node (memoised: a sum
        /// shared by many later sums is walked once, which keeps the simplifier linear in the graph).
        /// </summary>
        private (List<(double Coef, NodeId Term)> Parts, double Constant) LinearParts(NodeId t)
        {
            if (_linearParts.TryGetValue(t, out var known)) return known;
            var parts = new List<(double Coef, NodeId Term)>();
            double constant = 0;
            void Add(double c, NodeId u)
            {
                var (inner, k) = LinearParts(u);
                constant += c * k;
                foreach (var (ci, term) in inner) parts.Add((c * ci, term));
            }
            switch (OpOf(t))
            {
                case Op.Add: Add(1, Arg(t, 0)); Add(1, Arg(t, 1)); break;
                case Op.Sub: Add(1, Arg(t, 0)); Add(-1, Arg(t, 1)); break;
                case Op.Neg: Add(-1, Arg(t, 0)); break;
                case Op.Zero: break;
                // A product with a zero factor is no term: tr(AᵀX) − tr(AᵀX) gives X the adjoint A·0, never an O(n³) product.
                case Op.MatMul or Op.Hadamard or Op.Outer or Op.Kronecker
                    when OpOf(Arg(t, 0)) == Op.Zero || OpOf(Arg(t, 1)) == Op.Zero:
                    break;
                case Op.Const: constant = this[t].Value; break;
                case Op.Scale when IsConst(Arg(t, 0), out double s): Add(s, Arg(t, 1)); break;
                case Op.Mul when IsConst(Arg(t, 0), out double s): Add(s, Arg(t, 1)); break;
                default: parts.Add((1, t)); break;
            }
            var result = (parts, constant);
            _linearParts[t] = result;
            return result;
        }

        public override NodeId SumOf(IReadOnlyList<NodeId> terms, NodeId shapeOf)
            => terms.Count == 0 ? Zero(shapeOf) : Combine(terms.Select(t => (1.0, t)).ToArray());

        /// <summary>Σ cᵢ tᵢ: merges equal terms, then groups terms of equal |c| under one factor.</summary>
        private NodeId Combine(IEnumerable<(double Coef, NodeId Term)> input)
        {
            var terms = new List<(double Coef, NodeId Term)>();
            var position = new Dictionary<NodeId, int>();
            double constant = 0;
            void Collect(double c, NodeId t)
            {
                var (parts, offset) = LinearParts(t);
                constant += c * offset;
                foreach (var (k, term) in parts)
                {
                    if (position.TryGetValue(term, out int i)) terms[i] = (terms[i].Coef + c * k, term);
                    else
                    {
                        position[term] = terms.Count;
                        terms.Add((c * k, term));
                    }
                }
            }
            var list = input.ToList();
            foreach (var (c, t) in list) Collect(c, t);
            terms.RemoveAll(x => x.Coef == 0);

            NodeId shape = list[0].Term;
            if (terms.Count == 0) return KindOf(shape) == ValueKind.Scalar ? Const(constant) : Zero(shape);

            // Group by |coefficient|, largest first, keeping first-seen order inside a group.
            var groups = terms
                .GroupBy(x => Math.Abs(x.Coef))
                .OrderByDescending(g => g.Key)
                .Select(g => (Factor: g.First().Coef,
                    Terms: g.Select(x => (Sign: Math.Sign(x.Coef) == Math.Sign(g.First().Coef) ? 1 : -1, x.Term)).ToList()))
                .ToList();

            NodeId result = NodeId.None;
            foreach (var (factor, members) in groups)
            {
                // Inside a group: t₁ ± t₂ ± ... ; then the group is factor·(...).
                NodeId inner = members[0].Sign > 0 ? members[0].Term : Make(Op.Neg, KindOf(members[0].Term), members[0].Term);
                for (int i = 1; i < members.Count; i++)
                {
                    inner = Make(members[i].Sign > 0 ? Op.Add : Op.Sub, KindOf(inner), inner, members[i].Term);
                }
                double magnitude = Math.Abs(factor);
                NodeId scaled = magnitude == 1 ? inner : Times(magnitude, inner);
                if (result.IsNone && factor < 0 && magnitude != 1) result = Times(factor, inner);
                else if (result.IsNone) result = factor < 0 ? Make(Op.Neg, KindOf(scaled), scaled) : scaled;
                else result = Make(factor < 0 ? Op.Sub : Op.Add, KindOf(result), result, scaled);
            }
            if (constant != 0)
            {
                result = constant > 0
                    ? Make(Op.Add, ValueKind.Scalar, result, Const(constant))
                    : Make(Op.Sub, ValueKind.Scalar, result, Const(-constant));
            }
            return result;
        }

        /// <summary>c·t; c·(s·A) as (c s)·A, so that the scalars meet in one monomial (2·((λ / 2)·w) is λ·w).</summary>
        private NodeId Times(double c, NodeId t)
        {
            if (KindOf(t) == ValueKind.Scalar) return Make(Op.Mul, ValueKind.Scalar, Const(c), t);
            if (OpOf(t) == Op.Scale && !IsConst(Arg(t, 0), out _)) return Scale(Mul(Const(c), Arg(t, 0)), Arg(t, 1));
            return Make(Op.Scale, KindOf(t), Const(c), t);
        }
    }
}

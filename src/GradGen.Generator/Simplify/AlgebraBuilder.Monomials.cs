using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Simplify
{
    /// <summary>Scalar products and quotients as monomials c·Π xᵢ^kᵢ.</summary>
    public sealed partial class AlgebraBuilder
    {

        public override NodeId Mul(NodeId a, NodeId b) => Monomial(new[] { (a, 1.0), (b, 1.0) });

        public override NodeId Div(NodeId a, NodeId b) => Monomial(new[] { (a, 1.0), (b, -1.0) });

        public override NodeId Pow(NodeId a, double k) => Monomial(new[] { (a, k) });

        private NodeId Monomial(IEnumerable<(NodeId Factor, double Exponent)> input)
        {
            double coef = 1;
            var powers = new List<(NodeId Factor, double Exponent)>();
            var reciprocals = new List<(NodeId Node, NodeId Of, double Exponent)>();
            void Collect(NodeId f, double k)
            {
                var n = this[f];
                // A forward value is read as computed (an atom), except a scalar scaled by a literal (lambda / 2): its
                // coefficient joins this one's, so 2 (lambda / 2) is lambda, as a reader would cancel it.
                switch (IsForward(f) && !IsScaledByLiteral(n) ? Op.Param : n.Op)
                {
                    case Op.Const: coef *= Math.Pow(n.Value, k); return;
                    case Op.Mul: Collect(n.Args[0], k); Collect(n.Args[1], k); return;
                    case Op.Div: Collect(n.Args[0], k); Collect(n.Args[1], -k); return;
                    case Op.Neg when k == Math.Round(k): coef *= Math.Pow(-1, k); Collect(n.Args[0], k); return;
                    case Op.Pow: Collect(n.Args[0], k * n.Value); return;
                    case Op.ReciprocalOrZero: reciprocals.Add((f, n.Args[0], k)); return;
                }
                int i = powers.FindIndex(x => x.Factor == f);
                if (i >= 0) powers[i] = (f, powers[i].Exponent + k);
                else powers.Add((f, k));
            }
            foreach (var (f, k) in input) Collect(f, k);
            // (1/x, 0 at x = 0)ᵏ cancels against xᵉ like x⁻ᵏ: it comes only from ‖A‖'s rules, where what it multiplies vanishes
            // with A, so x·(1/x) = 1 holds wherever the product is read; without an x to cancel it stays a factor.
            foreach (var (node, of, k) in reciprocals)
            {
                int i = powers.FindIndex(x => x.Factor == of && x.Exponent > 0);
                double left = k;
                if (i >= 0)
                {
                    double cancelled = Math.Min(powers[i].Exponent, k);
                    powers[i] = (of, powers[i].Exponent - cancelled);
                    left -= cancelled;
                }
                if (left == 0) continue;
                int j = powers.FindIndex(x => x.Factor == node);
                if (j >= 0) powers[j] = (node, powers[j].Exponent + left);
                else powers.Add((node, left));
            }
            powers.RemoveAll(x => x.Exponent == 0);
            if (coef == 0 || powers.Count == 0) return Const(coef);

            NodeId Product(IEnumerable<(NodeId Factor, double Exponent)> ps)
            {
                NodeId acc = NodeId.None;
                foreach (var (f, k) in ps)
                {
                    NodeId p = k == 1 ? f : Graph.Add(new Node(Op.Pow, ValueKind.Scalar, new Model.EquatableArray<NodeId>(new[] { f }),
                        Value: k));
                    acc = acc.IsNone ? p : Make(Op.Mul, ValueKind.Scalar, acc, p);
                }
                return acc;
            }
            var ordered = powers.OrderBy(x => x.Factor).ToList();
            var numerator = ordered.Where(x => x.Exponent > 0).ToList();
            var denominator = ordered.Where(x => x.Exponent < 0).Select(x => (x.Factor, -x.Exponent)).ToList();
            double magnitude = Math.Abs(coef);
            NodeId top = numerator.Count == 0 ? Const(magnitude) : Product(numerator);
            if (numerator.Count > 0 && magnitude != 1) top = Make(Op.Mul, ValueKind.Scalar, Const(magnitude), top);
            if (denominator.Count > 0) top = Make(Op.Div, ValueKind.Scalar, top, Product(denominator));
            return coef < 0 ? Make(Op.Neg, ValueKind.Scalar, top) : top;
        }

        /// <summary>c·s, s·c or s / c of a scalar s and a literal c.</summary>
        private bool IsScaledByLiteral(Node n) => n.Kind == ValueKind.Scalar && n.Op is Op.Mul or Op.Div
            && (this[n.Args[0]].Op == Op.Const || this[n.Args[1]].Op == Op.Const);
    }
}

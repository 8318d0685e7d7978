using NotSupportedException = System.NotSupportedException;
using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>σ(A) entry by entry (exp, log, tanh, …, the functions of <see cref="Elementwise"/>) and scalar powers aᵏ.</summary>
    internal static class Pointwise
    {
        public static Operation[] All => new[] { Pow, Map, PowerOf, ReciprocalOrZero };

        /// <summary>aᵏ for a scalar a and constant k (Value).</summary>
        public static readonly Operation Pow = new(Op.Pow)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.Mul(Slope(r), r.DA)),            // d(aᵏ) = k aᵏ⁻¹ da
            Adjoint = static r => new[] { r.Ir.Mul(r.Bar, Slope(r)) },
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) =>
            {
                if (t.Nodes[n.Args[0].Index].Op == Op.FrobeniusNorm && !t.IsNamed(n.Args[0]) && n.Value == 2)
                {
                    NodeId normed = t.Nodes[n.Args[0].Index].Args[0];
                    return ($"‖{t.Text(normed)}‖²{(t.Nodes[normed.Index].Kind == ValueKind.Vector ? "" : "_F")}", Notation.Atom);
                }
                return ($"{t.Arg(n, 0)}{Notation.Superscript(n.Value)}", Notation.Atom);
            },
            Emit = static (w, id, n) => ($"{Math}.Pow({w.Text(n.Args[0])}, {Literal(n.Value)})", Primary),
        };

        /// <summary>σ(A) elementwise, σ in Function; Value is the exponent of Pow.</summary>
        public static readonly Operation Map = new(Op.Map)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => IsPiecewiseConstant(r.Node.Function) ? NodeId.None
                : r.If(r.DA, () => r.Ir.Hadamard(Derivative(r), r.DA)),                      // dσ(A) = σ′(A) ∘ dA
            Adjoint = static r => new[]
            {
                IsPiecewiseConstant(r.Node.Function) ? NodeId.None : r.Ir.Hadamard(r.Bar, Derivative(r)),    // (seed 001)
            },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) =>
            {
                string x = t.Text(n.Args[0]);
                bool scalar = n.Kind == ValueKind.Scalar;
                return n.Function switch
                {
                    Elementwise.Pow => scalar
                        ? ($"{t.Arg(n, 0)}{Notation.Superscript(n.Value)}", Notation.Atom)
                        : ($"{t.Arg(n, 0)}^∘{Notation.Number(n.Value)}", Notation.Atom),
                    Elementwise.Relu => ($"max({x}, 0)", Notation.Atom),
                    Elementwise.Step => ($"𝟙[{Comparison(t, n.Args[0])}]", Notation.Atom),
                    _ => ($"{n.Function?.Symbol()}({x})", Notation.Atom),
                };
            },
            Emit = static (w, id, n) => MapCall(w, n),
            IsSymmetric = Linear.FirstSymmetric,
        };

        /// <summary>
        /// a^p (Math.Pow) or A^∘p (PointwisePower) with an exponent p that is a value, not a constant: d(a^p) = p a^(p−1) da +
        /// a^p log a dp; the second term only where p is differentiated (it needs a &gt; 0, as the real power itself does).
        /// Lowered from Math.Pow and PointwisePower by KnownMembers and Lowerer.LowerPow, where a constant p is Pow or Map.
        /// </summary>
        public static readonly Operation PowerOf = new(Op.PowerOf)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.Sum(r.If(r.DA, () => Entrywise(r.Ir, PowerSlope(r), r.DA)),
                r.If(r.DB, () => r.Ir.Times(r.DB, LogTerm(r)))),
            Adjoint = static r => new[]
            {
                Entrywise(r.Ir, r.Bar, PowerSlope(r)),
                r.Ir.KindOf(r.A) == ValueKind.Scalar ? r.Ir.Mul(r.Bar, LogTerm(r)) : r.Ir.Inner(r.Bar, LogTerm(r)),
            },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => (t.Nodes[n.Args[0].Index].Kind == ValueKind.Scalar
                ? $"{t.Arg(n, 0)}^{t.Arg(n, 1)}" : $"{t.Arg(n, 0)}^∘{t.Arg(n, 1)}", Notation.Atom),
            Emit = static (w, id, n) => (w.Nodes[n.Args[0].Index].Kind == ValueKind.Scalar
                ? $"{Math}.Pow({w.Text(n.Args[0])}, {w.Text(n.Args[1])})" : $"{w.Arg(n, 0)}.PointwisePower({w.Text(n.Args[1])})", Primary),
        };

        /// <summary>1/x with 0 at x = 0: only derivative graphs hold it (the norm's rules).</summary>
        public static readonly Operation ReciprocalOrZero = new(Op.ReciprocalOrZero)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.Neg(r.Ir.Mul(r.DA, r.Ir.Mul(r.Id, r.Id)))),   // d(1/x) = −dx/x²
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) => ($"1 / {t.Arg(n, 0, Notation.Unary)}", Notation.Product),
            Emit = static (w, id, n) => ($"{Runtime}.ReciprocalOrZero({w.Text(n.Args[0])})", Primary),
        };

        /// <summary>What a step compares: 𝟙[a > b] for a − b, 𝟙[A > 1] for A + (−1)𝟙, else 𝟙[x > 0].</summary>
        private static string Comparison(Notation t, NodeId x)
        {
            var d = t.Nodes[x.Index];
            if (!t.IsNamed(x) && d.Op == Op.Sub) return $"{t.Wrap(d.Args[0], Notation.Sum)} > {t.Wrap(d.Args[1], Notation.Sum)}";
            if (!t.IsNamed(x) && d.Op == Op.AddScalar && t.ConstantOf(d.Args[0]) is double c)
            {
                return $"{t.Wrap(d.Args[1], Notation.Sum)} > {Notation.Number(-c)}";
            }
            return $"{t.Text(x)} > 0";
        }

        /// <summary>p a^(p−1), entry by entry.</summary>
        private static NodeId PowerSlope(Rule r) => r.Ir.Times(r.B, r.Ir.PowerOf(r.A, r.Ir.Sub(r.B, r.Ir.Const(1))));

        /// <summary>a^p log a, entry by entry (C ∘ log A).</summary>
        private static NodeId LogTerm(Rule r) => Entrywise(r.Ir, r.Id, r.Ir.Map(Elementwise.Log, r.A));

        private static NodeId Entrywise(Simplify.AlgebraBuilder ir, NodeId x, NodeId y)
            => ir.KindOf(x) == ValueKind.Scalar && ir.KindOf(y) == ValueKind.Scalar ? ir.Mul(x, y) : ir.Hadamard(x, y);

        private static NodeId Slope(Rule r) => r.Ir.Mul(r.Ir.Const(r.Node.Value), r.Ir.Pow(r.A, r.Node.Value - 1));

        /// <summary>
        /// sign and step (the masks of abs′, relu′ and of conditionals in lambdas): constant where differentiable, so their
        /// differential is 0 (−1, no term), and second derivatives through ReLU or a lifted conditional exist.
        /// </summary>
        private static bool IsPiecewiseConstant(Elementwise? function) => function is Elementwise.Sign or Elementwise.Step;

        /// <summary>σ′(A), written with the result C = σ(A) where that is cheaper (exp′ = C, tanh′ = 1 − C∘C).</summary>
        private static NodeId Derivative(Rule r)
        {
            var ir = r.Ir;
            return r.Node.Function switch
            {
                Elementwise.Exp => r.Id,
                Elementwise.Log => ir.PowElementwise(r.A, -1),
                Elementwise.Tanh => ir.PlusConst(1, ir.Neg(ir.Hadamard(r.Id, r.Id))),
                Elementwise.Sin => ir.Map(Elementwise.Cos, r.A),
                Elementwise.Cos => ir.Neg(ir.Map(Elementwise.Sin, r.A)),
                Elementwise.Sqrt => ir.Times(ir.Const(0.5), ir.PowElementwise(r.Id, -1)),
                Elementwise.Abs => ir.Map(Elementwise.Sign, r.A),
                Elementwise.Pow => ir.Times(ir.Const(r.Node.Value), ir.PowElementwise(r.A, r.Node.Value - 1)),
                Elementwise.Relu => ir.Map(Elementwise.Step, r.A),
                Elementwise.Tan => ir.PlusConst(1, ir.Hadamard(r.Id, r.Id)),
                Elementwise.Atan => ir.PowElementwise(ir.PlusConst(1, ir.Hadamard(r.A, r.A)), -1),
                Elementwise.Asin => ir.PowElementwise(ir.PlusConst(1, ir.Neg(ir.Hadamard(r.A, r.A))), -0.5),
                Elementwise.Acos => ir.Neg(ir.PowElementwise(ir.PlusConst(1, ir.Neg(ir.Hadamard(r.A, r.A))), -0.5)),
                Elementwise.Sinh => ir.Map(Elementwise.Cosh, r.A),
                Elementwise.Cosh => ir.Map(Elementwise.Sinh, r.A),
                Elementwise.Log10 => ir.Times(ir.Const(1 / System.Math.Log(10)), ir.PowElementwise(r.A, -1)),
                Elementwise.Cbrt => ir.Times(ir.Const(1.0 / 3), ir.PowElementwise(r.Id, -2)),   // cbrt′ = 1 / (3 C²), ∞ at 0
                _ => throw new NotSupportedException($"No derivative for the elementwise function {r.Node.Function}"),
            };
        }

        /// <summary>σ(A) as MathNet's Pointwise* for matrices and vectors, System.Math for scalars.</summary>
        private static (string, int) MapCall(BodyWriter w, Node n)
        {
            if (n.Kind == ValueKind.Scalar)
            {
                string s = w.Text(n.Args[0]);
                return n.Function switch
                {
                    Elementwise.Sign => ($"(double){Math}.Sign({s})", Unary),
                    Elementwise.Relu => ($"{Math}.Max({s}, 0.0)", Primary),
                    Elementwise.Step => ($"({s} > 0.0 ? 1.0 : 0.0)", Primary),
                    Elementwise.Pow => ($"{Math}.Pow({s}, {Literal(n.Value)})", Primary),
                    _ => ($"{Math}.{n.Function}({s})", Primary),
                };
            }
            string x = w.Arg(n, 0);
            return n.Function switch
            {
                Elementwise.Relu => ($"{x}.PointwiseMaximum(0.0)", Primary),
                Elementwise.Step => ($"{x}.Map(v => v > 0.0 ? 1.0 : 0.0)", Primary),
                Elementwise.Cbrt => ($"{x}.Map({Math}.Cbrt)", Primary),   // MathNet has no PointwiseCbrt
                Elementwise.Pow => ($"{Runtime}.Power({w.Text(n.Args[0])}, {Literal(n.Value)})", Primary),
                // The runtime's SIMD maps (TensorPrimitives) where it has one; MathNet's scalar loop for the rest.
                Elementwise.Exp or Elementwise.Log or Elementwise.Tanh or Elementwise.Sqrt
                    => ($"{Runtime}.{n.Function}({w.Text(n.Args[0])})", Primary),
                _ => ($"{x}.Pointwise{n.Function}()", Primary),
            };
        }
    }
}

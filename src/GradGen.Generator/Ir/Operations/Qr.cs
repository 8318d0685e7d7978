using GradGen.Generator.Emit;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// What a QR factorisation gives that GradGen differentiates: the least-squares solution A⁺B of A.QR().Solve(B), for
    /// A m×n with m ≥ n and full column rank (for a square A, A⁻¹B), whose value is MathNet's QR solve, as written, and whose
    /// derivatives solve with AᵀA (symmetric positive definite under that rank assumption); and the thin factors Q and R
    /// themselves, with JAX's qr JVP and its transpose (PyTorch's linalg_qr_backward): with X = Qᵀ dA R⁻¹ and
    /// Ω = Φ(X) − Φ(X)ᵀ (skew, Φ the lower triangle with the diagonal halved), dQ = Q Ω + dA R⁻¹ − Q X and dR = (X − Ω) R;
    /// Ā = (Q̄ + Q N) R⁻ᵀ with M = R̄ Rᵀ − Qᵀ Q̄ and N = Φ(Mᵀ) + Φ(Mᵀ)ᵀ (M's upper triangle, mirrored).
    /// No sign convention is assumed: MathNet's R may have negative diagonal entries.
    /// </summary>
    internal static class Qr
    {
        public static Operation[] All => new[] { LeastSquares, Q, R, Square, GramSchmidtQ, GramSchmidtR };

        /// <summary>X = A⁺B, lowered from A.QR().Solve(B) (Lowerer.Factorisations.cs).</summary>
        public static readonly Operation LeastSquares = new(Op.LeastSquares)
        {
            // With R = B − A X (the residual) and G = AᵀA: dX = G⁻¹(dAᵀ R − Aᵀ dA X + Aᵀ dB).
            Tangent = static r =>
            {
                var ir = r.Ir;
                var at = ir.Transpose(r.A);
                NodeId residual = ir.Sub(r.B, ir.MatMul(r.A, r.Id));
                NodeId change = r.Sum(
                    r.If(r.DA, () => ir.Sub(ir.MatMul(ir.Transpose(r.DA), residual), ir.MatMul(at, ir.MatMul(r.DA, r.Id)))),
                    r.If(r.DB, () => ir.MatMul(at, r.DB)));
                return change.IsNone ? NodeId.None : ir.Solve(ir.MatMul(at, r.A), change);
            },
            // Z = G⁻¹X̄: B̄ = A Z, Ā = R Zᵀ − A Z Xᵀ.
            Adjoint = static r =>
            {
                var ir = r.Ir;
                NodeId z = ir.Solve(ir.MatMul(ir.Transpose(r.A), r.A), r.Bar);
                NodeId bbar = ir.MatMul(r.A, z);
                NodeId residual = ir.Sub(r.B, ir.MatMul(r.A, r.Id));
                bool vector = ir.KindOf(r.B) == ValueKind.Vector;
                NodeId abar = vector ? ir.Sub(ir.Outer(residual, z), ir.Outer(bbar, r.Id))
                    : ir.Sub(ir.MatMul(residual, ir.Transpose(z)), ir.MatMul(bbar, ir.Transpose(r.Id)));
                return new[] { abar, bbar };
            },
            Shape = static (s, n) => new(
                n.Kind == ValueKind.Vector ? (s.Columns(n.Args[0]), null) : (s.Columns(n.Args[0]), s.Columns(n.Args[1])),
                s.Equal(s.Rows(n.Args[0]), s.Rows(n.Args[1]), "rows of the least-squares matrix and of the right-hand side")),
            Notation = static (t, n) => ($"{t.Arg(n, 0)}⁺ {t.Arg(n, 1, Notation.Product)}", Notation.Product),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.QR().Solve({w.Text(n.Args[1])})", MathNetSyntax.Primary),
            IsCubic = Operation.Cubic,
        };

        /// <summary>Q of A = Q R (m × n, orthonormal columns), A m × n with m ≥ n and full column rank.</summary>
        public static readonly Operation Q = FactorQ(Op.QrQ, static (ir, a) => ir.QrR(a), "QrDecomposition", FactorKind.Qr);

        /// <summary>R of A = Q R (n × n, upper triangular).</summary>
        public static readonly Operation R = FactorR(Op.QrR, static (ir, a) => ir.QrQ(a), "QrDecomposition", FactorKind.Qr);

        /// <summary>
        /// Q of A.GramSchmidt(): the same thin factorisation by modified Gram–Schmidt (R's diagonal positive), so the same
        /// rules, with its own R: Householder's Q and R may differ from it in the signs of columns.
        /// </summary>
        public static readonly Operation GramSchmidtQ = FactorQ(Op.GramSchmidtQ, static (ir, a) => ir.GramSchmidtR(a),
            "GramSchmidtDecomposition", FactorKind.GramSchmidt);

        /// <summary>R of A.GramSchmidt().</summary>
        public static readonly Operation GramSchmidtR = FactorR(Op.GramSchmidtR, static (ir, a) => ir.GramSchmidtQ(a),
            "GramSchmidtDecomposition", FactorKind.GramSchmidt);

        /// <summary>Q's descriptor, <paramref name="rOf"/> its factorisation's R (the rules read both factors).</summary>
        private static Operation FactorQ(Op op, System.Func<Simplify.AlgebraBuilder, NodeId, NodeId> rOf, string function,
            FactorKind kind) => new(op)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                var (y, x) = Differentials(r, r.Id, rOf(ir, r.A));
                return ir.Add(ir.MatMul(r.Id, Skew(ir, x)), ir.Sub(y, ir.MatMul(r.Id, x)));
            }),
            Adjoint = r => new[] { Back(r.Ir, r.Id, rOf(r.Ir, r.A), r.Bar, r.Ir.Neg(r.Ir.MatMul(r.Ir.Transpose(r.Id), r.Bar))) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => ($"Q({t.Text(n.Args[0])})", Notation.Atom),
            Emit = (w, id, n) => ($"{MathNetSyntax.Runtime}.{function}({w.Text(n.Args[0])}).Q()", MathNetSyntax.Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, qr, n) => ($"{qr}.Q()", MathNetSyntax.Primary), Operation.NotCubic, kind),
        };

        /// <summary>R's descriptor, <paramref name="qOf"/> its factorisation's Q.</summary>
        private static Operation FactorR(Op op, System.Func<Simplify.AlgebraBuilder, NodeId, NodeId> qOf, string function,
            FactorKind kind) => new(op)
        {
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Columns),
            Tangent = r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                var (_, x) = Differentials(r, qOf(ir, r.A), r.Id);
                return ir.MatMul(ir.Sub(x, Skew(ir, x)), r.Id);
            }),
            Adjoint = r => new[] { Back(r.Ir, qOf(r.Ir, r.A), r.Id, null, r.Ir.MatMul(r.Bar, r.Ir.Transpose(r.Id))) },
            Shape = static (s, n) => new((s.Columns(n.Args[0]), s.Columns(n.Args[0]))),
            Notation = static (t, n) => ($"R({t.Text(n.Args[0])})", Notation.Atom),
            Emit = (w, id, n) => ($"{MathNetSyntax.Runtime}.{function}({w.Text(n.Args[0])}).R()", MathNetSyntax.Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, qr, n) => ($"{qr}.R()", MathNetSyntax.Primary), Operation.NotCubic, kind),
        };

        /// <summary>
        /// A, square: what A.QR()'s full Q and R factor (MathNet's default method), equal to the thin ones only for a square
        /// A. Its value is A's, checked square at run time; shape inference makes its rows its columns.
        /// </summary>
        public static readonly Operation Square = new(Op.Square)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.DA,
            Adjoint = static r => new[] { r.Bar },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the matrix whose full QR is read (A.QR(QRMethod.Thin) takes a tall one)")),
            Notation = static (t, n) => t.Same(n.Args[0]),
            Emit = static (w, id, n) => ($"{MathNetSyntax.Runtime}.RequireSquareForFullQr({w.Text(n.Args[0])})", MathNetSyntax.Primary),
        };

        /// <summary>dA R⁻¹ and X = Qᵀ dA R⁻¹ (R⁻¹ as a solve with Rᵀ: (R⁻ᵀ dAᵀ)ᵀ).</summary>
        private static (NodeId Y, NodeId X) Differentials(Rule r, NodeId q, NodeId rr)
        {
            var ir = r.Ir;
            NodeId y = ir.Transpose(ir.Solve(ir.Transpose(rr), ir.Transpose(r.DA)));
            return (y, ir.MatMul(ir.Transpose(q), y));
        }

        /// <summary>Ω = Φ(X) − Φ(X)ᵀ: the strictly lower triangle of X minus its transpose.</summary>
        private static NodeId Skew(Simplify.AlgebraBuilder ir, NodeId x)
        {
            NodeId lower = ir.LowerHalf(x);
            return ir.Sub(lower, ir.Transpose(lower));
        }

        /// <summary>Ā = (Q̄ + Q N) R⁻ᵀ, N = Φ(Mᵀ) + Φ(Mᵀ)ᵀ; Q̄ absent (null) for R's rule.</summary>
        private static NodeId Back(Simplify.AlgebraBuilder ir, NodeId q, NodeId rr, NodeId? qbar, NodeId m)
        {
            NodeId half = ir.LowerHalf(ir.Transpose(m));
            NodeId z = ir.MatMul(q, ir.Add(half, ir.Transpose(half)));
            if (qbar is { } bar) z = ir.Add(bar, z);
            return ir.Transpose(ir.Solve(rr, ir.Transpose(z)));
        }
    }
}

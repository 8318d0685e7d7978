using GradGen.Generator.Emit;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// What a QR factorisation gives that GradGen differentiates: the least-squares solution A⁺B of A.QR().Solve(B), for
    /// A m×n with m ≥ n and full column rank (for a square A, A⁻¹B). The value is MathNet's QR solve, as written; the
    /// derivatives solve with AᵀA (symmetric positive definite under that rank assumption).
    /// </summary>
    internal static class Qr
    {
        public static Operation[] All => new[] { LeastSquares };

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
    }
}

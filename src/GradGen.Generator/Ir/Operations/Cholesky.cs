using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// What S.Cholesky() gives. The factorisation itself is a fact about S (<see cref="PositiveDefinite"/>): its
    /// Determinant, DeterminantLn and Solve are the LU family's |S|, log|S| and S⁻¹B (Lu.cs) on that fact, so their
    /// rules are those of Lu.cs, and every factorisation a method takes of S (value and derivatives) is one S = L Lᵀ.
    /// Its Factor is L, with the rules of Murray (2016) as PyTorch and JAX write them. The rules treat S as symmetric,
    /// as JAX and PyTorch do: a gradient with respect to S is the symmetric one, exact along symmetric perturbations
    /// (MathNet reads only S's lower triangle).
    /// </summary>
    internal static class Cholesky
    {
        public static Operation[] All => new[] { PositiveDefinite, Factor, LowerHalf };

        /// <summary>S, known symmetric positive definite because the user's code factors it with S.Cholesky().</summary>
        public static readonly Operation PositiveDefinite = new(Op.PositiveDefinite)
        {
            IsView = true,
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.DA,
            Adjoint = static r => new[] { r.Bar },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the matrix S.Cholesky() factors")),
            Notation = static (t, n) => t.Same(n.Args[0]),
            Emit = static (w, id, n) => w.Expr(n.Args[0]),
            IsSymmetric = static (_, _, _) => true,
        };

        /// <summary>L of S = L Lᵀ: lower triangular, with a positive diagonal.</summary>
        public static readonly Operation Factor = new(Op.CholeskyFactor)
        {
            SizeFrom = Operation.LikeFirst,
            // dL = L Φ(L⁻¹ dS L⁻ᵀ), dS taken symmetric: ½(M + Mᵀ) with M = L⁻¹ dS L⁻ᵀ = L⁻¹ (L⁻¹ dSᵀ)ᵀ.
            Tangent = static r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                NodeId m = ir.Solve(r.Id, ir.Transpose(ir.Solve(r.Id, ir.Transpose(r.DA))));
                return ir.MatMul(r.Id, ir.LowerHalf(ir.Scale(ir.Const(0.5), ir.Add(m, ir.Transpose(m)))));
            }),
            // S̄ = ½(G + Gᵀ) with G = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹ = L⁻ᵀ (L⁻ᵀ Φ(Lᵀ L̄)ᵀ)ᵀ.
            Adjoint = static r =>
            {
                var ir = r.Ir;
                NodeId lt = ir.Transpose(r.Id);
                NodeId p = ir.LowerHalf(ir.MatMul(lt, r.Bar));
                NodeId g = ir.Solve(lt, ir.Transpose(ir.Solve(lt, ir.Transpose(p))));
                return new[] { ir.Scale(ir.Const(0.5), ir.Add(g, ir.Transpose(g))) };
            },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => ($"chol({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.CholeskyFactor({w.Text(n.Args[0])})", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, factors, n) => ($"{factors}.Factor()", Primary), Operation.NotCubic),
        };

        /// <summary>Φ(A), the lower triangle with the diagonal halved: linear and self-adjoint, so both rules are Φ again.</summary>
        public static readonly Operation LowerHalf = new(Op.LowerHalf)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA, () => r.Ir.LowerHalf(r.DA)),
            Adjoint = static r => new[] { r.Ir.LowerHalf(r.Bar) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of Φ's operand")),
            Notation = static (t, n) => ($"Φ({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.LowerHalf({w.Text(n.Args[0])})", Primary),
        };
    }
}

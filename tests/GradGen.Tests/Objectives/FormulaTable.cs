using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Objectives
{
    /// <summary>
    /// The gradient formulas of seeds 001 and 003 (and the standard ones they use), each written as
    /// the scalar function a user would mark [Differentiable]. The closed forms are in FormulaTableTests.
    /// </summary>
    public static partial class FormulaTable
    {
        // seed 003: ∇_A tr(AB) = Bᵀ
        [Differentiable] public static double TrAB(Matrix<double> A, Matrix<double> B) => (A * B).Trace();

        // seed 003: ∇_A tr(ABAᵀC) = CAB + CᵀABᵀ
        [Differentiable] public static double TrABAtC(Matrix<double> A, Matrix<double> B, Matrix<double> C) => (A * B * A.Transpose() * C).Trace();

        // seed 003: ∇_A |A| = |A| A⁻ᵀ (seed 000 rule 6: d|X| = tr(X^# dX))
        [Differentiable] public static double Det(Matrix<double> A) => A.Determinant();

        // seed 003: ∇_A tr(AᵀB) = B
        [Differentiable] public static double TrAtB(Matrix<double> A, Matrix<double> B) => (A.Transpose() * B).Trace();

        // seed 003: ∇_A tr(AᵀBA) = (B + Bᵀ)A
        [Differentiable] public static double TrAtBA(Matrix<double> A, Matrix<double> B) => (A.Transpose() * B * A).Trace();

        // seed 003: ∇_A tr(ABAᵀ) = A(B + Bᵀ)
        [Differentiable] public static double TrABAt(Matrix<double> A, Matrix<double> B) => (A * B * A.Transpose()).Trace();

        // seed 001: ∂βᵀx/∂x = β
        [Differentiable] public static double BetaTx(Vector<double> x, Vector<double> beta) => beta.DotProduct(x);

        // seed 001 / 003: ∂xᵀx/∂x = 2x
        [Differentiable] public static double XtX(Vector<double> x) => x * x;

        // seed 001 / 003: ∂xᵀAx/∂x = (A + Aᵀ)x
        [Differentiable] public static double XtAX(Vector<double> x, Matrix<double> A) => x * (A * x);

        // seed 003: ∂(XU − V)ᵀ(XU − V)/∂X = 2(XU − V)Uᵀ
        [Differentiable] public static double LeastSquares(Matrix<double> X, Vector<double> U, Vector<double> V)
        {
            var r = X * U - V;
            return r.DotProduct(r);
        }

        // seed 003: ∂UᵀXV/∂X = UVᵀ
        [Differentiable] public static double UtXV(Matrix<double> X, Vector<double> U, Vector<double> V) => U * (X * V);

        // seed 003: ∂UᵀXᵀXU/∂X = 2XUUᵀ
        [Differentiable] public static double UtXtXU(Matrix<double> X, Vector<double> U) => Math.Pow((X * U).L2Norm(), 2);

        // seed 001 example Y = AXB: ∇_X f = Aᵀ (∂f/∂Y) Bᵀ, with f = ‖Y‖²_F: 2Aᵀ(AXB)Bᵀ
        [Differentiable] public static double NormAXB(Matrix<double> X, Matrix<double> A, Matrix<double> B) => Math.Pow((A * X * B).FrobeniusNorm(), 2);

        // ∇_X log|X| = X⁻ᵀ
        [Differentiable] public static double LogDet(Matrix<double> X) => Math.Log(X.Determinant());

        // seed 000 rule 5: dX⁻¹ = −X⁻¹ dX X⁻¹, so ∇_X tr(X⁻¹) = −(X⁻²)ᵀ
        [Differentiable] public static double TrInverse(Matrix<double> X) => X.Inverse().Trace();

        // ∇_x ‖Ax − b‖² = 2Aᵀ(Ax − b)
        [Differentiable] public static double ResidualNorm(Vector<double> x, Matrix<double> A, Vector<double> b) => Math.Pow((A * x - b).L2Norm(), 2);

        // ∇_X aᵀXb = abᵀ
        [Differentiable] public static double AtXb(Matrix<double> X, Vector<double> a, Vector<double> b) => a.DotProduct(X * b);

        // ∇_x xᵀA⁻¹x = (A⁻¹ + A⁻ᵀ)x, through an LU solve
        [Differentiable] public static double XtAinvX(Vector<double> x, Matrix<double> A) => x.DotProduct(A.Solve(x));

        // ∇_A xᵀA⁻¹x = −A⁻ᵀ x xᵀ A⁻ᵀ
        [Differentiable(nameof(A))] public static double XtAinvXwrtA(Vector<double> x, Matrix<double> A) => x.DotProduct(A.Solve(x));

        // seed 001: dσ(X) = σ′(X) ∘ dX, so ∇_X Σ A ∘ exp(X) = A ∘ exp(X)
        [Differentiable] public static double SumAExp(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X.PointwiseExp()).ColumnSums().Sum();

        // seed 001 trace trick 5: tr(Aᵀ(B ∘ C)) = Σ A∘B∘C, so ∇_C = A ∘ B
        [Differentiable(nameof(C))] public static double TrAtBC(Matrix<double> A, Matrix<double> B, Matrix<double> C) => (A.Transpose() * B.PointwiseMultiply(C)).Trace();

        // ∇_X tr(XᵀAX) = (A + Aᵀ)X
        [Differentiable] public static double TrXtAX(Matrix<double> X, Matrix<double> A) => X.TransposeThisAndMultiply(A * X).Trace();

        // ∇_A tr(A ⊗ B) = tr(B) I
        [Differentiable] public static double TrKron(Matrix<double> A, Matrix<double> B) => A.KroneckerProduct(B).Trace();
    }
}

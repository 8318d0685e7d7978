using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Objectives
{
    /// <summary>Second-order objectives, [Differentiable(Order = 2)]: closed-form Hessians from the issue and seed 003.</summary>
    public static partial class HessianObjectives
    {
        // H = I ⊗ (A + Aᵀ)
        [Differentiable(Order = 2)] public static double TrXtAX(Matrix<double> X, Matrix<double> A) => (X.Transpose() * A * X).Trace();

        // H = A + Aᵀ (seed 003: ∂²xᵀAx/∂x∂xᵀ = A + Aᵀ)
        [Differentiable(Order = 2)] public static double XtAX(Vector<double> x, Matrix<double> A) => x * (A * x);

        // H = 2 (BBᵀ) ⊗ (AᵀA)
        [Differentiable(Order = 2)] public static double LeastSquares(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> C) => Math.Pow((A * X * B - C).FrobeniusNorm(), 2);

        // HVP(V) = −X⁻ᵀ Vᵀ X⁻ᵀ
        [Differentiable(Order = 2)] public static double LogDet(Matrix<double> X) => Math.Log(X.Determinant());

        // The CVPR 2021 objective
        [Differentiable(Order = 2)]
        public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }

        // Nonlinear elementwise and scalar pieces
        [Differentiable(Order = 2)] public static double Smooth(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X.PointwiseTanh()).ColumnSums().Sum() + Math.Exp(0.1 * X.Trace()) + Math.Sqrt(1 + Math.Pow(X.FrobeniusNorm(), 2));

        // A scalar parameter: f(s) = s³ tr(A) + sin(s)
        [Differentiable(Order = 2)] public static double Scalar(double s, Matrix<double> A) => Math.Pow(s, 3) * A.Trace() + Math.Sin(s);

        // A scalar shift of a fixed matrix: f(s) = ‖A + s‖²_F, f″(s) = 2mn (the tangent of A + s𝟙 where only s varies)
        [Differentiable(Order = 2)] public static double Shifted(double s, Matrix<double> A) => Math.Pow((A + s).FrobeniusNorm(), 2);
    }
}

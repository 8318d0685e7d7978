using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Objectives
{
    /// <summary>
    /// The CVPR 2021 objective g(X) = ‖A − XBXᵀ‖²_F − tr(X_uᵀX), spelled the ways a user might.
    /// Every spelling must give the same gradient, −2(YXBᵀ + YᵀXB) − X_u with Y = A − XBXᵀ.
    /// </summary>
    public static partial class CvprObjectives
    {
        [Differentiable]
        public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }

        [Differentiable]
        public static double GExpressionBody(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
            => Math.Pow((A - X * B * X.Transpose()).FrobeniusNorm(), 2) - Xu.TransposeThisAndMultiply(X).Trace();

        [Differentiable]
        public static double GHadamardSum(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Y.PointwiseMultiply(Y).ColumnSums().Sum() - Xu.TransposeThisAndMultiply(X).Trace();
        }

        [Differentiable]
        public static double GNormTimesNorm(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A.Subtract(X.Multiply(B).TransposeAndMultiply(X));
            var norm = Y.FrobeniusNorm();
            return norm * norm - X.TransposeThisAndMultiply(Xu).Trace();
        }

        [Differentiable]
        public static double GRowSums(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var P = X * B;
            var Y = A + -(P * X.Transpose());
            return Y.PointwiseMultiply(Y).RowSums().Sum() - 1.0 * (X.Transpose() * Xu).Trace();
        }

        /// <summary>The seed's hand derivation, for comparison: ∇g = −2(YXBᵀ + YᵀXB) − X_u.</summary>
        public static Matrix<double> SeedGradient(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return -2 * (Y * X * B.Transpose() + Y.Transpose() * X * B) - Xu;
        }
    }

    /// <summary>The instance form: X is the only parameter; A, B and X_u are read from fields and properties.</summary>
    public partial class CvprProblem
    {
        private readonly Matrix<double> A;

        public CvprProblem(Matrix<double> a, Matrix<double> b, Matrix<double> xu)
        {
            A = a;
            B = b;
            Xu = xu;
        }

        public Matrix<double> B { get; }

        public Matrix<double> Xu { get; }

        [Differentiable]
        public double G(Matrix<double> X)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (this.Xu.Transpose() * X).Trace();
        }
    }
}

using System;
using GradGen;
using GradGen.Runtime;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    public static partial class Objectives
    {
        /// <summary>CVPR 2021: g(X) = ‖A − XBXᵀ‖²_F − tr(X_uᵀX).</summary>
        [Differentiable]
        public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }

        /// <summary>The seed's formula ∇g = −2(YXBᵀ + YᵀXB) − X_u, Y = A − XBXᵀ, typed in as it reads (X B is formed twice: six products).</summary>
        public static Matrix<double> SeedFormulaGradient(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return -2 * (Y * X * B.Transpose() + Y.Transpose() * X * B) - Xu;
        }

        /// <summary>The seed's hand derivation, written as a careful MathNet user would: ∇g = −2(YXBᵀ + YᵀXB) − X_u, X B shared (five products).</summary>
        public static Matrix<double> HandGradient(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var XB = X * B;
            var Y = A - XB * X.Transpose();
            return -2 * (Y * X * B.Transpose() + Y.Transpose() * XB) - Xu;
        }

        /// <summary>
        /// The careful hand version on GradGen's product kernel (what the generated code calls): the same five
        /// products, each through MatrixFunctions, transposes folded. It separates what emission saves from what the kernel does.
        /// </summary>
        public static Matrix<double> HandGradientOnKernel(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var XB = MatrixFunctions.Multiply(X, B);
            var Y = A - MatrixFunctions.TransposeAndMultiply(XB, X);
            var XBt = MatrixFunctions.TransposeAndMultiply(X, B);
            return -2 * (MatrixFunctions.Multiply(Y, XBt) + MatrixFunctions.TransposeThisAndMultiply(Y, XB)) - Xu;
        }

        /// <summary>Gaussian negative log-likelihood: inverse/log-det through LU.</summary>
        [Differentiable]
        public static double Nll(Matrix<double> S, Vector<double> x) => 0.5 * Math.Log(S.Determinant()) + 0.5 * x.DotProduct(S.Solve(x));

        /// <summary>The CVPR objective with A and B declared symmetric: ∇g = −4 Y X B − X_u.</summary>
        [Differentiable]
        public static double GSymmetric(Matrix<double> X, [Symmetric] Matrix<double> A, [Symmetric] Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }

        /// <summary>The CVPR objective again, with second order generated.</summary>
        [Differentiable(Order = 2)]
        public static double G2(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }

        /// <summary>A chain written left to right, (A X) v: the generated code orders it by the actual sizes (A (X v)).</summary>
        [Differentiable]
        public static double ChainEndingInVector(Matrix<double> X, Matrix<double> A, Vector<double> v) => Math.Tanh((A * X * v).Sum());

        /// <summary>Seed 001's example F = A exp∘(XB).</summary>
        [Differentiable]
        public static Matrix<double> Layer(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A * (X * B).PointwiseExp();
    }
}

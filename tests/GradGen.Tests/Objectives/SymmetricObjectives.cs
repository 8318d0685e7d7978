using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Objectives
{
    /// <summary>The CVPR objective with A and B declared [Symmetric]: then ∇g = −4 Y X B − X_u, 3 matrix products.</summary>
    public static partial class SymmetricObjectives
    {
        [Differentiable]
        public static double G(Matrix<double> X, [Symmetric] Matrix<double> A, [Symmetric] Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }
    }

    /// <summary>The instance form with a [Symmetric] field and property.</summary>
    public partial class SymmetricProblem
    {
        [Symmetric] private readonly Matrix<double> A;

        public SymmetricProblem(Matrix<double> a, Matrix<double> b) { A = a; B = b; }

        [Symmetric] public Matrix<double> B { get; }

        [Differentiable]
        public double G(Matrix<double> X) => Math.Pow((A - X * B * X.Transpose()).FrobeniusNorm(), 2);
    }
}

using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>
    /// The quadratic-constraint objective of "Deep Graph Matching under Quadratic Constraint"
    /// (CVPR 2021): g(X) = ‖A − XBXᵀ‖²_F − tr(X_uᵀX). GradGen generates GradG and ValueAndGradG.
    /// </summary>
    public static partial class Objective
    {
        [Differentiable]
        public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }

        /// <summary>
        /// The same g for symmetric A and B (undirected graphs): GradGen then derives
        /// ∇g = −4 Y X B − X_u, three matrix products instead of five.
        /// </summary>
        [Differentiable]
        public static double GSymmetric(Matrix<double> X, [Symmetric] Matrix<double> A, [Symmetric] Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }
    }
}

using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching.Learning
{
    /// <summary>
    /// The training loss of the learned unary term, written as plain MathNet code with a loop; GradGen
    /// generates <c>GradLoss</c> and <c>ValueAndGradLoss</c> with respect to W through every Sinkhorn step.
    /// </summary>
    public static partial class SinkhornLoss
    {
        /// <summary>
        /// L(W) = −Σᵢ log S[i, π(i)] + λ‖A − S B Sᵀ‖²_F with S = Sinkhorn_T(exp((F₁ W F₂ᵀ − shift 𝟙ᵀ) / τ)):
        /// the unary matching X_u of CVPR 2021, its negative log-likelihood at the true matching
        /// <paramref name="truth"/> (a 0/1 matrix; rows of padding nodes are zero), and the quadratic constraint.
        /// </summary>
        /// <param name="shift">Any vector: Sinkhorn's result does not depend on it, since its first step rescales each row. Callers
        /// pass the row maxima of F₁WF₂ᵀ, so that exp can neither overflow nor give a row of zeros.</param>
        [Differentiable]
        public static double Loss(
            Matrix<double> W, Matrix<double> F1, Matrix<double> F2, Matrix<double> truth,
            Matrix<double> A, Matrix<double> B, double lambda, Vector<double> shift, double temperature, int iterations)
        {
            var ones = Vector<double>.Build.Dense(F2.RowCount, 1.0);
            var S = ((F1 * W * F2.Transpose() - shift.OuterProduct(ones)) / temperature).PointwiseExp();
            for (int t = 0; t < iterations; t++)
            {
                S = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / S.RowSums()) * S;
                S = S * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / S.ColumnSums());
            }
            var logLikelihood = truth.PointwiseMultiply((S + 1e-300).PointwiseLog()).RowSums().Sum();
            return lambda * Math.Pow((A - S * B * S.Transpose()).FrobeniusNorm(), 2) - logLikelihood;
        }

        /// <summary>X_u itself: the same Sinkhorn layer, run forward only.</summary>
        public static Matrix<double> Unary(Matrix<double> W, Matrix<double> F1, Matrix<double> F2, double temperature, int iterations)
        {
            var scores = F1 * W * F2.Transpose();
            var S = ((scores - RowMaxima(scores).OuterProduct(Vector<double>.Build.Dense(F2.RowCount, 1.0))) / temperature).PointwiseExp();
            for (int t = 0; t < iterations; t++)
            {
                S = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / S.RowSums()) * S;
                S = S * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / S.ColumnSums());
            }
            return S;
        }

        /// <summary>The largest entry of each row: the shift that keeps exp in range.</summary>
        public static Vector<double> RowMaxima(Matrix<double> m) => Vector<double>.Build.Dense(m.RowCount, i => m.Row(i).Maximum());
    }
}

using System;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    // What rests on a Cholesky factorisation S = L Lᵀ, where the user's code factored S with S.Cholesky().
    public static partial class MatrixFunctions
    {
        /// <summary>S = L Lᵀ, for several solves, inverses and determinants of S (see <see cref="CholeskyFactors"/>).</summary>
        /// <exception cref="ArgumentException">S is not square, or not positive definite (MathNet's Cholesky fails).</exception>
        public static CholeskyFactors FactorCholesky(Matrix<double> s)
        {
            if (s.RowCount != s.ColumnCount)
            {
                throw new ArgumentException($"A Cholesky factorisation needs a square S, got {s.RowCount}×{s.ColumnCount}.", nameof(s));
            }
            try
            {
                return new CholeskyFactors(s.Cholesky());
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"S.Cholesky(): the {s.RowCount}×{s.ColumnCount} matrix S is not positive definite "
                    + $"({e.Message.TrimEnd('.')}).", nameof(s), e);
            }
        }

        /// <summary>L of S = L Lᵀ.</summary>
        public static Matrix<double> CholeskyFactor(Matrix<double> s) => FactorCholesky(s).Factor();

        /// <summary>S⁻¹b through S = L Lᵀ.</summary>
        public static Vector<double> CholeskySolve(Matrix<double> s, Vector<double> b) => FactorCholesky(s).Solve(b);

        /// <summary>S⁻¹B through S = L Lᵀ.</summary>
        public static Matrix<double> CholeskySolve(Matrix<double> s, Matrix<double> b) => FactorCholesky(s).Solve(b);

        /// <summary>S⁻¹ through S = L Lᵀ.</summary>
        public static Matrix<double> CholeskyInverse(Matrix<double> s) => FactorCholesky(s).Inverse();

        /// <summary>|S| through S = L Lᵀ.</summary>
        public static double CholeskyDeterminant(Matrix<double> s) => FactorCholesky(s).Determinant();

        /// <summary>log|S| through S = L Lᵀ.</summary>
        public static double CholeskyLogDeterminant(Matrix<double> s) => FactorCholesky(s).LogDeterminant();

        /// <summary>adj S = |S| S⁻¹ through S = L Lᵀ.</summary>
        public static Matrix<double> CholeskyAdjugate(Matrix<double> s) => FactorCholesky(s).Adjugate();

        /// <summary>
        /// Φ(A): the lower triangle of a square A with its diagonal halved, the projection in the Cholesky factor's
        /// derivative dL = L Φ(L⁻¹ dS L⁻ᵀ) (Φ is self-adjoint: ⟨B, Φ(A)⟩ = ⟨Φ(B), A⟩).
        /// </summary>
        public static Matrix<double> LowerHalf(Matrix<double> a)
        {
            if (a.RowCount != a.ColumnCount)
            {
                throw new ArgumentException($"Φ(A) needs a square A, got {a.RowCount}×{a.ColumnCount}.", nameof(a));
            }
            var result = a.LowerTriangle();
            for (int i = 0; i < a.RowCount; i++) result[i, i] *= 0.5;
            return result;
        }
    }
}

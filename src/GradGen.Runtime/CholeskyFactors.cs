using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace GradGen.Runtime
{
    /// <summary>
    /// S = L Lᵀ of one symmetric positive-definite matrix, factored once by MathNet's Cholesky (the factorisation the
    /// user's own code asked for, so values and errors are MathNet's: it reads S's lower triangle and throws for a
    /// matrix that is not positive definite) for every solve, inverse and determinant a generated method takes of S.
    /// Its members are <see cref="LuFactors"/>' so that generated code reads either kind the same way.
    /// </summary>
    public sealed class CholeskyFactors
    {
        private readonly Cholesky<double> _cholesky;

        internal CholeskyFactors(Cholesky<double> cholesky) => _cholesky = cholesky;

        /// <summary>The size n of the factored n×n matrix.</summary>
        public int Size => _cholesky.Factor.RowCount;

        /// <summary>L, lower triangular with a positive diagonal.</summary>
        public Matrix<double> Factor() => _cholesky.Factor;

        /// <summary>S⁻¹b: two O(n²) triangular solves.</summary>
        public Vector<double> Solve(Vector<double> b)
        {
            if (b.Count != Size) throw new ArgumentException($"S⁻¹b needs b of length {Size} like S's rows, got {b.Count}.", nameof(b));
            return _cholesky.Solve(b);
        }

        /// <summary>S⁻¹B.</summary>
        public Matrix<double> Solve(Matrix<double> b)
        {
            if (b.RowCount != Size)
            {
                throw new ArgumentException($"S⁻¹B needs B with {Size} rows like S, got {b.RowCount}×{b.ColumnCount}.", nameof(b));
            }
            return _cholesky.Solve(b);
        }

        /// <summary>S⁻¹, as the solve S⁻¹I.</summary>
        public Matrix<double> Inverse() => Solve(Matrix<double>.Build.DenseIdentity(Size));

        /// <summary>|S| = Πᵢ Lᵢᵢ².</summary>
        public double Determinant() => _cholesky.Determinant;

        /// <summary>log|S| = 2 Σᵢ log Lᵢᵢ, which does not overflow where |S| would.</summary>
        public double LogDeterminant() => _cholesky.DeterminantLn;

        /// <summary>adj S = |S| S⁻¹ (S is invertible, being positive definite).</summary>
        public Matrix<double> Adjugate() => Determinant() * Inverse();
    }
}

using System;
using GradGen.Runtime.Gemm;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// PA = LU of one square matrix, factored once (<see cref="MatrixFunctions.Factor"/>) for every solve,
    /// inverse and determinant a generated method takes of it: after the O(n³) factorisation, A⁻¹b costs
    /// O(n²) and log|A| O(n). Generated code holds one per matrix and method (a Gaussian log-likelihood reads
    /// log|S|, S⁻¹x and S⁻¹ from one factorisation instead of three).
    /// </summary>
    public sealed class LuFactors
    {
        private readonly LuFactorization _lu;

        internal LuFactors(LuFactorization lu) => _lu = lu;

        /// <summary>The size n of the factored n×n matrix.</summary>
        public int Size => _lu.Size;

        /// <summary>A⁻¹b: O(n²) triangular solves.</summary>
        public Vector<double> Solve(Vector<double> b)
        {
            if (b.Count != Size) throw new ArgumentException($"A⁻¹b needs b of length {Size} like A's rows, got {b.Count}.", nameof(b));
            var x = b.ToArray();
            _lu.Solve(x, 1);
            return Vector<double>.Build.Dense(x);
        }

        /// <summary>A⁻¹B: triangular solves joined by products on GradGen's kernel.</summary>
        public Matrix<double> Solve(Matrix<double> b)
        {
            if (b.RowCount != Size) throw new ArgumentException($"A⁻¹B needs B with {Size} rows like A, got {b.RowCount}×{b.ColumnCount}.", nameof(b));
            var x = b.ToColumnMajorArray();
            _lu.Solve(x, b.ColumnCount);
            return Matrix<double>.Build.Dense(b.RowCount, b.ColumnCount, x);
        }

        /// <summary>A⁻¹, as the solve A⁻¹I.</summary>
        public Matrix<double> Inverse() => Solve(Matrix<double>.Build.DenseIdentity(Size));

        /// <summary>det A = (−1)^(row swaps) Πᵢ Uᵢᵢ.</summary>
        public double Determinant() => _lu.Determinant();

        /// <summary>
        /// log|A| = Σᵢ log|Uᵢᵢ|, which does not overflow where |A| would. NaN when |A| &lt; 0 (as
        /// Math.Log(A.Determinant()) would be), −∞ when A is singular.
        /// </summary>
        public double LogDeterminant()
        {
            var (logAbs, sign) = _lu.LogDeterminant();
            return sign > 0 ? logAbs : sign == 0 ? double.NegativeInfinity : double.NaN;
        }
    }
}

using System;
using System.Linq;
using GradGen.Runtime.Gemm;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// PA = LU of one square matrix, factored once (<see cref="MatrixFunctions.Factor(Matrix{double})"/>) for every solve,
    /// inverse and determinant a generated method takes of it: after the O(n³) factorisation, A⁻¹b costs
    /// O(n²) and log|A| O(n). Generated code holds one per matrix and method (a Gaussian log-likelihood reads
    /// log|S|, S⁻¹x and S⁻¹ from one factorisation instead of three).
    /// </summary>
    public sealed class LuFactors
    {
        private readonly LuFactorization _lu;
        private readonly Matrix<double> _matrix;

        internal LuFactors(LuFactorization lu, Matrix<double> matrix) => (_lu, _matrix) = (lu, matrix);

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
        /// adj A, the transposed cofactor matrix (∇|A| = adj(A)ᵀ): |A| A⁻¹ where A is invertible, and, where the LU has a zero
        /// pivot, from the SVD A = U Σ Vᵀ as det(U) det(V) V diag(Π_{j≠i} σⱼ) Uᵀ, which is what |A| A⁻¹ tends to there (the
        /// cofactors of a matrix of rank n − 1 are not all zero, so a gradient of |A| through A⁻¹ would be wrong there).
        /// </summary>
        public Matrix<double> Adjugate()
        {
            double det = Determinant();
            if (det != 0 && !double.IsInfinity(det) && !double.IsNaN(det)) return det * Inverse();
            if (_matrix.Enumerate().Any(v => double.IsNaN(v) || double.IsInfinity(v)))
            {
                return Matrix<double>.Build.Dense(Size, Size, double.NaN);
            }
            var svd = _matrix.Svd(computeVectors: true);
            var s = svd.S;
            var others = Vector<double>.Build.Dense(Size, i =>
            {
                double product = 1;
                for (int j = 0; j < Size; j++) if (j != i) product *= s[j];
                return product;
            });
            double sign = svd.U.Determinant() * svd.VT.Determinant() > 0 ? 1 : -1;
            return sign * svd.VT.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalVector(others)).TransposeAndMultiply(svd.U);
        }

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

using System;
using GradGen.Runtime.Gemm;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    // What rests on GradGen's LU: inverse, solves, determinant and log-determinant.
    public static partial class MatrixFunctions
    {
        /// <summary>
        /// A⁻¹ by GradGen's LU with partial pivoting (<see cref="LuFactorization"/>) and two triangular solves,
        /// the work of all three being products on GradGen's kernel. MathNet's managed Inverse factors column
        /// by column and solves with scalar loops: ≈70 ms at n = 256, where a product takes 1 ms. (These
        /// products stay on GradGen's kernel under a native provider too: they work on blocks of one array,
        /// which the provider's interface cannot take.)
        /// </summary>
        public static Matrix<double> Inverse(Matrix<double> a) => Solve(a, Matrix<double>.Build.DenseIdentity(a.RowCount));

        /// <summary>A⁻¹b for a square A and a vector b: GradGen's LU (most of the cost), then O(n²) solves.</summary>
        public static Vector<double> Solve(Matrix<double> a, Vector<double> b)
        {
            if (b.Count != a.RowCount) throw new ArgumentException($"A⁻¹b needs b of length {a.RowCount} like A's rows, got {b.Count}.", nameof(b));
            var x = b.ToArray();
            Factor(a, "A⁻¹b").Solve(x, 1);
            return Vector<double>.Build.Dense(x);
        }

        /// <summary>A⁻¹B for a square A and a matrix B, as <see cref="Inverse"/>.</summary>
        public static Matrix<double> Solve(Matrix<double> a, Matrix<double> b)
        {
            if (b.RowCount != a.RowCount) throw new ArgumentException($"A⁻¹B needs B with {a.RowCount} rows like A, got {b.RowCount}×{b.ColumnCount}.", nameof(b));
            var x = b.ToColumnMajorArray();
            Factor(a, "A⁻¹B").Solve(x, b.ColumnCount);
            return Matrix<double>.Build.Dense(b.RowCount, b.ColumnCount, x);
        }

        /// <summary>det A by GradGen's LU (see <see cref="Inverse"/>).</summary>
        public static double Determinant(Matrix<double> a) => Factor(a, "|A|").Determinant();

        /// <summary>
        /// log|A| from the LU factorisation, Σᵢ log|Uᵢᵢ|, which does not overflow where |A| would.
        /// NaN when |A| &lt; 0 (as Math.Log(A.Determinant()) would be), −∞ when A is singular.
        /// </summary>
        public static double LogDeterminant(Matrix<double> a)
        {
            var (logAbs, sign) = Factor(a, "log|A|").LogDeterminant();
            return sign > 0 ? logAbs : sign == 0 ? double.NegativeInfinity : double.NaN;
        }

        /// <summary>PA = LU of a copy of the square matrix A; <paramref name="what"/> names the operation in the error.</summary>
        private static LuFactorization Factor(Matrix<double> a, string what)
        {
            if (a.RowCount != a.ColumnCount) throw new ArgumentException($"{what} needs a square A, got {a.RowCount}×{a.ColumnCount}.", nameof(a));
            return LuFactorization.Factor(a.ToColumnMajorArray(), a.RowCount);
        }
    }
}

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
        public static Matrix<double> Inverse(Matrix<double> a) => Factor(a, "A⁻¹").Inverse();

        /// <summary>A⁻¹b for a square A and a vector b: GradGen's LU (most of the cost), then O(n²) solves.</summary>
        public static Vector<double> Solve(Matrix<double> a, Vector<double> b) => Factor(a, "A⁻¹b").Solve(b);

        /// <summary>A⁻¹B for a square A and a matrix B, as <see cref="Inverse"/>.</summary>
        public static Matrix<double> Solve(Matrix<double> a, Matrix<double> b) => Factor(a, "A⁻¹B").Solve(b);

        /// <summary>det A by GradGen's LU (see <see cref="Inverse"/>).</summary>
        public static double Determinant(Matrix<double> a) => Factor(a, "|A|").Determinant();

        /// <summary>adj A, finite and exact where A is singular too (see <see cref="LuFactors.Adjugate"/>).</summary>
        public static Matrix<double> Adjugate(Matrix<double> a) => Factor(a, "adj A").Adjugate();

        /// <summary>log|A| from the LU factorisation (see <see cref="LuFactors.LogDeterminant"/>).</summary>
        public static double LogDeterminant(Matrix<double> a) => Factor(a, "log|A|").LogDeterminant();

        /// <summary>PA = LU of a copy of the square matrix A, for several solves, inverses and determinants of it.</summary>
        public static LuFactors Factor(Matrix<double> a) => Factor(a, "an LU factorisation");

        /// <summary>PA = LU of a copy of the square matrix A; <paramref name="what"/> names the operation in the error.</summary>
        private static LuFactors Factor(Matrix<double> a, string what)
        {
            if (a.RowCount != a.ColumnCount) throw new ArgumentException($"{what} needs a square A, got {a.RowCount}×{a.ColumnCount}.", nameof(a));
            return new LuFactors(LuFactorization.Factor(a.ToColumnMajorArray(), a.RowCount), a);
        }
    }
}

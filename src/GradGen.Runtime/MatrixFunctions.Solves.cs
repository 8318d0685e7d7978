using System;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    public static partial class MatrixFunctions
    {
        /// <summary>Below this size a triangular solve is a plain substitution loop; above it, halves joined by a product.</summary>
        private const int SubstitutionSize = 16;

        /// <summary>
        /// A⁻¹ by LU (MathNet's factorisation with partial pivoting) and two triangular solves whose work is
        /// products on GradGen's kernel. MathNet's managed Inverse does the same solves as scalar loops:
        /// 67 ms at n = 256, where a product takes 1 ms.
        /// </summary>
        public static Matrix<double> Inverse(Matrix<double> a) => Solve(a, Matrix<double>.Build.DenseIdentity(a.RowCount));

        /// <summary>A⁻¹B for a square A and a matrix B, by LU as <see cref="Inverse"/>; a vector right-hand side stays on MathNet (O(n²) after the factorisation).</summary>
        public static Matrix<double> Solve(Matrix<double> a, Matrix<double> b)
        {
            if (a.RowCount != a.ColumnCount) throw new ArgumentException($"A⁻¹B needs a square A, got {a.RowCount}×{a.ColumnCount}.", nameof(a));
            if (b.RowCount != a.RowCount) throw new ArgumentException($"A⁻¹B needs B with {a.RowCount} rows like A, got {b.RowCount}×{b.ColumnCount}.", nameof(b));
            var lu = a.LU();
            // MathNet's factors satisfy L·U = P·A with P applied by PermuteRows.
            var pb = Matrix<double>.Build.DenseOfMatrix(b);
            pb.PermuteRows(lu.P);
            return SolveUpper(lu.U, SolveLower(lu.L, pb, unitDiagonal: true));
        }

        /// <summary>L⁻¹B for a lower triangular L, recursively: X₁ = L₁₁⁻¹B₁, X₂ = L₂₂⁻¹(B₂ − L₂₁X₁).</summary>
        internal static Matrix<double> SolveLower(Matrix<double> l, Matrix<double> b, bool unitDiagonal)
        {
            int n = l.RowCount, r = b.ColumnCount;
            if (n <= SubstitutionSize) return Substitute(l, b, lower: true, unitDiagonal);
            int h = n / 2;
            var x1 = SolveLower(l.SubMatrix(0, h, 0, h), b.SubMatrix(0, h, 0, r), unitDiagonal);
            var b2 = b.SubMatrix(h, n - h, 0, r);
            AddScaledProduct(b2, -1.0, l.SubMatrix(h, n - h, 0, h), x1);
            return Stack(x1, SolveLower(l.SubMatrix(h, n - h, h, n - h), b2, unitDiagonal));
        }

        /// <summary>U⁻¹B for an upper triangular U, recursively: X₂ = U₂₂⁻¹B₂, X₁ = U₁₁⁻¹(B₁ − U₁₂X₂).</summary>
        internal static Matrix<double> SolveUpper(Matrix<double> u, Matrix<double> b)
        {
            int n = u.RowCount, r = b.ColumnCount;
            if (n <= SubstitutionSize) return Substitute(u, b, lower: false, unitDiagonal: false);
            int h = n / 2;
            var x2 = SolveUpper(u.SubMatrix(h, n - h, h, n - h), b.SubMatrix(h, n - h, 0, r));
            var b1 = b.SubMatrix(0, h, 0, r);
            AddScaledProduct(b1, -1.0, u.SubMatrix(0, h, h, n - h), x2);
            return Stack(SolveUpper(u.SubMatrix(0, h, 0, h), b1), x2);
        }

        /// <summary>
        /// Forward (lower) or back (upper) substitution, column by column of B, each step an axpy down a
        /// contiguous column of T: x_p is final, then x_i −= T_ip·x_p for the rows still to come.
        /// </summary>
        private static Matrix<double> Substitute(Matrix<double> t, Matrix<double> b, bool lower, bool unitDiagonal)
        {
            int n = t.RowCount, r = b.ColumnCount;
            var tt = t.ToColumnMajorArray();
            var x = b.ToColumnMajorArray();
            for (int c = 0; c < r; c++)
            {
                int col = c * n;
                for (int step = 0; step < n; step++)
                {
                    int p = lower ? step : n - 1 - step;
                    if (!unitDiagonal) x[col + p] /= tt[p * n + p];
                    double xp = x[col + p];
                    int from = lower ? p + 1 : 0, to = lower ? n : p;
                    for (int i = from; i < to; i++) x[col + i] -= tt[p * n + i] * xp;
                }
            }
            return Matrix<double>.Build.Dense(n, r, x);
        }

        /// <summary>[X₁; X₂]: two blocks of rows with the same columns, one above the other.</summary>
        private static Matrix<double> Stack(Matrix<double> top, Matrix<double> bottom)
        {
            var result = Matrix<double>.Build.Dense(top.RowCount + bottom.RowCount, top.ColumnCount);
            result.SetSubMatrix(0, 0, top);
            result.SetSubMatrix(top.RowCount, 0, bottom);
            return result;
        }
    }
}

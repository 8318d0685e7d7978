using System;
using GradGen.Runtime.Gemm;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    public static partial class MatrixFunctions
    {
        /// <summary>Below this size a triangular solve is a plain substitution loop; above it, halves joined by a product.</summary>
        private const int SubstitutionSize = 16;

        /// <summary>
        /// A⁻¹ by LU (MathNet's factorisation with partial pivoting) and two triangular solves whose work is
        /// products on GradGen's kernel. MathNet's managed Inverse does the same solves as scalar loops:
        /// ≈70 ms at n = 256, where a product takes 1 ms. (These products stay on GradGen's kernel under a
        /// native provider too: they work on blocks of one array, which the provider's interface cannot take.)
        /// </summary>
        public static Matrix<double> Inverse(Matrix<double> a) => Solve(a, Matrix<double>.Build.DenseIdentity(a.RowCount));

        /// <summary>A⁻¹B for a square A and a matrix B, by LU as <see cref="Inverse"/>; a vector right-hand side stays on MathNet (O(n²) after the factorisation).</summary>
        public static Matrix<double> Solve(Matrix<double> a, Matrix<double> b)
        {
            if (a.RowCount != a.ColumnCount) throw new ArgumentException($"A⁻¹B needs a square A, got {a.RowCount}×{a.ColumnCount}.", nameof(a));
            if (b.RowCount != a.RowCount) throw new ArgumentException($"A⁻¹B needs B with {a.RowCount} rows like A, got {b.RowCount}×{b.ColumnCount}.", nameof(b));
            int n = a.RowCount, r = b.ColumnCount;
            var lu = a.LU();
            // MathNet's factors satisfy L·U = P·A with P applied by PermuteRows: X = U⁻¹ L⁻¹ (P B), solved in place.
            var x = Matrix<double>.Build.DenseOfMatrix(b);
            x.PermuteRows(lu.P);
            var solution = new Block(ColumnMajor(x), 0, n);
            SolveLower(new Block(ColumnMajor(lu.L), 0, n), solution, n, r, unitDiagonal: true);
            SolveUpper(new Block(ColumnMajor(lu.U), 0, n), solution, n, r);
            return x;
        }

        /// <summary>X ← L⁻¹X for the n×n lower triangular block L, recursively: X₁ ← L₁₁⁻¹X₁, X₂ ← L₂₂⁻¹(X₂ − L₂₁X₁).</summary>
        private static void SolveLower(Block l, Block x, int n, int r, bool unitDiagonal)
        {
            if (n <= SubstitutionSize)
            {
                Substitute(l, x, n, r, lower: true, unitDiagonal);
                return;
            }
            int h = n / 2;
            SolveLower(l, x, h, r, unitDiagonal);
            // X₁'s rows are read while X₂'s are written: disjoint blocks of one array.
            ManagedGemm.Multiply(false, false, n - h, r, h, -1.0, l.From(h, 0), x, 1.0, x.From(h, 0));
            SolveLower(l.From(h, h), x.From(h, 0), n - h, r, unitDiagonal);
        }

        /// <summary>X ← U⁻¹X for the n×n upper triangular block U, recursively: X₂ ← U₂₂⁻¹X₂, X₁ ← U₁₁⁻¹(X₁ − U₁₂X₂).</summary>
        private static void SolveUpper(Block u, Block x, int n, int r)
        {
            if (n <= SubstitutionSize)
            {
                Substitute(u, x, n, r, lower: false, unitDiagonal: false);
                return;
            }
            int h = n / 2;
            SolveUpper(u.From(h, h), x.From(h, 0), n - h, r);
            ManagedGemm.Multiply(false, false, h, r, n - h, -1.0, u.From(0, h), x.From(h, 0), 1.0, x);
            SolveUpper(u, x, h, r);
        }

        /// <summary>
        /// Forward (lower) or back (upper) substitution, column by column of X, each step an axpy down a
        /// contiguous column of T: x_p is final, then x_i −= T_ip·x_p for the rows still to come.
        /// </summary>
        private static void Substitute(Block t, Block x, int n, int r, bool lower, bool unitDiagonal)
        {
            var tt = t.Data;
            var xx = x.Data;
            for (int c = 0; c < r; c++)
            {
                int col = x.At(0, c);
                for (int step = 0; step < n; step++)
                {
                    int p = lower ? step : n - 1 - step, tcol = t.At(0, p);
                    if (!unitDiagonal) xx[col + p] /= tt[tcol + p];
                    double xp = xx[col + p];
                    int from = lower ? p + 1 : 0, to = lower ? n : p;
                    for (int i = from; i < to; i++) xx[col + i] -= tt[tcol + i] * xp;
                }
            }
        }

        /// <summary>A dense matrix's own column-major array, or a copy for any other storage.</summary>
        private static double[] ColumnMajor(Matrix<double> m)
            => m.Storage is DenseColumnMajorMatrixStorage<double> dense ? dense.Data : m.ToColumnMajorArray();
    }
}

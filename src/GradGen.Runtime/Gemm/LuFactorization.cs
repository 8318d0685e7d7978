using System;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// PA = LU with partial pivoting, by Toledo's recursion: factor the left half of the columns, swap and
    /// solve the right half (U₁₂ = L₁₁⁻¹A₁₂), update A₂₂ −= L₂₁U₁₂ with one product on GradGen's kernel, factor
    /// A₂₂. Nearly all the work is that product, where MathNet's managed LU works column by column
    /// (7.6 ms at n = 256, where a product takes 1 ms). L (unit diagonal, below) and U (on and above) share
    /// one column-major array; <see cref="Pivots"/>[i] is the row swapped with row i at step i.
    /// </summary>
    internal sealed class LuFactorization
    {
        /// <summary>Panels this narrow are factored column by column.</summary>
        private const int PanelWidth = 16;

        /// <summary>Below this size a triangular solve is a plain substitution loop; above it, halves joined by a product.</summary>
        private const int SubstitutionSize = 16;

        public int Size { get; }
        public double[] Factors { get; }
        public int[] Pivots { get; }

        private LuFactorization(int size, double[] factors, int[] pivots) { Size = size; Factors = factors; Pivots = pivots; }

        /// <summary>Factors the n×n column-major array <paramref name="a"/> in place: it becomes <see cref="Factors"/>.</summary>
        public static LuFactorization Factor(double[] a, int n)
        {
            var pivots = new int[n];
            Factor(new Block(a, 0, n), n, n, pivots, 0);
            return new LuFactorization(n, a, pivots);
        }

        /// <summary>X ← A⁻¹X for X (n×r, column-major, its own array): the row swaps, then L⁻¹, then U⁻¹.</summary>
        public void Solve(double[] x, int r)
        {
            int n = Size;
            for (int i = 0; i < n; i++) SwapRows(new Block(x, 0, n), r, i, Pivots[i]);
            var lu = new Block(Factors, 0, n);
            var solution = new Block(x, 0, n);
            SolveLower(lu, solution, n, r);
            SolveUpper(lu, solution, n, r);
        }

        /// <summary>det A = (−1)^(row swaps) Πᵢ Uᵢᵢ (it overflows where the product does, like MathNet's).</summary>
        public double Determinant()
        {
            int n = Size;
            double det = 1;
            for (int i = 0; i < n; i++) det *= Pivots[i] != i ? -Factors[i * n + i] : Factors[i * n + i];
            return det;
        }

        /// <summary>(Σ log|Uᵢᵢ|, sign of det A): the determinant as a logarithm and a sign, 0 for a singular A.</summary>
        public (double LogAbs, int Sign) LogDeterminant()
        {
            int n = Size, sign = 1;
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double d = Factors[i * n + i];
                if (d == 0) return (double.NegativeInfinity, 0);
                if (d < 0) sign = -sign;
                if (Pivots[i] != i) sign = -sign;
                sum += Math.Log(Math.Abs(d));
            }
            return (sum, sign);
        }

        /// <summary>
        /// Factors the m×n block (m ≥ n) in place; its row swaps go to pivots[at..at+n), as rows of the block.
        /// Swaps are applied across the block's own columns only: the caller applies them to the rest.
        /// </summary>
        private static void Factor(Block a, int m, int n, int[] pivots, int at)
        {
            if (n <= PanelWidth)
            {
                FactorPanel(a, m, n, pivots, at);
                return;
            }
            int h = n / 2;
            Factor(a, m, h, pivots, at);
            var right = a.From(0, h);
            for (int i = 0; i < h; i++) SwapRows(right, n - h, i, pivots[at + i]);
            // U₁₂ = L₁₁⁻¹ A₁₂, then A₂₂ −= L₂₁ U₁₂.
            SolveLower(a, right, h, n - h);
            ManagedGemm.Multiply(false, false, m - h, n - h, h, -1.0, a.From(h, 0), right, 1.0, a.From(h, h));
            Factor(a.From(h, h), m - h, n - h, pivots, at + h);
            for (int i = h; i < n; i++)
            {
                pivots[at + i] += h;   // rows of A₂₂ are rows h.. of this block
                SwapRows(a, h, i, pivots[at + i]);
            }
        }

        /// <summary>Column by column: pick the largest pivot, swap it up, scale the column below, update the rest of the panel.</summary>
        private static void FactorPanel(Block a, int m, int n, int[] pivots, int at)
        {
            var d = a.Data;
            for (int j = 0; j < n; j++)
            {
                int col = a.At(0, j), p = j;
                double best = Math.Abs(d[col + j]);
                for (int i = j + 1; i < m; i++)
                {
                    double v = Math.Abs(d[col + i]);
                    if (v > best) (best, p) = (v, i);
                }
                pivots[at + j] = p;
                SwapRows(a, n, j, p);
                double pivot = d[col + j];
                // A zero pivot leaves the column as it is: U has a zero on its diagonal, as MathNet's LU would.
                if (pivot != 0)
                {
                    double inverse = 1.0 / pivot;
                    for (int i = j + 1; i < m; i++) d[col + i] *= inverse;
                }
                for (int k = j + 1; k < n; k++)
                {
                    int ck = a.At(0, k);
                    double ujk = d[ck + j];
                    if (ujk == 0) continue;
                    for (int i = j + 1; i < m; i++) d[ck + i] -= d[col + i] * ujk;
                }
            }
        }

        private static void SwapRows(Block a, int columns, int i, int k)
        {
            if (i == k) return;
            var d = a.Data;
            for (int j = 0; j < columns; j++)
            {
                int c = a.At(0, j);
                (d[c + i], d[c + k]) = (d[c + k], d[c + i]);
            }
        }

        /// <summary>X ← L⁻¹X for the unit lower triangle of the n×n block, recursively: X₁ ← L₁₁⁻¹X₁, X₂ ← L₂₂⁻¹(X₂ − L₂₁X₁).</summary>
        private static void SolveLower(Block l, Block x, int n, int r)
        {
            if (n <= SubstitutionSize)
            {
                Substitute(l, x, n, r, lower: true);
                return;
            }
            int h = n / 2;
            SolveLower(l, x, h, r);
            // X₁'s rows are read while X₂'s are written: disjoint blocks of one array.
            ManagedGemm.Multiply(false, false, n - h, r, h, -1.0, l.From(h, 0), x, 1.0, x.From(h, 0));
            SolveLower(l.From(h, h), x.From(h, 0), n - h, r);
        }

        /// <summary>X ← U⁻¹X for the upper triangle of the n×n block, recursively: X₂ ← U₂₂⁻¹X₂, X₁ ← U₁₁⁻¹(X₁ − U₁₂X₂).</summary>
        private static void SolveUpper(Block u, Block x, int n, int r)
        {
            if (n <= SubstitutionSize)
            {
                Substitute(u, x, n, r, lower: false);
                return;
            }
            int h = n / 2;
            SolveUpper(u.From(h, h), x.From(h, 0), n - h, r);
            ManagedGemm.Multiply(false, false, h, r, n - h, -1.0, u.From(0, h), x.From(h, 0), 1.0, x);
            SolveUpper(u, x, h, r);
        }

        /// <summary>
        /// Forward (unit lower) or back (upper) substitution, column by column of X, each step an axpy down a
        /// contiguous column of T: x_p is final, then x_i −= T_ip·x_p for the rows still to come.
        /// </summary>
        private static void Substitute(Block t, Block x, int n, int r, bool lower)
        {
            var tt = t.Data;
            var xx = x.Data;
            for (int c = 0; c < r; c++)
            {
                int col = x.At(0, c);
                for (int step = 0; step < n; step++)
                {
                    int p = lower ? step : n - 1 - step, tcol = t.At(0, p);
                    if (!lower) xx[col + p] /= tt[tcol + p];
                    double xp = xx[col + p];
                    int from = lower ? p + 1 : 0, to = lower ? n : p;
                    for (int i = from; i < to; i++) xx[col + i] -= tt[tcol + i] * xp;
                }
            }
        }
    }
}

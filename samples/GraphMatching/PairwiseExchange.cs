using System;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>
    /// Local search over permutations by swapping two assignments (2-opt), for
    /// c(p) = Σᵢⱼ F[i,j]·D[p(i),p(j)] + Σᵢ L[i,p(i)]. On permutations g(P) = ‖A‖² + ‖B‖² − 2⟨A, PBPᵀ⟩ − tr(X_uᵀP)
    /// is c(p) with F = −2A, D = B, L = −X_u plus a constant, so this polishes the Frank-Wolfe
    /// projection without leaving the objective. Each swap's change is evaluated in O(n).
    /// </summary>
    public sealed class PairwiseExchange
    {
        private readonly double[,] _f, _d, _l;
        private readonly int _n;

        public PairwiseExchange(Matrix<double> f, Matrix<double> d, Matrix<double>? linear = null)
        {
            _n = f.RowCount;
            _f = f.ToArray();
            _d = d.ToArray();
            _l = (linear ?? Matrix<double>.Build.Dense(_n, _n)).ToArray();
        }

        /// <summary>For g itself: F = −2A, D = B, L = −X_u.</summary>
        public static PairwiseExchange ForObjective(Matrix<double> a, Matrix<double> b, Matrix<double> xu) => new(-2 * a, b, -xu);

        public double Cost(int[] p)
        {
            double sum = 0;
            for (int i = 0; i < _n; i++)
            {
                sum += _l[i, p[i]];
                for (int j = 0; j < _n; j++) sum += _f[i, j] * _d[p[i], p[j]];
            }
            return sum;
        }

        /// <summary>c(p with p(r), p(s) exchanged) − c(p).</summary>
        public double SwapDelta(int[] p, int r, int s)
        {
            int pr = p[r], ps = p[s];
            double delta = _l[r, ps] + _l[s, pr] - _l[r, pr] - _l[s, ps];
            delta += (_f[r, r] - _f[s, s]) * (_d[ps, ps] - _d[pr, pr]) + (_f[r, s] - _f[s, r]) * (_d[ps, pr] - _d[pr, ps]);
            for (int k = 0; k < _n; k++)
            {
                if (k == r || k == s) continue;
                int pk = p[k];
                delta += (_f[k, r] - _f[k, s]) * (_d[pk, ps] - _d[pk, pr]) + (_f[r, k] - _f[s, k]) * (_d[ps, pk] - _d[pr, pk]);
            }
            return delta;
        }

        /// <summary>
        /// Iterated local search: 2-opt, then <paramref name="kicks"/> times perturb the best permutation
        /// by a few random swaps and 2-opt again, keeping any improvement.
        /// </summary>
        public int[] Search(int[] start, Random random, int kicks)
        {
            var best = Improve(start);
            double bestCost = Cost(best);
            var current = best;
            double currentCost = bestCost;
            for (int k = 0; k < kicks && _n > 3; k++)
            {
                var p = (int[])current.Clone();
                int swaps = 2 + random.Next(Math.Max(1, _n / 8));
                for (int t = 0; t < swaps; t++)
                {
                    int r = random.Next(_n), s = random.Next(_n);
                    (p[r], p[s]) = (p[s], p[r]);
                }
                p = Improve(p);
                double cost = Cost(p);
                // Accept sideways moves too, so the search can cross plateaus; keep the best seen.
                if (cost <= currentCost + 1e-9) { current = p; currentCost = cost; }
                if (cost < bestCost - 1e-9) { best = p; bestCost = cost; }
            }
            return best;
        }

        /// <summary>Applies the best improving swap until none improves; returns the polished permutation.</summary>
        public int[] Improve(int[] start)
        {
            var p = (int[])start.Clone();
            while (true)
            {
                double best = -1e-9;
                int br = -1, bs = -1;
                for (int r = 0; r < _n; r++)
                {
                    for (int s = r + 1; s < _n; s++)
                    {
                        double delta = SwapDelta(p, r, s);
                        if (delta < best) { best = delta; br = r; bs = s; }
                    }
                }
                if (br < 0) return p;
                (p[br], p[bs]) = (p[bs], p[br]);
            }
        }
    }
}

using System;

namespace GraphMatching
{
    /// <summary>
    /// The linear assignment problem min Σᵢ C[i, p(i)] over permutations p, by the O(n³)
    /// shortest-augmenting-path form of the Hungarian algorithm (Jonker–Volgenant style potentials).
    /// </summary>
    public static class LinearAssignment
    {
        /// <summary>The permutation p (row i → column p[i]) of least total cost.</summary>
        public static int[] Minimize(double[,] cost)
        {
            int n = cost.GetLength(0);
            if (cost.GetLength(1) != n) throw new ArgumentException("The cost matrix must be square.");
            // 1-based arrays with a virtual column 0, as in the classic formulation.
            var u = new double[n + 1];
            var v = new double[n + 1];
            var match = new int[n + 1];   // match[j]: the row assigned to column j
            var way = new int[n + 1];
            for (int i = 1; i <= n; i++)
            {
                match[0] = i;
                int j0 = 0;
                var minv = new double[n + 1];
                var used = new bool[n + 1];
                for (int j = 0; j <= n; j++) minv[j] = double.PositiveInfinity;
                do
                {
                    used[j0] = true;
                    int i0 = match[j0], j1 = 0;
                    double delta = double.PositiveInfinity;
                    for (int j = 1; j <= n; j++)
                    {
                        if (used[j]) continue;
                        double reduced = cost[i0 - 1, j - 1] - u[i0] - v[j];
                        if (reduced < minv[j]) { minv[j] = reduced; way[j] = j0; }
                        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                    }
                    if (double.IsInfinity(delta) || double.IsNaN(delta)) throw new ArgumentException("The cost matrix must be finite.");
                    for (int j = 0; j <= n; j++)
                    {
                        if (used[j]) { u[match[j]] += delta; v[j] -= delta; }
                        else minv[j] -= delta;
                    }
                    j0 = j1;
                } while (match[j0] != 0);
                do
                {
                    int j1 = way[j0];
                    match[j0] = match[j1];
                    j0 = j1;
                } while (j0 != 0);
            }
            var result = new int[n];
            for (int j = 1; j <= n; j++) result[match[j] - 1] = j - 1;
            return result;
        }

        /// <summary>The permutation of greatest total score.</summary>
        public static int[] Maximize(double[,] score)
        {
            int n = score.GetLength(0), m = score.GetLength(1);
            var negated = new double[n, m];
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) negated[i, j] = -score[i, j];
            return Minimize(negated);
        }
    }
}

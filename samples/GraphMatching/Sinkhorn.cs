using System;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>Sinkhorn–Knopp: the doubly stochastic matrix diag(r)·K·diag(c) nearest a positive K.</summary>
    public static class Sinkhorn
    {
        /// <summary>Normalises exp(S/τ) (shifted for stability) to a doubly stochastic matrix.</summary>
        public static Matrix<double> FromScores(Matrix<double> scores, double temperature, int iterations = 200)
        {
            double max = scores.Enumerate().Max();
            var k = scores.Map(s => Math.Exp((s - max) / temperature));
            return Normalize(k, iterations);
        }

        /// <summary>Alternately scales rows and columns of a positive matrix to sum to one.</summary>
        public static Matrix<double> Normalize(Matrix<double> positive, int iterations = 200, double tolerance = 1e-10)
        {
            var x = positive.Clone();
            for (int t = 0; t < iterations; t++)
            {
                var rows = x.RowSums();
                for (int i = 0; i < x.RowCount; i++) x.SetRow(i, x.Row(i) / Math.Max(rows[i], 1e-300));
                var columns = x.ColumnSums();
                for (int j = 0; j < x.ColumnCount; j++) x.SetColumn(j, x.Column(j) / Math.Max(columns[j], 1e-300));
                if ((x.RowSums() - 1.0).AbsoluteMaximum() < tolerance) break;
            }
            return x;
        }

        /// <summary>A random doubly stochastic matrix: Sinkhorn of uniform(0, 1) entries.</summary>
        public static Matrix<double> Random(int n, Random random)
            => Normalize(Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() + 1e-3));
    }
}

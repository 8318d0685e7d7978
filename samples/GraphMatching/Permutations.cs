using System;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>Conversions between permutations p (i → p[i]) and their matrices X[i, p(i)] = 1.</summary>
    public static class Permutations
    {
        public static Matrix<double> ToMatrix(int[] p)
        {
            var x = Matrix<double>.Build.Dense(p.Length, p.Length);
            for (int i = 0; i < p.Length; i++) x[i, p[i]] = 1;
            return x;
        }

        /// <summary>The permutation nearest to X: the assignment maximising ⟨X, P⟩ (the Hungarian projection).</summary>
        public static int[] Project(Matrix<double> x) => LinearAssignment.Maximize(x.ToArray());

        public static int[] Random(int n, Random random)
        {
            var p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            for (int i = n - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (p[i], p[j]) = (p[j], p[i]);
            }
            return p;
        }

        public static bool IsPermutation(int[] p)
        {
            var seen = new bool[p.Length];
            foreach (int v in p)
            {
                if (v < 0 || v >= p.Length || seen[v]) return false;
                seen[v] = true;
            }
            return true;
        }
    }
}

using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    public static partial class MatrixFunctions
    {
        /// <summary>
        /// F₁F₂…F_k in the cheapest association for the actual sizes (the matrix-chain dynamic program:
        /// cost(i, j) = min over splits s of cost(i, s) + cost(s, j) + dᵢ·dₛ·dⱼ multiply-adds). Generated
        /// code calls it where the shapes leave the order open at compile time.
        /// </summary>
        public static Matrix<double> Product(params Matrix<double>[] factors) => Chain(factors, Multiply);

        /// <summary>The float form of <see cref="Product(Matrix{double}[])"/>: the same association, products on the sgemm.</summary>
        public static Matrix<float> Product(params Matrix<float>[] factors) => Chain(factors, Multiply);

        /// <summary>The chain in its cheapest association, each product by <paramref name="multiply"/>; a lone factor is copied.</summary>
        private static Matrix<T> Chain<T>(Matrix<T>[] factors, Func<Matrix<T>, Matrix<T>, Matrix<T>> multiply)
            where T : struct, IEquatable<T>, IFormattable
        {
            int[,] split = ChainSplits(factors);
            if (factors.Length == 1) return factors[0].Clone();
            Matrix<T> Associate(int i, int j)
            {
                if (j - i == 1) return factors[i];
                int s = split[i, j];
                Matrix<T> left = Associate(i, s), right = Associate(s, j), product = multiply(left, right);
                // An inner product of the chain is this call's own and read once: its storage serves the next one.
                if (s - i > 1) Scratch.Recycle(left);
                if (j - s > 1) Scratch.Recycle(right);
                return product;
            }
            return Associate(0, factors.Length);
        }

        /// <summary>The matrix-chain program's split of each sub-chain [i, j) of the factors, their sizes checked first.</summary>
        private static int[,] ChainSplits<T>(Matrix<T>[] factors) where T : struct, IEquatable<T>, IFormattable
        {
            if (factors is null || factors.Length == 0)
            {
                throw new ArgumentException("A product needs at least one factor.", nameof(factors));
            }
            int k = factors.Length;
            var d = new long[k + 1];
            d[0] = factors[0].RowCount;
            for (int i = 0; i < k; i++)
            {
                if (factors[i].RowCount != d[i])
                {
                    throw new ArgumentException($"Factor {i + 1} of the product is {factors[i].RowCount}×{factors[i].ColumnCount} "
                        + $"but the one before it has {d[i]} columns.", nameof(factors));
                }
                d[i + 1] = factors[i].ColumnCount;
            }
            var cost = new long[k + 1, k + 1];
            var split = new int[k + 1, k + 1];
            for (int length = 2; length <= k; length++)
            {
                for (int i = 0; i + length <= k; i++)
                {
                    int j = i + length;
                    cost[i, j] = long.MaxValue;
                    for (int s = i + 1; s < j; s++)
                    {
                        long c = cost[i, s] + cost[s, j] + d[i] * d[s] * d[j];
                        // Ties go to the rightmost split, so equal costs associate from the left as C# does.
                        if (c <= cost[i, j]) (cost[i, j], split[i, j]) = (c, s);
                    }
                }
            }
            return split;
        }

        /// <summary>F₁…F_k·x in the cheapest association (usually right to left: matrix-vector products only).</summary>
        public static Vector<double> Product(Matrix<double>[] factors, Vector<double> x)
            => Product(factors.Concat(new[] { x.ToColumnMatrix() }).ToArray()).Column(0);

        /// <summary>xᵀ·F₁…F_k (MathNet's x * F) in the cheapest association.</summary>
        public static Vector<double> Product(Vector<double> x, Matrix<double>[] factors)
            => Product(new[] { x.ToRowMatrix() }.Concat(factors).ToArray()).Row(0);

        /// <summary>F₁…F_k·x in float.</summary>
        public static Vector<float> Product(Matrix<float>[] factors, Vector<float> x)
            => Product(factors.Concat(new[] { x.ToColumnMatrix() }).ToArray()).Column(0);

        /// <summary>xᵀ·F₁…F_k in float.</summary>
        public static Vector<float> Product(Vector<float> x, Matrix<float>[] factors)
            => Product(new[] { x.ToRowMatrix() }.Concat(factors).ToArray()).Row(0);
    }
}

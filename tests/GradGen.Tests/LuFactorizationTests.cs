using System;
using GradGen.Runtime.Gemm;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The runtime's recursive LU itself (the solves, inverses and log-determinants built on it are checked in
    /// RuntimeTests): PA = LU, and partial pivoting, every multiplier |Lᵢⱼ| ≤ 1, at sizes that run the panel alone and the
    /// recursion with its products.
    /// </summary>
    public class LuFactorizationTests
    {
        [Theory]
        [InlineData(5, 1)]
        [InlineData(16, 2)]
        [InlineData(17, 3)]
        [InlineData(70, 4)]
        public void The_factors_reproduce_the_row_permuted_matrix_with_multipliers_of_at_most_one(int n, int seed)
        {
            var A = new RandomMatrices(seed).Matrix(n, n);
            var lu = LuFactorization.Factor(A.ToColumnMajorArray(), n);

            var L = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1 : i > j ? lu.Factors[j * n + i] : 0);
            var U = Matrix<double>.Build.Dense(n, n, (i, j) => i <= j ? lu.Factors[j * n + i] : 0);
            var PA = A.Clone();
            for (int i = 0; i < n; i++)
            {
                Assert.InRange(lu.Pivots[i], i, n - 1);   // row i is swapped with a row below it, or stays
                var row = PA.Row(i);
                PA.SetRow(i, PA.Row(lu.Pivots[i]));
                PA.SetRow(lu.Pivots[i], row);
            }

            Assert.True(Compare.RelativeError(L * U, PA) < 1e-13, $"‖LU − PA‖ = {Compare.RelativeError(L * U, PA):E2}");
            for (int j = 0; j < n; j++)
            {
                for (int i = j + 1; i < n; i++) Assert.True(Math.Abs(L[i, j]) <= 1.0, $"L[{i},{j}] = {L[i, j]}: not the largest pivot");
            }
            // The determinant's sign and size, from the same factors.
            var (logAbs, sign) = lu.LogDeterminant();
            double det = A.Determinant();
            Assert.Equal(Math.Sign(det), sign);
            Assert.True(Math.Abs(logAbs - Math.Log(Math.Abs(det))) < 1e-9 * Math.Max(1, Math.Abs(logAbs)));
        }
    }
}

using System;
using GradGen.Runtime;
using GradGen.Tests.Support;
using GraphMatching;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// Products with one <c>SparseMatrix</c> factor run on the runtime's CSR kernels (O(nnz · n)): the same numbers as the
    /// dense product for every transpose, α, β and shape, and the generated CVPR gradient with sparse A, B equals the dense one.
    /// </summary>
    public class SparseProductTests
    {
        public static TheoryData<bool, bool, bool> Cases()
        {
            var data = new TheoryData<bool, bool, bool>();
            foreach (bool sparseLeft in new[] { true, false })
            {
                foreach (bool ta in new[] { false, true }) foreach (bool tb in new[] { false, true }) data.Add(sparseLeft, ta, tb);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Sparse_times_dense_matches_the_dense_product(bool sparseLeft, bool transposeA, bool transposeB)
        {
            var r = new RandomMatrices(sparseLeft ? 11 : 12);
            var random = new Random(3);
            foreach (var (m, k, n) in new[] { (7, 5, 3), (1, 9, 4), (6, 1, 6), (13, 17, 11) })
            {
                var a = r.Matrix(transposeA ? k : m, transposeA ? m : k);
                var b = r.Matrix(transposeB ? n : k, transposeB ? k : n);
                // About a third of the sparse factor's entries kept, one row and one column left empty.
                var thin = Thin(sparseLeft ? a : b, random);
                if (sparseLeft) a = thin; else b = thin;
                var sparseA = sparseLeft ? Matrix<double>.Build.SparseOfMatrix(a) : a;
                var sparseB = sparseLeft ? b : Matrix<double>.Build.SparseOfMatrix(b);
                var opA = transposeA ? a.Transpose() : a;
                var opB = transposeB ? b.Transpose() : b;

                var product = MatrixFunctions.ScaledProduct(-1.5, sparseA, sparseB, transposeA, transposeB);
                Assert.True(Compare.RelativeError(product, -1.5 * (opA * opB)) < 1e-14, $"{m}×{k}×{n}: α·op(A)·op(B)");

                var c = r.Matrix(m, n);
                var expected = c + 0.5 * (opA * opB);
                MatrixFunctions.AddScaledProduct(c, 0.5, sparseA, sparseB, transposeA, transposeB);
                Assert.True(Compare.RelativeError(c, expected) < 1e-14, $"{m}×{k}×{n}: C + α·op(A)·op(B)");

                MatrixFunctions.ScaledProductInto(c, 2.0, sparseA, sparseB, transposeA, transposeB);
                Assert.True(Compare.RelativeError(c, 2.0 * (opA * opB)) < 1e-14, $"{m}×{k}×{n}: C ← α·op(A)·op(B)");
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Cvpr_gradient_with_sparse_graphs_equals_the_dense_one(bool symmetric)
        {
            int n = 30;
            var r = new RandomMatrices(5);
            var random = new Random(5);
            var a = Matrix<double>.Build.Sparse(n, n);
            var b = Matrix<double>.Build.Sparse(n, n);
            for (int e = 0; e < 3 * n; e++)
            {
                int i = random.Next(n), j = random.Next(n);
                a[i, j] = 1;
                if (symmetric) a[j, i] = 1;
                (i, j) = (random.Next(n), random.Next(n));
                b[i, j] = 1;
                if (symmetric) b[j, i] = 1;
            }
            var x = r.Matrix(n, n);
            var xu = r.Matrix(n, n);
            var (ad, bd) = (Matrix<double>.Build.DenseOfMatrix(a), Matrix<double>.Build.DenseOfMatrix(b));

            var (value, gradient) = symmetric ? Objective.ValueAndGradGSymmetric(x, a, b, xu) : Objective.ValueAndGradG(x, a, b, xu);
            var (denseValue, denseGradient) = symmetric
                ? Objective.ValueAndGradGSymmetric(x, ad, bd, xu) : Objective.ValueAndGradG(x, ad, bd, xu);

            Assert.Equal(denseValue, value, 9);
            Assert.True(Compare.RelativeError(gradient, denseGradient) < 1e-13);
        }

        private static Matrix<double> Thin(Matrix<double> m, Random random)
            => m.MapIndexed((i, j, v) => i == 0 || j == m.ColumnCount - 1 || random.Next(3) > 0 ? 0.0 : v);
    }
}

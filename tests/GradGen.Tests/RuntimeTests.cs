using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>Run-time helpers the generated code calls.</summary>
    public class RuntimeTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(16)]    // one substitution block
        [InlineData(17)]    // two halves joined by a product
        [InlineData(100)]
        [InlineData(130)]
        public void Inverse_and_solve_equal_MathNets_and_solve_the_system(int n)
        {
            var r = new RandomMatrices(n);
            var a = r.Matrix(n, n) + n * Matrix<double>.Build.DenseIdentity(n) * 0.5;   // well conditioned, pivoting still needed
            var b = r.Matrix(n, 7);
            var inverse = MatrixFunctions.Inverse(a);
            Assert.True(Compare.RelativeError(inverse, a.Inverse()) < 1e-12);
            Assert.True(Compare.RelativeError(a * inverse, Matrix<double>.Build.DenseIdentity(n)) < 1e-12);
            var x = MatrixFunctions.Solve(a, b);
            Assert.True(Compare.RelativeError(x, a.Solve(b)) < 1e-12);
            Assert.True(Compare.RelativeError(a * x, b) < 1e-12);
            var v = r.Vector(n);
            var y = MatrixFunctions.Solve(a, v);
            Assert.True((y - a.Solve(v)).L2Norm() <= 1e-12 * a.Solve(v).L2Norm());
            Assert.True((a * y - v).L2Norm() <= 1e-12 * System.Math.Max(1, v.L2Norm()) * n);
        }

        [Theory]
        [InlineData(5)]
        [InlineData(17)]    // wider than one factored panel
        [InlineData(64)]
        [InlineData(150)]
        public void Log_determinant_by_GradGens_LU_equals_MathNets_determinant(int n)
        {
            var r = new RandomMatrices(n + 1);
            var a = r.Matrix(n, n);
            double det = a.Determinant();
            double logDet = MatrixFunctions.LogDeterminant(a);
            if (det > 0) Assert.True(System.Math.Abs(logDet - System.Math.Log(det)) < 1e-10 * System.Math.Max(1, System.Math.Abs(logDet)), $"{logDet} against {System.Math.Log(det)}");
            else Assert.True(double.IsNaN(logDet), $"det {det} < 0 should give NaN, got {logDet}");
            Assert.True(System.Math.Abs(MatrixFunctions.Determinant(a) - det) <= 1e-10 * System.Math.Abs(det), $"det {MatrixFunctions.Determinant(a)} against {det}");
            var positive = a.TransposeThisAndMultiply(a) + Matrix<double>.Build.DenseIdentity(n);
            Assert.True(System.Math.Abs(MatrixFunctions.LogDeterminant(positive) - System.Math.Log(positive.Determinant())) < 1e-9 * n);
        }

        [Theory]
        [InlineData(6)]
        [InlineData(40)]    // several panels
        public void One_factorisation_serves_every_solve_inverse_and_determinant_of_its_matrix(int n)
        {
            var r = new RandomMatrices(3 * n);
            var a = r.Matrix(n, n) + n * Matrix<double>.Build.DenseIdentity(n);   // det > 0
            var b = r.Matrix(n, 3);
            var v = r.Vector(n);
            var lu = MatrixFunctions.Factor(a);
            Assert.Equal(n, lu.Size);
            // The shared factors give what the one-shot functions give, bit for bit, and MathNet's to rounding.
            Assert.Equal(MatrixFunctions.Solve(a, v), lu.Solve(v));
            Assert.Equal(MatrixFunctions.Solve(a, b), lu.Solve(b));
            Assert.Equal(MatrixFunctions.Inverse(a), lu.Inverse());
            Assert.Equal(MatrixFunctions.Determinant(a), lu.Determinant());
            Assert.Equal(MatrixFunctions.LogDeterminant(a), lu.LogDeterminant());
            Assert.True(Compare.RelativeError(lu.Solve(b), a.Solve(b)) < 1e-12);
            Assert.True(Compare.RelativeError(lu.Inverse(), a.Inverse()) < 1e-12);
            Assert.True(System.Math.Abs(lu.LogDeterminant() - System.Math.Log(a.Determinant())) < 1e-10 * n);
            // A factorisation solves many times: the factors are not consumed by a solve.
            Assert.Equal(lu.Solve(v), lu.Solve(v));
            Assert.Throws<System.ArgumentException>(() => lu.Solve(r.Vector(n + 1)));
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.Factor(r.Matrix(n, n + 1)));
        }

        [Fact]
        public void Pivoting_handles_zero_leading_entries_at_every_level()
        {
            // A permutation of a diagonal: every step of elimination meets a zero where the pivot would be without swaps.
            int n = 40;
            var a = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i < n; i++) a[i, (i * 7 + 3) % n] = i + 1.0;
            Assert.True(Compare.RelativeError(MatrixFunctions.Inverse(a), a.Inverse()) < 1e-14);
            var squared = a * a;   // det > 0
            Assert.True(System.Math.Abs(MatrixFunctions.LogDeterminant(squared) - System.Math.Log(squared.Determinant())) < 1e-9);
            Assert.Equal(double.NegativeInfinity, MatrixFunctions.LogDeterminant(Matrix<double>.Build.Dense(n, n)));
            Assert.Equal(0.0, MatrixFunctions.Determinant(Matrix<double>.Build.Dense(n, n)));
            Assert.True(System.Math.Abs(MatrixFunctions.Determinant(a) - a.Determinant()) <= 1e-12 * System.Math.Abs(a.Determinant()));
        }

        [Fact]
        public void Singular_matrices_give_what_MathNets_inverse_gives()
        {
            // No exception from either: infinities and NaNs, entry for entry the same.
            foreach (var s in new[] { Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } }), Matrix<double>.Build.Dense(3, 3) })
            {
                Assert.Equal(s.Inverse().ToColumnMajorArray(), MatrixFunctions.Inverse(s).ToColumnMajorArray());
                Assert.Contains(MatrixFunctions.Inverse(s).ToColumnMajorArray(), v => !double.IsFinite(v));
            }
        }

        [Fact]
        public void Solve_refuses_shapes_that_do_not_fit()
        {
            var r = new RandomMatrices(3);
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.Solve(r.Matrix(3, 4), r.Matrix(3, 2)));
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.Solve(r.Matrix(3, 3), r.Matrix(4, 2)));
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.Inverse(r.Matrix(2, 5)));
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.Solve(r.Matrix(3, 3), r.Vector(4)));
        }

        [Theory]
        [InlineData(1, 50, 2, 40)]   // (AB)C is cheaper
        [InlineData(40, 2, 50, 1)]   // A(BC) is cheaper
        [InlineData(3, 3, 3, 3)]
        public void Product_of_three_is_the_product_in_either_order(int m, int k, int l, int n)
        {
            var r = new RandomMatrices(m + k + l + n);
            var (a, b, c) = (r.Matrix(m, k), r.Matrix(k, l), r.Matrix(l, n));
            Assert.True(Compare.RelativeError(MatrixFunctions.Product(a, b, c), a * b * c) < 1e-12);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Chains_of_any_length_and_with_vector_ends_equal_the_plain_product(int seed)
        {
            var r = new RandomMatrices(seed);
            var random = new System.Random(seed);
            for (int k = 1; k <= 7; k++)
            {
                var sizes = Enumerable.Range(0, k + 1).Select(_ => random.Next(1, 9)).ToArray();
                var factors = Enumerable.Range(0, k).Select(i => r.Matrix(sizes[i], sizes[i + 1])).ToArray();
                var plain = factors.Aggregate((p, f) => p * f);
                Assert.True(Compare.RelativeError(MatrixFunctions.Product(factors), plain) < 1e-12, $"k = {k}, sizes {string.Join("×", sizes)}");
                var (x, y) = (r.Vector(sizes[k]), r.Vector(sizes[0]));
                Assert.True((MatrixFunctions.Product(factors, x) - plain * x).L2Norm() <= 1e-12 * System.Math.Max(1, (plain * x).L2Norm()));
                Assert.True((MatrixFunctions.Product(y, factors) - y * plain).L2Norm() <= 1e-12 * System.Math.Max(1, (y * plain).L2Norm()));
            }
            var bad = Assert.Throws<System.ArgumentException>(() => MatrixFunctions.Product(r.Matrix(2, 3), r.Matrix(4, 2)));
            Assert.Contains("Factor 2 of the product is 4×2", bad.Message);
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public void Scaled_products_are_dgemm_with_alpha_and_beta(bool transposeA, bool transposeB)
        {
            var r = new RandomMatrices(transposeA ? 3 : 5 + (transposeB ? 1 : 0));
            var a = transposeA ? r.Matrix(6, 4) : r.Matrix(4, 6);
            var b = transposeB ? r.Matrix(7, 6) : r.Matrix(6, 7);
            var expected = -2.5 * (transposeA ? a.Transpose() : a) * (transposeB ? b.Transpose() : b);

            Assert.True(Compare.RelativeError(MatrixFunctions.ScaledProduct(-2.5, a, b, transposeA, transposeB), expected) < 1e-14);
            var c = r.Matrix(4, 7);
            var before = c.Clone();
            MatrixFunctions.AddScaledProduct(c, -2.5, a, b, transposeA, transposeB);
            Assert.True(Compare.RelativeError(c, before + expected) < 1e-14);
            // A sparse factor takes the runtime's CSR kernel, a sparse result MathNet's product: same result.
            var sparse = Matrix<double>.Build.SparseOfMatrix(a);
            Assert.True(Compare.RelativeError(MatrixFunctions.ScaledProduct(-2.5, sparse, b, transposeA, transposeB), expected) < 1e-14);
            var d = Matrix<double>.Build.SparseOfMatrix(before);
            MatrixFunctions.AddScaledProduct(d, -2.5, a, b, transposeA, transposeB);
            Assert.True(Compare.RelativeError(d, before + expected) < 1e-14);
        }

        [Fact]
        public void Scaled_products_reject_bad_shapes_and_aliased_results()
        {
            var r = new RandomMatrices(8);
            var (a, b) = (r.Matrix(3, 3), r.Matrix(4, 3));
            var shape = Assert.Throws<System.ArgumentException>(() => MatrixFunctions.ScaledProduct(1.0, a, b));
            Assert.Contains("op(A) is 3×3, op(B) is 4×3", shape.Message);
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.AddScaledProduct(a, 1.0, a, a));
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.AddScaledProduct(r.Matrix(3, 4), 1.0, a, b, transposeB: false));
        }

        [Fact]
        public void Axpy_and_the_quadratic_reductions()
        {
            var r = new RandomMatrices(12);
            var (a, b, c) = (r.Matrix(5, 3), r.Matrix(5, 3), r.Matrix(3, 5));
            var sum = a.Clone();
            MatrixFunctions.AddScaled(sum, -0.75, b);
            Assert.True(Compare.RelativeError(sum, a - 0.75 * b) < 1e-15);
            var (u, v) = (r.Vector(6), r.Vector(6));
            var w = u.Clone();
            MatrixFunctions.AddScaled(w, 3.0, v);
            Assert.True((w - (u + 3.0 * v)).L2Norm() < 1e-14);

            Assert.Equal(a.FrobeniusNorm(), MatrixFunctions.FrobeniusNorm(a), 12);
            Assert.Equal((a * c).Trace(), MatrixFunctions.TraceOfProduct(a, c), 12);
            Assert.Equal((a * c).Trace(), MatrixFunctions.TraceOfProduct(Matrix<double>.Build.SparseOfMatrix(a), c), 12);
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.TraceOfProduct(a, b));
        }

        [Fact]
        public void Inner_product_and_log_determinant()
        {
            var r = new RandomMatrices(4);
            var (a, b) = (r.Matrix(3, 4), r.Matrix(3, 4));
            Assert.Equal((a.TransposeThisAndMultiply(b)).Trace(), MatrixFunctions.Inner(a, b), 12);
            var s = r.Matrix(4, 4) + 4 * Matrix<double>.Build.DenseIdentity(4);
            Assert.Equal(System.Math.Log(System.Math.Abs(s.Determinant())), System.Math.Abs(MatrixFunctions.LogDeterminant(s * s)) / 2, 10);
        }

        [Fact]
        public void Diagonal_scalings_and_diagonals_of_products_equal_the_dense_forms()
        {
            var r = new RandomMatrices(11);
            var a = r.Matrix(5, 4);
            var b = r.Matrix(4, 5);
            var c = r.Matrix(5, 4);
            var v = r.Vector(5);
            var u = r.Vector(4);
            Assert.True((MatrixFunctions.ScaleRows(v, a) - Matrix<double>.Build.DiagonalOfDiagonalVector(v) * a).FrobeniusNorm() < 1e-12);
            Assert.True((MatrixFunctions.ScaleColumns(a, u) - a * Matrix<double>.Build.DiagonalOfDiagonalVector(u)).FrobeniusNorm() < 1e-12);
            Assert.True((MatrixFunctions.DiagonalOfProduct(a, b) - (a * b).Diagonal()).L2Norm() < 1e-12);
            Assert.True((MatrixFunctions.DiagonalOfTransposeThisAndMultiply(a, c) - (a.Transpose() * c).Diagonal()).L2Norm() < 1e-12);
            Assert.True((MatrixFunctions.DiagonalOfTransposeAndMultiply(a, c) - (a * c.Transpose()).Diagonal()).L2Norm() < 1e-12);
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.ScaleRows(u, a));
            Assert.Throws<System.ArgumentException>(() => MatrixFunctions.DiagonalOfProduct(a, a));
        }
    }
}

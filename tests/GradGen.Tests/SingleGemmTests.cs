using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Runtime;
using GradGen.Runtime.Gemm;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// GradGen's managed sgemm (the packed loop nest with the float tiles: 48×8 on AVX-512, 3 Vector&lt;float&gt; × 4 elsewhere)
    /// against a triple loop in double over the same float values: every kind this machine runs, every transpose, α and β,
    /// shapes that cross each edge with this machine's blocking and with a small one. A float product of depth k carries
    /// about √k·2⁻²⁴ relative rounding; a wrong tile, edge or pack is off by O(1).
    /// </summary>
    public class SingleGemmTests
    {
        private const double Tolerance = 1e-5;

        public static TheoryData<int, int, int> Shapes => new()
        {
            { 1, 1, 1 },
            { 2, 3, 5 },
            { 1, 37, 300 },
            { 41, 1, 300 },
            { 24, 4, 9 },       // one whole AVX2 float tile (24×4)
            { 48, 8, 17 },      // one whole AVX-512 float tile (48×8)
            { 49, 9, 777 },     // every edge of it, two depth blocks (KC ≤ 512)
            { 250, 7, 33 },     // more rows than one packed block of A
            { 3, 1030, 2 },
            { 1030, 3, 700 },   // taller than wide: split between cores by rows
            { 97, 131, 259 },
        };

        private static IEnumerable<KernelKind> Kinds() => ((KernelKind[])Enum.GetValues(typeof(KernelKind))).Where(KernelChoice.CanRun);

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Every_float_kernel_and_transpose_matches_the_triple_loop(int m, int n, int k)
        {
            foreach (var kind in Kinds()) Check(kind, CacheBlocking.ForSingle(kind), m, n, k);
        }

        [Theory]
        [InlineData(13, 5, 70)]
        [InlineData(100, 17, 100)]
        [InlineData(61, 37, 45)]
        public void Small_float_blocks_cross_every_edge(int m, int n, int k)
        {
            foreach (var kind in Kinds())
            {
                var tile = SingleMicroKernel.TileOf(kind);
                Check(kind, new CacheBlocking(32, 2 * tile.Rows, 3 * tile.Columns), m, n, k);
            }
        }

        [Fact]
        public void The_float_blocking_fits_its_taller_tile_and_half_size_values()
        {
            var zen4 = new CacheSizes(32 * 1024, 1024 * 1024, 32L * 1024 * 1024);
            var single = CacheBlocking.Compute(zen4, sizeof(float));
            foreach (var kind in (KernelKind[])Enum.GetValues(typeof(KernelKind)))
            {
                var (tile, b) = (SingleMicroKernel.TileOf(kind), single[(int)kind]);
                Assert.True(b.MC % tile.Rows == 0 && b.NC % tile.Columns == 0, $"{kind} {b}: whole tiles");
                Assert.True(4L * b.KC * b.MC <= zen4.L2 / 2, $"{kind} {b}: A's block in half of L2");
            }
            // AVX-512: 48×8 tiles, KC 512 (16 KB of B's sliver), MC 240 (480 KB of A); the double kernel's MC is 120.
            var avx512 = single[(int)KernelKind.Avx512];
            Assert.Equal((512, 240), (avx512.KC, avx512.MC));
            Assert.Equal(new Tile(48, 8).Rows, SingleMicroKernel.TileOf(KernelKind.Avx512).Rows);
        }

        [Fact]
        public void The_float_products_of_the_runtime_match_MathNet_dense_and_sparse()
        {
            var r = new RandomMatrices(71);
            var a = r.Matrix(70, 50).Map(v => (float)v);
            var b = r.Matrix(70, 40).Map(v => (float)v);
            var expected = (a.Transpose() * b).Multiply(-2f);
            var product = MatrixFunctions.ScaledProduct(-2f, a, b, transposeA: true);
            Assert.True(RelativeError(product, expected) < Tolerance);
            var into = Matrix<float>.Build.Dense(50, 40, float.NaN);
            MatrixFunctions.ScaledProductInto(into, -2f, a, b, transposeA: true);
            Assert.Equal(product, into);
            MatrixFunctions.AddScaledProduct(into, 2f, a, b, transposeA: true);
            Assert.True(into.FrobeniusNorm() < 1e-4 * expected.FrobeniusNorm(), "−2AᵀB + 2AᵀB is 0");

            // A float chain: its association by the sizes, and a lone factor copied (generated code may recycle the result).
            var chain = MatrixFunctions.Product(a.Transpose(), b, b.Transpose());
            Assert.True(RelativeError(chain, a.Transpose() * b * b.Transpose()) < Tolerance);
            var lone = MatrixFunctions.Product(a);
            Assert.NotSame(a, lone);
            Assert.Equal(a, lone);

            // A sparse factor goes to MathNet's own product: same values.
            var sparse = Matrix<float>.Build.SparseOfMatrix(a.Map(v => Math.Abs(v) > 1 ? v : 0f));
            var viaSparse = MatrixFunctions.Multiply(sparse.Transpose(), b);
            Assert.True(RelativeError(viaSparse, sparse.Transpose() * b) < Tolerance);

            // ⟨A, C⟩ summed in double (SIMD and the tail: 3 500 entries), rounded once.
            var c = r.Matrix(70, 50).Map(v => (float)v);
            double inner = a.Enumerate().Zip(c.Enumerate(), (x, y) => (double)x * y).Sum();
            Assert.Equal((float)inner, MatrixFunctions.Inner(a, c));
            Assert.True(Math.Abs(MatrixFunctions.FrobeniusNorm(a) - a.FrobeniusNorm()) < 1e-5 * a.FrobeniusNorm());
            var d = r.Matrix(50, 70).Map(v => (float)v);
            Assert.True(Math.Abs(MatrixFunctions.TraceOfProduct(a, d) - (a * d).Trace()) < 1e-4 * (a * d).FrobeniusNorm());
        }

        [Fact]
        public void A_float_product_of_the_wrong_sizes_is_refused()
        {
            var a = Matrix<float>.Build.Dense(3, 4);
            var e = Assert.Throws<ArgumentException>(() => MatrixFunctions.Multiply(a, a));
            Assert.Contains("3×4 and 3×4", e.Message);
        }

        private static void Check(KernelKind kind, CacheBlocking blocking, int m, int n, int k)
        {
            var r = new RandomMatrices(m * 7 + n * 3 + k);
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    var a = (ta ? r.Matrix(k, m) : r.Matrix(m, k)).Map(v => (float)v);
                    var b = (tb ? r.Matrix(n, k) : r.Matrix(k, n)).Map(v => (float)v);
                    foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-2.0, 1.0), (0.5, -0.75) })
                    {
                        var c0 = r.Matrix(m, n).Map(v => (float)v);
                        var c = beta == 0.0 ? Matrix<float>.Build.Dense(m, n, float.NaN) : c0.Clone();
                        ManagedGemm.Multiply(kind, blocking, ta, tb, m, n, k, alpha, Whole(a), Whole(b), beta, Whole(c));
                        var wide = (Matrix<float> x) => x.Map(v => (double)v);
                        var (opA, opB) = (ta ? wide(a).Transpose() : wide(a), tb ? wide(b).Transpose() : wide(b));
                        var expected = alpha * opA * opB + beta * wide(c0);
                        double error = (wide(c) - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), 1e-30);
                        Assert.True(error < Tolerance,
                            $"{kind} ({blocking}), {m}×{k}·{k}×{n}, transposeA {ta}, transposeB {tb}, α {alpha}, β {beta}: "
                            + $"relative error {error:E2}");
                    }
                }
            }
        }

        private static double RelativeError(Matrix<float> actual, Matrix<float> expected)
            => (actual - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), 1e-30);

        private static Block<float> Whole(Matrix<float> m)
            => new(((MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<float>)m.Storage).Data, 0, m.RowCount);
    }
}

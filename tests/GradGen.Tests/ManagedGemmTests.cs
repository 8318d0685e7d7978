using System;
using System.Linq;
using GradGen.Runtime;
using GradGen.Runtime.Gemm;
using Block = GradGen.Runtime.Gemm.Block<double>;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// GradGen's managed dgemm against a plain triple loop written here: every kernel this machine runs (portable,
    /// Vector&lt;T&gt; FMA, Vector128, AVX-512), every transpose combination, α and β, and shapes that cross each blocking
    /// edge (the tile's MR×NR, the depth block KC, the row block MC, the column panel NC, and the size from which columns
    /// are split between cores), both with this machine's blocking and with a small one that small shapes cross.
    /// </summary>
    public class ManagedGemmTests
    {
        public static TheoryData<int, int, int> Shapes => new()
        {
            { 1, 1, 1 },
            { 2, 3, 5 },
            { 1, 37, 300 },     // a row times a matrix
            { 41, 1, 300 },     // a matrix times a column
            { 12, 4, 9 },       // one whole tile (AVX2: MR = 12, NR = 4)
            { 13, 5, 300 },     // an edge row, an edge column
            { 24, 8, 17 },      // one whole AVX-512 tile (24×8)
            { 49, 17, 777 },    // AVX-512 edges, three depth blocks (KC ≤ 384)
            { 101, 7, 33 },     // more rows than one packed block of A (MC = 96)
            { 3, 1030, 2 },     // more columns than one packed panel of B
            { 1030, 3, 700 },   // taller than wide: split between cores by rows
            { 97, 131, 259 },   // split between cores, every edge at once
            { 128, 128, 128 },
        };

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Every_transpose_combination_matches_the_triple_loop(int m, int n, int k)
        {
            foreach (var kind in Kinds()) CheckAgainstTripleLoop(kind, CacheBlocking.For(kind), m, n, k);
        }

        [Theory]
        [InlineData(13, 5, 70)]
        [InlineData(49, 17, 100)]
        [InlineData(61, 37, 45)]
        [InlineData(3, 40, 2)]
        [InlineData(50, 3, 33)]
        public void Small_blocks_cross_every_edge_and_still_match(int m, int n, int k)
        {
            // KC = 32, MC = two tiles, NC = three tiles: each shape spans several blocks of each kind, with edges.
            foreach (var kind in Kinds())
            {
                var tile = MicroKernel.TileOf(kind);
                CheckAgainstTripleLoop(kind, new CacheBlocking(32, 2 * tile.Rows, 3 * tile.Columns), m, n, k);
            }
        }

        [Theory]
        [InlineData(1, 1, 1)]
        [InlineData(7, 3, 5)]       // no whole 8-row block, no whole 4-column block
        [InlineData(8, 4, 1)]
        [InlineData(4, 4, 3)]       // one 4×4 tile at 256 bits
        [InlineData(12, 5, 7)]      // at 256 bits: an 8×4 tile, a 4×4 edge, a 4-row single column
        [InlineData(16, 4, 9)]      // one whole 16×4 tile
        [InlineData(17, 5, 13)]     // a tile, then an 8-row edge short by 7, a single-row edge and a single column
        [InlineData(33, 9, 40)]
        [InlineData(25, 70, 20)]
        [InlineData(64, 64, 64)]
        [InlineData(96, 96, 96)]    // the largest product the path takes alone
        public void Small_products_unpacked_match_the_triple_loop_inside_larger_arrays(int m, int n, int k)
        {
            // Each width this CPU runs (AVX-512's 16-row and AVX2's 8-row tiles); elsewhere the packed kernels run these shapes.
            foreach (var width in SmallGemm.Widths) SmallProductMatches(width, m, n, k);
        }

        private static void SmallProductMatches(SmallWidth width, int m, int n, int k)
        {
            var r = new RandomMatrices(m * 5 + n * 11 + k);
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    // Each operand is a block at (2, 1) of an array 3 rows taller and 2 columns wider: strides exceed rows.
                    var (ra, ca) = ta ? (k, m) : (m, k);
                    var (rb, cb) = tb ? (n, k) : (k, n);
                    var (bigA, bigB) = (r.Matrix(ra + 3, ca + 2), r.Matrix(rb + 3, cb + 2));
                    foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-2.0, 1.0), (0.5, -0.75) })
                    {
                        var bigC = beta == 0.0 ? Matrix<double>.Build.Dense(m + 3, n + 2, double.NaN) : r.Matrix(m + 3, n + 2);
                        var before = bigC.Clone();
                        SmallGemm.Multiply(width, ta, tb, m, n, k, alpha, new Block(Data(bigA), 0, ra + 3).From(2, 1),
                            new Block(Data(bigB), 0, rb + 3).From(2, 1), beta, new Block(Data(bigC), 0, m + 3).From(2, 1));
                        var (a, b) = (bigA.SubMatrix(2, ra, 1, ca), bigB.SubMatrix(2, rb, 1, cb));
                        var expected = TripleLoop(ta ? a.Transpose() : a, tb ? b.Transpose() : b, alpha, beta, before.SubMatrix(2, m, 1, n));
                        double error = Compare.RelativeError(bigC.SubMatrix(2, m, 1, n), expected);
                        Assert.True(error < 1e-13, $"{width} {m}×{k}·{k}×{n}, transposeA {ta}, transposeB {tb}, α {alpha}, β {beta}: {error:E2}");
                        for (int i = 0; i < m + 3; i++)
                            for (int j = 0; j < n + 2; j++)
                                if (i < 2 || i >= 2 + m || j < 1 || j >= 1 + n)
                                    Assert.Equal(before[i, j].ToString("R"), bigC[i, j].ToString("R"));
                    }
                }
            }
        }

        [Theory]
        [InlineData(130, 9, 150)]    // two halves of 4 and 5 columns
        [InlineData(150, 150, 150)]  // within the two-core unpacked range
        [InlineData(20, 2000, 30)]
        [InlineData(301, 317, 290)]  // above 192³ with op(A) in L2 (700 KB): halves where L2 holds it
        public void Products_split_between_cores_unpacked_match_the_triple_loop(int m, int n, int k)
        {
            // Through the public entry: on AVX-512 these run as two unpacked halves of C, elsewhere packed.
            var r = new RandomMatrices(m + 3 * n + 7 * k);
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    var a = ta ? r.Matrix(k, m) : r.Matrix(m, k);
                    var b = tb ? r.Matrix(n, k) : r.Matrix(k, n);
                    var c0 = r.Matrix(m, n);
                    var c = c0.Clone();
                    ManagedGemm.Multiply(ta, tb, m, n, k, 0.5, Whole(a), Whole(b), -0.75, Whole(c));
                    var expected = TripleLoop(ta ? a.Transpose() : a, tb ? b.Transpose() : b, 0.5, -0.75, c0);
                    Assert.True(Compare.RelativeError(c, expected) < 1e-13, $"{m}×{k}·{k}×{n}, transposeA {ta}, transposeB {tb}");
                }
            }
        }

        [Fact]
        public void Products_split_unpacked_up_to_192_cubed_and_up_to_240_cubed_while_A_fits_in_L2()
        {
            long l2 = CacheSizes.OfThisMachine().L2;
            bool splits = SmallGemm.Splits && Environment.ProcessorCount > 1;
            Assert.Equal(splits, SmallGemm.SplitsAt(192, 192, 192));
            Assert.Equal(splits && 8L * 240 * 240 <= l2, SmallGemm.SplitsAt(240, 240, 240));
            Assert.False(SmallGemm.SplitsAt(241, 240, 240));    // over 240³ multiply-adds
            Assert.False(SmallGemm.SplitsAt(256, 256, 256));
            Assert.False(SmallGemm.SplitsAt(200, 7, 200));      // under 8 columns: no halves
            // A tall A (3.2 MB) past 192³ multiply-adds is packed unless L2 holds it (each half would stream it from L3).
            Assert.Equal(splits && 8L * 2000 * 200 <= l2, SmallGemm.SplitsAt(2000, 20, 200));
        }

        [Fact]
        public void A_small_block_that_reaches_outside_its_array_is_refused_before_any_read()
        {
            if (!SmallGemm.CanRun) return;
            var (a, b, c) = (new double[16], new double[16], new double[16]);
            // A 4×4 operand at offset 1 of a 16-value array: its last entry would be at 16. Each operand in turn, and
            // op(B) transposed (its last entry then at offset + (k − 1)·1 + (n − 1)·stride all the same).
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                SmallGemm.Multiply(false, false, 4, 4, 4, 1.0, new Block(a, 1, 4), new Block(b, 0, 4), 0.0, new Block(c, 0, 4)));
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                SmallGemm.Multiply(false, false, 4, 4, 4, 1.0, new Block(a, 0, 4), new Block(b, 1, 4), 0.0, new Block(c, 0, 4)));
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                SmallGemm.Multiply(false, true, 4, 4, 4, 1.0, new Block(a, 0, 4), new Block(b, 1, 4), 0.0, new Block(c, 0, 4)));
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                SmallGemm.Multiply(false, false, 4, 4, 4, 1.0, new Block(a, 0, 4), new Block(b, 0, 4), 0.0, new Block(c, 1, 4)));
            // 4×3 times 3×4 fits exactly: a[11], b[11] and c[15] are the last entries read and written.
            SmallGemm.Multiply(false, false, 4, 4, 3, 1.0, new Block(a, 0, 4), new Block(b, 0, 3), 0.0, new Block(c, 0, 4));
        }

        /// <summary>Every kernel this machine can run, forced in turn.</summary>
        private static System.Collections.Generic.IEnumerable<KernelKind> Kinds()
            => ((KernelKind[])Enum.GetValues(typeof(KernelKind))).Where(KernelChoice.CanRun);

        [Fact]
        public void This_machine_runs_at_least_the_portable_kernel_and_the_best_one_it_reports()
        {
            var kinds = Kinds().ToList();
            Assert.Contains(KernelKind.MultiplyAdd, kinds);
            Assert.Contains(KernelChoice.Best, kinds);
            Assert.StartsWith(KernelChoice.Describe(KernelChoice.Best), GradGenLinearAlgebra.ManagedKernel);
        }

        [Theory]
        [InlineData("48K", 48 * 1024)]
        [InlineData("1024K", 1024 * 1024)]
        [InlineData("32M", 32L * 1024 * 1024)]
        [InlineData("65536", 65536)]
        public void Cache_sizes_read_as_sysfs_writes_them(string text, long bytes) => Assert.Equal(bytes, CacheSizes.ParseSize(text));

        [Fact]
        public void Cache_sizes_are_read_from_a_sysfs_folder_and_missing_levels_fall_back()
        {
            string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gradgen-sysfs-" + Guid.NewGuid().ToString("N"));
            void Cache(int index, int level, string type, string size)
            {
                string folder = System.IO.Path.Combine(root, "index" + index);
                System.IO.Directory.CreateDirectory(folder);
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "level"), level + "\n");
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "type"), type + "\n");
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "size"), size + "\n");
            }
            try
            {
                Cache(0, 1, "Data", "48K");
                Cache(1, 1, "Instruction", "32K");   // not a data cache: ignored
                Cache(2, 2, "Unified", "1024K");
                Cache(3, 3, "Unified", "32768K");
                var zen5 = CacheSizes.ReadFrom(root);
                Assert.Equal((48L * 1024, 1024L * 1024, 32L * 1024 * 1024), (zen5.L1, zen5.L2, zen5.L3));
                System.IO.Directory.Delete(System.IO.Path.Combine(root, "index3"), true);
                System.IO.Directory.Delete(System.IO.Path.Combine(root, "index2"), true);
                var l1Only = CacheSizes.ReadFrom(root);
                Assert.Equal((48L * 1024, CacheSizes.Typical.L2, CacheSizes.Typical.L3), (l1Only.L1, l1Only.L2, l1Only.L3));
                System.IO.File.WriteAllText(System.IO.Path.Combine(root, "index0", "size"), "big");
                Assert.Equal(CacheSizes.Typical.L1, CacheSizes.ReadFrom(root).L1);   // unreadable: the typical sizes
                Assert.Equal(CacheSizes.Typical.L2, CacheSizes.ReadFrom(System.IO.Path.Combine(root, "none")).L2);
            }
            finally
            {
                System.IO.Directory.Delete(root, true);
            }
        }

        [Fact]
        public void Blocking_fits_the_caches_it_is_given_and_keeps_whole_tiles()
        {
            var zen5 = new CacheSizes(48 * 1024, 1024 * 1024, 32L * 1024 * 1024);
            var small = new CacheSizes(16 * 1024, 128 * 1024, 0);
            foreach (var caches in new[] { zen5, small, CacheSizes.Typical, CacheSizes.OfThisMachine() })
            {
                var blockings = CacheBlocking.Compute(caches);
                foreach (var kind in (KernelKind[])Enum.GetValues(typeof(KernelKind)))
                {
                    var (tile, b) = (MicroKernel.TileOf(kind), blockings[(int)kind]);
                    Assert.True(b.MC % tile.Rows == 0 && b.NC % tile.Columns == 0, $"{kind} {b}: whole tiles");
                    Assert.InRange(b.KC, 128, 512);
                    // B's sliver in half of L1 (all of it for the AVX-512 tile) and A's block in half of L2, where the caches
                    // are not smaller than one tile.
                    long sliverRoom = kind == KernelKind.Avx512 ? caches.L1 : caches.L1 / 2;
                    if (sliverRoom >= 8 * 128 * tile.Columns) Assert.True(8L * b.KC * tile.Columns <= sliverRoom, $"{kind} {b}");
                    if (caches.L2 >= 2 * 8 * b.KC * tile.Rows) Assert.True(8L * b.KC * b.MC <= caches.L2 / 2, $"{kind} {b}");
                }
            }
            // On a Zen 5 core the AVX-512 kernel takes the deepest panel, KC 512 (32 KB of B in its 48 KB L1), and MC 120
            // (480 KB of A in L2); on a Zen 4 core (32 KB L1) the same; the 12×4 AVX2 tile keeps half of L1, KC 384 on Zen 5.
            var avx512 = CacheBlocking.Compute(zen5)[(int)KernelKind.Avx512];
            Assert.Equal((512, 120), (avx512.KC, avx512.MC));
            var zen4 = CacheBlocking.Compute(new CacheSizes(32 * 1024, 1024 * 1024, 32L * 1024 * 1024))[(int)KernelKind.Avx512];
            Assert.Equal((512, 120), (zen4.KC, zen4.MC));
            Assert.Equal(384, CacheBlocking.Compute(zen5)[(int)KernelKind.MultiplyAdd].KC);
        }

        private static void CheckAgainstTripleLoop(KernelKind kind, CacheBlocking blocking, int m, int n, int k)
        {
            var r = new RandomMatrices(m * 7 + n * 3 + k);
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    var a = ta ? r.Matrix(k, m) : r.Matrix(m, k);
                    var b = tb ? r.Matrix(n, k) : r.Matrix(k, n);
                    foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-2.0, 1.0), (0.5, -0.75) })
                    {
                        var c0 = r.Matrix(m, n);
                        var c = beta == 0.0 ? Matrix<double>.Build.Dense(m, n, double.NaN) : c0.Clone();
                        ManagedGemm.Multiply(kind, blocking, ta, tb, m, n, k, alpha, Whole(a), Whole(b), beta, Whole(c));
                        var expected = TripleLoop(ta ? a.Transpose() : a, tb ? b.Transpose() : b, alpha, beta, c0);
                        double error = Compare.RelativeError(c, expected);
                        Assert.True(error < 1e-13, $"{kind} ({blocking}), {m}×{k}·{k}×{n}, transposeA {ta}, transposeB {tb}, α {alpha}, β {beta}: relative error {error:E2}");
                    }
                }
            }
        }

        [Theory]
        [InlineData(97, 131, 259)]   // split by columns
        [InlineData(1030, 9, 300)]   // split by rows
        public void Results_do_not_depend_on_how_C_is_split_between_cores(int m, int n, int k)
        {
            // Each element is summed in the same order whatever the split: the whole product, computed in
            // parallel, equals bit for bit the same product one column at a time (each call serial).
            var r = new RandomMatrices(m + n + k);
            var (a, b) = (r.Matrix(m, k), r.Matrix(k, n));
            // (Both through the packed kernel: a single column is small enough for SmallGemm, which sums in its own order.)
            var whole = Matrix<double>.Build.Dense(m, n);
            var best = KernelChoice.Best;
            ManagedGemm.Multiply(best, false, false, m, n, k, 1.0, Whole(a), Whole(b), 0.0, Whole(whole));
            for (int j = 0; j < n; j++)
            {
                var column = new double[m];
                ManagedGemm.Multiply(best, false, false, m, 1, k, 1.0, Whole(a), new Block(b.Column(j).ToArray(), 0, k), 0.0, new Block(column, 0, m));
                Assert.Equal(column, whole.Column(j).ToArray());
            }
        }

        [Fact]
        public void Concurrent_products_keep_their_packing_buffers_apart()
        {
            // The packed panels are cached per thread; products running at once on several threads (each of
            // them splitting its own work between cores too) must not see each other's.
            var cases = Enumerable.Range(0, 32).Select(i =>
            {
                var r = new RandomMatrices(100 + i);
                int m = 100 + 7 * i, n = 60 + 5 * (i % 7), k = 120 + 9 * (i % 5);
                return (a: r.Matrix(m, k), b: r.Matrix(k, n));
            }).ToArray();
            // Four threads of their own, started together, each running eight of the products (and MathNet's
            // slow one beside each, so that kernels of different threads overlap in time).
            var wrong = new System.Collections.Concurrent.ConcurrentBag<int>();
            using var start = new System.Threading.Barrier(4);
            var threads = Enumerable.Range(0, 4).Select(t => new System.Threading.Thread(() =>
            {
                start.SignalAndWait();
                for (int i = t; i < cases.Length; i += 4)
                {
                    var expected = cases[i].a * cases[i].b;
                    if (!(Compare.RelativeError(MatrixFunctions.ScaledProduct(1.0, cases[i].a, cases[i].b), expected) < 1e-13)) wrong.Add(i);
                }
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());
            Assert.Empty(wrong);
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public void Blocks_of_larger_arrays_multiply_and_C_outside_its_block_is_untouched(bool ta, bool tb)
        {
            // op(A) 37×300 and op(B) 300×29 sit at (5, 3) and (2, 7) of larger matrices; C at (4, 6) of a 50×40 one.
            int m = 37, n = 29, k = 300;
            var r = new RandomMatrices(77);
            var (bigA, bigB) = (r.Matrix(320, 320), r.Matrix(320, 320));
            var big = r.Matrix(50, 40);
            var before = big.Clone();
            var a = bigA.SubMatrix(5, ta ? k : m, 3, ta ? m : k);
            var b = bigB.SubMatrix(2, tb ? n : k, 7, tb ? k : n);
            var block = new Block(Data(big), 0, 50).From(4, 6);
            ManagedGemm.Multiply(ta, tb, m, n, k, -1.5, new Block(Data(bigA), 0, 320).From(5, 3), new Block(Data(bigB), 0, 320).From(2, 7), 0.5, block);
            var expected = TripleLoop(ta ? a.Transpose() : a, tb ? b.Transpose() : b, -1.5, 0.5, before.SubMatrix(4, m, 6, n));
            Assert.True(Compare.RelativeError(big.SubMatrix(4, m, 6, n), expected) < 1e-13);
            for (int i = 0; i < 50; i++)
            {
                for (int j = 0; j < 40; j++)
                {
                    bool inside = i >= 4 && i < 4 + m && j >= 6 && j < 6 + n;
                    if (!inside) Assert.Equal(before[i, j], big[i, j]);
                }
            }
        }

        [Fact]
        public void Empty_depth_or_zero_alpha_only_scales_C()
        {
            var r = new RandomMatrices(5);
            var (a, b, c0) = (r.Matrix(6, 9), r.Matrix(9, 7), r.Matrix(6, 7));
            var c = c0.Clone();
            ManagedGemm.Multiply(false, false, 6, 7, 9, 0.0, Whole(a), Whole(b), 0.5, Whole(c));
            Assert.Equal((0.5 * c0).ToColumnMajorArray(), c.ToColumnMajorArray());
            var nan = Matrix<double>.Build.Dense(6, 7, double.NaN);
            ManagedGemm.Multiply(false, false, 6, 7, 0, 1.0, new Block(Array.Empty<double>(), 0, 6), new Block(Array.Empty<double>(), 0, 0), 0.0, Whole(nan));
            Assert.All(nan.ToColumnMajorArray(), x => Assert.Equal(0.0, x));
        }

        [Fact]
        public void Products_through_MatrixFunctions_use_it_and_agree_with_MathNet()
        {
            // Under the managed provider MatrixFunctions' products run on this kernel; under native BLAS on OpenBLAS.
            // Either way they must equal MathNet's own product to rounding.
            var r = new RandomMatrices(11);
            var (a, b, c) = (r.Matrix(70, 90), r.Matrix(90, 50), r.Matrix(90, 30));
            Assert.True(Compare.RelativeError(MatrixFunctions.Multiply(a, b), a * b) < 1e-13);
            Assert.True(Compare.RelativeError(MatrixFunctions.TransposeThisAndMultiply(b, c), b.Transpose() * c) < 1e-13);
            Assert.True(Compare.RelativeError(MatrixFunctions.TransposeAndMultiply(a, a), a * a.Transpose()) < 1e-13);
        }

        /// <summary>A whole dense matrix as a kernel block.</summary>
        private static Block Whole(Matrix<double> m) => new(Data(m), 0, m.RowCount);

        private static double[] Data(Matrix<double> m) => ((MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<double>)m.Storage).Data;

        private static Matrix<double> TripleLoop(Matrix<double> a, Matrix<double> b, double alpha, double beta, Matrix<double> c)
        {
            var result = Matrix<double>.Build.Dense(a.RowCount, b.ColumnCount);
            for (int i = 0; i < a.RowCount; i++)
            {
                for (int j = 0; j < b.ColumnCount; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < a.ColumnCount; p++) sum += a[i, p] * b[p, j];
                    result[i, j] = alpha * sum + (beta == 0.0 ? 0.0 : beta * c[i, j]);
                }
            }
            return result;
        }
    }
}

using System;
using System.Threading.Tasks;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// A managed dgemm, C ← α·op(A)·op(B) + β·C on column-major arrays, for generated gradients when
    /// MathNet's provider is its managed one (whose product runs at ≈4–5 GFLOP/s here). The layout is
    /// Goto's/BLIS's: op(B) is packed in kc×nc panels, op(A) in mc×kc blocks, and a register-blocked
    /// micro-kernel (<see cref="MicroKernel"/>) keeps an MR×NR tile of C in SIMD registers across the
    /// whole kc loop, so each element loaded from a packed buffer feeds NR (or MR) multiply-adds. The kernel is the
    /// widest this CPU runs well (<see cref="KernelChoice"/>), the blocking fitted to its caches (<see cref="CacheBlocking"/>).
    /// C is split among cores by columns (or by rows when it is taller than wide); each core packs its
    /// own buffers, cached per thread (no allocation per call once warm). Every element of C is summed
    /// in the same order whatever the split, so results do not depend on the number of cores.
    /// With β = 0, C is never read (BLAS semantics: NaN in C does not leak).
    /// </summary>
    internal static class ManagedGemm
    {
        /// <summary>Below this many multiply-adds a second core costs more than it saves.</summary>
        private const long ParallelThreshold = 1L << 21;

        [ThreadStatic] private static double[]? t_packA;
        [ThreadStatic] private static double[]? t_packB;

        /// <summary>Whether this kernel beats MathNet's managed one here: SIMD registers are needed for the micro-kernel.</summary>
        public static bool IsAccelerated => System.Numerics.Vector.IsHardwareAccelerated;

        /// <summary>
        /// C ← α·op(A)·op(B) + β·C on column-major blocks, op(A) m×k and op(B) k×n, with the best kernel here. With AVX-512
        /// or AVX2, up to 96³ multiply-adds run unpacked on the calling thread (<see cref="SmallGemm"/>); on AVX-512 up to
        /// 192³, or 320³ while op(A) fits in L2 (<c>SmallGemm.SplitsAt</c>), as two unpacked halves of C, one per
        /// core: measured faster than packing there (ProductKernel, EPYC Zen 5 and Zen 4; on a Zen 2 EPYC with AVX2 the
        /// halves were faster than packing at n = 128 in some runs and 1.6× slower in others).
        /// C's block must not overlap A's or B's (they may be other blocks of the same array).
        /// </summary>
        public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Block a, Block b, double beta, Block c)
        {
#if NET9_0_OR_GREATER
            long work = (long)m * n * k;
            if (SmallGemm.CanRun && k > 0 && alpha != 0.0 && work <= SmallGemm.MaxWork)
            {
                SmallGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
                return;
            }
            if (k > 0 && alpha != 0.0 && SmallGemm.SplitsAt(m, n, k))
            {
                if (transposeA && m >= 32)
                {
                    // Two halves of C's rows (a multiple of 16 high): each gathers only its own half of Aᵀ's rows, where
                    // halves of the columns would each gather all of it.
                    int top = (m / 2 + 15) / 16 * 16;
                    Parallel.Invoke(
                        () => SmallGemm.Multiply(true, transposeB, top, n, k, alpha, a, b, beta, c),
                        () => SmallGemm.Multiply(true, transposeB, m - top, n, k, alpha, a.From(0, top), b, beta, c.From(top, 0)));
                    return;
                }
                // Two halves of C's columns (a multiple of 4 wide), one per core, each unpacked.
                int half = (n / 2 + 3) / 4 * 4;
                var bRight = transposeB ? b.From(half, 0) : b.From(0, half);
                Parallel.Invoke(
                    () => SmallGemm.Multiply(transposeA, transposeB, m, half, k, alpha, a, b, beta, c),
                    () => SmallGemm.Multiply(transposeA, transposeB, m, n - half, k, alpha, a, bRight, beta, c.From(0, half)));
                return;
            }
#endif
            Multiply(KernelChoice.Best, transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
        }

        /// <summary>The same with a chosen kernel (tests and benchmarks run each one) and its blocking on this machine.</summary>
        internal static void Multiply(KernelKind kind, bool transposeA, bool transposeB, int m, int n, int k, double alpha,
            Block a, Block b, double beta, Block c)
            => Multiply(kind, CacheBlocking.For(kind), transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

        /// <summary>The same with a chosen blocking too: tests take small blocks, so that small shapes cross every edge.</summary>
        internal static void Multiply(KernelKind kind, CacheBlocking blocking, bool transposeA, bool transposeB, int m, int n, int k,
            double alpha, Block a, Block b, double beta, Block c)
        {
            if (m == 0 || n == 0) return;
            if (k == 0 || alpha == 0.0)
            {
                Scale(c, m, n, beta);
                return;
            }
            var problem = new Problem(kind, blocking, transposeA, transposeB, k, alpha, a, b, beta, c);
            // Split the longer side of C into stripes aligned to the tile, one per core; each stripe is an independent gemm.
            var tile = MicroKernel.TileOf(kind);
            bool byColumns = n >= m;
            int length = byColumns ? n : m, align = byColumns ? tile.Columns : tile.Rows;
            int threads = Math.Min(Environment.ProcessorCount, (length + align - 1) / align);
            if (threads <= 1 || (long)m * n * k < ParallelThreshold)
            {
                problem.Block(0, m, 0, n);
                return;
            }
            int stripe = ((length + threads - 1) / threads + align - 1) / align * align;
            Parallel.For(0, threads, t =>
            {
                int from = t * stripe, to = Math.Min(length, from + stripe);
                if (from >= to) return;
                if (byColumns) problem.Block(0, m, from, to);
                else problem.Block(from, to, 0, n);
            });
        }

        /// <summary>C ← β·C (m×n), writing zeros rather than reading when β = 0.</summary>
        private static void Scale(Block c, int m, int n, double beta)
        {
            if (beta == 1.0) return;
            for (int j = 0; j < n; j++)
            {
                for (int i = c.At(0, j), end = i + m; i < end; i++) c.Data[i] = beta == 0.0 ? 0.0 : beta * c.Data[i];
            }
        }

        private readonly struct Problem
        {
            private readonly KernelKind _kind;
            private readonly Tile _tile;
            private readonly CacheBlocking _blocking;
            private readonly bool _transposeA, _transposeB;
            private readonly int _k;
            private readonly double _alpha, _beta;
            private readonly Block _a, _b, _c;

            public Problem(KernelKind kind, CacheBlocking blocking, bool transposeA, bool transposeB, int k, double alpha, Block a, Block b, double beta, Block c)
            {
                _kind = kind;
                _tile = MicroKernel.TileOf(kind);
                _blocking = blocking;
                _transposeA = transposeA; _transposeB = transposeB;
                _k = k;
                _alpha = alpha; _beta = beta;
                _a = a; _b = b; _c = c;
            }

            /// <summary>The serial Goto loop nest over rows [rowFrom, rowTo) and columns [from, to) of C.</summary>
            [System.Runtime.CompilerServices.MethodImpl(Jit.Optimized)]
            public void Block(int rowFrom, int rowTo, int from, int to)
            {
                int KC = _blocking.KC, MC = _blocking.MC, NC = _blocking.NC, MR = _tile.Rows, NR = _tile.Columns;
                // Packed buffers as large as this product needs (whole slivers), kept per thread for the next one.
                var packA = Buffer(ref t_packA, RoundUp(Math.Min(MC, rowTo - rowFrom), MR) * Math.Min(KC, _k));
                var packB = Buffer(ref t_packB, RoundUp(Math.Min(NC, to - from), NR) * Math.Min(KC, _k));
                int a0 = AlignedStart(packA), b0 = AlignedStart(packB);
                for (int jc = from; jc < to; jc += NC)
                {
                    int nc = Math.Min(NC, to - jc);
                    for (int pc = 0; pc < _k; pc += KC)
                    {
                        int kc = Math.Min(KC, _k - pc);
                        // The first depth block applies the caller's β; later ones add to what it wrote.
                        double beta = pc == 0 ? _beta : 1.0;
                        PackB(packB, b0, pc, kc, jc, nc);
                        for (int ic = rowFrom; ic < rowTo; ic += MC)
                        {
                            int mc = Math.Min(MC, rowTo - ic);
                            PackA(packA, a0, ic, mc, pc, kc);
                            for (int jr = 0; jr < nc; jr += NR)
                            {
                                int nr = Math.Min(NR, nc - jr);
                                for (int ir = 0; ir < mc; ir += MR)
                                {
                                    int mr = Math.Min(MR, mc - ir);
                                    MicroKernel.Run(_kind, kc, packA, a0 + ir * kc, packB, b0 + jr * kc, _alpha, beta, _c.Data, _c.At(ic + ir, jc + jr), _c.Stride, mr, nr);
                                }
                            }
                        }
                    }
                }
            }

            /// <summary>
            /// A packing buffer of at least <paramref name="length"/> values from a 64-byte boundary on. On .NET 5+ it is pinned
            /// (the boundary stays put), so every vector load of A's slivers and each depth step's NR values of B lie in
            /// one cache line: from an array's own start (8-byte aligned only) most vector loads straddled two.
            /// </summary>
            private static double[] Buffer(ref double[]? cached, int length)
            {
                if (cached != null && cached.Length >= length + Slack) return cached;
#if NET5_0_OR_GREATER
                return cached = GC.AllocateUninitializedArray<double>(length + Slack, pinned: true);
#else
                return cached = new double[length + Slack];
#endif
            }

            /// <summary>Values a buffer has beyond its length, to start at a 64-byte boundary.</summary>
            private const int Slack = 8;

            /// <summary>The first index of <paramref name="buffer"/> on a 64-byte boundary (0 where it cannot be pinned).</summary>
            private static int AlignedStart(double[] buffer)
            {
#if NET5_0_OR_GREATER
                long address = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0).ToInt64();
                return (int)((64 - address % 64) % 64 / 8);
#else
                return 0;
#endif
            }

            private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

            /// <summary>
            /// op(A)[ic..ic+mc, pc..pc+kc] as MR-row slivers, each stored p-major (MR values per depth step),
            /// zero-padded to a whole sliver so the micro-kernel never branches on the edge.
            /// </summary>
            [System.Runtime.CompilerServices.MethodImpl(Jit.Optimized)]
            private void PackA(double[] pack, int start, int ic, int mc, int pc, int kc)
            {
                int mr = _tile.Rows;
                for (int ir = 0; ir < mc; ir += mr)
                {
                    int rows = Math.Min(mr, mc - ir), at = start + ir * kc, i0 = ic + ir;
                    if (_transposeA)
                    {
                        // op(A)(i, p) = A(p, i): row i of op(A) is column i of A, read down in one contiguous run.
                        for (int i = 0; i < rows; i++)
                        {
                            int from = _a.At(pc, i0 + i);
                            for (int p = 0; p < kc; p++) pack[at + p * mr + i] = _a.Data[from + p];
                        }
                        for (int i = rows; i < mr; i++)
                            for (int p = 0; p < kc; p++) pack[at + p * mr + i] = 0.0;
                        continue;
                    }
                    for (int p = 0; p < kc; p++, at += mr)
                    {
                        // op(A)(i, p) = A(i, p): a contiguous run down column p
                        Array.Copy(_a.Data, _a.At(i0, pc + p), pack, at, rows);
                        for (int i = rows; i < mr; i++) pack[at + i] = 0.0;
                    }
                }
            }

            /// <summary>op(B)[pc..pc+kc, jc..jc+nc] as NR-column slivers, each stored p-major, zero-padded.</summary>
            [System.Runtime.CompilerServices.MethodImpl(Jit.Optimized)]
            private void PackB(double[] pack, int start, int pc, int kc, int jc, int nc)
            {
                int nr = _tile.Columns;
                for (int jr = 0; jr < nc; jr += nr)
                {
                    int cols = Math.Min(nr, nc - jr), at = start + jr * kc, j0 = jc + jr;
                    if (_transposeB)
                    {
                        // op(B)(p, j) = B(j, p): the sliver's row p is a contiguous run down column p of B.
                        for (int p = 0; p < kc; p++)
                        {
                            int from = _b.At(j0, pc + p), to = at + p * nr;
                            for (int j = 0; j < cols; j++) pack[to + j] = _b.Data[from + j];
                            for (int j = cols; j < nr; j++) pack[to + j] = 0.0;
                        }
                        continue;
                    }
                    for (int j = 0; j < nr; j++)
                    {
                        if (j >= cols)
                        {
                            for (int p = 0; p < kc; p++) pack[at + p * nr + j] = 0.0;
                            continue;
                        }
                        // op(B)(p, j) = B(p, j): a contiguous run down column j
                        int from = _b.At(pc, j0 + j);
                        for (int p = 0; p < kc; p++) pack[at + p * nr + j] = _b.Data[from + p];
                    }
                }
            }
        }
    }
}

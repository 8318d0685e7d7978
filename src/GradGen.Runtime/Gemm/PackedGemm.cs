using System;
using System.Threading.Tasks;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// The Goto/BLIS loop nest of both precisions, C ← α·op(A)·op(B) + β·C on column-major blocks: op(B) packed in kc×nc
    /// panels, op(A) in mc×kc blocks, and the micro-kernel <typeparamref name="TKernel"/> keeps an MR×NR tile of C in SIMD
    /// registers across the whole kc loop. C is split among cores by columns (or by rows when it is taller than wide); each
    /// core packs its own buffers, cached per thread and precision. Every element of C is summed in the same order whatever
    /// the split, so results do not depend on the number of cores. With β = 0, C is never read.
    /// </summary>
    internal static class PackedGemm<T, TKernel> where T : struct where TKernel : struct, ITileKernel<T>
    {
        /// <summary>Below this many multiply-adds a second core costs more than it saves.</summary>
        private const long ParallelThreshold = 1L << 21;

        [ThreadStatic] private static T[]? t_packA;
        [ThreadStatic] private static T[]? t_packB;

        public static void Multiply(TKernel kernel, CacheBlocking blocking, bool transposeA, bool transposeB, int m, int n, int k,
            double alpha, Block<T> a, Block<T> b, double beta, Block<T> c)
        {
            if (m == 0 || n == 0) return;
            if (k == 0 || alpha == 0.0)
            {
                for (int j = 0; j < n; j++)
                {
                    if (beta != 1.0) kernel.Scale(c.Data, c.At(0, j), m, beta);
                }
                return;
            }
            var problem = new Problem(kernel, blocking, transposeA, transposeB, k, alpha, a, b, beta, c);
            // Split the longer side of C into stripes aligned to the tile, one per core; each stripe is an independent gemm.
            var tile = kernel.Tile;
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

        private readonly struct Problem
        {
            private readonly TKernel _kernel;
            private readonly Tile _tile;
            private readonly CacheBlocking _blocking;
            private readonly bool _transposeA, _transposeB;
            private readonly int _k;
            private readonly double _alpha, _beta;
            private readonly Block<T> _a, _b, _c;

            public Problem(TKernel kernel, CacheBlocking blocking, bool transposeA, bool transposeB, int k, double alpha, Block<T> a,
                Block<T> b, double beta, Block<T> c)
            {
                _kernel = kernel;
                _tile = kernel.Tile;
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
                                    _kernel.Run(kc, packA, a0 + ir * kc, packB, b0 + jr * kc, _alpha, beta, _c.Data,
                                        _c.At(ic + ir, jc + jr), _c.Stride, mr, nr);
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
            private static T[] Buffer(ref T[]? cached, int length)
            {
                if (cached != null && cached.Length >= length + Slack) return cached;
#if NET5_0_OR_GREATER
                return cached = GC.AllocateUninitializedArray<T>(length + Slack, pinned: true);
#else
                return cached = new T[length + Slack];
#endif
            }

            /// <summary>Values a buffer has beyond its length, to start at a 64-byte boundary (16 floats; 8 doubles, and spare).</summary>
            private const int Slack = 16;

            /// <summary>The first index of <paramref name="buffer"/> on a 64-byte boundary (0 where it cannot be pinned).</summary>
            private static int AlignedStart(T[] buffer)
            {
#if NET5_0_OR_GREATER
                long address = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0).ToInt64();
                return (int)((64 - address % 64) % 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
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
            private void PackA(T[] pack, int start, int ic, int mc, int pc, int kc)
            {
                int mr = _tile.Rows;
                var source = _a.Data;
                if (!_transposeA)
                {
                    // op(A)(i, p) = A(i, p): column p's mc rows are one contiguous run, cut into the slivers' depth step p.
                    // Read a whole run at a time, so that the hardware prefetcher sees a stream, not MR values per column.
                    for (int p = 0; p < kc; p++)
                    {
                        int from = _a.At(ic, pc + p);
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            Copy(source, from + ir, Math.Min(mr, mc - ir), mr, pack, start + ir * kc + p * mr);
                        }
                    }
                    return;
                }
                // op(A)(i, p) = A(p, i): row i of op(A) is column i of A, so each sliver gathers MR columns.
                for (int ir = 0; ir < mc; ir += mr)
                {
                    Gather(_a, pc, kc, ic + ir, Math.Min(mr, mc - ir), mr, pack, start + ir * kc);
                }
            }

            /// <summary>
            /// One depth step of a sliver from a contiguous run: <paramref name="count"/> values from source[from] to pack[at],
            /// zero-padded to <paramref name="width"/> (a span copy: Array.Copy checked the arrays' types each time).
            /// </summary>
            [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
            private static void Copy(T[] source, int from, int count, int width, T[] pack, int at)
            {
                new ReadOnlySpan<T>(source, from, count).CopyTo(new Span<T>(pack, at, count));
                for (int i = count; i < width; i++) pack[at + i] = default;
            }

            /// <summary>
            /// A sliver of <paramref name="width"/> values per depth step from <paramref name="count"/> columns of a block (from
            /// column <paramref name="first"/>, rows pc..pc+kc), zero-padded: value p of column i goes to pack[at + p·width + i].
            /// A depth step takes one value from each column, so the columns are read in runs of Run steps: each run's
            /// width × Run values land in a few cache lines of the sliver, where a whole column at a time wrote a line per value.
            /// </summary>
            [System.Runtime.CompilerServices.MethodImpl(Jit.Optimized)]
            private static void Gather(Block<T> block, int pc, int kc, int first, int count, int width, T[] pack, int at)
            {
                var source = block.Data;
                for (int p0 = 0; p0 < kc; p0 += Run)
                {
                    int steps = Math.Min(Run, kc - p0);
                    for (int i = 0; i < count; i++)
                    {
                        int from = block.At(pc + p0, first + i), to = at + p0 * width + i;
                        for (int p = 0; p < steps; p++) pack[to + p * width] = source[from + p];
                    }
                }
                for (int i = count; i < width; i++)
                    for (int p = 0; p < kc; p++) pack[at + p * width + i] = default;
            }

            /// <summary>Depth steps a gathered column is read in at a time while packing: a cache line of doubles.</summary>
            private const int Run = 8;

            /// <summary>op(B)[pc..pc+kc, jc..jc+nc] as NR-column slivers, each stored p-major, zero-padded.</summary>
            [System.Runtime.CompilerServices.MethodImpl(Jit.Optimized)]
            private void PackB(T[] pack, int start, int pc, int kc, int jc, int nc)
            {
                int nr = _tile.Columns;
                var source = _b.Data;
                for (int jr = 0; jr < nc; jr += nr)
                {
                    int cols = Math.Min(nr, nc - jr), at = start + jr * kc, j0 = jc + jr;
                    if (_transposeB)
                    {
                        // op(B)(p, j) = B(j, p): the sliver's row p is a contiguous run down column p of B.
                        for (int p = 0; p < kc; p++)
                        {
                            Copy(source, _b.At(j0, pc + p), cols, nr, pack, at + p * nr);
                        }
                        continue;
                    }
                    // op(B)(p, j) = B(p, j): each sliver gathers NR columns of B.
                    Gather(_b, pc, kc, j0, cols, nr, pack, at);
                }
            }
        }
    }
}

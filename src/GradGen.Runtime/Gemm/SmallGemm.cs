#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// Small products (up to 96³ multiply-adds) without packing and on the calling thread: below that size copying
    /// operands into panels, per-tile edge handling and a hand-off to a second core cost as much as the arithmetic.
    /// op(A) is read in place when it is A (its columns are contiguous; a transposed A is first copied, m·k values),
    /// op(B)'s scalars are broadcast from wherever they sit. On AVX-512, tiles of 16 rows × 4 columns of C in 8
    /// accumulators, then 8-row and single-row edges; on AVX2 with FMA the same shapes at half the width
    /// (SmallGemm.Vector256.cs). These are the caller's arrays: the loop reads them unchecked only after checking once that
    /// the last index each operand reaches lies inside its array.
    /// </summary>
    // Its tile loops are compiled fully optimised at once (AggressiveOptimization) and never inlined (Jit.Kernel): under
    // tiering, BenchmarkDotNet measured the tiered code of this path at a quarter of the speed of the same code optimised up
    // front (22 against 90 GFLOP/s, n = 32), and the tiles inlined into a tiered-up caller at a third (32 against 95, n = 256).
    internal static partial class SmallGemm
    {
        /// <summary>The most multiply-adds (m·n·k) a product may have to take this path.</summary>
        public const long MaxWork = 96 * 96 * 96;

        /// <summary>The most multiply-adds for which two unpacked halves, one per core, beat the packed kernel.</summary>
        public const long MaxSplitWork = 192 * 192 * 192;

        /// <summary>
        /// Up to this many multiply-adds the halves still win while op(A) stays in L2 (each half reads all of it once per
        /// four columns of C). It was 320³ while the packed kernel ran at 82–88 GFLOP/s at n = 256–320 on a Zen 4 EPYC;
        /// since its packing streams A (88 against the halves' 82, BenchmarkDotNet) the packed kernel takes n = 256, and
        /// the CVPR ValueAndGradG at 256 went from 2.40 ± 0.14 to 2.14 ± 0.04 ms.
        /// </summary>
        public const long MaxSplitWorkInL2 = 240 * 240 * 240;

        /// <summary>Whether a product of this shape runs as two unpacked halves rather than packed.</summary>
        public static bool SplitsAt(int m, int n, int k)
        {
            long work = (long)m * n * k;
            return Splits && n >= 8 && Environment.ProcessorCount > 1
                && (work <= MaxSplitWork || (work <= MaxSplitWorkInL2 && 8L * m * k <= CacheSizes.OfThisMachine().L2));
        }

        [ThreadStatic] private static double[]? t_transposed;

        /// <summary>Whether this path runs here: with AVX-512, or with 256-bit vectors and FMA (AVX2).</summary>
        public static bool CanRun => Widths.Length > 0;

        /// <summary>Whether products up to <see cref="MaxSplitWork"/> run as two unpacked halves (AVX-512 only, as measured).</summary>
        public static bool Splits => CanRun && Widths[0] == SmallWidth.Vector512;

        /// <summary>The tile widths this CPU runs, widest first (tests run each).</summary>
        public static readonly SmallWidth[] Widths = FindWidths();

        private static SmallWidth[] FindWidths()
        {
            var widths = new System.Collections.Generic.List<SmallWidth>();
            if (KernelChoice.CanRun(KernelKind.Avx512)) widths.Add(SmallWidth.Vector512);
            if (Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported) widths.Add(SmallWidth.Vector256);
            return widths.ToArray();
        }

        /// <summary>C ← α·op(A)·op(B) + β·C, op(A) m×k and op(B) k×n, k ≥ 1; C is not read when β = 0.</summary>
        public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Block a, Block b,
            double beta, Block c) => Multiply(Widths[0], transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

        /// <summary>The same with a chosen width (one of <see cref="Widths"/>).</summary>
        internal static void Multiply(SmallWidth width, bool transposeA, bool transposeB, int m, int n, int k, double alpha,
            Block a, Block b, double beta, Block c)
        {
            double[] ad = a.Data;
            int aAt = a.Offset, lda = a.Stride;
            if (transposeA)
            {
                // op(A)(i, p) = A(p, i): gathered once into an m×k column-major copy.
                var copy = t_transposed is { } cached && cached.Length >= m * k ? cached : t_transposed = new double[Math.Max(m * k, 4096)];
                for (int p = 0; p < k; p++)
                    for (int i = 0; i < m; i++) copy[p * m + i] = ad[a.At(p, i)];
                (ad, aAt, lda) = (copy, 0, m);
            }
            // op(B)(p, j) sits at b.Offset + p·bp + j·bj.
            int bp = transposeB ? b.Stride : 1, bj = transposeB ? 1 : b.Stride;
            if (m == 0 || n == 0) return;
            Inside(ad, aAt, (long)aAt + (long)(k - 1) * lda + m - 1);
            Inside(b.Data, b.Offset, b.Offset + (long)(k - 1) * bp + (long)(n - 1) * bj);
            Inside(c.Data, c.Offset, c.Offset + (long)(n - 1) * c.Stride + m - 1);
            var s = new Operands(ad, aAt, lda, b.Data, b.Offset, bp, bj, k, alpha, beta, c);
            if (width == SmallWidth.Vector256)
            {
                s.Narrow(m, n);
                return;
            }
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                int i = 0;
                for (; i + 16 <= m; i += 16) s.Tile16x4(i, j);
                for (; i + 8 <= m; i += 8) s.Tile8x4(i, j);
                for (; i < m; i++) s.Entries(i, j, 4);
            }
            for (; j < n; j++)
            {
                int i = 0;
                for (; i + 8 <= m; i += 8) s.Tile8x1(i, j, 1);
                for (; i < m; i++) s.Entries(i, j, 1);
            }
        }

        private static void Inside(double[] data, long first, long last)
        {
            if (first < 0 || last >= data.Length) throw new ArgumentOutOfRangeException(nameof(data), "a block reaches outside its array");
        }

        private readonly partial struct Operands
        {
            private readonly double[] _a, _b;
            private readonly int _aAt, _lda, _bAt, _bp, _bj, _k;
            private readonly double _alpha, _beta;
            private readonly Block _c;

            public Operands(double[] a, int aAt, int lda, double[] b, int bAt, int bp, int bj, int k, double alpha, double beta, Block c)
            {
                (_a, _aAt, _lda, _b, _bAt, _bp, _bj, _k) = (a, aAt, lda, b, bAt, bp, bj, k);
                (_alpha, _beta, _c) = (alpha, beta, c);
            }

            // Unchecked: Multiply checked the last index of each operand.
            private Vector512<double> A(int i, int p)
                => Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_a), (nuint)(_aAt + p * _lda + i));

            internal double B(int p, int j) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_b), _bAt + p * _bp + j * _bj);

            /// <summary>Rows i..i+15 of columns j..j+3: 8 accumulators, 2 loads and 4 broadcasts per depth step.</summary>
            [MethodImpl(Jit.Kernel)]
            public void Tile16x4(int i, int j)
            {
                // Locals, not fields, in the loop: the JIT keeps them in registers and walks A and B by adding strides.
                ref double a = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_a), _aAt + i);
                ref double b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_b), _bAt + j * _bj);
                nint lda = _lda, bp = _bp, bj = _bj;
                var c00 = Vector512<double>.Zero; var c10 = c00; var c01 = c00; var c11 = c00;
                var c02 = c00; var c12 = c00; var c03 = c00; var c13 = c00;
                for (int p = 0; p < _k; p++)
                {
                    var a0 = Vector512.LoadUnsafe(ref a);
                    var a1 = Vector512.LoadUnsafe(ref a, 8);
                    var b0 = Vector512.Create(b);
                    var b1 = Vector512.Create(Unsafe.Add(ref b, bj));
                    var b2 = Vector512.Create(Unsafe.Add(ref b, 2 * bj));
                    var b3 = Vector512.Create(Unsafe.Add(ref b, 3 * bj));
                    c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
                    c01 = Vector512.FusedMultiplyAdd(a0, b1, c01); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
                    c02 = Vector512.FusedMultiplyAdd(a0, b2, c02); c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
                    c03 = Vector512.FusedMultiplyAdd(a0, b3, c03); c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
                    a = ref Unsafe.Add(ref a, lda);
                    b = ref Unsafe.Add(ref b, bp);
                }
                Store(c00, c10, c01, c11, c02, c12, c03, c13, i, j);
            }

            private void Store(Vector512<double> c00, Vector512<double> c10, Vector512<double> c01, Vector512<double> c11,
                Vector512<double> c02, Vector512<double> c12, Vector512<double> c03, Vector512<double> c13, int i, int j)
            {
                Store(c00, i, j); Store(c10, i + 8, j);
                Store(c01, i, j + 1); Store(c11, i + 8, j + 1);
                Store(c02, i, j + 2); Store(c12, i + 8, j + 2);
                Store(c03, i, j + 3); Store(c13, i + 8, j + 3);
            }

            /// <summary>Rows i..i+7 of columns j..j+3: 4 accumulators.</summary>
            [MethodImpl(Jit.Kernel)]
            public void Tile8x4(int i, int j)
            {
                var c0 = Vector512<double>.Zero; var c1 = c0; var c2 = c0; var c3 = c0;
                for (int p = 0; p < _k; p++)
                {
                    var a0 = A(i, p);
                    c0 = Vector512.FusedMultiplyAdd(a0, Vector512.Create(B(p, j)), c0);
                    c1 = Vector512.FusedMultiplyAdd(a0, Vector512.Create(B(p, j + 1)), c1);
                    c2 = Vector512.FusedMultiplyAdd(a0, Vector512.Create(B(p, j + 2)), c2);
                    c3 = Vector512.FusedMultiplyAdd(a0, Vector512.Create(B(p, j + 3)), c3);
                }
                Store(c0, i, j); Store(c1, i, j + 1); Store(c2, i, j + 2); Store(c3, i, j + 3);
            }

            /// <summary>Rows i..i+7 of each of <paramref name="columns"/> columns from j, one accumulator at a time.</summary>
            [MethodImpl(Jit.Kernel)]
            public void Tile8x1(int i, int j, int columns)
            {
                for (int q = j; q < j + columns; q++)
                {
                    var acc = Vector512<double>.Zero;
                    for (int p = 0; p < _k; p++) acc = Vector512.FusedMultiplyAdd(A(i, p), Vector512.Create(B(p, q)), acc);
                    Store(acc, i, q);
                }
            }

            /// <summary>Entry (i, q) for each of <paramref name="columns"/> columns q from j: the rows below the last tile.</summary>
            [MethodImpl(Jit.Kernel)]
            public void Entries(int i, int j, int columns)
            {
                for (int q = j; q < j + columns; q++)
                {
                    double sum = 0.0;
                    for (int p = 0; p < _k; p++) sum += _a[_aAt + p * _lda + i] * B(p, q);
                    int at = _c.At(i, q);
                    _c.Data[at] = _beta == 0.0 ? _alpha * sum : _alpha * sum + _beta * _c.Data[at];
                }
            }

            /// <summary>C(i..i+7, j) ← α·x + β·C(i..i+7, j), C not read when β = 0.</summary>
            private void Store(Vector512<double> x, int i, int j)
            {
                var target = _c.Data.AsSpan(_c.At(i, j), 8);
                var value = Vector512.Create(_alpha) * x;
                if (_beta != 0.0) value += Vector512.Create(_beta) * Vector512.Create<double>(target);
                value.CopyTo(target);
            }
        }
    }
}
#endif

using System;
using System.Threading.Tasks;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// A managed dgemm (and sgemm, ManagedGemm.Single.cs), C ← α·op(A)·op(B) + β·C on column-major arrays, for generated
    /// gradients when MathNet's provider is its managed one (whose product runs at ≈4–5 GFLOP/s here). Small products run
    /// unpacked (<c>SmallGemm</c>); the rest on Goto's/BLIS's packed loop nest (<see cref="PackedGemm{T, TKernel}"/>)
    /// with the widest micro-kernel this CPU runs well (<see cref="KernelChoice"/>) and the blocking fitted to its caches
    /// (<see cref="CacheBlocking"/>). Packing buffers are cached per thread (no allocation per call once warm); results do
    /// not depend on the number of cores. With β = 0, C is never read (BLAS semantics: NaN in C does not leak).
    /// </summary>
    internal static partial class ManagedGemm
    {
        /// <summary>Whether this kernel beats MathNet's managed one here: SIMD registers are needed for the micro-kernel.</summary>
        public static bool IsAccelerated => System.Numerics.Vector.IsHardwareAccelerated;

        /// <summary>
        /// C ← α·op(A)·op(B) + β·C on column-major blocks, op(A) m×k and op(B) k×n, with the best kernel here. With AVX-512
        /// or AVX2, up to 96³ multiply-adds run unpacked on the calling thread (<see cref="SmallGemm"/>); on AVX-512 up to
        /// 192³, or 240³ while op(A) fits in L2 (<c>SmallGemm.SplitsAt</c>), as two unpacked halves of C, one per
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
            => PackedGemm<double, DoubleTiles>.Multiply(new DoubleTiles(kind), blocking, transposeA, transposeB, m, n, k, alpha, a, b,
                beta, c);
    }
}

namespace GradGen.Runtime.Gemm
{
    // sgemm: the packed loop nest of the double kernel with the float tiles (SingleMicroKernel), for the bodies of float
    // methods that compute in float. No unpacked small-product path yet: every size is packed, small ones on the 24×4 tile.
    internal static partial class ManagedGemm
    {
        /// <summary>The float kernel this process runs: the double one's kind, its 128-bit kind as the Vector&lt;float&gt; tile.</summary>
        public static readonly KernelKind SingleKind = KernelChoice.Best == KernelKind.Vector128 ? KernelKind.Fused : KernelChoice.Best;

        /// <summary>C ← α·op(A)·op(B) + β·C in float on column-major blocks, op(A) m×k and op(B) k×n.</summary>
        public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Block<float> a, Block<float> b,
            double beta, Block<float> c)
        {
            Multiply((long)m * n * k <= SmallWork ? SmallKind : SingleKind, transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
        }

        private const long SmallWork = 96L * 96 * 96;

        /// <summary>
        /// The kind for products up to <see cref="SmallWork"/>: there the 48×8 AVX-512 tile spends much of its work on padded
        /// edges, and the 24×4 Vector&lt;float&gt; tile ran n = 64 at 44 against 35 GFLOP/s (SingleProductKernel, Zen 4); from
        /// n = 256 on the wide tile is ahead.
        /// </summary>
        private static readonly KernelKind SmallKind
            = SingleKind == KernelKind.Avx512 && KernelChoice.CanRun(KernelKind.Fused) ? KernelKind.Fused : SingleKind;

        /// <summary>The same with a chosen kernel (tests and benchmarks run each one) and its float blocking on this machine.</summary>
        internal static void Multiply(KernelKind kind, bool transposeA, bool transposeB, int m, int n, int k, double alpha,
            Block<float> a, Block<float> b, double beta, Block<float> c)
            => Multiply(kind, CacheBlocking.ForSingle(kind), transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

        /// <summary>The same with a chosen blocking too (tests take small blocks).</summary>
        internal static void Multiply(KernelKind kind, CacheBlocking blocking, bool transposeA, bool transposeB, int m, int n, int k,
            double alpha, Block<float> a, Block<float> b, double beta, Block<float> c)
            => PackedGemm<float, SingleTiles>.Multiply(new SingleTiles(kind), blocking, transposeA, transposeB, m, n, k, alpha, a, b,
                beta, c);
    }
}

namespace GradGen.Runtime.Gemm
{
    // sgemm: the packed loop nest of the double kernel with the float tiles (SingleMicroKernel), for the bodies of float
    // methods that compute in float. No unpacked small-product path yet: every size is packed.
    internal static partial class ManagedGemm
    {
        /// <summary>The float kernel this process runs: the double one's kind, its 128-bit kind as the Vector&lt;float&gt; tile.</summary>
        public static readonly KernelKind SingleKind = KernelChoice.Best == KernelKind.Vector128 ? KernelKind.Fused : KernelChoice.Best;

        /// <summary>C ← α·op(A)·op(B) + β·C in float on column-major blocks, op(A) m×k and op(B) k×n.</summary>
        public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Block<float> a, Block<float> b,
            double beta, Block<float> c)
            => Multiply(SingleKind, transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

        /// <summary>The same with a chosen kernel (tests and benchmarks run each one) and its float blocking on this machine.</summary>
        internal static void Multiply(KernelKind kind, bool transposeA, bool transposeB, int m, int n, int k, double alpha,
            Block<float> a, Block<float> b, double beta, Block<float> c)
            => Multiply(kind, CacheBlocking.ForSingle(kind), transposeA, transposeB, m, n, k, alpha, a, b, beta, c);

        /// <summary>The same with a chosen blocking too (tests take small blocks).</summary>
        internal static void Multiply(KernelKind kind, CacheBlocking blocking, bool transposeA, bool transposeB, int m, int n, int k,
            double alpha, Block<float> a, Block<float> b, double beta, Block<float> c)
            => PackedGemm<float, SingleTiles>.Multiply(new SingleTiles(kind), blocking, transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
    }
}

using System.Numerics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>The depth loop a product runs: the widest this runtime and CPU have.</summary>
    internal enum KernelKind
    {
        /// <summary><see cref="Vector{T}"/> multiply, then add (netstandard2.0, or no FMA).</summary>
        MultiplyAdd,

        /// <summary><see cref="Vector{T}"/> fused multiply-add (.NET 9+, FMA).</summary>
        Fused,
    }

    /// <summary>
    /// The innermost tile of <see cref="ManagedGemm"/>: an MR×NR block of C held in 12 SIMD accumulators
    /// (three vectors down, four columns across) for the whole depth loop. Each depth step loads three
    /// vectors of A's sliver and broadcasts four scalars of B's, then does 12 vector multiply-adds:
    /// 16 registers on AVX2, and the ratio of arithmetic to loads that a product needs to run from cache.
    /// The loops themselves are in MicroKernel.Portable.cs and MicroKernel.Fused.cs.
    /// </summary>
    internal static partial class MicroKernel
    {
        /// <summary>Columns of the tile.</summary>
        public const int NR = 4;

        /// <summary>The kind products use here.</summary>
        public static readonly KernelKind Best = ChooseBest();

        [System.ThreadStatic] private static double[]? t_edge;

        /// <summary>
        /// Rows of the tile (MR): three SIMD vectors. (512-bit vectors measured slower than 256-bit ones here:
        /// 25 against 33 GFLOP/s at n = 256, so <see cref="Vector{T}"/>'s width it is.)
        /// </summary>
        public static readonly int MR = 3 * Vector<double>.Count;

        /// <summary>
        /// C[tile] ← α·(sliver A · sliver B) + β·C[tile], the tile's top-left at c[offset], leading dimension ldc;
        /// only the top-left mr×nr part is written (edges of C). With β = 0 C is not read.
        /// </summary>
        public static void Run(KernelKind kind, int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
#if NET9_0_OR_GREATER
            if (kind == KernelKind.Fused) { RunFused(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr); return; }
#endif
            RunMultiplyAdd(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr);
        }

        private static KernelKind ChooseBest()
        {
#if NET9_0_OR_GREATER
            if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported) return KernelKind.Fused;
#endif
            return KernelKind.MultiplyAdd;
        }

        /// <summary>An edge tile: the accumulators were spilled to <paramref name="tile"/> (column-major, MR rows); write the part inside C.</summary>
        private static void WriteEdge(double[] tile, int rows, double alpha, double beta, double[] c, int offset, int ldc, int mr, int nr)
        {
            for (int j = 0; j < nr; j++)
            {
                for (int i = 0; i < mr; i++)
                {
                    int at = offset + j * ldc + i;
                    double value = alpha * tile[j * rows + i];
                    c[at] = beta == 0.0 ? value : value + beta * c[at];
                }
            }
        }

        private static double[] EdgeTile() => t_edge ??= new double[MR * NR];
    }
}

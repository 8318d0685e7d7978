using System.Numerics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>The register tile of a micro-kernel: the block of C it keeps in SIMD registers through the depth loop.</summary>
    internal readonly struct Tile
    {
        public readonly int Rows, Columns;

        public Tile(int rows, int columns) { Rows = rows; Columns = columns; }
    }

    /// <summary>
    /// The innermost tile of <see cref="ManagedGemm"/>: an MR×NR block of C held in SIMD accumulators for the whole
    /// depth loop. Each depth step loads MR values of A's packed sliver as vectors and broadcasts NR scalars of B's,
    /// then does (MR / lanes)·NR vector multiply-adds, the ratio of arithmetic to loads that a product needs to run
    /// from cache. The loops are in MicroKernel.Portable.cs, .Fused.cs (both 3 vectors × 4 columns of
    /// <see cref="Vector{T}"/>: 16 registers on AVX2), .Vector128.cs (8×4) and .Avx512.cs (24×8).
    /// </summary>
    internal static partial class MicroKernel
    {
        /// <summary>Columns of the <see cref="Vector{T}"/> tiles.</summary>
        private const int NR = 4;

        /// <summary>The largest tile of any kernel: 24×8 (the edge scratch holds one).</summary>
        private const int MaxTileSize = 24 * 8;

        [System.ThreadStatic] private static double[]? t_edge;

        /// <summary>The register tile of each kernel.</summary>
        public static Tile TileOf(KernelKind kind) => kind switch
        {
            KernelKind.Avx512 => new Tile(24, 8),
            KernelKind.Vector128 => new Tile(8, 4),
            _ => new Tile(3 * Vector<double>.Count, NR),
        };

        /// <summary>
        /// C[tile] ← α·(sliver A · sliver B) + β·C[tile], the tile's top-left at c[offset], leading dimension ldc;
        /// only the top-left mr×nr part is written (edges of C). With β = 0 C is not read.
        /// </summary>
        public static void Run(KernelKind kind, int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
#if NET9_0_OR_GREATER
            switch (kind)
            {
                case KernelKind.Avx512: RunAvx512(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr); return;
                case KernelKind.Vector128: RunVector128(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr); return;
                case KernelKind.Fused: RunFused(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr); return;
            }
#endif
            RunMultiplyAdd(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>
        /// An edge tile: the accumulators were spilled to <paramref name="tile"/> (column-major, <paramref name="rows"/>
        /// rows); write the part inside C.
        /// </summary>
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

        private static double[] EdgeTile() => t_edge ??= new double[MaxTileSize];
    }
}

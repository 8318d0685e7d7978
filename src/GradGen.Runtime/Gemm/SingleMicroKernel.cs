using System.Numerics;
using System.Runtime.CompilerServices;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// The float micro-kernels of <see cref="PackedGemm{T, TKernel}"/>: the double kernels' register tiles with twice the rows,
    /// a float vector holding twice the lanes. AVX-512 keeps a 48×8 tile (3 vectors of 16 down, 8 columns across; .Simd.cs);
    /// every other kind the <see cref="Vector{T}"/> tile of 3 vectors × 4 columns (24×4 on AVX2, 12×4 on ARM NEON), with
    /// fused multiply-adds on .NET 9+ and a multiply and an add elsewhere.
    /// </summary>
    internal static partial class SingleMicroKernel
    {
        private const int NR = 4;

        /// <summary>The largest tile: 48×8.</summary>
        private const int MaxTileSize = 48 * 8;

        [System.ThreadStatic] private static float[]? t_edge;

        /// <summary>The register tile of each kind (the 128-bit kind runs the <see cref="Vector{T}"/> tile, as wide there).</summary>
        public static Tile TileOf(KernelKind kind) => kind == KernelKind.Avx512 ? new Tile(48, 8) : new Tile(3 * Vector<float>.Count, NR);

        /// <summary>C[tile] ← α·(sliver A · sliver B) + β·C[tile]; only the top-left mr×nr part is written, C unread when β = 0.</summary>
        public static void Run(KernelKind kind, int kc, float[] a, int aAt, float[] b, int bAt, float alpha, float beta,
            float[] c, int offset, int ldc, int mr, int nr)
        {
#if NET9_0_OR_GREATER
            if (kind == KernelKind.Avx512) { RunAvx512(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr); return; }
            if (kind != KernelKind.MultiplyAdd) { RunFused(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr); return; }
#endif
            RunMultiplyAdd(kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>The depth loop on <see cref="Vector{T}"/> with a multiply and an add per step (any runtime).</summary>
        [MethodImpl(Jit.Optimized)]
        private static void RunMultiplyAdd(int kc, float[] a, int aAt, float[] b, int bAt, float alpha, float beta,
            float[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector<float>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            int w = Vector<float>.Count, rows = 3 * w;
            for (int p = 0; p < kc; p++, aAt += rows, bAt += NR)
            {
                var a0 = new Vector<float>(a, aAt);
                var a1 = new Vector<float>(a, aAt + w);
                var a2 = new Vector<float>(a, aAt + 2 * w);
                var b0 = new Vector<float>(b[bAt]);
                c00 += a0 * b0; c10 += a1 * b0; c20 += a2 * b0;
                var b1 = new Vector<float>(b[bAt + 1]);
                c01 += a0 * b1; c11 += a1 * b1; c21 += a2 * b1;
                var b2 = new Vector<float>(b[bAt + 2]);
                c02 += a0 * b2; c12 += a1 * b2; c22 += a2 * b2;
                var b3 = new Vector<float>(b[bAt + 3]);
                c03 += a0 * b3; c13 += a1 * b3; c23 += a2 * b3;
            }
            StoreTile(c00, c10, c20, c01, c11, c21, c02, c12, c22, c03, c13, c23, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>Writes the 12 <see cref="Vector{T}"/> accumulators: whole columns as vectors, an edge tile through scratch.</summary>
        private static void StoreTile(Vector<float> c00, Vector<float> c10, Vector<float> c20, Vector<float> c01, Vector<float> c11,
            Vector<float> c21, Vector<float> c02, Vector<float> c12, Vector<float> c22, Vector<float> c03, Vector<float> c13,
            Vector<float> c23, float alpha, float beta, float[] c, int offset, int ldc, int mr, int nr)
        {
            int w = Vector<float>.Count, rows = 3 * w;
            bool whole = mr == rows && nr == NR;
            float[] target = whole ? c : EdgeTile();
            int at = whole ? offset : 0, stride = whole ? ldc : rows;
            // An edge tile is spilled unscaled to the scratch tile (β = 0 there, α = 1), then its inside written to C.
            float scale = whole ? alpha : 1f, keep = whole ? beta : 0f;
            Store(target, at, c00, c10, c20, scale, keep);
            Store(target, at + stride, c01, c11, c21, scale, keep);
            Store(target, at + 2 * stride, c02, c12, c22, scale, keep);
            Store(target, at + 3 * stride, c03, c13, c23, scale, keep);
            if (!whole) WriteEdge(target, rows, alpha, beta, c, offset, ldc, mr, nr);
        }

        private static void Store(float[] c, int at, Vector<float> x0, Vector<float> x1, Vector<float> x2, float alpha, float beta)
        {
            int w = Vector<float>.Count;
            var scale = new Vector<float>(alpha);
            if (beta == 0f)
            {
                (scale * x0).CopyTo(c, at);
                (scale * x1).CopyTo(c, at + w);
                (scale * x2).CopyTo(c, at + 2 * w);
                return;
            }
            var keep = new Vector<float>(beta);
            (scale * x0 + keep * new Vector<float>(c, at)).CopyTo(c, at);
            (scale * x1 + keep * new Vector<float>(c, at + w)).CopyTo(c, at + w);
            (scale * x2 + keep * new Vector<float>(c, at + 2 * w)).CopyTo(c, at + 2 * w);
        }

        /// <summary>The inside (mr×nr) of a tile spilled to <paramref name="tile"/> (column-major, <paramref name="rows"/> rows).</summary>
        private static void WriteEdge(float[] tile, int rows, float alpha, float beta, float[] c, int offset, int ldc, int mr, int nr)
        {
            for (int j = 0; j < nr; j++)
            {
                for (int i = 0; i < mr; i++)
                {
                    int at = offset + j * ldc + i;
                    float value = alpha * tile[j * rows + i];
                    c[at] = beta == 0f ? value : value + beta * c[at];
                }
            }
        }

        private static float[] EdgeTile() => t_edge ??= new float[MaxTileSize];
    }
}

using System.Numerics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// The innermost tile of <see cref="ManagedGemm"/>: an MR×NR block of C held in 12 SIMD accumulators
    /// (three vectors down, four columns across) for the whole depth loop. Each depth step loads three
    /// vectors of A's sliver and broadcasts four scalars of B's, then does 12 vector multiply-adds:
    /// 16 registers on AVX2, and the ratio of arithmetic to loads that a product needs to run from cache.
    /// </summary>
    internal static class MicroKernel
    {
        private static readonly int W = Vector<double>.Count;

        /// <summary>Rows of the tile: three SIMD vectors.</summary>
        public static readonly int MR = 3 * W;

        /// <summary>Columns of the tile.</summary>
        public const int NR = 4;

        [System.ThreadStatic] private static double[]? t_edge;

        /// <summary>
        /// Whether the depth loop uses fused multiply-adds: on .NET 9+ where the CPU has FMA (the netstandard2.0
        /// build has no such API and multiplies, then adds). Tests switch it off to check the other loop.
        /// </summary>
#if NET9_0_OR_GREATER
        internal static bool Fused = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
#else
        internal static bool Fused = false;
#endif

        /// <summary>
        /// C[tile] ← α·(sliver A · sliver B) + β·C[tile], the tile's top-left at c[offset], leading dimension ldc;
        /// only the top-left mr×nr part is written (edges of C). With β = 0 C is not read.
        /// </summary>
        public static void Run(int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector<double>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            int w = W, mrFull = MR;
#if NET9_0_OR_GREATER
            if (Fused)
            {
                // The same loop with fused multiply-adds (one instruction where the other needs two), reading the
                // packed buffers without bounds checks: the packing sized them for every index used here.
                ref double pa = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(a);
                ref double pb = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(b);
                for (int p = 0; p < kc; p++, aAt += mrFull, bAt += NR)
                {
                    var a0 = Vector.LoadUnsafe(ref pa, (nuint)aAt);
                    var a1 = Vector.LoadUnsafe(ref pa, (nuint)(aAt + w));
                    var a2 = Vector.LoadUnsafe(ref pa, (nuint)(aAt + 2 * w));
                    var b0 = new Vector<double>(System.Runtime.CompilerServices.Unsafe.Add(ref pb, bAt));
                    c00 = Vector.FusedMultiplyAdd(a0, b0, c00); c10 = Vector.FusedMultiplyAdd(a1, b0, c10); c20 = Vector.FusedMultiplyAdd(a2, b0, c20);
                    var b1 = new Vector<double>(System.Runtime.CompilerServices.Unsafe.Add(ref pb, bAt + 1));
                    c01 = Vector.FusedMultiplyAdd(a0, b1, c01); c11 = Vector.FusedMultiplyAdd(a1, b1, c11); c21 = Vector.FusedMultiplyAdd(a2, b1, c21);
                    var b2 = new Vector<double>(System.Runtime.CompilerServices.Unsafe.Add(ref pb, bAt + 2));
                    c02 = Vector.FusedMultiplyAdd(a0, b2, c02); c12 = Vector.FusedMultiplyAdd(a1, b2, c12); c22 = Vector.FusedMultiplyAdd(a2, b2, c22);
                    var b3 = new Vector<double>(System.Runtime.CompilerServices.Unsafe.Add(ref pb, bAt + 3));
                    c03 = Vector.FusedMultiplyAdd(a0, b3, c03); c13 = Vector.FusedMultiplyAdd(a1, b3, c13); c23 = Vector.FusedMultiplyAdd(a2, b3, c23);
                }
            }
            else
#endif
            for (int p = 0; p < kc; p++, aAt += mrFull, bAt += NR)
            {
                var a0 = new Vector<double>(a, aAt);
                var a1 = new Vector<double>(a, aAt + w);
                var a2 = new Vector<double>(a, aAt + 2 * w);
                var b0 = new Vector<double>(b[bAt]);
                c00 += a0 * b0; c10 += a1 * b0; c20 += a2 * b0;
                var b1 = new Vector<double>(b[bAt + 1]);
                c01 += a0 * b1; c11 += a1 * b1; c21 += a2 * b1;
                var b2 = new Vector<double>(b[bAt + 2]);
                c02 += a0 * b2; c12 += a1 * b2; c22 += a2 * b2;
                var b3 = new Vector<double>(b[bAt + 3]);
                c03 += a0 * b3; c13 += a1 * b3; c23 += a2 * b3;
            }
            if (mr == mrFull && nr == NR)
            {
                Store(c, offset, c00, c10, c20, alpha, beta);
                Store(c, offset + ldc, c01, c11, c21, alpha, beta);
                Store(c, offset + 2 * ldc, c02, c12, c22, alpha, beta);
                Store(c, offset + 3 * ldc, c03, c13, c23, alpha, beta);
                return;
            }
            // An edge tile: spill to a scratch tile, then write the part inside C.
            var tile = t_edge ??= new double[mrFull * NR];
            c00.CopyTo(tile, 0); c10.CopyTo(tile, w); c20.CopyTo(tile, 2 * w);
            c01.CopyTo(tile, mrFull); c11.CopyTo(tile, mrFull + w); c21.CopyTo(tile, mrFull + 2 * w);
            c02.CopyTo(tile, 2 * mrFull); c12.CopyTo(tile, 2 * mrFull + w); c22.CopyTo(tile, 2 * mrFull + 2 * w);
            c03.CopyTo(tile, 3 * mrFull); c13.CopyTo(tile, 3 * mrFull + w); c23.CopyTo(tile, 3 * mrFull + 2 * w);
            for (int j = 0; j < nr; j++)
            {
                for (int i = 0; i < mr; i++)
                {
                    int at = offset + j * ldc + i;
                    double value = alpha * tile[j * mrFull + i];
                    c[at] = beta == 0.0 ? value : value + beta * c[at];
                }
            }
        }

        private static void Store(double[] c, int at, Vector<double> x0, Vector<double> x1, Vector<double> x2, double alpha, double beta)
        {
            int w = W;
            var scale = new Vector<double>(alpha);
            if (beta == 0.0)
            {
                (scale * x0).CopyTo(c, at);
                (scale * x1).CopyTo(c, at + w);
                (scale * x2).CopyTo(c, at + 2 * w);
                return;
            }
            var keep = new Vector<double>(beta);
            (scale * x0 + keep * new Vector<double>(c, at)).CopyTo(c, at);
            (scale * x1 + keep * new Vector<double>(c, at + w)).CopyTo(c, at + w);
            (scale * x2 + keep * new Vector<double>(c, at + 2 * w)).CopyTo(c, at + 2 * w);
        }
    }
}

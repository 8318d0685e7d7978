#if NET9_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradGen.Runtime.Gemm
{
    // The float depth loops with fused multiply-adds, reading the packed buffers without bounds checks: PackedGemm sized
    // them for every index used here, and the tests run each loop over shapes that reach every edge.
    internal static partial class SingleMicroKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c)
            => Vector512.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> Fma(Vector<float> a, Vector<float> b, Vector<float> c) => Vector.FusedMultiplyAdd(a, b, c);

        /// <summary>3 <see cref="Vector{T}"/> × 4 columns: 24×4 on AVX2 + FMA, 12×4 on ARM NEON.</summary>
        [MethodImpl(Jit.Optimized)]
        private static void RunFused(int kc, float[] a, int aAt, float[] b, int bAt, float alpha, float beta,
            float[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector<float>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            int w = Vector<float>.Count, rows = 3 * w;
            ref float pa = ref MemoryMarshal.GetArrayDataReference(a);
            ref float pb = ref MemoryMarshal.GetArrayDataReference(b);
            for (int p = 0; p < kc; p++, aAt += rows, bAt += NR)
            {
                var a0 = Vector.LoadUnsafe(ref pa, (nuint)aAt);
                var a1 = Vector.LoadUnsafe(ref pa, (nuint)(aAt + w));
                var a2 = Vector.LoadUnsafe(ref pa, (nuint)(aAt + 2 * w));
                var b0 = new Vector<float>(Unsafe.Add(ref pb, bAt));
                c00 = Fma(a0, b0, c00); c10 = Fma(a1, b0, c10); c20 = Fma(a2, b0, c20);
                var b1 = new Vector<float>(Unsafe.Add(ref pb, bAt + 1));
                c01 = Fma(a0, b1, c01); c11 = Fma(a1, b1, c11); c21 = Fma(a2, b1, c21);
                var b2 = new Vector<float>(Unsafe.Add(ref pb, bAt + 2));
                c02 = Fma(a0, b2, c02); c12 = Fma(a1, b2, c12); c22 = Fma(a2, b2, c22);
                var b3 = new Vector<float>(Unsafe.Add(ref pb, bAt + 3));
                c03 = Fma(a0, b3, c03); c13 = Fma(a1, b3, c13); c23 = Fma(a2, b3, c23);
            }
            StoreTile(c00, c10, c20, c01, c11, c21, c02, c12, c22, c03, c13, c23, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>48×8: 24 zmm accumulators of 16 floats, 3 loads of A and 8 broadcasts of B per 24 fused multiply-adds.</summary>
        [MethodImpl(Jit.Optimized)]
        private static void RunAvx512(int kc, float[] a, int aAt, float[] b, int bAt, float alpha, float beta,
            float[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector512<float>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            var c04 = c00; var c14 = c00; var c24 = c00;
            var c05 = c00; var c15 = c00; var c25 = c00;
            var c06 = c00; var c16 = c00; var c26 = c00;
            var c07 = c00; var c17 = c00; var c27 = c00;
            ref float pa = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), aAt);
            ref float pb = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), bAt);
            for (int p = 0; p < kc; p++)
            {
                var a0 = Vector512.LoadUnsafe(ref pa);
                var a1 = Vector512.LoadUnsafe(ref pa, 16);
                var a2 = Vector512.LoadUnsafe(ref pa, 32);
                var bj = Vector512.Create(pb);
                c00 = Fma(a0, bj, c00); c10 = Fma(a1, bj, c10); c20 = Fma(a2, bj, c20);
                bj = Vector512.Create(Unsafe.Add(ref pb, 1));
                c01 = Fma(a0, bj, c01); c11 = Fma(a1, bj, c11); c21 = Fma(a2, bj, c21);
                bj = Vector512.Create(Unsafe.Add(ref pb, 2));
                c02 = Fma(a0, bj, c02); c12 = Fma(a1, bj, c12); c22 = Fma(a2, bj, c22);
                bj = Vector512.Create(Unsafe.Add(ref pb, 3));
                c03 = Fma(a0, bj, c03); c13 = Fma(a1, bj, c13); c23 = Fma(a2, bj, c23);
                bj = Vector512.Create(Unsafe.Add(ref pb, 4));
                c04 = Fma(a0, bj, c04); c14 = Fma(a1, bj, c14); c24 = Fma(a2, bj, c24);
                bj = Vector512.Create(Unsafe.Add(ref pb, 5));
                c05 = Fma(a0, bj, c05); c15 = Fma(a1, bj, c15); c25 = Fma(a2, bj, c25);
                bj = Vector512.Create(Unsafe.Add(ref pb, 6));
                c06 = Fma(a0, bj, c06); c16 = Fma(a1, bj, c16); c26 = Fma(a2, bj, c26);
                bj = Vector512.Create(Unsafe.Add(ref pb, 7));
                c07 = Fma(a0, bj, c07); c17 = Fma(a1, bj, c17); c27 = Fma(a2, bj, c27);
                pa = ref Unsafe.Add(ref pa, 48);
                pb = ref Unsafe.Add(ref pb, 8);
            }
            // Straight into one call, where the accumulators die (see MicroKernel.Avx512.cs: live across a call, each would be
            // written to the stack at every update in the loop).
            StoreTile512(c00, c10, c20, c01, c11, c21, c02, c12, c22, c03, c13, c23,
                c04, c14, c24, c05, c15, c25, c06, c16, c26, c07, c17, c27, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>Writes the 24 accumulators, column by column (3 vectors each): whole columns as vectors, an edge via scratch.</summary>
        [MethodImpl(Jit.Optimized)]
        private static void StoreTile512(Vector512<float> c00, Vector512<float> c10, Vector512<float> c20,
            Vector512<float> c01, Vector512<float> c11, Vector512<float> c21, Vector512<float> c02, Vector512<float> c12,
            Vector512<float> c22, Vector512<float> c03, Vector512<float> c13, Vector512<float> c23, Vector512<float> c04,
            Vector512<float> c14, Vector512<float> c24, Vector512<float> c05, Vector512<float> c15, Vector512<float> c25,
            Vector512<float> c06, Vector512<float> c16, Vector512<float> c26, Vector512<float> c07, Vector512<float> c17,
            Vector512<float> c27, float alpha, float beta, float[] c, int offset, int ldc, int mr, int nr)
        {
            bool whole = mr == 48 && nr == 8;
            float[] target = whole ? c : EdgeTile();
            int at = whole ? offset : 0, stride = whole ? ldc : 48;
            float scale = whole ? alpha : 1f, keep = whole ? beta : 0f;
            bool readC = keep != 0f;
            TileColumns.Store(target, at, c00, c10, c20, scale, keep, readC);
            TileColumns.Store(target, at + stride, c01, c11, c21, scale, keep, readC);
            TileColumns.Store(target, at + 2 * stride, c02, c12, c22, scale, keep, readC);
            TileColumns.Store(target, at + 3 * stride, c03, c13, c23, scale, keep, readC);
            TileColumns.Store(target, at + 4 * stride, c04, c14, c24, scale, keep, readC);
            TileColumns.Store(target, at + 5 * stride, c05, c15, c25, scale, keep, readC);
            TileColumns.Store(target, at + 6 * stride, c06, c16, c26, scale, keep, readC);
            TileColumns.Store(target, at + 7 * stride, c07, c17, c27, scale, keep, readC);
            if (!whole) WriteEdge(target, 48, alpha, beta, c, offset, ldc, mr, nr);
        }
    }
}
#endif

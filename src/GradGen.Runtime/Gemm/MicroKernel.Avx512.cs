#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradGen.Runtime.Gemm
{
    // The AVX-512 depth loop: a 24×8 tile of C in 24 zmm accumulators (3 vectors of 8 doubles down, 8 columns across),
    // 3 loads of A and 8 broadcasts of B per 24 fused multiply-adds; with the 3 A vectors and a broadcast that is 28 of
    // the 32 registers, the shape of BLIS's Zen 4 kernel. Reads the packed buffers without bounds checks: ManagedGemm
    // sized them for every index used here, and the tests run this loop over shapes that reach every edge.
    internal static partial class MicroKernel
    {
        [MethodImpl(Jit.Optimized)]
        private static void RunAvx512(int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector512<double>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            var c04 = c00; var c14 = c00; var c24 = c00;
            var c05 = c00; var c15 = c00; var c25 = c00;
            var c06 = c00; var c16 = c00; var c26 = c00;
            var c07 = c00; var c17 = c00; var c27 = c00;
            // Cursors into the packed slivers, bumped by a tile's step: indices would cost a sign extension per load.
            ref double pa = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), aAt);
            ref double pb = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), bAt);
            for (int p = 0; p < kc; p++)
            {
                var a0 = Vector512.LoadUnsafe(ref pa);
                var a1 = Vector512.LoadUnsafe(ref pa, 8);
                var a2 = Vector512.LoadUnsafe(ref pa, 16);
                var bj = Vector512.Create(pb);
                c00 = Vector512.FusedMultiplyAdd(a0, bj, c00); c10 = Vector512.FusedMultiplyAdd(a1, bj, c10); c20 = Vector512.FusedMultiplyAdd(a2, bj, c20);
                bj = Vector512.Create(Unsafe.Add(ref pb, 1));
                c01 = Vector512.FusedMultiplyAdd(a0, bj, c01); c11 = Vector512.FusedMultiplyAdd(a1, bj, c11); c21 = Vector512.FusedMultiplyAdd(a2, bj, c21);
                bj = Vector512.Create(Unsafe.Add(ref pb, 2));
                c02 = Vector512.FusedMultiplyAdd(a0, bj, c02); c12 = Vector512.FusedMultiplyAdd(a1, bj, c12); c22 = Vector512.FusedMultiplyAdd(a2, bj, c22);
                bj = Vector512.Create(Unsafe.Add(ref pb, 3));
                c03 = Vector512.FusedMultiplyAdd(a0, bj, c03); c13 = Vector512.FusedMultiplyAdd(a1, bj, c13); c23 = Vector512.FusedMultiplyAdd(a2, bj, c23);
                bj = Vector512.Create(Unsafe.Add(ref pb, 4));
                c04 = Vector512.FusedMultiplyAdd(a0, bj, c04); c14 = Vector512.FusedMultiplyAdd(a1, bj, c14); c24 = Vector512.FusedMultiplyAdd(a2, bj, c24);
                bj = Vector512.Create(Unsafe.Add(ref pb, 5));
                c05 = Vector512.FusedMultiplyAdd(a0, bj, c05); c15 = Vector512.FusedMultiplyAdd(a1, bj, c15); c25 = Vector512.FusedMultiplyAdd(a2, bj, c25);
                bj = Vector512.Create(Unsafe.Add(ref pb, 6));
                c06 = Vector512.FusedMultiplyAdd(a0, bj, c06); c16 = Vector512.FusedMultiplyAdd(a1, bj, c16); c26 = Vector512.FusedMultiplyAdd(a2, bj, c26);
                bj = Vector512.Create(Unsafe.Add(ref pb, 7));
                c07 = Vector512.FusedMultiplyAdd(a0, bj, c07); c17 = Vector512.FusedMultiplyAdd(a1, bj, c17); c27 = Vector512.FusedMultiplyAdd(a2, bj, c27);
                pa = ref Unsafe.Add(ref pa, 24);
                pb = ref Unsafe.Add(ref pb, 8);
            }
            // The accumulators go straight into one call and die there, as in RunFused: one of them live across a call
            // would be written to the stack at each of its updates in the loop (no vector register survives a call on x64).
            StoreTile512(c00, c10, c20, c01, c11, c21, c02, c12, c22, c03, c13, c23,
                c04, c14, c24, c05, c15, c25, c06, c16, c26, c07, c17, c27, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>Writes the 24 accumulators (column by column, 3 vectors each): whole columns as vectors, an edge tile through scratch.</summary>
        [MethodImpl(Jit.Optimized)]
        private static void StoreTile512(Vector512<double> c00, Vector512<double> c10, Vector512<double> c20,
            Vector512<double> c01, Vector512<double> c11, Vector512<double> c21, Vector512<double> c02, Vector512<double> c12,
            Vector512<double> c22, Vector512<double> c03, Vector512<double> c13, Vector512<double> c23, Vector512<double> c04,
            Vector512<double> c14, Vector512<double> c24, Vector512<double> c05, Vector512<double> c15, Vector512<double> c25,
            Vector512<double> c06, Vector512<double> c16, Vector512<double> c26, Vector512<double> c07, Vector512<double> c17,
            Vector512<double> c27, double alpha, double beta, double[] c, int offset, int ldc, int mr, int nr)
        {
            bool whole = mr == 24 && nr == 8;
            double[] target = whole ? c : EdgeTile();
            int at = whole ? offset : 0, stride = whole ? ldc : 24;
            // An edge tile is spilled unscaled to the scratch tile (β = 0 there, α = 1), then its inside written to C.
            double scale = whole ? alpha : 1.0, keep = whole ? beta : 0.0;
            bool readC = keep != 0.0;
            // Column by column, straight from the arguments: through a stack array they were copied out and read back.
            TileColumns.Store(target, at, c00, c10, c20, scale, keep, readC);
            TileColumns.Store(target, at + stride, c01, c11, c21, scale, keep, readC);
            TileColumns.Store(target, at + 2 * stride, c02, c12, c22, scale, keep, readC);
            TileColumns.Store(target, at + 3 * stride, c03, c13, c23, scale, keep, readC);
            TileColumns.Store(target, at + 4 * stride, c04, c14, c24, scale, keep, readC);
            TileColumns.Store(target, at + 5 * stride, c05, c15, c25, scale, keep, readC);
            TileColumns.Store(target, at + 6 * stride, c06, c16, c26, scale, keep, readC);
            TileColumns.Store(target, at + 7 * stride, c07, c17, c27, scale, keep, readC);
            if (!whole) WriteEdge(target, 24, alpha, beta, c, offset, ldc, mr, nr);
        }
    }
}
#endif

#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradGen.Runtime.Gemm
{
    // The 128-bit depth loop: an 8×4 tile of C in 16 accumulators (4 vectors of 2 doubles down, 4 columns across), 4 loads
    // of A and 4 broadcasts of B per 16 fused multiply-adds. It is ARM NEON's kernel (32 registers; Vector<double> is this
    // wide there too, but its 6×4 tile leaves half of them idle) and x86's where only 128-bit vectors are fast.
    internal static partial class MicroKernel
    {
        [MethodImpl(Jit.Optimized)]
        private static void RunVector128(int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector128<double>.Zero; var c10 = c00; var c20 = c00; var c30 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00; var c31 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00; var c32 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00; var c33 = c00;
            ref double pa = ref MemoryMarshal.GetArrayDataReference(a);
            ref double pb = ref MemoryMarshal.GetArrayDataReference(b);
            for (int p = 0; p < kc; p++, aAt += 8, bAt += 4)
            {
                var a0 = Vector128.LoadUnsafe(ref pa, (nuint)aAt);
                var a1 = Vector128.LoadUnsafe(ref pa, (nuint)(aAt + 2));
                var a2 = Vector128.LoadUnsafe(ref pa, (nuint)(aAt + 4));
                var a3 = Vector128.LoadUnsafe(ref pa, (nuint)(aAt + 6));
                var bj = Vector128.Create(Unsafe.Add(ref pb, bAt));
                c00 = Fma(a0, bj, c00); c10 = Fma(a1, bj, c10); c20 = Fma(a2, bj, c20); c30 = Fma(a3, bj, c30);
                bj = Vector128.Create(Unsafe.Add(ref pb, bAt + 1));
                c01 = Fma(a0, bj, c01); c11 = Fma(a1, bj, c11); c21 = Fma(a2, bj, c21); c31 = Fma(a3, bj, c31);
                bj = Vector128.Create(Unsafe.Add(ref pb, bAt + 2));
                c02 = Fma(a0, bj, c02); c12 = Fma(a1, bj, c12); c22 = Fma(a2, bj, c22); c32 = Fma(a3, bj, c32);
                bj = Vector128.Create(Unsafe.Add(ref pb, bAt + 3));
                c03 = Fma(a0, bj, c03); c13 = Fma(a1, bj, c13); c23 = Fma(a2, bj, c23); c33 = Fma(a3, bj, c33);
            }
            // Straight into one call, where they die (see RunAvx512).
            StoreTile128(c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32, c03, c13, c23, c33, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>Writes the 16 accumulators (column by column, 4 vectors each): whole columns as vectors, an edge tile through scratch.</summary>
        private static void StoreTile128(Vector128<double> c00, Vector128<double> c10, Vector128<double> c20, Vector128<double> c30,
            Vector128<double> c01, Vector128<double> c11, Vector128<double> c21, Vector128<double> c31, Vector128<double> c02,
            Vector128<double> c12, Vector128<double> c22, Vector128<double> c32, Vector128<double> c03, Vector128<double> c13,
            Vector128<double> c23, Vector128<double> c33, double alpha, double beta, double[] c, int offset, int ldc, int mr, int nr)
        {
            Span<Vector128<double>> acc = stackalloc Vector128<double>[]
            {
                c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32, c03, c13, c23, c33,
            };
            bool whole = mr == 8 && nr == 4;
            double[] target = whole ? c : EdgeTile();
            int at = whole ? offset : 0, stride = whole ? ldc : 8;
            double scale = whole ? alpha : 1.0, keep = whole ? beta : 0.0;
            for (int j = 0; j < 4; j++) Store128(target.AsSpan(at + j * stride, 8), acc.Slice(4 * j, 4), scale, keep);
            if (!whole) WriteEdge(target, 8, alpha, beta, c, offset, ldc, mr, nr);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<double> Fma(Vector128<double> a, Vector128<double> b, Vector128<double> c)
            => Vector128.FusedMultiplyAdd(a, b, c);

        /// <summary>One column of the tile (8 values): α·x + β·column, the column not read when β = 0.</summary>
        private static void Store128(Span<double> column, ReadOnlySpan<Vector128<double>> x, double alpha, double beta)
        {
            var scale = Vector128.Create(alpha);
            var keep = Vector128.Create(beta);
            for (int v = 0; v < 4; v++)
            {
                var part = column.Slice(2 * v, 2);
                var value = scale * x[v];
                if (beta != 0.0) value += keep * Vector128.Create<double>(part);
                value.CopyTo(part);
            }
        }
    }
}
#endif

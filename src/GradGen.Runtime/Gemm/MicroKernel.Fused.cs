#if NET9_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GradGen.Runtime.Gemm
{
    // The depth loops with fused multiply-adds (one instruction where the portable loop needs two), reading
    // the packed buffers without bounds checks: ManagedGemm sized them for every index used here, and the
    // tests run each loop over shapes that reach every edge.
    internal static partial class MicroKernel
    {
        [MethodImpl(Jit.Optimized)]
        private static void RunFused(int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector<double>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            int w = Vector<double>.Count, rows = 3 * w;
            ref double pa = ref MemoryMarshal.GetArrayDataReference(a);
            ref double pb = ref MemoryMarshal.GetArrayDataReference(b);
            for (int p = 0; p < kc; p++, aAt += rows, bAt += NR)
            {
                var a0 = Vector.LoadUnsafe(ref pa, (nuint)aAt);
                var a1 = Vector.LoadUnsafe(ref pa, (nuint)(aAt + w));
                var a2 = Vector.LoadUnsafe(ref pa, (nuint)(aAt + 2 * w));
                var b0 = new Vector<double>(Unsafe.Add(ref pb, bAt));
                c00 = Vector.FusedMultiplyAdd(a0, b0, c00); c10 = Vector.FusedMultiplyAdd(a1, b0, c10); c20 = Vector.FusedMultiplyAdd(a2, b0, c20);
                var b1 = new Vector<double>(Unsafe.Add(ref pb, bAt + 1));
                c01 = Vector.FusedMultiplyAdd(a0, b1, c01); c11 = Vector.FusedMultiplyAdd(a1, b1, c11); c21 = Vector.FusedMultiplyAdd(a2, b1, c21);
                var b2 = new Vector<double>(Unsafe.Add(ref pb, bAt + 2));
                c02 = Vector.FusedMultiplyAdd(a0, b2, c02); c12 = Vector.FusedMultiplyAdd(a1, b2, c12); c22 = Vector.FusedMultiplyAdd(a2, b2, c22);
                var b3 = new Vector<double>(Unsafe.Add(ref pb, bAt + 3));
                c03 = Vector.FusedMultiplyAdd(a0, b3, c03); c13 = Vector.FusedMultiplyAdd(a1, b3, c13); c23 = Vector.FusedMultiplyAdd(a2, b3, c23);
            }
            StoreTile(c00, c10, c20, c01, c11, c21, c02, c12, c22, c03, c13, c23, alpha, beta, c, offset, ldc, mr, nr);
        }
    }
}
#endif

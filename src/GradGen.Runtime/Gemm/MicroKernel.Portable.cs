using System.Numerics;
using System.Runtime.CompilerServices;

namespace GradGen.Runtime.Gemm
{
    internal static partial class MicroKernel
    {
        /// <summary>The depth loop on <see cref="Vector{T}"/> with a multiply and an add per step (any runtime).</summary>
        [MethodImpl(Jit.Optimized)]
        private static void RunMultiplyAdd(int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta,
            double[] c, int offset, int ldc, int mr, int nr)
        {
            var c00 = Vector<double>.Zero; var c10 = c00; var c20 = c00;
            var c01 = c00; var c11 = c00; var c21 = c00;
            var c02 = c00; var c12 = c00; var c22 = c00;
            var c03 = c00; var c13 = c00; var c23 = c00;
            int w = Vector<double>.Count, rows = 3 * w;
            for (int p = 0; p < kc; p++, aAt += rows, bAt += NR)
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
            StoreTile(c00, c10, c20, c01, c11, c21, c02, c12, c22, c03, c13, c23, alpha, beta, c, offset, ldc, mr, nr);
        }

        /// <summary>Writes the 12 <see cref="Vector{T}"/> accumulators: whole columns as vectors, an edge tile through scratch.</summary>
        private static void StoreTile(Vector<double> c00, Vector<double> c10, Vector<double> c20, Vector<double> c01, Vector<double> c11, Vector<double> c21,
            Vector<double> c02, Vector<double> c12, Vector<double> c22, Vector<double> c03, Vector<double> c13, Vector<double> c23,
            double alpha, double beta, double[] c, int offset, int ldc, int mr, int nr)
        {
            int w = Vector<double>.Count, rows = 3 * w;
            if (mr == rows && nr == NR)
            {
                Store(c, offset, c00, c10, c20, alpha, beta);
                Store(c, offset + ldc, c01, c11, c21, alpha, beta);
                Store(c, offset + 2 * ldc, c02, c12, c22, alpha, beta);
                Store(c, offset + 3 * ldc, c03, c13, c23, alpha, beta);
                return;
            }
            var tile = EdgeTile();
            c00.CopyTo(tile, 0); c10.CopyTo(tile, w); c20.CopyTo(tile, 2 * w);
            c01.CopyTo(tile, rows); c11.CopyTo(tile, rows + w); c21.CopyTo(tile, rows + 2 * w);
            c02.CopyTo(tile, 2 * rows); c12.CopyTo(tile, 2 * rows + w); c22.CopyTo(tile, 2 * rows + 2 * w);
            c03.CopyTo(tile, 3 * rows); c13.CopyTo(tile, 3 * rows + w); c23.CopyTo(tile, 3 * rows + 2 * w);
            WriteEdge(tile, rows, alpha, beta, c, offset, ldc, mr, nr);
        }

        private static void Store(double[] c, int at, Vector<double> x0, Vector<double> x1, Vector<double> x2, double alpha, double beta)
        {
            int w = Vector<double>.Count;
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

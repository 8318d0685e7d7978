#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>Which vectors the unpacked small-product tiles use.</summary>
    internal enum SmallWidth
    {
        Vector512,
        Vector256,
    }

    internal static partial class SmallGemm
    {
        private readonly partial struct Operands
        {
            /// <summary>
            /// The whole product in 256-bit tiles (AVX2 with FMA: 16 registers): 8 rows × 4 columns in 8 accumulators, then
            /// 4-row tiles and single entries at the edges.
            /// </summary>
            public void Narrow(int m, int n)
            {
                int j = 0;
                for (; j + 4 <= n; j += 4)
                {
                    int i = 0;
                    for (; i + 8 <= m; i += 8) Narrow8x4(i, j);
                    for (; i + 4 <= m; i += 4) Narrow4x4(i, j);
                    for (; i < m; i++) Entries(i, j, 4);
                }
                for (; j < n; j++)
                {
                    int i = 0;
                    for (; i + 4 <= m; i += 4) Narrow4x1(i, j);
                    for (; i < m; i++) Entries(i, j, 1);
                }
            }

            /// <summary>Rows i..i+7 of columns j..j+3: 8 accumulators, 2 loads and 4 broadcasts per depth step.</summary>
            [MethodImpl(Jit.Kernel)]
            private void Narrow8x4(int i, int j)
            {
                ref double a = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_a), _aAt + i);
                ref double b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_b), _bAt + j * _bj);
                nint lda = _lda, bp = _bp, bj = _bj;
                var c00 = Vector256<double>.Zero; var c10 = c00; var c01 = c00; var c11 = c00;
                var c02 = c00; var c12 = c00; var c03 = c00; var c13 = c00;
                for (int p = 0; p < _k; p++)
                {
                    var a0 = Vector256.LoadUnsafe(ref a);
                    var a1 = Vector256.LoadUnsafe(ref a, 4);
                    var b0 = Vector256.Create(b);
                    c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
                    var b1 = Vector256.Create(Unsafe.Add(ref b, bj));
                    c01 = Vector256.FusedMultiplyAdd(a0, b1, c01); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
                    var b2 = Vector256.Create(Unsafe.Add(ref b, 2 * bj));
                    c02 = Vector256.FusedMultiplyAdd(a0, b2, c02); c12 = Vector256.FusedMultiplyAdd(a1, b2, c12);
                    var b3 = Vector256.Create(Unsafe.Add(ref b, 3 * bj));
                    c03 = Vector256.FusedMultiplyAdd(a0, b3, c03); c13 = Vector256.FusedMultiplyAdd(a1, b3, c13);
                    a = ref Unsafe.Add(ref a, lda);
                    b = ref Unsafe.Add(ref b, bp);
                }
                Store(c00, c10, c01, c11, c02, c12, c03, c13, i, j);
            }

            private void Store(Vector256<double> c00, Vector256<double> c10, Vector256<double> c01, Vector256<double> c11,
                Vector256<double> c02, Vector256<double> c12, Vector256<double> c03, Vector256<double> c13, int i, int j)
            {
                Store(c00, i, j); Store(c10, i + 4, j);
                Store(c01, i, j + 1); Store(c11, i + 4, j + 1);
                Store(c02, i, j + 2); Store(c12, i + 4, j + 2);
                Store(c03, i, j + 3); Store(c13, i + 4, j + 3);
            }

            /// <summary>Rows i..i+3 of columns j..j+3: 4 accumulators.</summary>
            [MethodImpl(Jit.Kernel)]
            private void Narrow4x4(int i, int j)
            {
                var c0 = Vector256<double>.Zero; var c1 = c0; var c2 = c0; var c3 = c0;
                for (int p = 0; p < _k; p++)
                {
                    var a0 = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_a), (nuint)(_aAt + p * _lda + i));
                    c0 = Vector256.FusedMultiplyAdd(a0, Vector256.Create(B(p, j)), c0);
                    c1 = Vector256.FusedMultiplyAdd(a0, Vector256.Create(B(p, j + 1)), c1);
                    c2 = Vector256.FusedMultiplyAdd(a0, Vector256.Create(B(p, j + 2)), c2);
                    c3 = Vector256.FusedMultiplyAdd(a0, Vector256.Create(B(p, j + 3)), c3);
                }
                Store(c0, i, j); Store(c1, i, j + 1); Store(c2, i, j + 2); Store(c3, i, j + 3);
            }

            /// <summary>Rows i..i+3 of column j.</summary>
            [MethodImpl(Jit.Kernel)]
            private void Narrow4x1(int i, int j)
            {
                var acc = Vector256<double>.Zero;
                for (int p = 0; p < _k; p++)
                {
                    var a0 = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_a), (nuint)(_aAt + p * _lda + i));
                    acc = Vector256.FusedMultiplyAdd(a0, Vector256.Create(B(p, j)), acc);
                }
                Store(acc, i, j);
            }

            /// <summary>C(i..i+3, j) ← α·x + β·C(i..i+3, j), C not read when β = 0.</summary>
            private void Store(Vector256<double> x, int i, int j)
            {
                var target = _c.Data.AsSpan(_c.At(i, j), 4);
                var value = Vector256.Create(_alpha) * x;
                if (_beta != 0.0) value += Vector256.Create(_beta) * Vector256.Create<double>(target);
                value.CopyTo(target);
            }
        }
    }
}
#endif

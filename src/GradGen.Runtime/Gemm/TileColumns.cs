#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>How the AVX-512 tiles of both precisions write a column of C: three vectors, 24 doubles or 48 floats.</summary>
    internal static class TileColumns
    {
        /// <summary>
        /// c[at..] ← α·x + β·c (c not read unless <paramref name="readC"/>: with β = 0 a NaN in C must not leak). C is the
        /// caller's array: the column's range is checked once, then read and written by reference (as spans, each copy
        /// was a call of its own: 7 % of a product at n = 1024 on Zen 4, against 2 % now).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store<T>(T[] c, int at, Vector512<T> x0, Vector512<T> x1, Vector512<T> x2, T alpha, T beta, bool readC)
            where T : struct
        {
            int length = 3 * Vector512<T>.Count;
            if ((uint)at > (uint)c.Length || c.Length - at < length) throw new IndexOutOfRangeException();
            ref T column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), at);
            var scale = Vector512.Create(alpha);
            x0 *= scale; x1 *= scale; x2 *= scale;
            if (readC)
            {
                var keep = Vector512.Create(beta);
                x0 += keep * Vector512.LoadUnsafe(ref column);
                x1 += keep * Vector512.LoadUnsafe(ref column, (nuint)Vector512<T>.Count);
                x2 += keep * Vector512.LoadUnsafe(ref column, (nuint)(2 * Vector512<T>.Count));
            }
            x0.StoreUnsafe(ref column);
            x1.StoreUnsafe(ref column, (nuint)Vector512<T>.Count);
            x2.StoreUnsafe(ref column, (nuint)(2 * Vector512<T>.Count));
        }
    }
}
#endif

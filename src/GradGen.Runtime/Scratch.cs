using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    /// <summary>
    /// Temporaries the generated code has proved dead, kept per thread for its next call. A gradient evaluated in a loop
    /// then allocates only its result: at n ≥ 128 each n×n temporary is a large-object allocation, which the GC zeroes,
    /// maps fresh and collects only in gen 2 (≈ 10–15 % of the CVPR gradient at n = 128–512).
    /// <para>
    /// Only the generated code recycles, and only locals it declared from a fresh result that nothing reads after its
    /// return statement (BodyWriter.Liveness in the generator). The runtime hands them out again only where every entry is
    /// written before it is read (a product with β = 0, an elementwise pass), so a recycled matrix's old entries, NaN
    /// included, never reach a result.
    /// </para>
    /// </summary>
    public static class Scratch
    {
        /// <summary>Matrices kept per thread; the oldest goes first.</summary>
        internal const int Slots = 8;

        /// <summary>At most this many entries kept per thread (64 MB of doubles: the CVPR temporaries at n = 2 048).</summary>
        internal const long MaxEntries = 8L << 20;

        /// <summary>Smaller matrices are cheaper to allocate in gen 0 than to look up.</summary>
        internal const int MinEntries = 1024;

        /// <summary>
        /// Whether generated code's temporaries are kept for the next call (the default). Off, <see cref="Recycle"/> keeps
        /// nothing and every temporary is a new matrix, as before recycling existed: for an application short of memory, and
        /// for the benchmark that measures what recycling saves. Process-wide.
        /// </summary>
        public static bool Enabled { get; set; } = true;

        // Oldest first: t_kept[0 .. t_count) ; t_entries is their total size.
        [ThreadStatic] private static Matrix<double>[]? t_kept;
        [ThreadStatic] private static int t_count;
        [ThreadStatic] private static long t_entries;

        /// <summary>
        /// Keeps the dense matrices among <paramref name="dead"/> for this thread's next temporaries of their shapes. The
        /// caller gives up every reference to them: generated code calls this just before it returns.
        /// </summary>
        public static void Recycle(params Matrix<double>[] dead)
        {
            if (!Enabled) return;
            foreach (var m in dead) Keep(m);
        }

        /// <summary>Lets this thread's kept matrices go to the GC (a thread done with gradients, or one short of memory).</summary>
        public static void Release()
        {
            t_kept = null;
            t_count = 0;
            t_entries = 0;
        }

        /// <summary>How many matrices this thread keeps.</summary>
        public static int Held => t_count;

        /// <summary>
        /// A dense rows×columns matrix whose entries are unspecified (a kept one, if this thread has one of the shape; else a
        /// new one): only for results that write every entry before reading any.
        /// </summary>
        internal static Matrix<double> Overwritten(int rows, int columns)
        {
            if (!Enabled) return Matrix<double>.Build.Dense(rows, columns);
            for (int i = t_count - 1; i >= 0; i--)
            {
                var m = t_kept![i];
                if (m.RowCount == rows && m.ColumnCount == columns)
                {
                    RemoveAt(i);
                    return m;
                }
            }
#if NET
            // Nothing reads the entries before they are written: skip the zeroing (8 bytes an entry, most of a large
            // object's allocation cost).
            return new DenseMatrix(rows, columns, GC.AllocateUninitializedArray<double>(rows * columns));
#else
            return Matrix<double>.Build.Dense(rows, columns);
#endif
        }

        private static void Keep(Matrix<double>? m)
        {
            // A MathNet DenseMatrix owns its array; any other type may be a view or share storage.
            if (m is null || m.GetType() != typeof(DenseMatrix) || m.Storage is not DenseColumnMajorMatrixStorage<double>) return;
            long entries = (long)m.RowCount * m.ColumnCount;
            if (entries < MinEntries || entries > MaxEntries) return;
            var kept = t_kept ??= new Matrix<double>[Slots];
            for (int i = 0; i < t_count; i++) if (ReferenceEquals(kept[i], m)) return;   // recycled twice: kept once
            while (t_count == Slots || t_entries + entries > MaxEntries) RemoveAt(0);
            kept[t_count++] = m;
            t_entries += entries;
        }

        private static void RemoveAt(int i)
        {
            var kept = t_kept!;
            t_entries -= (long)kept[i].RowCount * kept[i].ColumnCount;
            Array.Copy(kept, i + 1, kept, i, t_count - i - 1);
            kept[--t_count] = null!;
        }
    }
}

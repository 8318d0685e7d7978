using System;
using MathNet.Numerics.LinearAlgebra;

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
        /// <summary>Matrices and vectors kept per thread; the oldest goes first.</summary>
        internal const int Slots = 8;

        /// <summary>At most this many entries kept per thread (64 MB of doubles: the CVPR temporaries at n = 2 048).</summary>
        internal const long MaxEntries = 8L << 20;

        /// <summary>
        /// Smaller ones are cheaper to allocate in gen 0 than to look up. Settable for the tests, which recycle every size so
        /// that random programs of small matrices reach it.
        /// </summary>
        internal static int MinEntries { get; set; } = 1024;

        /// <summary>
        /// Whether generated code's temporaries are kept for the next call (the default). Off, <c>Recycle</c> keeps nothing
        /// and every temporary is a new matrix or vector, as before recycling existed: for an application short of memory,
        /// and for the benchmark that measures what recycling saves. Process-wide.
        /// </summary>
        public static bool Enabled { get; set; } = true;

        // Oldest first: t_kept[0 .. t_count), each a DenseMatrix or a DenseVector (double or float), with its rows and columns (a vector's
        // columns are −1, so no matrix shape matches it); t_entries is their total size.
        [ThreadStatic] private static (object Value, int Rows, int Columns)[]? t_kept;
        [ThreadStatic] private static int t_count;
        [ThreadStatic] private static long t_entries;

        /// <summary>
        /// Keeps the dense matrices among <paramref name="dead"/> (double or float) for this thread's next temporaries of their
        /// shapes. The caller gives up every reference to them: generated code calls this just before it returns.
        /// </summary>
        public static void Recycle<T>(params Matrix<T>[] dead) where T : struct, IEquatable<T>, IFormattable
        {
            if (!Enabled) return;
            // A MathNet DenseMatrix owns its array; any other type may be a view or share storage.
            foreach (var m in dead)
            {
                if (m is not null && m.GetType() == Dense<T>.Matrix) Keep(m, m.RowCount, m.ColumnCount);
            }
        }

        /// <summary>The dense vectors among <paramref name="dead"/>, kept like <see cref="Recycle{T}(Matrix{T}[])"/>'s matrices.</summary>
        public static void Recycle<T>(params Vector<T>[] dead) where T : struct, IEquatable<T>, IFormattable
        {
            if (!Enabled) return;
            foreach (var v in dead)
            {
                if (v is not null && v.GetType() == Dense<T>.Vector) Keep(v, v.Count, -1);
            }
        }

        /// <summary>Lets this thread's kept matrices and vectors go to the GC (a thread done with gradients, or short of memory).</summary>
        public static void Release()
        {
            t_kept = null;
            t_count = 0;
            t_entries = 0;
        }

        /// <summary>How many matrices and vectors this thread keeps.</summary>
        public static int Held => t_count;

        /// <summary>
        /// A dense rows×columns matrix whose entries are unspecified (a kept one, if this thread has one of the shape; else a
        /// new one): only for results that write every entry before reading any.
        /// </summary>
        internal static Matrix<double> Overwritten(int rows, int columns) => Overwritten<double>(rows, columns);

        /// <summary>The vector form of <see cref="Overwritten(int, int)"/>.</summary>
        internal static Vector<double> Overwritten(int length) => Overwritten<double>(length);

        /// <summary><see cref="Overwritten(int, int)"/> of either precision.</summary>
        internal static Matrix<T> Overwritten<T>(int rows, int columns) where T : struct, IEquatable<T>, IFormattable
        {
            if (Enabled && Take(rows, columns, Dense<T>.Matrix) is Matrix<T> kept) return kept;
#if NET
            // Nothing reads the entries before they are written: skip the zeroing (most of a large object's allocation cost).
            if (Enabled) return Matrix<T>.Build.Dense(rows, columns, GC.AllocateUninitializedArray<T>(rows * columns));
#endif
            return Matrix<T>.Build.Dense(rows, columns);
        }

        /// <summary><see cref="Overwritten(int)"/> of either precision.</summary>
        internal static Vector<T> Overwritten<T>(int length) where T : struct, IEquatable<T>, IFormattable
        {
            if (Enabled && Take(length, -1, Dense<T>.Vector) is Vector<T> kept) return kept;
#if NET
            if (Enabled) return Vector<T>.Build.Dense(GC.AllocateUninitializedArray<T>(length));
#endif
            return Vector<T>.Build.Dense(length);
        }

        /// <summary>MathNet's dense matrix and vector types of one precision: the ones that own their arrays.</summary>
        private static class Dense<T> where T : struct, IEquatable<T>, IFormattable
        {
            public static readonly Type Matrix = Matrix<T>.Build.Dense(1, 1).GetType();
            public static readonly Type Vector = Vector<T>.Build.Dense(1).GetType();
        }

        /// <summary>The newest kept value of this shape and type, taken out of the list.</summary>
        private static object? Take(int rows, int columns, Type type)
        {
            for (int i = t_count - 1; i >= 0; i--)
            {
                var (value, r, c) = t_kept![i];
                if (r != rows || c != columns || value.GetType() != type) continue;
                RemoveAt(i);
                return value;
            }
            return null;
        }

        private static void Keep(object value, int rows, int columns)
        {
            long entries = (long)rows * Math.Abs(columns);
            if (entries < MinEntries || entries > MaxEntries) return;
            var kept = t_kept ??= new (object, int, int)[Slots];
            for (int i = 0; i < t_count; i++) if (ReferenceEquals(kept[i].Value, value)) return;   // recycled twice: kept once
            while (t_count == Slots || t_entries + entries > MaxEntries) RemoveAt(0);
            kept[t_count++] = (value, rows, columns);
            t_entries += entries;
        }

        private static void RemoveAt(int i)
        {
            var kept = t_kept!;
            t_entries -= (long)kept[i].Rows * Math.Abs(kept[i].Columns);
            Array.Copy(kept, i + 1, kept, i, t_count - i - 1);
            kept[--t_count] = default;
        }
    }
}

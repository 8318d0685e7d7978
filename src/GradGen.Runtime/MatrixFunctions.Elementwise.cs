using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#endif
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    /// <summary>
    /// Elementwise maps and products on SIMD (System.Numerics.Tensors' TensorPrimitives: exp, log, tanh, … in the CPU's widest vectors):
    /// MathNet's managed PointwiseExp and kin call System.Math once per entry. Dense storage goes straight to the kernels;
    /// other storage (sparse, diagonal) takes MathNet's own map, whose zeros it keeps. TensorPrimitives has double kernels
    /// from .NET 8 on; the netstandard2.0 build takes MathNet's maps throughout.
    /// </summary>
    public static partial class MatrixFunctions
    {
        private delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> result);

        private delegate void SpanProduct<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);

        public static Matrix<double> Exp(Matrix<double> a, Matrix<double>? into = null)
            => Map(a, Kernels.Exp, m => m.PointwiseExp(), into);

        public static Vector<double> Exp(Vector<double> v, Vector<double>? into = null)
            => Map(v, Kernels.Exp, u => u.PointwiseExp(), into);

        public static Matrix<double> Log(Matrix<double> a, Matrix<double>? into = null)
            => Map(a, Kernels.Log, m => m.PointwiseLog(), into);

        public static Vector<double> Log(Vector<double> v, Vector<double>? into = null)
            => Map(v, Kernels.Log, u => u.PointwiseLog(), into);

        public static Matrix<double> Tanh(Matrix<double> a, Matrix<double>? into = null)
            => Map(a, Kernels.Tanh, m => m.PointwiseTanh(), into);

        public static Vector<double> Tanh(Vector<double> v, Vector<double>? into = null)
            => Map(v, Kernels.Tanh, u => u.PointwiseTanh(), into);

        public static Matrix<double> Sqrt(Matrix<double> a, Matrix<double>? into = null)
            => Map(a, Kernels.Sqrt, m => m.PointwiseSqrt(), into);

        public static Vector<double> Sqrt(Vector<double> v, Vector<double>? into = null)
            => Map(v, Kernels.Sqrt, u => u.PointwiseSqrt(), into);

        /// <summary>A^∘k entry by entry: k = −1 as reciprocals, 2 as squares, others by pow (MathNet: Math.Pow per entry).</summary>
        public static Matrix<double> Power(Matrix<double> a, double k, Matrix<double>? into = null)
            => Map(a, Kernels.PowerOf(k), m => m.PointwisePower(k), into);

        public static Vector<double> Power(Vector<double> v, double k, Vector<double>? into = null)
            => Map(v, Kernels.PowerOf(k), u => u.PointwisePower(k), into);

        /// <summary>A ∘ B, one SIMD pass into a fresh matrix (MathNet's PointwiseMultiply, same numbers).</summary>
        public static Matrix<double> Hadamard(Matrix<double> a, Matrix<double> b, Matrix<double>? into = null)
            => Zip(a, b, Kernels.Multiply, static (x, y) => x.PointwiseMultiply(y), into);

        /// <summary>u ∘ v for vectors, as <see cref="Hadamard(Matrix{double}, Matrix{double}, Matrix{double})"/>.</summary>
        public static Vector<double> Hadamard(Vector<double> u, Vector<double> v, Vector<double>? into = null)
            => Zip(u, v, Kernels.Multiply, static (x, y) => x.PointwiseMultiply(y), into);

        /// <summary>A ⊘ B, one SIMD pass (MathNet's PointwiseDivide, same numbers).</summary>
        public static Matrix<double> Divide(Matrix<double> a, Matrix<double> b, Matrix<double>? into = null)
            => Zip(a, b, Kernels.Divide, static (x, y) => x.PointwiseDivide(y), into);

        /// <summary>u ⊘ v for vectors, as <see cref="Divide(Matrix{double}, Matrix{double}, Matrix{double})"/>.</summary>
        public static Vector<double> Divide(Vector<double> u, Vector<double> v, Vector<double>? into = null)
            => Zip(u, v, Kernels.Divide, static (x, y) => x.PointwiseDivide(y), into);

        /// <summary>A + s𝟙𝟙ᵀ, one SIMD pass (MathNet's <c>A + s</c>, same numbers).</summary>
        public static Matrix<double> AddScalar(Matrix<double> a, double s, Matrix<double>? into = null)
            => Kernels.AddScalar is null ? a + s : Map(a, (x, r) => Kernels.AddScalar(x, s, r), m => m + s, into);

        /// <summary>v + s𝟙, as <see cref="AddScalar(Matrix{double}, double, Matrix{double})"/>.</summary>
        public static Vector<double> AddScalar(Vector<double> v, double s, Vector<double>? into = null)
            => Kernels.AddScalar is null ? v + s : Map(v, (x, r) => Kernels.AddScalar(x, s, r), u => u + s, into);

        /// <summary>𝟙ᵀv, summed in SIMD lanes (MathNet's Sum adds one entry at a time; the two differ by rounding only).</summary>
        public static double Sum(Vector<double> v)
            => Kernels.Sum is not null && v.Storage is DenseVectorStorage<double> dense ? Kernels.Sum(dense.Data) : v.Sum();

        /// <summary>𝟙ᵀlog(v), the logarithms taken and summed chunk by chunk: log(v) is never stored.</summary>
        public static double SumOfLog(Vector<double> v) => SumOfMap(v, Kernels.Log, u => u.PointwiseLog().Sum());

        /// <summary>𝟙ᵀexp(v), as <see cref="SumOfLog(Vector{double})"/>.</summary>
        public static double SumOfExp(Vector<double> v) => SumOfMap(v, Kernels.Exp, u => u.PointwiseExp().Sum());

        private static double SumOfMap(Vector<double> v, SpanMap<double>? kernel, Func<Vector<double>, double> fallback)
        {
            if (kernel is null || Kernels.Sum is null || v.Storage is not DenseVectorStorage<double> dense) return fallback(v);
            // 512 entries (4 KB) per chunk: the chunk stays in L1 between the map and the sum.
            const int chunk = 512;
            Span<double> buffer = stackalloc double[chunk];
            double sum = 0;
            for (int start = 0; start < dense.Length; start += chunk)
            {
                int length = Math.Min(chunk, dense.Length - start);
                kernel(new ReadOnlySpan<double>(dense.Data, start, length), buffer.Slice(0, length));
                sum += Kernels.Sum(buffer.Slice(0, length));
            }
            return sum;
        }

        // Each result is a fresh dense matrix (or one Scratch kept: the kernels write every entry), or into's storage where
        // the generated code passes a temporary of the same shape that nothing reads any more (it may be one of the operands:
        // the kernels allow a result that is exactly an input). One set for both precisions (float: .Single.Elementwise.cs).

        private static Matrix<T> Zip<T>(Matrix<T> a, Matrix<T> b, SpanProduct<T>? kernel, Func<Matrix<T>, Matrix<T>, Matrix<T>> fallback,
            Matrix<T>? into) where T : struct, IEquatable<T>, IFormattable
        {
            if (kernel is null || a.Storage is not DenseColumnMajorMatrixStorage<T> x || b.Storage is not DenseColumnMajorMatrixStorage<T> y
                || a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount) return fallback(a, b);
            var result = Target(into, a.RowCount, a.ColumnCount);
            kernel(x.Data, y.Data, ((DenseColumnMajorMatrixStorage<T>)result.Storage).Data);
            return result;
        }

        private static Vector<T> Zip<T>(Vector<T> u, Vector<T> v, SpanProduct<T>? kernel, Func<Vector<T>, Vector<T>, Vector<T>> fallback,
            Vector<T>? into) where T : struct, IEquatable<T>, IFormattable
        {
            if (kernel is null || u.Storage is not DenseVectorStorage<T> x || v.Storage is not DenseVectorStorage<T> y
                || u.Count != v.Count) return fallback(u, v);
            var result = Target(into, u.Count);
            kernel(x.Data, y.Data, ((DenseVectorStorage<T>)result.Storage).Data);
            return result;
        }

        private static Matrix<T> Map<T>(Matrix<T> a, SpanMap<T>? kernel, Func<Matrix<T>, Matrix<T>> fallback, Matrix<T>? into)
            where T : struct, IEquatable<T>, IFormattable
        {
            if (kernel is null || a.Storage is not DenseColumnMajorMatrixStorage<T> dense) return fallback(a);
            var result = Target(into, a.RowCount, a.ColumnCount);
            kernel(dense.Data, ((DenseColumnMajorMatrixStorage<T>)result.Storage).Data);
            return result;
        }

        private static Vector<T> Map<T>(Vector<T> v, SpanMap<T>? kernel, Func<Vector<T>, Vector<T>> fallback, Vector<T>? into)
            where T : struct, IEquatable<T>, IFormattable
        {
            if (kernel is null || v.Storage is not DenseVectorStorage<T> dense) return fallback(v);
            var result = Target(into, v.Count);
            kernel(dense.Data, ((DenseVectorStorage<T>)result.Storage).Data);
            return result;
        }

        /// <summary>into, where it is dense storage of the result's shape; else a kept or new dense matrix.</summary>
        private static Matrix<T> Target<T>(Matrix<T>? into, int rows, int columns) where T : struct, IEquatable<T>, IFormattable
            => into is { Storage: DenseColumnMajorMatrixStorage<T> } && into.RowCount == rows && into.ColumnCount == columns
                ? into : Scratch.Overwritten<T>(rows, columns);

        private static Vector<T> Target<T>(Vector<T>? into, int length) where T : struct, IEquatable<T>, IFormattable
            => into is { Storage: DenseVectorStorage<T> } && into.Count == length ? into : Scratch.Overwritten<T>(length);

        private delegate void SpanShift(ReadOnlySpan<double> x, double s, Span<double> result);

        private delegate double SpanSum(ReadOnlySpan<double> x);

        /// <summary>The SIMD kernels, or null where the target has none (netstandard2.0).</summary>
        private static class Kernels
        {
#if NET8_0_OR_GREATER
            public static readonly SpanMap<double>? Exp = TensorPrimitives.Exp;
            public static readonly SpanMap<double>? Log = TensorPrimitives.Log;
            public static readonly SpanMap<double>? Tanh = TanhKernels.Tanh;
            public static readonly SpanMap<double>? Sqrt = TensorPrimitives.Sqrt;
            public static readonly SpanProduct<double>? Multiply = TensorPrimitives.Multiply;
            public static readonly SpanProduct<double>? Divide = TensorPrimitives.Divide;
            public static readonly SpanShift? AddScalar = TensorPrimitives.Add;
            public static readonly SpanSum? Sum = TensorPrimitives.Sum;

            public static SpanMap<double>? PowerOf(double k) => k switch
            {
                -1 => TensorPrimitives.Reciprocal,
                2 => static (x, r) => TensorPrimitives.Multiply(x, x, r),
                0.5 => TensorPrimitives.Sqrt,
                _ => (x, r) => TensorPrimitives.Pow(x, k, r),
            };
#else
            public static SpanMap<double>? PowerOf(double k) => null;

            public static readonly SpanMap<double>? Exp = null, Log = null, Tanh = null, Sqrt = null;
            public static readonly SpanProduct<double>? Multiply = null, Divide = null;
            public static readonly SpanShift? AddScalar = null;
            public static readonly SpanSum? Sum = null;
#endif
        }
    }
}

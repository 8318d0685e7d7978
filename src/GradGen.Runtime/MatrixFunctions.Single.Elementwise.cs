using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#endif
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    /// <summary>
    /// The float twins of the elementwise maps (MatrixFunctions.Elementwise.cs): TensorPrimitives' float kernels on dense
    /// storage (.NET 8+), twice the lanes of the double ones; MathNet's own maps on other storage and on netstandard2.0.
    /// </summary>
    public static partial class MatrixFunctions
    {
        private delegate void SingleMap(ReadOnlySpan<float> x, Span<float> result);

        private delegate void SingleZip(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result);

        public static Matrix<float> Exp(Matrix<float> a, Matrix<float>? into = null) => Map(a, SingleKernels.Exp, m => m.PointwiseExp(), into);

        public static Vector<float> Exp(Vector<float> v, Vector<float>? into = null) => Map(v, SingleKernels.Exp, u => u.PointwiseExp(), into);

        public static Matrix<float> Log(Matrix<float> a, Matrix<float>? into = null) => Map(a, SingleKernels.Log, m => m.PointwiseLog(), into);

        public static Vector<float> Log(Vector<float> v, Vector<float>? into = null) => Map(v, SingleKernels.Log, u => u.PointwiseLog(), into);

        public static Matrix<float> Tanh(Matrix<float> a, Matrix<float>? into = null) => Map(a, SingleKernels.Tanh, m => m.PointwiseTanh(), into);

        public static Vector<float> Tanh(Vector<float> v, Vector<float>? into = null) => Map(v, SingleKernels.Tanh, u => u.PointwiseTanh(), into);

        public static Matrix<float> Sqrt(Matrix<float> a, Matrix<float>? into = null) => Map(a, SingleKernels.Sqrt, m => m.PointwiseSqrt(), into);

        public static Vector<float> Sqrt(Vector<float> v, Vector<float>? into = null) => Map(v, SingleKernels.Sqrt, u => u.PointwiseSqrt(), into);

        /// <summary>A^∘k of a float matrix, entry by entry.</summary>
        public static Matrix<float> Power(Matrix<float> a, float k, Matrix<float>? into = null)
            => Map(a, SingleKernels.PowerOf(k), m => m.PointwisePower(k), into);

        public static Vector<float> Power(Vector<float> v, float k, Vector<float>? into = null)
            => Map(v, SingleKernels.PowerOf(k), u => u.PointwisePower(k), into);

        /// <summary>A ∘ B of float matrices, one SIMD pass.</summary>
        public static Matrix<float> Hadamard(Matrix<float> a, Matrix<float> b, Matrix<float>? into = null)
            => Zip(a, b, SingleKernels.Multiply, static (x, y) => x.PointwiseMultiply(y), into);

        public static Vector<float> Hadamard(Vector<float> u, Vector<float> v, Vector<float>? into = null)
            => Zip(u, v, SingleKernels.Multiply, static (x, y) => x.PointwiseMultiply(y), into);

        /// <summary>A ⊘ B of float matrices, one SIMD pass.</summary>
        public static Matrix<float> Divide(Matrix<float> a, Matrix<float> b, Matrix<float>? into = null)
            => Zip(a, b, SingleKernels.Divide, static (x, y) => x.PointwiseDivide(y), into);

        public static Vector<float> Divide(Vector<float> u, Vector<float> v, Vector<float>? into = null)
            => Zip(u, v, SingleKernels.Divide, static (x, y) => x.PointwiseDivide(y), into);

        /// <summary>A + s𝟙𝟙ᵀ of a float matrix.</summary>
        public static Matrix<float> AddScalar(Matrix<float> a, float s, Matrix<float>? into = null)
            => Map(a, SingleKernels.Shift(s), m => m + s, into);

        public static Vector<float> AddScalar(Vector<float> v, float s, Vector<float>? into = null)
            => Map(v, SingleKernels.Shift(s), u => u + s, into);

        /// <summary>𝟙ᵀv of a float vector, accumulated in double and rounded once.</summary>
        public static float Sum(Vector<float> v)
        {
            double sum = 0;
            for (int i = 0; i < v.Count; i++) sum += v.At(i);
            return (float)sum;
        }

        /// <summary>𝟙ᵀlog(v) of a float vector.</summary>
        public static float SumOfLog(Vector<float> v) => Sum(Log(v));

        /// <summary>𝟙ᵀexp(v) of a float vector.</summary>
        public static float SumOfExp(Vector<float> v) => Sum(Exp(v));

        private static Matrix<float> Map(Matrix<float> a, SingleMap? kernel, Func<Matrix<float>, Matrix<float>> fallback, Matrix<float>? into)
        {
            if (kernel is null || a.Storage is not DenseColumnMajorMatrixStorage<float> dense) return fallback(a);
            var result = Target(into, a.RowCount, a.ColumnCount);
            kernel(dense.Data, ((DenseColumnMajorMatrixStorage<float>)result.Storage).Data);
            return result;
        }

        private static Vector<float> Map(Vector<float> v, SingleMap? kernel, Func<Vector<float>, Vector<float>> fallback, Vector<float>? into)
        {
            if (kernel is null || v.Storage is not DenseVectorStorage<float> dense) return fallback(v);
            var result = Target(into, v.Count);
            kernel(dense.Data, ((DenseVectorStorage<float>)result.Storage).Data);
            return result;
        }

        private static Matrix<float> Zip(Matrix<float> a, Matrix<float> b, SingleZip? kernel,
            Func<Matrix<float>, Matrix<float>, Matrix<float>> fallback, Matrix<float>? into)
        {
            if (kernel is null || a.Storage is not DenseColumnMajorMatrixStorage<float> x || b.Storage is not DenseColumnMajorMatrixStorage<float> y
                || a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount) return fallback(a, b);
            var result = Target(into, a.RowCount, a.ColumnCount);
            kernel(x.Data, y.Data, ((DenseColumnMajorMatrixStorage<float>)result.Storage).Data);
            return result;
        }

        private static Vector<float> Zip(Vector<float> u, Vector<float> v, SingleZip? kernel,
            Func<Vector<float>, Vector<float>, Vector<float>> fallback, Vector<float>? into)
        {
            if (kernel is null || u.Storage is not DenseVectorStorage<float> x || v.Storage is not DenseVectorStorage<float> y || u.Count != v.Count)
                return fallback(u, v);
            var result = Target(into, u.Count);
            kernel(x.Data, y.Data, ((DenseVectorStorage<float>)result.Storage).Data);
            return result;
        }

        /// <summary>into, where it is dense float storage of the result's shape; else a kept or new matrix.</summary>
        private static Matrix<float> Target(Matrix<float>? into, int rows, int columns)
            => into is { Storage: DenseColumnMajorMatrixStorage<float> } && into.RowCount == rows && into.ColumnCount == columns
                ? into : Scratch.OverwrittenSingle(rows, columns);

        private static Vector<float> Target(Vector<float>? into, int length)
            => into is { Storage: DenseVectorStorage<float> } && into.Count == length ? into : Scratch.OverwrittenSingle(length);

        /// <summary>TensorPrimitives' float kernels, or null on netstandard2.0 (MathNet's maps then).</summary>
        private static class SingleKernels
        {
#if NET8_0_OR_GREATER
            public static readonly SingleMap? Exp = TensorPrimitives.Exp;
            public static readonly SingleMap? Log = TensorPrimitives.Log;
            public static readonly SingleMap? Tanh = TensorPrimitives.Tanh;
            public static readonly SingleMap? Sqrt = TensorPrimitives.Sqrt;
            public static readonly SingleZip? Multiply = TensorPrimitives.Multiply;
            public static readonly SingleZip? Divide = TensorPrimitives.Divide;

            public static SingleMap? Shift(float s) => (x, r) => TensorPrimitives.Add(x, s, r);

            public static SingleMap? PowerOf(float k) => k switch
            {
                -1 => TensorPrimitives.Reciprocal,
                2 => static (x, r) => TensorPrimitives.Multiply(x, x, r),
                0.5f => TensorPrimitives.Sqrt,
                _ => (x, r) => TensorPrimitives.Pow(x, k, r),
            };
#else
            public static readonly SingleMap? Exp = null, Log = null, Tanh = null, Sqrt = null;
            public static readonly SingleZip? Multiply = null, Divide = null;

            public static SingleMap? Shift(float s) => null;

            public static SingleMap? PowerOf(float k) => null;
#endif
        }
    }
}

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
    /// storage (.NET 8+), twice the lanes of the double ones; MathNet's own maps on other storage and on netstandard2.0. The
    /// passes themselves (Map, Zip, Target) are the double ones', generic in the element type.
    /// </summary>
    public static partial class MatrixFunctions
    {
        public static Matrix<float> Exp(Matrix<float> a, Matrix<float>? into = null)
            => Map(a, SingleKernels.Exp, m => m.PointwiseExp(), into);

        public static Vector<float> Exp(Vector<float> v, Vector<float>? into = null)
            => Map(v, SingleKernels.Exp, u => u.PointwiseExp(), into);

        public static Matrix<float> Log(Matrix<float> a, Matrix<float>? into = null)
            => Map(a, SingleKernels.Log, m => m.PointwiseLog(), into);

        public static Vector<float> Log(Vector<float> v, Vector<float>? into = null)
            => Map(v, SingleKernels.Log, u => u.PointwiseLog(), into);

        public static Matrix<float> Tanh(Matrix<float> a, Matrix<float>? into = null)
            => Map(a, SingleKernels.Tanh, m => m.PointwiseTanh(), into);

        public static Vector<float> Tanh(Vector<float> v, Vector<float>? into = null)
            => Map(v, SingleKernels.Tanh, u => u.PointwiseTanh(), into);

        public static Matrix<float> Sqrt(Matrix<float> a, Matrix<float>? into = null)
            => Map(a, SingleKernels.Sqrt, m => m.PointwiseSqrt(), into);

        public static Vector<float> Sqrt(Vector<float> v, Vector<float>? into = null)
            => Map(v, SingleKernels.Sqrt, u => u.PointwiseSqrt(), into);

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

        /// <summary>TensorPrimitives' float kernels, or null on netstandard2.0 (MathNet's maps then).</summary>
        private static class SingleKernels
        {
#if NET8_0_OR_GREATER
            public static readonly SpanMap<float>? Exp = TensorPrimitives.Exp;
            public static readonly SpanMap<float>? Log = TensorPrimitives.Log;
            public static readonly SpanMap<float>? Tanh = TanhKernels.Tanh;
            public static readonly SpanMap<float>? Sqrt = TensorPrimitives.Sqrt;
            public static readonly SpanProduct<float>? Multiply = TensorPrimitives.Multiply;
            public static readonly SpanProduct<float>? Divide = TensorPrimitives.Divide;

            public static SpanMap<float>? Shift(float s) => (x, r) => TensorPrimitives.Add(x, s, r);

            public static SpanMap<float>? PowerOf(float k) => k switch
            {
                -1 => TensorPrimitives.Reciprocal,
                2 => static (x, r) => TensorPrimitives.Multiply(x, x, r),
                0.5f => TensorPrimitives.Sqrt,
                _ => (x, r) => TensorPrimitives.Pow(x, k, r),
            };
#else
            public static readonly SpanMap<float>? Exp = null, Log = null, Tanh = null, Sqrt = null;
            public static readonly SpanProduct<float>? Multiply = null, Divide = null;

            public static SpanMap<float>? Shift(float s) => null;

            public static SpanMap<float>? PowerOf(float k) => null;
#endif
        }
    }
}

using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#endif
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// The O(n²) passes of an accumulation (result ± A, result + αA) and of a fused trace (⟨A, B⟩): OpenBLAS's daxpy and ddot
    /// while products are native, TensorPrimitives' SIMD loops otherwise (MathNet's managed provider adds and multiplies one
    /// entry at a time: 14 µs for a 128×128 matrix where the SIMD pass takes a few).
    /// </summary>
    public static partial class MatrixFunctions
    {
        /// <summary>result ← result + A, in place (MathNet's <c>result.Add(A, result)</c>, same numbers).</summary>
        public static void AddTo(Matrix<double> result, Matrix<double> a) => AddScaled(result, 1.0, a);

        /// <summary>result ← result − A, in place.</summary>
        public static void SubtractFrom(Matrix<double> result, Matrix<double> a) => AddScaled(result, -1.0, a);

        /// <summary>result ← result + v, in place.</summary>
        public static void AddTo(Vector<double> result, Vector<double> v) => AddScaled(result, 1.0, v);

        /// <summary>result ← result − v, in place.</summary>
        public static void SubtractFrom(Vector<double> result, Vector<double> v) => AddScaled(result, -1.0, v);

        /// <summary>r ← r + α x over whole arrays of equal length.</summary>
        private static void Axpy(double[] r, double alpha, double[] x)
        {
#if NET8_0_OR_GREATER
            if (!GradGenLinearAlgebra.IsNativeBlasActive)
            {
                // ±1 exactly as MathNet's Add and Subtract round; other α as x·α + r per entry.
                if (alpha == 1.0) TensorPrimitives.Add(r, x, r);
                else if (alpha == -1.0) TensorPrimitives.Subtract(r, x, r);
                else TensorPrimitives.MultiplyAdd(x, alpha, r, r);
                return;
            }
#endif
            LinearAlgebraControl.Provider.AddVectorToScaledVector(r, alpha, x, r);
        }

        /// <summary>Σ xᵢ yᵢ over whole arrays of equal length.</summary>
        private static double Dot(double[] x, double[] y)
        {
#if NET8_0_OR_GREATER
            if (!GradGenLinearAlgebra.IsNativeBlasActive) return TensorPrimitives.Dot(x, y);
#endif
            return LinearAlgebraControl.Provider.DotProduct(x, y);
        }
    }
}

using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#endif
#if NET9_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif
using GradGen.Runtime.Gemm;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    /// <summary>
    /// The float twins of the kernels a body computed in float calls (<c>[Differentiable(ComputeInFloat = true)]</c>): dense
    /// products on GradGen's sgemm (<see cref="ManagedGemm"/>, twice the lanes of the double kernel), the axpys, and the
    /// O(n²) reductions, which accumulate in double and round once. The generator writes a float body only when every
    /// runtime function it calls is one of these (Emit/SingleArithmetic.cs lists them; a test keeps the two lists equal).
    /// </summary>
    public static partial class MatrixFunctions
    {
        /// <summary>A·B in float.</summary>
        public static Matrix<float> Multiply(Matrix<float> a, Matrix<float> b) => ScaledProduct(1f, a, b);

        /// <summary>Aᵀ·B in float, without forming Aᵀ.</summary>
        public static Matrix<float> TransposeThisAndMultiply(Matrix<float> a, Matrix<float> b) => ScaledProduct(1f, a, b, transposeA: true);

        /// <summary>A·Bᵀ in float, without forming Bᵀ.</summary>
        public static Matrix<float> TransposeAndMultiply(Matrix<float> a, Matrix<float> b) => ScaledProduct(1f, a, b, transposeB: true);

        /// <summary>α·op(A)·op(B) as a new float matrix: one sgemm with β = 0.</summary>
        public static Matrix<float> ScaledProduct(float alpha, Matrix<float> a, Matrix<float> b, bool transposeA = false,
            bool transposeB = false)
        {
            int rows = transposeA ? a.ColumnCount : a.RowCount, columns = transposeB ? b.RowCount : b.ColumnCount;
            // sgemm with β = 0 writes every entry: a kept matrix serves. MathNet's own products get a zeroed one.
            bool overwrites = (transposeA ? a.RowCount : a.ColumnCount) > 0 && UsesSingleKernel(a, b);
            var result = overwrites ? Scratch.Overwritten<float>(rows, columns) : Matrix<float>.Build.Dense(rows, columns);
            Gemm(alpha, a, b, transposeA, transposeB, 0f, result);
            return result;
        }

        /// <summary>result ← α·op(A)·op(B) in float. result must not be A or B.</summary>
        public static void ScaledProductInto(Matrix<float> result, float alpha, Matrix<float> a, Matrix<float> b, bool transposeA = false,
            bool transposeB = false) => Gemm(alpha, a, b, transposeA, transposeB, 0f, result);

        /// <summary>result ← result + α·op(A)·op(B) in float. result must not be A or B.</summary>
        public static void AddScaledProduct(Matrix<float> result, float alpha, Matrix<float> a, Matrix<float> b, bool transposeA = false,
            bool transposeB = false) => Gemm(alpha, a, b, transposeA, transposeB, 1f, result);

        /// <summary>result ← result + α·A in float, in place.</summary>
        public static void AddScaled(Matrix<float> result, float alpha, Matrix<float> a)
        {
            if (result.RowCount != a.RowCount || result.ColumnCount != a.ColumnCount)
            {
                throw new ArgumentException(
                    $"result + αA needs equal shapes, got {result.RowCount}×{result.ColumnCount} and {a.RowCount}×{a.ColumnCount}.");
            }
            if (result.Storage is DenseColumnMajorMatrixStorage<float> r && a.Storage is DenseColumnMajorMatrixStorage<float> x)
            {
                Axpy(r.Data, alpha, x.Data);
                return;
            }
            result.Add(a.Multiply(alpha), result);
        }

        /// <summary>result ← result + α·v in float, in place.</summary>
        public static void AddScaled(Vector<float> result, float alpha, Vector<float> v)
        {
            if (result.Count != v.Count) throw new ArgumentException($"result + αv needs equal lengths, got {result.Count} and {v.Count}.");
            if (result.Storage is DenseVectorStorage<float> r && v.Storage is DenseVectorStorage<float> x)
            {
                Axpy(r.Data, alpha, x.Data);
                return;
            }
            result.Add(v.Multiply(alpha), result);
        }

        /// <summary>result ← result + A in float.</summary>
        public static void AddTo(Matrix<float> result, Matrix<float> a) => AddScaled(result, 1f, a);

        /// <summary>result ← result − A in float.</summary>
        public static void SubtractFrom(Matrix<float> result, Matrix<float> a) => AddScaled(result, -1f, a);

        /// <summary>result ← result + v in float.</summary>
        public static void AddTo(Vector<float> result, Vector<float> v) => AddScaled(result, 1f, v);

        /// <summary>result ← result − v in float.</summary>
        public static void SubtractFrom(Vector<float> result, Vector<float> v) => AddScaled(result, -1f, v);

        /// <summary>⟨A, B⟩ = Σᵢⱼ AᵢⱼBᵢⱼ of float matrices, accumulated in double and rounded once.</summary>
        public static float Inner(Matrix<float> a, Matrix<float> b)
        {
            if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            {
                throw new ArgumentException(
                    $"⟨A, B⟩ needs equal shapes, got {a.RowCount}×{a.ColumnCount} and {b.RowCount}×{b.ColumnCount}.");
            }
            if (a.Storage is DenseColumnMajorMatrixStorage<float> da && b.Storage is DenseColumnMajorMatrixStorage<float> db)
            {
                return (float)DotInDouble(da.Data, db.Data);
            }
            double total = 0;
            for (int j = 0; j < a.ColumnCount; j++)
            {
                for (int i = 0; i < a.RowCount; i++) total += (double)a.At(i, j) * b.At(i, j);
            }
            return (float)total;
        }

        /// <summary>
        /// Σ xᵢyᵢ of float arrays summed in double: each 8 floats widened to two 4-double vectors and fused into double
        /// accumulators (as fast as a float dot product here, and without float accumulation's √n·2⁻²⁴ growth).
        /// </summary>
        private static double DotInDouble(float[] x, float[] y)
        {
            double total = 0;
            int i = 0;
#if NET9_0_OR_GREATER
            if (Vector256.IsHardwareAccelerated)
            {
                var low = Vector256<double>.Zero;
                var high = low;
                for (; i <= x.Length - 8; i += 8)
                {
                    var (x0, x1) = Vector256.Widen(Vector256.Create(x, i));
                    var (y0, y1) = Vector256.Widen(Vector256.Create(y, i));
                    low = Vector256.FusedMultiplyAdd(x0, y0, low);
                    high = Vector256.FusedMultiplyAdd(x1, y1, high);
                }
                total = Vector256.Sum(low + high);
            }
#endif
            for (; i < x.Length; i++) total += (double)x[i] * y[i];
            return total;
        }

        /// <summary>‖A‖_F of a float matrix in O(mn), accumulated in double.</summary>
        public static float FrobeniusNorm(Matrix<float> a) => (float)Math.Sqrt(Inner(a, a));

        /// <summary>tr(A·B) of float matrices in O(mn) without the product, accumulated in double.</summary>
        public static float TraceOfProduct(Matrix<float> a, Matrix<float> b)
        {
            if (a.RowCount != b.ColumnCount || a.ColumnCount != b.RowCount)
            {
                throw new ArgumentException(
                    $"tr(AB) needs A m×n and B n×m, got {a.RowCount}×{a.ColumnCount} and {b.RowCount}×{b.ColumnCount}.");
            }
            double sum = 0;
            for (int j = 0; j < a.ColumnCount; j++)
            {
                for (int i = 0; i < a.RowCount; i++) sum += (double)a.At(i, j) * b.At(j, i);
            }
            return (float)sum;
        }

        /// <summary>1/x, and 0 where x = 0, in float.</summary>
        public static float ReciprocalOrZero(float x) => x == 0 ? 0 : 1 / x;

        /// <summary>Whether a float product of these two runs on GradGen's sgemm (and so writes every entry of its result).</summary>
        private static bool UsesSingleKernel(Matrix<float> a, Matrix<float> b)
            => ManagedGemm.IsAccelerated && a.Storage is DenseColumnMajorMatrixStorage<float>
               && b.Storage is DenseColumnMajorMatrixStorage<float>;

        /// <summary>C ← α·op(A)·op(B) + β·C in float: GradGen's sgemm for dense operands, MathNet's product otherwise.</summary>
        private static void Gemm(float alpha, Matrix<float> a, Matrix<float> b, bool transposeA, bool transposeB, float beta,
            Matrix<float> c)
        {
            int m = transposeA ? a.ColumnCount : a.RowCount, k = transposeA ? a.RowCount : a.ColumnCount;
            int kb = transposeB ? b.ColumnCount : b.RowCount, n = transposeB ? b.RowCount : b.ColumnCount;
            if (k != kb || c.RowCount != m || c.ColumnCount != n)
            {
                throw new ArgumentException(
                    $"A product of {m}×{k} and {kb}×{n} into {c.RowCount}×{c.ColumnCount}: the sizes do not agree.");
            }
            if (ReferenceEquals(c, a) || ReferenceEquals(c, b))
            {
                throw new ArgumentException("The result of a product must not be one of its factors.");
            }
            if (UsesSingleKernel(a, b) && c.Storage is DenseColumnMajorMatrixStorage<float> dc && m > 0 && n > 0 && k > 0)
            {
                var da = (DenseColumnMajorMatrixStorage<float>)a.Storage;
                var db = (DenseColumnMajorMatrixStorage<float>)b.Storage;
                ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, new Block<float>(da.Data, 0, a.RowCount),
                    new Block<float>(db.Data, 0, b.RowCount), beta, new Block<float>(dc.Data, 0, m));
                return;
            }
            ProductByMathNet(alpha, a, b, transposeA, transposeB, beta, c);
        }

        private static void Axpy(float[] y, float alpha, float[] x)
        {
#if NET8_0_OR_GREATER
            if (alpha == 1f) TensorPrimitives.Add(y, x, y);
            else if (alpha == -1f) TensorPrimitives.Subtract(y, x, y);
            else TensorPrimitives.MultiplyAdd(x, alpha, y, y);
#else
            for (int i = 0; i < y.Length; i++) y[i] += alpha * x[i];
#endif
        }
    }
}

using System;
using GradGen.Runtime.Gemm;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// BLAS-shaped kernels for generated gradients: products, and scaled products written straight into
    /// their result (dgemm's α and β, so −2·YᵀP needs no separate scaling pass and no temporary), an
    /// axpy, and the O(n²) reductions MathNet computes through a product (‖A‖_F forms AAᵀ there).
    /// Dense products run on GradGen's SIMD kernel (<see cref="ManagedGemm"/>, ≈7× MathNet's managed
    /// one at n = 256) while MathNet's provider is the managed one, and on the provider otherwise, so native BLAS
    /// (<see cref="GradGenLinearAlgebra.UseNativeBlas"/>) applies to them too.
    /// </summary>
    public static partial class MatrixFunctions
    {
        /// <summary>A·B as a new matrix: MathNet's <c>A * B</c>, by GradGen's kernel under the managed provider.</summary>
        public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b) => ScaledProduct(1.0, a, b);

        /// <summary>Aᵀ·B without forming Aᵀ: MathNet's <c>A.TransposeThisAndMultiply(B)</c>, by GradGen's kernel under the managed provider.</summary>
        public static Matrix<double> TransposeThisAndMultiply(Matrix<double> a, Matrix<double> b) => ScaledProduct(1.0, a, b, transposeA: true);

        /// <summary>A·Bᵀ without forming Bᵀ: MathNet's <c>A.TransposeAndMultiply(B)</c>, by GradGen's kernel under the managed provider.</summary>
        public static Matrix<double> TransposeAndMultiply(Matrix<double> a, Matrix<double> b) => ScaledProduct(1.0, a, b, transposeB: true);

        /// <summary>α·op(A)·op(B) as a new matrix, op(M) = Mᵀ when asked: one dgemm with β = 0, no transposed copy.</summary>
        public static Matrix<double> ScaledProduct(double alpha, Matrix<double> a, Matrix<double> b, bool transposeA = false, bool transposeB = false)
        {
            int rows = transposeA ? a.ColumnCount : a.RowCount, columns = transposeB ? b.RowCount : b.ColumnCount;
            // dgemm and the sparse kernels with β = 0 write every entry, so a matrix the thread kept (Scratch) serves as well
            // as a zeroed one; MathNet's own products (two sparse or diagonal factors) get a zeroed one.
            bool overwrites = (transposeA ? a.RowCount : a.ColumnCount) > 0
                && a.Storage is DenseColumnMajorMatrixStorage<double> or SparseCompressedRowMatrixStorage<double>
                && b.Storage is DenseColumnMajorMatrixStorage<double> or SparseCompressedRowMatrixStorage<double>
                && (a.Storage is DenseColumnMajorMatrixStorage<double> || b.Storage is DenseColumnMajorMatrixStorage<double>);
            var result = overwrites ? Scratch.Overwritten(rows, columns) : Matrix<double>.Build.Dense(rows, columns);
            Gemm(alpha, a, b, transposeA, transposeB, 0.0, result);
            return result;
        }

        /// <summary>result ← α·op(A)·op(B): one dgemm with β = 0 into a caller's matrix. result must not be A or B.</summary>
        public static void ScaledProductInto(Matrix<double> result, double alpha, Matrix<double> a, Matrix<double> b, bool transposeA = false, bool transposeB = false)
            => Gemm(alpha, a, b, transposeA, transposeB, 0.0, result);

        /// <summary>result ← result + α·op(A)·op(B): one dgemm with β = 1, no temporary. result must not be A or B.</summary>
        public static void AddScaledProduct(Matrix<double> result, double alpha, Matrix<double> a, Matrix<double> b, bool transposeA = false, bool transposeB = false)
            => Gemm(alpha, a, b, transposeA, transposeB, 1.0, result);

        /// <summary>result ← result + α·A (axpy), in place.</summary>
        public static void AddScaled(Matrix<double> result, double alpha, Matrix<double> a)
        {
            RequireSameShape(result, a, "result + αA");
            if (result.Storage is DenseColumnMajorMatrixStorage<double> r && a.Storage is DenseColumnMajorMatrixStorage<double> x)
            {
                Axpy(r.Data, alpha, x.Data);
                return;
            }
            result.Add(a.Multiply(alpha), result);
        }

        /// <summary>result ← result + α·v (axpy), in place.</summary>
        public static void AddScaled(Vector<double> result, double alpha, Vector<double> v)
        {
            if (result.Count != v.Count) throw new ArgumentException($"result + αv needs equal lengths, got {result.Count} and {v.Count}.");
            if (result.Storage is DenseVectorStorage<double> r && v.Storage is DenseVectorStorage<double> x)
            {
                Axpy(r.Data, alpha, x.Data);
                return;
            }
            result.Add(v.Multiply(alpha), result);
        }

        /// <summary>1/x, and 0 where x = 0: the factor 1/‖A‖ of a norm's gradient, whose subgradient at A = 0 is 0.</summary>
        public static double ReciprocalOrZero(double x) => x == 0 ? 0 : 1 / x;

        /// <summary>‖A‖_F = √(Σᵢⱼ Aᵢⱼ²) in O(mn); MathNet's managed FrobeniusNorm forms A·Aᵀ, an O(n³) product.</summary>
        public static double FrobeniusNorm(Matrix<double> a) => Math.Sqrt(Inner(a, a));

        /// <summary>tr(A·B) = Σᵢⱼ AᵢⱼBⱼᵢ in O(mn), without forming the product (A is m×n, B n×m).</summary>
        public static double TraceOfProduct(Matrix<double> a, Matrix<double> b)
        {
            if (a.RowCount != b.ColumnCount || a.ColumnCount != b.RowCount)
            {
                throw new ArgumentException($"tr(AB) needs A m×n and B n×m, got {a.RowCount}×{a.ColumnCount} and {b.RowCount}×{b.ColumnCount}.");
            }
            double sum = 0;
            if (a.Storage is DenseColumnMajorMatrixStorage<double> da && b.Storage is DenseColumnMajorMatrixStorage<double> db)
            {
                var x = da.Data;
                var y = db.Data;
                int m = a.RowCount, n = a.ColumnCount;
                // Aᵢⱼ at x[j·m + i], Bⱼᵢ at y[i·n + j].
                for (int j = 0; j < n; j++)
                {
                    for (int i = 0; i < m; i++) sum += x[j * m + i] * y[i * n + j];
                }
                return sum;
            }
            for (int j = 0; j < a.ColumnCount; j++)
            {
                for (int i = 0; i < a.RowCount; i++) sum += a.At(i, j) * b.At(j, i);
            }
            return sum;
        }

        /// <summary>
        /// Whether dense products go to GradGen's own SIMD kernel: when MathNet's provider is its managed
        /// one (a native provider, e.g. <see cref="GradGenLinearAlgebra.UseNativeBlas"/>, keeps them) and the
        /// runtime has SIMD registers.
        /// </summary>
        private static bool UsesManagedKernel => ManagedGemm.IsAccelerated && LinearAlgebraControl.Provider is ManagedLinearAlgebraProvider;

        /// <summary>C ← α·op(A)·op(B) + β·C, by dgemm when all three are dense: GradGen's kernel under the managed provider, else the provider's.</summary>
        private static void Gemm(double alpha, Matrix<double> a, Matrix<double> b, bool transposeA, bool transposeB, double beta, Matrix<double> c)
        {
            int m = transposeA ? a.ColumnCount : a.RowCount, k = transposeA ? a.RowCount : a.ColumnCount;
            int kb = transposeB ? b.ColumnCount : b.RowCount, n = transposeB ? b.RowCount : b.ColumnCount;
            if (k != kb || c.RowCount != m || c.ColumnCount != n)
            {
                throw new ArgumentException($"α·op(A)·op(B) + β·C: op(A) is {m}×{k}, op(B) is {kb}×{n}, C is {c.RowCount}×{c.ColumnCount}.");
            }
            if (ReferenceEquals(c, a) || ReferenceEquals(c, b)) throw new ArgumentException("The result of a product must not be one of its factors.");
            if (a.Storage is DenseColumnMajorMatrixStorage<double> da && b.Storage is DenseColumnMajorMatrixStorage<double> db
                && c.Storage is DenseColumnMajorMatrixStorage<double> dc && m > 0 && n > 0 && k > 0)
            {
                if (UsesManagedKernel)
                {
                    ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, new Block(da.Data, 0, a.RowCount), new Block(db.Data, 0, b.RowCount), beta, new Block(dc.Data, 0, m));
                    return;
                }
                LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(
                    transposeA ? Transpose.Transpose : Transpose.DontTranspose, transposeB ? Transpose.Transpose : Transpose.DontTranspose,
                    alpha, da.Data, a.RowCount, a.ColumnCount, db.Data, b.RowCount, b.ColumnCount, beta, dc.Data);
                return;
            }
            if (c.Storage is DenseColumnMajorMatrixStorage<double> dense && m > 0 && n > 0 && k > 0)
            {
                // One sparse (CSR) factor and one dense: O(nnz · n), both transposes.
                if (a.Storage is SparseCompressedRowMatrixStorage<double> sa && b.Storage is DenseColumnMajorMatrixStorage<double> bd)
                {
                    SparseGemm.SparseTimesDense(transposeA, transposeB, m, n, alpha, sa, bd.Data, b.RowCount, beta, dense.Data);
                    return;
                }
                if (a.Storage is DenseColumnMajorMatrixStorage<double> ad && b.Storage is SparseCompressedRowMatrixStorage<double> sb)
                {
                    SparseGemm.DenseTimesSparse(transposeA, transposeB, m, n, alpha, ad.Data, a.RowCount, sb, beta, dense.Data);
                    return;
                }
            }
            // Two sparse, diagonal or empty operands: MathNet's own products, same arithmetic.
            ProductByMathNet(alpha, a, b, transposeA, transposeB, beta, c);
        }

        /// <summary>C ← α·op(A)·op(B) + β·C by MathNet's own operators, either precision (C not read when β = 0).</summary>
        private static void ProductByMathNet<T>(T alpha, Matrix<T> a, Matrix<T> b, bool transposeA, bool transposeB, T beta,
            Matrix<T> c) where T : struct, IEquatable<T>, IFormattable
        {
            var product = (transposeA ? a.Transpose() : a) * (transposeB ? b.Transpose() : b);
            if (beta.Equals(Matrix<T>.Build.Zero)) product.Multiply(alpha, c);
            else
            {
                if (!beta.Equals(Matrix<T>.Build.One)) c.Multiply(beta, c);
                c.Add(product.Multiply(alpha), c);
            }
        }

        /// <summary>
        /// Checks a caller's result matrix before generated code writes into it: shaped like the parameter
        /// it is the gradient of, and not one of the inputs (writing into an input would change what is
        /// being differentiated half-way). Either precision.
        /// </summary>
        public static void RequireResult<T>(Matrix<T> result, Matrix<T> like, string name, params object?[] inputs)
            where T : struct, IEquatable<T>, IFormattable
        {
            if (result is null) throw new ArgumentNullException(name);
            if (result.RowCount != like.RowCount || result.ColumnCount != like.ColumnCount)
            {
                throw new ArgumentException($"{name} must be {like.RowCount}×{like.ColumnCount} like the parameter it is the gradient of, "
                    + $"got {result.RowCount}×{result.ColumnCount}.", name);
            }
            RequireDistinct(result, name, inputs);
        }

        /// <summary>The vector form of <see cref="RequireResult{T}(Matrix{T}, Matrix{T}, string, object[])"/>.</summary>
        public static void RequireResult<T>(Vector<T> result, Vector<T> like, string name, params object?[] inputs)
            where T : struct, IEquatable<T>, IFormattable
        {
            if (result is null) throw new ArgumentNullException(name);
            if (result.Count != like.Count)
            {
                throw new ArgumentException(
                    $"{name} must have length {like.Count} like the parameter it is the gradient of, got {result.Count}.", name);
            }
            RequireDistinct(result, name, inputs);
        }

        private static void RequireDistinct(object result, string name, object?[] inputs)
        {
            foreach (var input in inputs)
            {
                if (ReferenceEquals(result, input)) throw new ArgumentException($"{name} must be a matrix of its own, not one of the inputs or another result.", name);
            }
        }

        private static void RequireSameShape(Matrix<double> a, Matrix<double> b, string what)
        {
            if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            {
                throw new ArgumentException($"{what} needs equal shapes, got {a.RowCount}×{a.ColumnCount} and {b.RowCount}×{b.ColumnCount}.");
            }
        }
    }
}

using System;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// C ← α·op(A)·op(B) + β·C where one factor is a compressed-sparse-row matrix (MathNet's <c>SparseMatrix</c>) and the other
    /// and C are dense column-major: O(nnz · n) work, no dense copy of the sparse factor, both transposes by choosing the loop
    /// order (a CSR matrix is a CSC matrix of its transpose). MathNet's own dense × sparse product walks the sparse factor
    /// entry by entry through At(i, j) (O(n³ log) for n = 400: ≈0.9 s), which is what this replaces.
    /// </summary>
    internal static class SparseGemm
    {
        /// <summary>op(A) sparse, op(B) dense: C is m×n, op(A) m×k.</summary>
        public static void SparseTimesDense(
            bool transposeA, bool transposeB, int m, int n, double alpha, SparseCompressedRowMatrixStorage<double> a,
            double[] b, int ldb, double beta, double[] c)
        {
            Scale(c, m * n, beta);
            if (alpha == 0.0) return;
            var rows = a.RowPointers;
            var columns = a.ColumnIndices;
            var values = a.Values;
            // op(B)[r, j] of the dense B (ldb rows).
            int rowStride = transposeB ? ldb : 1, columnStride = transposeB ? 1 : ldb;
            for (int j = 0; j < n; j++)
            {
                int cj = j * m, bj = j * columnStride;
                if (!transposeA)
                {
                    // C[i, j] += α Σ_p A[i, col p] op(B)[col p, j]
                    for (int i = 0; i < m; i++)
                    {
                        double sum = 0;
                        for (int p = rows[i]; p < rows[i + 1]; p++) sum += values[p] * b[bj + columns[p] * rowStride];
                        c[cj + i] += alpha * sum;
                    }
                }
                else
                {
                    // Aᵀ: row r of A scatters op(B)[r, j] into C[col p, j].
                    for (int r = 0; r < a.RowCount; r++)
                    {
                        double x = b[bj + r * rowStride];
                        if (x == 0.0) continue;
                        x *= alpha;
                        for (int p = rows[r]; p < rows[r + 1]; p++) c[cj + columns[p]] += values[p] * x;
                    }
                }
            }
        }

        /// <summary>op(A) dense, op(B) sparse: C is m×n, op(B) k×n.</summary>
        public static void DenseTimesSparse(
            bool transposeA, bool transposeB, int m, int n, double alpha, double[] a, int lda,
            SparseCompressedRowMatrixStorage<double> b, double beta, double[] c)
        {
            Scale(c, m * n, beta);
            if (alpha == 0.0) return;
            var rows = b.RowPointers;
            var columns = b.ColumnIndices;
            var values = b.Values;
            for (int r = 0; r < b.RowCount; r++)
            {
                for (int p = rows[r]; p < rows[r + 1]; p++)
                {
                    // B: C[:, col p] += α B[r, col p] op(A)[:, r]; Bᵀ: C[:, r] += α B[r, col p] op(A)[:, col p].
                    int target = transposeB ? r : columns[p], source = transposeB ? columns[p] : r;
                    Axpy(alpha * values[p], a, transposeA, lda, source, c, target * m, m);
                }
            }
        }

        /// <summary>c[offset + i] += x·op(A)[i, column] for i &lt; m.</summary>
        private static void Axpy(double x, double[] a, bool transposeA, int lda, int column, double[] c, int offset, int m)
        {
            if (x == 0.0) return;
            if (!transposeA)
            {
                int start = column * lda;
                for (int i = 0; i < m; i++) c[offset + i] += x * a[start + i];
            }
            else
            {
                // op(A)[i, column] = A[column, i]: a row of A, stride lda.
                for (int i = 0; i < m; i++) c[offset + i] += x * a[i * lda + column];
            }
        }

        private static void Scale(double[] c, int count, double beta)
        {
            if (beta == 1.0) return;
            if (beta == 0.0) Array.Clear(c, 0, count);
            else for (int i = 0; i < count; i++) c[i] *= beta;
        }
    }
}

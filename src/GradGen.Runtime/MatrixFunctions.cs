using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    /// <summary>Small kernels that generated code calls where MathNet has no allocation-free form.</summary>
    public static class MatrixFunctions
    {
        /// <summary>
        /// ⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ in O(mn), without forming a product or a temporary.
        /// </summary>
        public static double Inner(Matrix<double> a, Matrix<double> b)
        {
            if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            {
                throw new ArgumentException($"⟨A, B⟩ needs equal shapes, got {a.RowCount}×{a.ColumnCount} and {b.RowCount}×{b.ColumnCount}.");
            }
            if (a.Storage is DenseColumnMajorMatrixStorage<double> da && b.Storage is DenseColumnMajorMatrixStorage<double> db)
            {
                double sum = 0;
                var x = da.Data;
                var y = db.Data;
                for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
                return sum;
            }
            double total = 0;
            for (int j = 0; j < a.ColumnCount; j++)
            {
                for (int i = 0; i < a.RowCount; i++) total += a.At(i, j) * b.At(i, j);
            }
            return total;
        }
    }
}

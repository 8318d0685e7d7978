using System;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>Products with a diagonal factor, and the diagonal of a product: O(n²), where the products as written are O(n³).</summary>
    public static partial class MatrixFunctions
    {
        /// <summary>Diag(v) B: row i of B scaled by vᵢ.</summary>
        public static Matrix<double> ScaleRows(Vector<double> v, Matrix<double> b)
        {
            if (v.Count != b.RowCount) throw new ArgumentException($"Diag(v) B: v has {v.Count} entries, B is {b.RowCount}×{b.ColumnCount}.");
            var result = Matrix<double>.Build.Dense(b.RowCount, b.ColumnCount);
            for (int j = 0; j < b.ColumnCount; j++)
            {
                for (int i = 0; i < b.RowCount; i++) result.At(i, j, v.At(i) * b.At(i, j));
            }
            return result;
        }

        /// <summary>A Diag(v): column j of A scaled by vⱼ.</summary>
        public static Matrix<double> ScaleColumns(Matrix<double> a, Vector<double> v)
        {
            if (v.Count != a.ColumnCount) throw new ArgumentException($"A Diag(v): A is {a.RowCount}×{a.ColumnCount}, v has {v.Count} entries.");
            var result = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount);
            for (int j = 0; j < a.ColumnCount; j++)
            {
                double s = v.At(j);
                for (int i = 0; i < a.RowCount; i++) result.At(i, j, s * a.At(i, j));
            }
            return result;
        }

        /// <summary>diag(A B) = (Σₖ Aᵢₖ Bₖᵢ)ᵢ.</summary>
        public static Vector<double> DiagonalOfProduct(Matrix<double> a, Matrix<double> b)
        {
            RequireProduct(a.ColumnCount, b.RowCount, "A B");
            var d = Vector<double>.Build.Dense(Math.Min(a.RowCount, b.ColumnCount));
            for (int i = 0; i < d.Count; i++)
            {
                double s = 0;
                for (int k = 0; k < a.ColumnCount; k++) s += a.At(i, k) * b.At(k, i);
                d.At(i, s);
            }
            return d;
        }

        /// <summary>diag(Aᵀ B) = (⟨column j of A, column j of B⟩)ⱼ.</summary>
        public static Vector<double> DiagonalOfTransposeThisAndMultiply(Matrix<double> a, Matrix<double> b)
        {
            RequireProduct(a.RowCount, b.RowCount, "Aᵀ B");
            var d = Vector<double>.Build.Dense(Math.Min(a.ColumnCount, b.ColumnCount));
            for (int j = 0; j < d.Count; j++)
            {
                double s = 0;
                for (int k = 0; k < a.RowCount; k++) s += a.At(k, j) * b.At(k, j);
                d.At(j, s);
            }
            return d;
        }

        /// <summary>diag(A Bᵀ) = (⟨row i of A, row i of B⟩)ᵢ.</summary>
        public static Vector<double> DiagonalOfTransposeAndMultiply(Matrix<double> a, Matrix<double> b)
        {
            RequireProduct(a.ColumnCount, b.ColumnCount, "A Bᵀ");
            var d = Vector<double>.Build.Dense(Math.Min(a.RowCount, b.RowCount));
            for (int k = 0; k < a.ColumnCount; k++)
            {
                for (int i = 0; i < d.Count; i++) d.At(i, d.At(i) + a.At(i, k) * b.At(i, k));
            }
            return d;
        }

        private static void RequireProduct(int inner, int other, string product)
        {
            if (inner != other) throw new ArgumentException($"diag({product}): the inner sizes {inner} and {other} differ.");
        }
    }
}

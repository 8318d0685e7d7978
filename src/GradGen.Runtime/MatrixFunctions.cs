using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>Small kernels that generated code calls where MathNet has no allocation-free form.</summary>
    public static partial class MatrixFunctions
    {
        /// <summary>
        /// ⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ in O(mn), without forming a product or a temporary.
        /// </summary>
        public static double Inner(Matrix<double> a, Matrix<double> b)
        {
            RequireSameShape(a, b, "⟨A, B⟩");
            if (a.Storage is DenseColumnMajorMatrixStorage<double> da && b.Storage is DenseColumnMajorMatrixStorage<double> db)
            {
                return Dot(da.Data, db.Data);
            }
            double total = 0;
            for (int j = 0; j < a.ColumnCount; j++)
            {
                for (int i = 0; i < a.RowCount; i++) total += a.At(i, j) * b.At(i, j);
            }
            return total;
        }
    

        /// <summary>The rows×columns matrix with v in column j and zeros elsewhere (v e_jᵀ): the adjoint of A.Column(j).</summary>
        public static Matrix<T> PlaceColumn<T>(Vector<T> v, int j, int rows, int columns) where T : struct, IEquatable<T>, IFormattable
        {
            var m = Matrix<T>.Build.Dense(rows, columns);
            m.SetColumn(j, v);
            return m;
        }

        /// <summary>The rows×columns matrix with v in row i and zeros elsewhere (e_i vᵀ): the adjoint of A.Row(i).</summary>
        public static Matrix<T> PlaceRow<T>(Vector<T> v, int i, int rows, int columns) where T : struct, IEquatable<T>, IFormattable
        {
            var m = Matrix<T>.Build.Dense(rows, columns);
            m.SetRow(i, v);
            return m;
        }

        /// <summary>The rows×columns matrix with s in entry (i, j) and zeros elsewhere: the adjoint of A[i, j].</summary>
        public static Matrix<double> PlaceElement(double s, int i, int j, int rows, int columns)
        {
            var m = Matrix<double>.Build.Dense(rows, columns);
            m[i, j] = s;
            return m;
        }

        /// <summary>The rows×columns matrix with the block B at (i, j) and zeros elsewhere: the adjoint of A.SubMatrix(i, r, j, c).</summary>
        public static Matrix<T> PlaceSubMatrix<T>(Matrix<T> block, int i, int j, int rows, int columns)
            where T : struct, IEquatable<T>, IFormattable
        {
            var m = Matrix<T>.Build.Dense(rows, columns);
            m.SetSubMatrix(i, j, block);
            return m;
        }

        /// <summary>The vector of the given length with b from entry i on and zeros elsewhere: the adjoint of v.SubVector(i, n).</summary>
        public static Vector<T> PlaceSubVector<T>(Vector<T> block, int i, int length) where T : struct, IEquatable<T>, IFormattable
        {
            var v = Vector<T>.Build.Dense(length);
            v.SetSubVector(i, block.Count, block);
            return v;
        }

        /// <summary>The float form of PlaceElement (the adjoint of A[i, j] in a body computed in float).</summary>
        public static Matrix<float> PlaceElement(float s, int i, int j, int rows, int columns)
        {
            var m = Matrix<float>.Build.Dense(rows, columns);
            m[i, j] = s;
            return m;
        }

        /// <summary>The float form of PlaceElement for a vector.</summary>
        public static Vector<float> PlaceElement(float s, int i, int length)
        {
            var v = Vector<float>.Build.Dense(length);
            v[i] = s;
            return v;
        }

        /// <summary>The rows×columns matrix of row indices (Iᵢⱼ = i) or of column indices (Jᵢⱼ = j): a MapIndexed lambda's i or j.</summary>
        public static Matrix<double> IndexGrid(int rows, int columns, bool byRow)
            => Matrix<double>.Build.Dense(rows, columns, (i, j) => byRow ? i : j);

        /// <summary>The vector 0, 1, …, n − 1: a vector MapIndexed lambda's i.</summary>
        public static Vector<double> IndexGrid(int length) => Vector<double>.Build.Dense(length, i => i);

        /// <summary>The vector of the given length with s in entry i: the adjoint of v[i].</summary>
        public static Vector<double> PlaceElement(double s, int i, int length)
        {
            var v = Vector<double>.Build.Dense(length);
            v[i] = s;
            return v;
        }

        /// <summary>Is A square and equal to Aᵀ up to a relative tolerance (for [Symmetric] checks)?</summary>
        public static bool IsSymmetric(Matrix<double> a, double tolerance = 1e-10)
        {
            if (a.RowCount != a.ColumnCount) return false;
            double scale = Math.Max(a.InfinityNorm(), double.Epsilon);
            for (int j = 0; j < a.ColumnCount; j++)
            {
                for (int i = j + 1; i < a.RowCount; i++)
                {
                    if (Math.Abs(a.At(i, j) - a.At(j, i)) > tolerance * scale) return false;
                }
            }
            return true;
        }

        /// <summary>
        /// The adjoint of A in C = A ⊗ B: Āᵢⱼ = ⟨C̄ block (i, j), B⟩, where block (i, j) is the
        /// p×q submatrix of C̄ at (ip, jq) for B p×q.
        /// </summary>
        public static Matrix<double> KroneckerAdjointLeft(Matrix<double> cbar, Matrix<double> b)
        {
            int p = b.RowCount, q = b.ColumnCount;
            int m = cbar.RowCount / p, n = cbar.ColumnCount / q;
            var result = Matrix<double>.Build.Dense(m, n);
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < m; i++)
                {
                    double sum = 0;
                    for (int l = 0; l < q; l++)
                    {
                        for (int k = 0; k < p; k++) sum += cbar.At(i * p + k, j * q + l) * b.At(k, l);
                    }
                    result.At(i, j, sum);
                }
            }
            return result;
        }

        /// <summary>The adjoint of B in C = A ⊗ B: B̄ = Σᵢⱼ Aᵢⱼ · C̄ block (i, j).</summary>
        public static Matrix<double> KroneckerAdjointRight(Matrix<double> cbar, Matrix<double> a)
        {
            int m = a.RowCount, n = a.ColumnCount;
            int p = cbar.RowCount / m, q = cbar.ColumnCount / n;
            var result = Matrix<double>.Build.Dense(p, q);
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < m; i++)
                {
                    double aij = a.At(i, j);
                    if (aij == 0) continue;
                    for (int l = 0; l < q; l++)
                    {
                        for (int k = 0; k < p; k++) result.At(k, l, result.At(k, l) + aij * cbar.At(i * p + k, j * q + l));
                    }
                }
            }
            return result;
        }
    }
}

using System;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// vec, unvec and the fixed matrices of seed 001's vec calculus. vec stacks columns, which is
    /// MathNet's column-major storage order: vec(X)[i + j·m] = X[i, j]. Generic in the element type where the arguments fix
    /// it, so bodies computed in float call the same functions.
    /// </summary>
    public static class Jacobians
    {
        /// <summary>vec(X), the columns of X stacked.</summary>
        public static Vector<T> Vec<T>(Matrix<T> x) where T : struct, IEquatable<T>, IFormattable
            => Vector<T>.Build.DenseOfArray(x.ToColumnMajorArray());

        /// <summary>A vector is its own vec.</summary>
        public static Vector<T> Vec<T>(Vector<T> x) where T : struct, IEquatable<T>, IFormattable => x;

        /// <summary>A scalar as a one-entry vector (a 1×1 output).</summary>
        public static Vector<double> Vec(double x) => Vector<double>.Build.Dense(1, x);

        /// <summary>A float scalar as a one-entry vector.</summary>
        public static Vector<float> Vec(float x) => Vector<float>.Build.Dense(1, x);

        /// <summary>The m×n matrix whose vec is v.</summary>
        public static Matrix<T> Unvec<T>(Vector<T> v, int rows, int columns) where T : struct, IEquatable<T>, IFormattable
        {
            if (v.Count != rows * columns) throw new ArgumentException($"vec of a {rows}×{columns} matrix has {rows * columns} entries, not {v.Count}.");
            return Matrix<T>.Build.Dense(rows, columns, v.ToArray());
        }

        /// <summary>The k-th unit direction shaped like <paramref name="like"/>: vec(E) = e_k.</summary>
        public static Matrix<T> Unit<T>(Matrix<T> like, int k) where T : struct, IEquatable<T>, IFormattable
        {
            var e = Matrix<T>.Build.Dense(like.RowCount, like.ColumnCount);
            e[k % like.RowCount, k / like.RowCount] = Matrix<T>.Build.One;
            return e;
        }

        /// <summary>The k-th unit vector as long as <paramref name="like"/>.</summary>
        public static Vector<T> Unit<T>(Vector<T> like, int k) where T : struct, IEquatable<T>, IFormattable
        {
            var e = Vector<T>.Build.Dense(like.Count);
            e[k] = Vector<T>.Build.One;
            return e;
        }

        /// <summary>The unit "direction" of a scalar parameter.</summary>
        public static double Unit(double like, int k) => 1.0;

        /// <summary>The unit "direction" of a float scalar parameter.</summary>
        public static float Unit(float like, int k) => 1f;

        /// <summary>The commutation matrix K_mn: K_mn vec(A) = vec(Aᵀ) for A m×n (seed 001).</summary>
        public static Matrix<double> Commutation(int m, int n)
        {
            var k = Matrix<double>.Build.Dense(m * n, m * n);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++) k[j + i * n, i + j * m] = 1;
            }
            return k;
        }

        /// <summary>diag(vec A): the mn×mn diagonal matrix with vec(A ∘ X) = diag(vec A) vec(X).</summary>
        public static Matrix<T> DiagVec<T>(Matrix<T> a) where T : struct, IEquatable<T>, IFormattable
            => Matrix<T>.Build.DenseOfDiagonalVector(Vec(a));

        /// <summary>The Jacobian of f at x by central differences, column by column (for checks, not for speed).</summary>
        public static Matrix<double> Numerical(Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, double step = 1e-6)
        {
            var f0 = f(x);
            var j = Matrix<double>.Build.Dense(f0.RowCount * f0.ColumnCount, x.RowCount * x.ColumnCount);
            for (int k = 0; k < j.ColumnCount; k++)
            {
                var e = Unit(x, k);
                double h = step * Math.Max(1.0, Math.Abs(x[k % x.RowCount, k / x.RowCount]));
                j.SetColumn(k, (Vec(f(x + h * e)) - Vec(f(x - h * e))) / (2 * h));
            }
            return j;
        }
    }
}

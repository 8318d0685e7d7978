using System;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// Adjoints of a body with statements, where null stands for a zero not yet materialised: a variable that nothing
    /// downstream reads has no adjoint to allocate. An adjoint owns its storage, so contributions are added in place:
    /// a fresh contribution (a value just computed) becomes the adjoint as it is, anything else (an input, another
    /// variable, another adjoint) is copied first (AddCopy). Generic in the element type, so bodies computed in float call
    /// the same functions; the scalar AddAt has a form per precision.
    /// </summary>
    public static class Adjoints
    {
        /// <summary>bar + contribution, in bar's storage; a null bar takes the (fresh) contribution as it is.</summary>
        public static Matrix<T> Add<T>(Matrix<T>? bar, Matrix<T> contribution) where T : struct, IEquatable<T>, IFormattable
        {
            if (bar is null) return contribution;
            bar.Add(contribution, bar);
            return bar;
        }

        /// <summary>bar + contribution, in bar's storage; a null bar takes the (fresh) contribution as it is.</summary>
        public static Vector<T> Add<T>(Vector<T>? bar, Vector<T> contribution) where T : struct, IEquatable<T>, IFormattable
        {
            if (bar is null) return contribution;
            bar.Add(contribution, bar);
            return bar;
        }

        /// <summary>bar + contribution for a contribution owned elsewhere: a null bar takes a copy.</summary>
        public static Matrix<T> AddCopy<T>(Matrix<T>? bar, Matrix<T> contribution) where T : struct, IEquatable<T>, IFormattable
            => bar is null ? contribution.Clone() : Add(bar, contribution);

        /// <summary>bar + contribution for a contribution owned elsewhere: a null bar takes a copy.</summary>
        public static Vector<T> AddCopy<T>(Vector<T>? bar, Vector<T> contribution) where T : struct, IEquatable<T>, IFormattable
            => bar is null ? contribution.Clone() : Add(bar, contribution);

        /// <summary>bar + s e_i e_jᵀ, touching one entry (the adjoint of A[i, j]); a null bar becomes a zero shaped like A.</summary>
        public static Matrix<double> AddAt(Matrix<double>? bar, Matrix<double> like, int i, int j, double s)
        {
            bar ??= Matrix<double>.Build.Dense(like.RowCount, like.ColumnCount);
            bar[i, j] += s;
            return bar;
        }

        /// <summary>bar + s e_i, touching one entry (the adjoint of v[i]).</summary>
        public static Vector<double> AddAt(Vector<double>? bar, Vector<double> like, int i, double s)
        {
            bar ??= Vector<double>.Build.Dense(like.Count);
            bar[i] += s;
            return bar;
        }

        /// <summary>The float form of AddAt: one entry of a matrix's adjoint.</summary>
        public static Matrix<float> AddAt(Matrix<float>? bar, Matrix<float> like, int i, int j, float s)
        {
            bar ??= Matrix<float>.Build.Dense(like.RowCount, like.ColumnCount);
            bar[i, j] += s;
            return bar;
        }

        /// <summary>The float form of AddAt: one entry of a vector's adjoint.</summary>
        public static Vector<float> AddAt(Vector<float>? bar, Vector<float> like, int i, float s)
        {
            bar ??= Vector<float>.Build.Dense(like.Count);
            bar[i] += s;
            return bar;
        }

        /// <summary>bar + e_i vᵀ, touching row i (the adjoint of A.Row(i)).</summary>
        public static Matrix<T> AddToRow<T>(Matrix<T>? bar, Matrix<T> like, int i, Vector<T> v)
            where T : struct, IEquatable<T>, IFormattable
        {
            bar ??= Matrix<T>.Build.Dense(like.RowCount, like.ColumnCount);
            bar.SetRow(i, bar.Row(i) + v);
            return bar;
        }

        /// <summary>bar + v e_jᵀ, touching column j (the adjoint of A.Column(j)).</summary>
        public static Matrix<T> AddToColumn<T>(Matrix<T>? bar, Matrix<T> like, int j, Vector<T> v)
            where T : struct, IEquatable<T>, IFormattable
        {
            bar ??= Matrix<T>.Build.Dense(like.RowCount, like.ColumnCount);
            bar.SetColumn(j, bar.Column(j) + v);
            return bar;
        }

        /// <summary>The adjoint as a value: zero shaped like <paramref name="like"/> where none was accumulated.</summary>
        public static Matrix<T> OrZero<T>(Matrix<T>? bar, Matrix<T> like) where T : struct, IEquatable<T>, IFormattable
            => bar ?? Matrix<T>.Build.Dense(like.RowCount, like.ColumnCount);

        /// <summary>The adjoint as a value: zero as long as <paramref name="like"/> where none was accumulated.</summary>
        public static Vector<T> OrZero<T>(Vector<T>? bar, Vector<T> like) where T : struct, IEquatable<T>, IFormattable => bar ?? Vector<T>.Build.Dense(like.Count);
    }
}

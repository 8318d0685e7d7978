using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// Adjoints of a body with statements, where null stands for a zero not yet materialised: a variable that nothing
    /// downstream reads has no adjoint to allocate. An adjoint owns its storage, so contributions are added in place:
    /// a fresh contribution (a value just computed) becomes the adjoint as it is, anything else (an input, another
    /// variable, another adjoint) is copied first (<see cref="AddCopy(Matrix{double}?, Matrix{double})"/>).
    /// </summary>
    public static class Adjoints
    {
        /// <summary>bar + contribution, in bar's storage; a null bar takes the (fresh) contribution as it is.</summary>
        public static Matrix<double> Add(Matrix<double>? bar, Matrix<double> contribution)
        {
            if (bar is null) return contribution;
            bar.Add(contribution, bar);
            return bar;
        }

        /// <summary>bar + contribution, in bar's storage; a null bar takes the (fresh) contribution as it is.</summary>
        public static Vector<double> Add(Vector<double>? bar, Vector<double> contribution)
        {
            if (bar is null) return contribution;
            bar.Add(contribution, bar);
            return bar;
        }

        /// <summary>bar + contribution for a contribution owned elsewhere: a null bar takes a copy.</summary>
        public static Matrix<double> AddCopy(Matrix<double>? bar, Matrix<double> contribution)
            => bar is null ? contribution.Clone() : Add(bar, contribution);

        /// <summary>bar + contribution for a contribution owned elsewhere: a null bar takes a copy.</summary>
        public static Vector<double> AddCopy(Vector<double>? bar, Vector<double> contribution)
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

        /// <summary>bar + e_i vᵀ, touching row i (the adjoint of A.Row(i)).</summary>
        public static Matrix<double> AddToRow(Matrix<double>? bar, Matrix<double> like, int i, Vector<double> v)
        {
            bar ??= Matrix<double>.Build.Dense(like.RowCount, like.ColumnCount);
            for (int j = 0; j < v.Count; j++) bar[i, j] += v[j];
            return bar;
        }

        /// <summary>bar + v e_jᵀ, touching column j (the adjoint of A.Column(j)).</summary>
        public static Matrix<double> AddToColumn(Matrix<double>? bar, Matrix<double> like, int j, Vector<double> v)
        {
            bar ??= Matrix<double>.Build.Dense(like.RowCount, like.ColumnCount);
            for (int i = 0; i < v.Count; i++) bar[i, j] += v[i];
            return bar;
        }

        /// <summary>The adjoint as a value: zero shaped like <paramref name="like"/> where none was accumulated.</summary>
        public static Matrix<double> OrZero(Matrix<double>? bar, Matrix<double> like)
            => bar ?? Matrix<double>.Build.Dense(like.RowCount, like.ColumnCount);

        /// <summary>The adjoint as a value: zero as long as <paramref name="like"/> where none was accumulated.</summary>
        public static Vector<double> OrZero(Vector<double>? bar, Vector<double> like) => bar ?? Vector<double>.Build.Dense(like.Count);
    }
}

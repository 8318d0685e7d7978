using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// Adjoints of a body with statements, where null stands for a zero not yet materialised: a variable that nothing
    /// downstream reads has no adjoint to allocate, and the first contribution is taken as it is (never changed in place).
    /// </summary>
    public static class Adjoints
    {
        /// <summary>bar + contribution, with a null bar as zero.</summary>
        public static Matrix<double> Add(Matrix<double>? bar, Matrix<double> contribution)
            => bar is null ? contribution : bar + contribution;

        /// <summary>bar + contribution, with a null bar as zero.</summary>
        public static Vector<double> Add(Vector<double>? bar, Vector<double> contribution)
            => bar is null ? contribution : bar + contribution;

        /// <summary>The adjoint as a value: zero shaped like <paramref name="like"/> where none was accumulated.</summary>
        public static Matrix<double> OrZero(Matrix<double>? bar, Matrix<double> like)
            => bar ?? Matrix<double>.Build.Dense(like.RowCount, like.ColumnCount);

        /// <summary>The adjoint as a value: zero as long as <paramref name="like"/> where none was accumulated.</summary>
        public static Vector<double> OrZero(Vector<double>? bar, Vector<double> like) => bar ?? Vector<double>.Build.Dense(like.Count);
    }
}

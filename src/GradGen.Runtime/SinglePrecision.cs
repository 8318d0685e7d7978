using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Runtime
{
    /// <summary>
    /// The float facade of a [Differentiable] method written in float: its inputs widened to double once, the gradient
    /// computed by the same double-precision code as any other method, the result rounded to float once. Widening is exact,
    /// so the float method differentiates exactly the function the user wrote; sparse storage stays sparse both ways.
    /// </summary>
    public static class SinglePrecision
    {
        /// <summary>A float matrix as double, entry for entry (exact).</summary>
        public static Matrix<double> Widen(Matrix<float> matrix)
        {
            if (matrix is null) throw new ArgumentNullException(nameof(matrix));
            if (matrix.Storage is DenseColumnMajorMatrixStorage<float> dense)
            {
                // Every entry is written: storage a generated member recycled serves (the facade recycles it in turn).
                var wide = Scratch.Overwritten(matrix.RowCount, matrix.ColumnCount);
                WidenInto(dense.Data, ((DenseColumnMajorMatrixStorage<double>)wide.Storage).Data);
                return wide;
            }
            return matrix.Map(x => (double)x, MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip);
        }

        /// <summary>A float vector as double (exact).</summary>
        public static Vector<double> Widen(Vector<float> vector)
        {
            if (vector is null) throw new ArgumentNullException(nameof(vector));
            if (vector.Storage is DenseVectorStorage<float> dense)
            {
                var wide = Scratch.Overwritten(vector.Count);
                WidenInto(dense.Data, ((DenseVectorStorage<double>)wide.Storage).Data);
                return wide;
            }
            return vector.Map(x => (double)x, MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip);
        }

        /// <summary>A double result rounded to float, entry for entry (round to nearest).</summary>
        public static Matrix<float> Narrow(Matrix<double> matrix)
        {
            if (matrix.Storage is DenseColumnMajorMatrixStorage<double> dense)
            {
                return Matrix<float>.Build.Dense(matrix.RowCount, matrix.ColumnCount, Narrowed(dense.Data, dense.Data.Length));
            }
            return matrix.Map(x => (float)x, MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip);
        }

        /// <summary>A double result vector rounded to float.</summary>
        public static Vector<float> Narrow(Vector<double> vector)
        {
            if (vector.Storage is DenseVectorStorage<double> dense) return Vector<float>.Build.Dense(Narrowed(dense.Data, dense.Length));
            return vector.Map(x => (float)x, MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip);
        }

        /// <summary>Every entry of <paramref name="values"/> from the same place in <paramref name="data"/>, widened (exactly).</summary>
        private static void WidenInto(float[] data, double[] values)
        {
            for (int i = 0; i < values.Length; i++) values[i] = data[i];
        }

        /// <summary>The first <paramref name="count"/> values, rounded to nearest.</summary>
        private static float[] Narrowed(double[] data, int count)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++) values[i] = (float)data[i];
            return values;
        }

        /// <summary>
        /// The caller's result matrix of an Into method must be shaped like the parameter it is the gradient of; checked before
        /// any work, with the generated method's and the argument's names.
        /// </summary>
        public static void RequireLike(Matrix<float> result, Matrix<float> like, string method, string name, string likeName)
        {
            if (result is null) throw new ArgumentNullException(name, $"{method}: {name} is null.");
            if (result.RowCount != like.RowCount || result.ColumnCount != like.ColumnCount)
            {
                throw ShapeErrors.Mismatch(method, name, $"{name} must be shaped like {likeName}", (likeName, like), (name, result));
            }
        }

        /// <summary>The vector form of <see cref="RequireLike(Matrix{float}, Matrix{float}, string, string, string)"/>.</summary>
        public static void RequireLike(Vector<float> result, Vector<float> like, string method, string name, string likeName)
        {
            if (result is null) throw new ArgumentNullException(name, $"{method}: {name} is null.");
            if (result.Count != like.Count)
            {
                throw ShapeErrors.Mismatch(method, name, $"{name} must be as long as {likeName}", (likeName, like), (name, result));
            }
        }

        /// <summary>A double result rounded into the caller's float matrix (already checked by RequireLike).</summary>
        public static void NarrowInto(Matrix<double> source, Matrix<float> target)
        {
            if (source.Storage is DenseColumnMajorMatrixStorage<double> from && target.Storage is DenseColumnMajorMatrixStorage<float> to)
            {
                for (int i = 0; i < from.Data.Length; i++) to.Data[i] = (float)from.Data[i];
                return;
            }
            for (int j = 0; j < source.ColumnCount; j++)
            {
                for (int i = 0; i < source.RowCount; i++) target.At(i, j, (float)source.At(i, j));
            }
        }

        /// <summary>A double result vector rounded into the caller's float vector.</summary>
        public static void NarrowInto(Vector<double> source, Vector<float> target)
        {
            for (int i = 0; i < source.Count; i++) target.At(i, (float)source.At(i));
        }
    }
}

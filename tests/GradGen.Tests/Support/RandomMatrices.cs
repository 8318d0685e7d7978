using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Support
{
    /// <summary>Seeded random inputs, so a failing case can be replayed from its seed.</summary>
    public sealed class RandomMatrices
    {
        private readonly Normal _normal;

        public RandomMatrices(int seed) => _normal = new Normal(0, 1, new Random(seed));

        public Matrix<double> Matrix(int rows, int columns) => Matrix<double>.Build.Random(rows, columns, _normal);

        public Vector<double> Vector(int length) => Vector<double>.Build.Random(length, _normal);

        public double Scalar() => _normal.Sample();
    }

    public static class Compare
    {
        /// <summary>‖actual − expected‖_F / max(‖expected‖_F, 1).</summary>
        public static double RelativeError(Matrix<double> actual, Matrix<double> expected)
            => (actual - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), 1.0);

        /// <summary>|actual − expected| / max(|expected|, 1): for values that agree to rounding, not bit for bit.</summary>
        public static double RelativeError(double actual, double expected)
            => Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1.0);
    }
}

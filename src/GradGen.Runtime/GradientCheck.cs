using System;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// Central finite differences, to check a gradient numerically:
    /// ∂f/∂Xᵢⱼ ≈ (f(X + hEᵢⱼ) − f(X − hEᵢⱼ)) / 2h, with h scaled to each entry.
    /// </summary>
    public static class GradientCheck
    {
        /// <summary>The numerical gradient of f at X (f may read X but must not keep it).</summary>
        public static Matrix<double> Numerical(Func<Matrix<double>, double> f, Matrix<double> x, double step = 1e-6)
        {
            var probe = x.Clone();
            var gradient = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount);
            for (int j = 0; j < x.ColumnCount; j++)
            {
                for (int i = 0; i < x.RowCount; i++)
                {
                    double xij = x.At(i, j);
                    double h = step * Math.Max(1.0, Math.Abs(xij));
                    probe.At(i, j, xij + h);
                    double plus = f(probe);
                    probe.At(i, j, xij - h);
                    double minus = f(probe);
                    probe.At(i, j, xij);
                    gradient.At(i, j, (plus - minus) / (2 * h));
                }
            }
            return gradient;
        }

        /// <summary>The numerical gradient of f at a vector x.</summary>
        public static Vector<double> Numerical(Func<Vector<double>, double> f, Vector<double> x, double step = 1e-6)
        {
            var asMatrix = Numerical(m => f(m.Column(0)), x.ToColumnMatrix(), step);
            return asMatrix.Column(0);
        }

        /// <summary>The numerical derivative of f at a scalar x.</summary>
        public static double Numerical(Func<double, double> f, double x, double step = 1e-6)
        {
            double h = step * Math.Max(1.0, Math.Abs(x));
            return (f(x + h) - f(x - h)) / (2 * h);
        }

        /// <summary>‖G − N‖_F / max(‖N‖_F, 1): the relative error of a gradient against a numerical one.</summary>
        public static double RelativeError(Matrix<double> gradient, Matrix<double> numerical)
            => (gradient - numerical).FrobeniusNorm() / Math.Max(numerical.FrobeniusNorm(), 1.0);
    }
}

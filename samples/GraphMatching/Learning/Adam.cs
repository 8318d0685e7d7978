using System;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching.Learning
{
    /// <summary>Adam (Kingma and Ba, 2015) on one matrix parameter: bias-corrected first and second moments of the gradient.</summary>
    public sealed class Adam
    {
        private readonly double _rate, _beta1, _beta2, _epsilon;
        private readonly Matrix<double> _first, _second;
        private int _steps;

        public Adam(int rows, int columns, double rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        {
            (_rate, _beta1, _beta2, _epsilon) = (rate, beta1, beta2, epsilon);
            _first = Matrix<double>.Build.Dense(rows, columns);
            _second = Matrix<double>.Build.Dense(rows, columns);
        }

        /// <summary>One step on <paramref name="parameter"/>, in place, down <paramref name="gradient"/>.</summary>
        public void Step(Matrix<double> parameter, Matrix<double> gradient)
        {
            _steps++;
            double firstCorrection = 1 - Math.Pow(_beta1, _steps), secondCorrection = 1 - Math.Pow(_beta2, _steps);
            for (int j = 0; j < parameter.ColumnCount; j++)
            {
                for (int i = 0; i < parameter.RowCount; i++)
                {
                    double g = gradient[i, j];
                    double m = _first[i, j] = _beta1 * _first[i, j] + (1 - _beta1) * g;
                    double v = _second[i, j] = _beta2 * _second[i, j] + (1 - _beta2) * g * g;
                    parameter[i, j] -= _rate * (m / firstCorrection) / (Math.Sqrt(v / secondCorrection) + _epsilon);
                }
            }
        }
    }
}

using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace GradGen.Runtime
{
    /// <summary>
    /// Bridges generated methods to MathNet's minimisers, which work on vectors: a matrix variable
    /// travels as vec(X) (columns stacked) and back. For example, with a generated ValueAndGradF:
    /// <code>
    /// var objective = Optimizers.Objective(x => Objectives.ValueAndGradF(x, A, B), rows, columns);
    /// var result = new LimitedMemoryBfgsMinimizer(1e-8, 1e-8, 1e-8, 5, 1000).FindMinimum(objective, Jacobians.Vec(X0));
    /// var X = Optimizers.Matrix(result.MinimizingPoint, rows, columns);
    /// </code>
    /// </summary>
    public static class Optimizers
    {
        /// <summary>An objective with gradient over a rows×columns matrix (L-BFGS, BFGS, conjugate gradient).</summary>
        public static IObjectiveFunction Objective(Func<Matrix<double>, (double Value, Matrix<double> Gradient)> valueAndGradient, int rows, int columns)
        {
            Func<Vector<double>, (double, Vector<double>)> f = v =>
            {
                var (value, gradient) = valueAndGradient(Jacobians.Unvec(v, rows, columns));
                return (value, Jacobians.Vec(gradient));
            };
            return ObjectiveFunction.Gradient(f);
        }

        /// <summary>An objective with gradient and Hessian over a rows×columns matrix (Newton), e.g. from ValueAndGradF and HessianF.</summary>
        public static IObjectiveFunction Objective(Func<Matrix<double>, (double Value, Matrix<double> Gradient)> valueAndGradient, Func<Matrix<double>, Matrix<double>> hessian, int rows, int columns)
        {
            Func<Vector<double>, (double, Vector<double>, Matrix<double>)> f = v =>
            {
                var x = Jacobians.Unvec(v, rows, columns);
                var (value, gradient) = valueAndGradient(x);
                return (value, Jacobians.Vec(gradient), hessian(x));
            };
            return ObjectiveFunction.GradientHessian(f);
        }

        /// <summary>An objective with gradient over a vector.</summary>
        public static IObjectiveFunction Objective(Func<Vector<double>, (double Value, Vector<double> Gradient)> valueAndGradient)
        {
            Func<Vector<double>, (double, Vector<double>)> f = v =>
            {
                var (value, gradient) = valueAndGradient(v);
                return (value, gradient);
            };
            return ObjectiveFunction.Gradient(f);
        }

        /// <summary>An objective with gradient and Hessian over a vector.</summary>
        public static IObjectiveFunction Objective(Func<Vector<double>, (double Value, Vector<double> Gradient)> valueAndGradient, Func<Vector<double>, Matrix<double>> hessian)
        {
            Func<Vector<double>, (double, Vector<double>, Matrix<double>)> f = v =>
            {
                var (value, gradient) = valueAndGradient(v);
                return (value, gradient, hessian(v));
            };
            return ObjectiveFunction.GradientHessian(f);
        }

        /// <summary>The matrix of a minimiser's point: unvec.</summary>
        public static Matrix<double> Matrix(Vector<double> point, int rows, int columns) => Jacobians.Unvec(point, rows, columns);
    }
}

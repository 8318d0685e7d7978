using System;
using GradGen.Runtime;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            var rng = new Random(42);
            int n = 6;
            Matrix<double> Rand() => Matrix<double>.Build.Random(n, n, new ContinuousUniform(0, 1, rng));
            var A = Rand();
            var B = Rand();
            var Xu = Rand();
            var X = Rand();

            var (value, gradient) = Objective.ValueAndGradG(X, A, B, Xu);
            var numerical = GradientCheck.Numerical(x => Objective.G(x, A, B, Xu), X);
            Console.WriteLine($"g(X) = {value:G10}");
            Console.WriteLine("GradG(X) =");
            Console.WriteLine(gradient.ToString("G6"));
            Console.WriteLine($"relative error against central differences: {GradientCheck.RelativeError(gradient, numerical):E2}");
            return 0;
        }
    }
}

using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>An elementwise objective: the softplus sum Σ log(1 + exp(zᵢ)) of logistic losses.</summary>
    public static partial class ElementwiseObjectives
    {
        [Differentiable]
        public static double Softplus(Vector<double> z) => (z.PointwiseExp() + 1.0).PointwiseLog().Sum();

        /// <summary>Value and gradient exp(z) ⊘ (1 + exp(z)) as one writes them in MathNet.</summary>
        public static (double, Vector<double>) HandMathNet(Vector<double> z)
        {
            var e = z.PointwiseExp();
            var onePlus = e + 1.0;
            return (onePlus.PointwiseLog().Sum(), e.PointwiseDivide(onePlus));
        }
    }

    /// <summary>The softplus sum's value and gradient at 10⁶ entries: MathNet's scalar maps against the generated code's SIMD ones.</summary>
    [MemoryDiagnoser]
    public class ElementwiseGradient
    {
        private Vector<double> _z = null!;

        [Params(1_000_000)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(3);
            _z = Vector<double>.Build.Dense(N, _ => 4 * random.NextDouble() - 2);
        }

        [Benchmark(Baseline = true)] public (double, Vector<double>) HandMathNet() => ElementwiseObjectives.HandMathNet(_z);
        [Benchmark] public (double, Vector<double>) ValueAndGradSoftplus() => ElementwiseObjectives.ValueAndGradSoftplus(_z);
    }
}

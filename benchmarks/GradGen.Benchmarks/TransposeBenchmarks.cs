using System;
using BenchmarkDotNet.Attributes;
using GradGen.Runtime;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// The managed product with a transposed operand, as generated gradients call it (Yᵀ X B, X B Xᵀ), against the plain
    /// product of the same size (baseline): what packing a transposed operand costs on the chosen kernel.
    /// </summary>
    [MemoryDiagnoser]
    public class ProductTransposes
    {
        [Params(128, 256, 512)]
        public int N;

        private Matrix<double> _a = null!, _b = null!, _c = null!;

        [GlobalSetup]
        public void Setup()
        {
            GradGenLinearAlgebra.UseManaged();
            var normal = new Normal(0, 1, new Random(3));
            (_a, _b, _c) = (Matrix<double>.Build.Random(N, N, normal), Matrix<double>.Build.Random(N, N, normal), Matrix<double>.Build.Dense(N, N));
            var expected = _a.Transpose() * _b.Transpose();
            MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b, transposeA: true, transposeB: true);
            if (!((_c - expected).FrobeniusNorm() < 1e-9 * expected.FrobeniusNorm())) throw new InvalidOperationException("wrong product");
        }

        [Benchmark(Baseline = true)] public void Plain() => MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b);
        [Benchmark] public void TransposedA() => MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b, transposeA: true);
        [Benchmark] public void TransposedB() => MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b, transposeB: true);
    }
}

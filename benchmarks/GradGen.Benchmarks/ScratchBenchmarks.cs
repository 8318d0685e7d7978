using System;
using BenchmarkDotNet.Attributes;
using GradGen.Runtime;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// What recycling temporaries saves (Scratch): the same generated ValueAndGradG of the CVPR objective, on GradGen's
    /// kernel, with the thread's scratch switched off (every temporary a new, zeroed large object: the code before
    /// recycling) and on, in one run.
    /// </summary>
    [MemoryDiagnoser]
    public class CvprScratch
    {
        [Params(128, 256, 512, 1024)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(6));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _a, _b, _xu) = (R(), R(), R(), R());
            GradGenLinearAlgebra.UseManaged();
        }

        [GlobalCleanup]
        public void Cleanup() => Scratch.Enabled = true;

        [Benchmark(Baseline = true)]
        public (double, Matrix<double>) NewTemporaries()
        {
            Scratch.Enabled = false;
            return Objectives.ValueAndGradG(_x, _a, _b, _xu);
        }

        [Benchmark]
        public (double, Matrix<double>) RecycledTemporaries()
        {
            Scratch.Enabled = true;
            return Objectives.ValueAndGradG(_x, _a, _b, _xu);
        }
    }
}

using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using GradGen.Runtime;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>CVPR 2021 written in float: the same body as <see cref="Objectives.G"/> with float types.</summary>
    public static partial class FloatObjectives
    {
        [Differentiable]
        public static float G(Matrix<float> X, Matrix<float> A, Matrix<float> B, Matrix<float> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return (float)(Y.FrobeniusNorm() * Y.FrobeniusNorm()) - (Xu.Transpose() * X).Trace();
        }

        /// <summary>The same, computed in float: its products on GradGen's sgemm.</summary>
        [Differentiable(ComputeInFloat = true)]
        public static float GInFloat(Matrix<float> X, Matrix<float> A, Matrix<float> B, Matrix<float> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return (float)(Y.FrobeniusNorm() * Y.FrobeniusNorm()) - (Xu.Transpose() * X).Trace();
        }
    }

    /// <summary>
    /// What float costs or saves: ValueAndGradG of the float CVPR objective through the facade (widen the inputs, the double
    /// body, round the result) and computed in float (ComputeInFloat: the sgemm), against the double method's ValueAndGradG
    /// on the same values (baseline), and MathNet's own float arithmetic for the hand gradient.
    /// </summary>
    [MemoryDiagnoser]
    public class CvprFloat
    {
        [Params(64, 256, 1024)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!;
        private Matrix<float> _xf = null!, _af = null!, _bf = null!, _xuf = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(1));
            Matrix<float> R() => Matrix<double>.Build.Random(N, N, normal).Map(v => (float)v);
            (_xf, _af, _bf, _xuf) = (R(), R(), R(), R());
            (_x, _a, _b, _xu) = (_xf.Map(v => (double)v), _af.Map(v => (double)v), _bf.Map(v => (double)v), _xuf.Map(v => (double)v));
            var reference = Objectives.ValueAndGradG(_x, _a, _b, _xu).Gradient;
            double error = (FloatValueAndGradG().Item2.Map(v => (double)v) - reference).FrobeniusNorm() / reference.FrobeniusNorm();
            if (!(error < 1e-6)) throw new InvalidOperationException($"float and double gradients disagree at n = {N}: {error:E2}");
            double inFloat = (ComputedInFloat().Item2.Map(v => (double)v) - reference).FrobeniusNorm() / reference.FrobeniusNorm();
            if (!(inFloat < 1e-4)) throw new InvalidOperationException($"the float-computed gradient is off at n = {N}: {inFloat:E2}");
            Console.WriteLine($"// n = {N}: facade {error:E2}, computed in float {inFloat:E2} (relative to the double gradient)");
        }

        [Benchmark(Baseline = true)] public (double, Matrix<double>) DoubleValueAndGradG() => Objectives.ValueAndGradG(_x, _a, _b, _xu);
        [Benchmark] public (float, Matrix<float>) FloatValueAndGradG() => FloatObjectives.ValueAndGradG(_xf, _af, _bf, _xuf);
        [Benchmark] public (float, Matrix<float>) ComputedInFloat() => FloatObjectives.ValueAndGradGInFloat(_xf, _af, _bf, _xuf);

        /// <summary>The hand gradient in MathNet float arithmetic: what a user writing float by hand would run.</summary>
        [Benchmark]
        public Matrix<float> HandWrittenFloat()
        {
            var XB = _xf * _bf;
            var Y = _af - XB * _xf.Transpose();
            return -2f * (Y * _xf * _bf.Transpose() + Y.Transpose() * XB) - _xuf;
        }
    }

    /// <summary>
    /// One n×n product in float against the same in double: GradGen's managed sgemm (the kernel chosen for this CPU, packed
    /// at every size) and dgemm, and MathNet's own float product (what float code gets without GradGen: MathNet's native
    /// provider here serves double only). OpenBLAS's sgemm is timed by <c>gradient_peers.py --float32</c>. GFLOP/s is 2n³ over
    /// the mean time.
    /// </summary>
    [Config(typeof(GflopsConfig))]
    [MinColumn]
    public class SingleProductKernel
    {
        [Params(64, 256, 512, 1024)]
        public int N;

        private Matrix<double> _a = null!, _b = null!, _c = null!;
        private Matrix<float> _af = null!, _bf = null!, _cf = null!;
        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(8));
            (_a, _b) = (Matrix<double>.Build.Random(N, N, normal), Matrix<double>.Build.Random(N, N, normal));
            _c = Matrix<double>.Build.Dense(N, N);
            (_af, _bf, _cf) = (_a.Map(v => (float)v), _b.Map(v => (float)v), Matrix<float>.Build.Dense(N, N));
            GradGenLinearAlgebra.UseManaged();
            Console.WriteLine($"// GradGen: {GradGenLinearAlgebra.ManagedKernel}");
            var expected = (_a * _b).Map(v => (float)v);
            foreach (var run in new Func<Matrix<float>>[] { ManagedSgemm, MathNetSgemm })
            {
                double error = (run() - expected).FrobeniusNorm() / expected.FrobeniusNorm();
                if (!(error < 1e-5)) throw new InvalidOperationException($"float products disagree at n = {N}: {error:E2}");
            }
        }

        [Benchmark(Baseline = true)]
        public Matrix<double> ManagedDgemm()
        {
            MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b);
            return _c;
        }

        [Benchmark]
        public Matrix<float> ManagedSgemm()
        {
            MatrixFunctions.ScaledProductInto(_cf, 1f, _af, _bf);
            return _cf;
        }

        [Benchmark]
        public Matrix<float> MathNetSgemm()
        {
            _af.Multiply(_bf, _cf);
            return _cf;
        }
    }
}

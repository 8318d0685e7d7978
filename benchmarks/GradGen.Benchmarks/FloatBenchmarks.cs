using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
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
    }

    /// <summary>
    /// What the float facade costs: ValueAndGradG of the float CVPR objective (widen the inputs, the double body, round the
    /// result) against the double method's ValueAndGradG on the same values (baseline), and against MathNet's own float
    /// arithmetic for the hand gradient (its managed single-precision provider).
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
        }

        [Benchmark(Baseline = true)] public (double, Matrix<double>) DoubleValueAndGradG() => Objectives.ValueAndGradG(_x, _a, _b, _xu);
        [Benchmark] public (float, Matrix<float>) FloatValueAndGradG() => FloatObjectives.ValueAndGradG(_xf, _af, _bf, _xuf);

        /// <summary>The hand gradient in MathNet float arithmetic: what a user writing float by hand would run.</summary>
        [Benchmark]
        public Matrix<float> HandWrittenFloat()
        {
            var XB = _xf * _bf;
            var Y = _af - XB * _xf.Transpose();
            return -2f * (Y * _xf * _bf.Transpose() + Y.Transpose() * XB) - _xuf;
        }
    }
}

using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using GradGen.Runtime;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>Objectives with loops, as a user writes them, and the hand-written reverse loop of Sinkhorn to compare with.</summary>
    public static partial class LoopObjectives
    {
        /// <summary>T Sinkhorn normalisations of exp(M/τ), then ⟨C, P⟩.</summary>
        [Differentiable]
        public static double Sinkhorn(Matrix<double> M, Matrix<double> C, int T)
        {
            var P = (M / 0.1).PointwiseExp();
            for (int t = 0; t < T; t++)
            {
                var r = P.RowSums();
                P = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / r) * P;
                var c = P.ColumnSums();
                P = P * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / c);
            }
            return C.PointwiseMultiply(P).RowSums().Sum();
        }

        /// <summary>
        /// Sinkhorn's value and gradient by hand, as a careful numerical programmer writes the reverse loop: each iteration's
        /// matrices kept in lists, rows and columns scaled in place with no diagonal matrix, O(n²) per step.
        /// </summary>
        public static (double, Matrix<double>) HandSinkhorn(Matrix<double> M, Matrix<double> C, int T)
        {
            int n = M.RowCount, m = M.ColumnCount;
            var p = (M / 0.1).PointwiseExp();
            var before = new List<Matrix<double>>();
            var rows = new List<Vector<double>>();
            var middle = new List<Matrix<double>>();
            var columns = new List<Vector<double>>();
            for (int t = 0; t < T; t++)
            {
                before.Add(p);
                var r = p.RowSums();
                var q = p.Clone();
                for (int j = 0; j < m; j++) for (int i = 0; i < n; i++) q.At(i, j, q.At(i, j) / r.At(i));
                middle.Add(q);
                rows.Add(r);
                var c = q.ColumnSums();
                columns.Add(c);
                p = q.Clone();
                for (int j = 0; j < m; j++) for (int i = 0; i < n; i++) p.At(i, j, p.At(i, j) / c.At(j));
            }
            double value = C.PointwiseMultiply(p).RowSums().Sum();
            var bar = C.Clone();
            for (int t = T - 1; t >= 0; t--)
            {
                var q = middle[t];
                var c = columns[t];
                var qbar = Matrix<double>.Build.Dense(n, m);
                for (int j = 0; j < m; j++)
                {
                    double cbar = 0;
                    for (int i = 0; i < n; i++)
                    {
                        qbar.At(i, j, bar.At(i, j) / c.At(j));
                        cbar -= bar.At(i, j) * q.At(i, j) / (c.At(j) * c.At(j));
                    }
                    for (int i = 0; i < n; i++) qbar.At(i, j, qbar.At(i, j) + cbar);
                }
                var p0 = before[t];
                var r = rows[t];
                var rbar = Vector<double>.Build.Dense(n);
                for (int j = 0; j < m; j++) for (int i = 0; i < n; i++) rbar.At(i, rbar.At(i) - qbar.At(i, j) * p0.At(i, j) / (r.At(i) * r.At(i)));
                bar = Matrix<double>.Build.Dense(n, m);
                for (int j = 0; j < m; j++) for (int i = 0; i < n; i++) bar.At(i, j, qbar.At(i, j) / r.At(i) + rbar.At(i));
            }
            var gradient = (M / 0.1).PointwiseExp().PointwiseMultiply(bar) * 10.0;
            return (value, gradient);
        }

        /// <summary>Logistic regression as a loop over samples.</summary>
        [Differentiable]
        public static double LogisticLoop(Vector<double> w, Matrix<double> X, Vector<double> y)
        {
            double loss = 0;
            for (int i = 0; i < X.RowCount; i++)
            {
                var z = X.Row(i).DotProduct(w);
                loss += Math.Log(1 + Math.Exp(-y[i] * z));
            }
            return loss;
        }

        /// <summary>Its vectorised twin.</summary>
        [Differentiable]
        public static double LogisticVectorised(Vector<double> w, Matrix<double> X, Vector<double> y)
            => ((-y).PointwiseMultiply(X * w).PointwiseExp() + 1.0).PointwiseLog().Sum();
    }

    internal static class SinkhornInputs
    {
        /// <summary>M (scaled so exp(M/0.1) stays moderate) and C, n×n, from a fixed seed.</summary>
        public static (Matrix<double> M, Matrix<double> C) Of(int n)
        {
            var normal = new Normal(0, 1, new Random(3));
            return (Matrix<double>.Build.Random(n, n, normal) * 0.1, Matrix<double>.Build.Random(n, n, normal));
        }
    }

    /// <summary>
    /// Sinkhorn (T = 20): the generated ValueAndGradSinkhorn (reverse loop with a tape) against the hand-written reverse
    /// loop (the baseline) and the objective alone.
    /// </summary>
    [MemoryDiagnoser]
    public class SinkhornGradient
    {
        [Params(64, 256)]
        public int N;

        private const int T = 20;
        private Matrix<double> _m = null!, _c = null!;

        [GlobalSetup]
        public void Setup()
        {
            (_m, _c) = SinkhornInputs.Of(N);
            // The baseline must compute the same gradient, or the ratio means nothing.
            var (_, hand) = LoopObjectives.HandSinkhorn(_m, _c, T);
            var (_, generated) = LoopObjectives.ValueAndGradSinkhorn(_m, _c, T);
            double error = (hand - generated).FrobeniusNorm() / generated.FrobeniusNorm();
            if (!(error < 1e-9)) throw new InvalidOperationException($"hand-written and generated gradients differ by {error:E2}");
        }

        [Benchmark(Baseline = true)] public (double, Matrix<double>) HandReverseLoop() => LoopObjectives.HandSinkhorn(_m, _c, T);
        [Benchmark] public (double, Matrix<double>) ValueAndGradSinkhorn() => LoopObjectives.ValueAndGradSinkhorn(_m, _c, T);
        [Benchmark] public double SinkhornAlone() => LoopObjectives.Sinkhorn(_m, _c, T);
    }

    /// <summary>Sinkhorn's gradient against central differences (2n² evaluations of F), at a size where those finish.</summary>
    public class SinkhornFiniteDifferences
    {
        [Params(16)]
        public int N;

        private Matrix<double> _m = null!, _c = null!;

        [GlobalSetup]
        public void Setup() => (_m, _c) = SinkhornInputs.Of(N);

        [Benchmark(Baseline = true)]
        public Matrix<double> FiniteDifferences() => GradientCheck.Numerical(m => LoopObjectives.Sinkhorn(m, _c, 20), _m);

        [Benchmark] public Matrix<double> GradSinkhorn() => LoopObjectives.GradSinkhorn(_m, _c, 20);
    }

    /// <summary>Logistic regression (1000 samples, 16 features): the per-sample loop's gradient against its vectorised twin's.</summary>
    [MemoryDiagnoser]
    public class LogisticLoopGradient
    {
        private Vector<double> _w = null!, _y = null!;
        private Matrix<double> _x = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(5));
            _w = Vector<double>.Build.Random(16, normal);
            _x = Matrix<double>.Build.Random(1000, 16, normal);
            _y = Vector<double>.Build.Random(1000, normal).PointwiseSign();
        }

        [Benchmark(Baseline = true)] public Vector<double> Vectorised() => LoopObjectives.GradLogisticVectorised(_w, _x, _y);
        [Benchmark] public Vector<double> PerSampleLoop() => LoopObjectives.GradLogisticLoop(_w, _x, _y);
        [Benchmark] public double PerSampleLoopAlone() => LoopObjectives.LogisticLoop(_w, _x, _y);
    }
}

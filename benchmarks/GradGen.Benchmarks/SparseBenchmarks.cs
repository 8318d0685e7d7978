using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>Objectives whose matrices are sparse graphs, as users pass them: MathNet <c>SparseMatrix</c> (CSR).</summary>
    public static partial class SparseObjectives
    {
        /// <summary>Graph-Laplacian smoothing: tr(XᵀLX) + λ‖X − X₀‖²_F.</summary>
        [Differentiable]
        public static double Smoothing(Matrix<double> X, Matrix<double> L, Matrix<double> X0, double lambda)
            => (X.Transpose() * L * X).Trace() + lambda * Math.Pow((X - X0).FrobeniusNorm(), 2);

        /// <summary>A random undirected graph with <paramref name="edges"/> edges, as a CSR matrix (or its Laplacian D − A).</summary>
        public static Matrix<double> Graph(int n, int edges, Random random, bool laplacian = false)
        {
            var a = Matrix<double>.Build.Sparse(n, n);
            for (int e = 0; e < edges; e++)
            {
                int i = random.Next(n), j = random.Next(n);
                if (i == j) continue;
                a[i, j] = a[j, i] = laplacian ? -1 : 1;
            }
            if (laplacian) for (int i = 0; i < n; i++) a[i, i] = -a.Row(i).Sum();
            return a;
        }
    }

    /// <summary>The CVPR gradient with sparse A, B (1 % of entries) against the same A, B stored dense.</summary>
    [MemoryDiagnoser]
    public class SparseCvprGradient
    {
        private Matrix<double> _x = null!, _xu = null!, _a = null!, _b = null!, _denseA = null!, _denseB = null!;

        [Params(400, 1000)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(1);
            _a = SparseObjectives.Graph(N, N * N / 200, random);
            _b = SparseObjectives.Graph(N, N * N / 200, random);
            _denseA = Matrix<double>.Build.DenseOfMatrix(_a);
            _denseB = Matrix<double>.Build.DenseOfMatrix(_b);
            _x = Matrix<double>.Build.Dense(N, N, (_, _) => random.NextDouble() / N);
            _xu = Matrix<double>.Build.Dense(N, N, (_, _) => random.NextDouble());
        }

        [Benchmark(Baseline = true)] public (double, Matrix<double>) Dense() => Objectives.ValueAndGradG(_x, _denseA, _denseB, _xu);
        [Benchmark] public (double, Matrix<double>) Sparse() => Objectives.ValueAndGradG(_x, _a, _b, _xu);
        [Benchmark] public (double, Matrix<double>) SparseSymmetric() => Objectives.ValueAndGradGSymmetric(_x, _a, _b, _xu);
    }

    /// <summary>tr(XᵀLX) + λ‖X − X₀‖² for a 3000-node graph (27 000 non-zeros in L), X 3000×32: sparse L against dense L.</summary>
    [MemoryDiagnoser]
    public class LaplacianGradient
    {
        private Matrix<double> _x = null!, _x0 = null!, _l = null!, _denseL = null!;

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(2);
            _l = SparseObjectives.Graph(3000, 12000, random, laplacian: true);
            _denseL = Matrix<double>.Build.DenseOfMatrix(_l);
            _x = Matrix<double>.Build.Dense(3000, 32, (_, _) => random.NextDouble());
            _x0 = Matrix<double>.Build.Dense(3000, 32, (_, _) => random.NextDouble());
        }

        [Benchmark(Baseline = true)] public (double, Matrix<double>) DenseL() => SparseObjectives.ValueAndGradSmoothing(_x, _denseL, _x0, 0.5);
        [Benchmark] public (double, Matrix<double>) SparseL() => SparseObjectives.ValueAndGradSmoothing(_x, _l, _x0, 0.5);
    }
}

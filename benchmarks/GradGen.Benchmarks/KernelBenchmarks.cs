using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GradGen.Runtime;
using GradGen.Runtime.Gemm;
using Block = GradGen.Runtime.Gemm.Block<double>;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// One n×n product C ← A·B: OpenBLAS through the native provider (the baseline, its own kernel choice when the run
    /// unsets OPENBLAS_CORETYPE), GradGen's managed kernel as generated code runs it (<c>Chosen</c>, the kernel picked
    /// for this CPU), and each of GradGen's kernels forced in turn. A kernel this CPU cannot run reports an error row.
    /// The GFLOP/s column is 2n³ over the mean time. Run with
    /// <c>env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE dotnet run -c Release --project benchmarks/GradGen.Benchmarks --
    /// --filter '*ProductKernel*'</c>; the setup prints which kernels ran.
    /// </summary>
    [Config(typeof(GflopsConfig))]
    [MinColumn, MedianColumn]
    public class ProductKernel
    {
        [Params(8, 16, 32, 64, 128, 256, 512, 1024)]
        public int N;

        private Matrix<double> _a = null!, _b = null!, _c = null!;
        private MathNet.Numerics.Providers.LinearAlgebra.ILinearAlgebraProvider _managed = null!, _native = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(8));
            (_a, _b, _c) = (Matrix<double>.Build.Random(N, N, normal), Matrix<double>.Build.Random(N, N, normal), Matrix<double>.Build.Dense(N, N));
            MathNet.Numerics.Control.UseManaged();
            _managed = MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider;
            if (!GradGenLinearAlgebra.UseNativeBlas(out string status)) throw new InvalidOperationException(status);
            _native = MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider;
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _managed;
            Console.WriteLine($"// OpenBLAS: {status}");
            Console.WriteLine($"// GradGen managed kernel: {GradGenLinearAlgebra.ManagedKernel}");
            var expected = _a * _b;
            var runs = new Func<Matrix<double>>[] { OpenBlas, Chosen }
                .Concat(Enum.GetValues<KernelKind>().Where(KernelChoice.CanRun).Select(kind => (Func<Matrix<double>>)(() => Run(kind))));
            foreach (var run in runs)
            {
                _c.Clear();
                var product = run();
                double error = (product - expected).FrobeniusNorm() / expected.FrobeniusNorm();
                if (!(error < 1e-12)) throw new InvalidOperationException($"products disagree at n = {N}: {error:E2}");
            }
        }

        [GlobalCleanup]
        public void Cleanup() => GradGenLinearAlgebra.UseManaged();

        [Benchmark(Baseline = true)]
        public Matrix<double> OpenBlas()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _native;
            MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b);
            return _c;
        }

        [Benchmark]
        public Matrix<double> Chosen()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _managed;
            MatrixFunctions.ScaledProductInto(_c, 1.0, _a, _b);
            return _c;
        }

        [Benchmark] public Matrix<double> Avx512() => Run(KernelKind.Avx512);

        [Benchmark] public Matrix<double> Fused() => Run(KernelKind.Fused);

        [Benchmark] public Matrix<double> Vector128() => Run(KernelKind.Vector128);

        [Benchmark] public Matrix<double> Portable() => Run(KernelKind.MultiplyAdd);

        private Matrix<double> Run(KernelKind kind)
        {
            if (!KernelChoice.CanRun(kind)) throw new NotSupportedException($"{kind} does not run on this CPU");
            ManagedGemm.Multiply(kind, false, false, N, N, N, 1.0, Whole(_a), Whole(_b), 0.0, Whole(_c));
            return _c;
        }

        private static Block Whole(Matrix<double> m) => new(((DenseColumnMajorMatrixStorage<double>)m.Storage).Data, 0, m.RowCount);
    }

    /// <summary>Adds GFLOP/s (2n³ flops of an n×n product over the mean time) to the default columns.</summary>
    public sealed class GflopsConfig : ManualConfig
    {
        public GflopsConfig() => AddColumn(new GflopsColumn());
    }

    public sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2n³ flops over the mean time, in 10⁹ per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics) return "-";
            double n = Convert.ToDouble(benchmarkCase.Parameters["N"]);
            return (2 * n * n * n / statistics.Mean).ToString("F1");   // flops per nanosecond = GFLOP/s
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}

using System;
using BenchmarkDotNet.Attributes;
using GradGen.Runtime;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// The CVPR objective: generated gradient against the seed formula typed in as written (the baseline:
    /// six products, X B formed twice), the same formula written carefully (X B shared: five products,
    /// as many as the generated code), that careful version on GradGen's product kernel (to tell emission
    /// from kernel) and G alone. All under MathNet's managed provider.
    /// </summary>
    [MemoryDiagnoser]
    public class CvprGradient
    {
        [Params(32, 128, 256, 512)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(1));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _a, _b, _xu) = (R(), R(), R(), R());
            // Timing a wrong gradient would be worse than useless: the three must agree before anything is measured.
            var reference = SeedFormula();
            foreach (var other in new[] { HandWritten(), HandWrittenOnKernel(), GradG(), ValueAndGradG().Item2 })
            {
                double error = (other - reference).FrobeniusNorm() / reference.FrobeniusNorm();
                if (!(error < 1e-10)) throw new InvalidOperationException($"gradients disagree at n = {N}: {error:E2}");
            }
        }

        [Benchmark(Baseline = true)] public Matrix<double> SeedFormula() => Objectives.SeedFormulaGradient(_x, _a, _b, _xu);
        [Benchmark] public Matrix<double> HandWritten() => Objectives.HandGradient(_x, _a, _b, _xu);
        [Benchmark] public Matrix<double> HandWrittenOnKernel() => Objectives.HandGradientOnKernel(_x, _a, _b, _xu);
        [Benchmark] public Matrix<double> GradG() => Objectives.GradG(_x, _a, _b, _xu);
        [Benchmark] public (double, Matrix<double>) ValueAndGradG() => Objectives.ValueAndGradG(_x, _a, _b, _xu);
        [Benchmark] public double G() => Objectives.G(_x, _a, _b, _xu);
    }

    /// <summary>The generated gradient against a central finite-difference gradient (2n² evaluations of G).</summary>
    [MemoryDiagnoser]
    public class CvprFiniteDifferences
    {
        [Params(16, 64)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(2));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _a, _b, _xu) = (R(), R(), R(), R());
        }

        [Benchmark(Baseline = true)] public Matrix<double> FiniteDifferences() => GradientCheck.Numerical(x => Objectives.G(x, _a, _b, _xu), _x);
        [Benchmark] public Matrix<double> GradG() => Objectives.GradG(_x, _a, _b, _xu);
    }

    /// <summary>A well-conditioned covariance S = A Aᵀ + n I and a point x, for the Gaussian log-likelihood benchmarks.</summary>
    internal static class GaussianInputs
    {
        public static (Matrix<double> S, Vector<double> X) Of(int n)
        {
            var normal = new Normal(0, 1, new Random(3));
            var a = Matrix<double>.Build.Random(n, n, normal);
            return (a * a.Transpose() + n * Matrix<double>.Build.DenseIdentity(n), Vector<double>.Build.Random(n, normal));
        }
    }

    /// <summary>Inverse and log-det: the generated gradient of a Gaussian negative log-likelihood against finite differences.</summary>
    [MemoryDiagnoser]
    public class LogDetGradient
    {
        [Params(16, 64)]
        public int N;

        private Matrix<double> _s = null!;
        private Vector<double> _v = null!;

        [GlobalSetup]
        public void Setup() => (_s, _v) = GaussianInputs.Of(N);

        [Benchmark(Baseline = true)] public Matrix<double> FiniteDifferences() => GradientCheck.Numerical(s => Objectives.Nll(s, _v), _s);
        [Benchmark] public Matrix<double> GradNll() => Objectives.GradNll(_s, _v);
        [Benchmark] public double Nll() => Objectives.Nll(_s, _v);
    }

    /// <summary>
    /// One factorisation per matrix: the generated ValueAndGradNll (one LU of S for log|S|, S⁻¹x and S⁻¹) against the
    /// same method as it was generated before (three LUs: LogDeterminant, Solve and Inverse each factored S).
    /// </summary>
    [MemoryDiagnoser]
    public class NllFactorisations
    {
        [Params(64, 256)]
        public int N;

        private Matrix<double> _s = null!;
        private Vector<double> _v = null!;

        [GlobalSetup]
        public void Setup() => (_s, _v) = GaussianInputs.Of(N);

        /// <summary>The previous session's generated ValueAndGradNll, line for line.</summary>
        [Benchmark(Baseline = true)]
        public (double, Matrix<double>) ThreeFactorisations()
        {
            var sInvX = MatrixFunctions.Solve(_s, _v);
            var value = 0.5 * MatrixFunctions.LogDeterminant(_s) + 0.5 * _v.DotProduct(sInvX);
            var sInv = MatrixFunctions.Inverse(_s);
            var gradS = sInv.TransposeThisAndMultiply(_v).OuterProduct(sInvX);
            gradS.Multiply(-0.5, gradS);
            MatrixFunctions.AddScaled(gradS, 0.5, sInv.Transpose());
            return (value, gradS);
        }

        [Benchmark] public (double, Matrix<double>) ValueAndGradNll() => Objectives.ValueAndGradNll(_s, _v);
    }

    /// <summary>The Jacobian of F = A exp∘(XB): generated JacobianF against a finite-difference Jacobian, and one JVP/VJP.</summary>
    [MemoryDiagnoser]
    public class LayerJacobian
    {
        [Params(8, 16)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _dx = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 0.3, new Random(4));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _a, _b, _dx) = (R(), R(), R(), R());
        }

        [Benchmark(Baseline = true)] public Matrix<double> FiniteDifferences() => Jacobians.Numerical(x => Objectives.Layer(x, _a, _b), _x);
        [Benchmark] public Matrix<double> JacobianLayer() => Objectives.JacobianLayer(_x, _a, _b);
        [Benchmark] public Matrix<double> JvpLayer() => Objectives.JvpLayer(_x, _a, _b, _dx);
        [Benchmark] public Matrix<double> VjpLayer() => Objectives.VjpLayer(_x, _a, _b, _dx);
        [Benchmark] public Matrix<double> Layer() => Objectives.Layer(_x, _a, _b);
    }
}

namespace GradGen.Benchmarks
{
    /// <summary>Second order on the CVPR objective: HvpG against a central difference of GradG, HessianG against mn such differences.</summary>
    [MemoryDiagnoser]
    public class CvprSecondOrder
    {
        [Params(8, 32)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!, _v = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(5));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _a, _b, _xu, _v) = (R(), R(), R(), R(), R());
        }

        [Benchmark(Baseline = true)]
        public Matrix<double> HvpByDifferences()
        {
            const double h = 1e-5;
            return (Objectives.GradG2(_x + h * _v, _a, _b, _xu) - Objectives.GradG2(_x - h * _v, _a, _b, _xu)) / (2 * h);
        }

        [Benchmark] public Matrix<double> HvpG() => Objectives.HvpG2(_x, _a, _b, _xu, _v);

        [Benchmark] public Matrix<double> GradG() => Objectives.GradG2(_x, _a, _b, _xu);

        [Benchmark]
        public Matrix<double> HessianByDifferences()
        {
            const double h = 1e-5;
            int n = N * N;
            var hessian = Matrix<double>.Build.Dense(n, n);
            for (int k = 0; k < n; k++)
            {
                var e = Jacobians.Unit(_x, k);
                hessian.SetColumn(k, Jacobians.Vec((Objectives.GradG2(_x + h * e, _a, _b, _xu) - Objectives.GradG2(_x - h * e, _a, _b, _xu)) / (2 * h)));
            }
            return hessian;
        }

        [Benchmark] public Matrix<double> HessianG() => Objectives.HessianG2(_x, _a, _b, _xu);
    }
}

namespace GradGen.Benchmarks
{
    /// <summary>
    /// The same generated code with MathNet's products routed to OpenBLAS (GradGenLinearAlgebra.UseNativeBlas)
    /// against the managed provider (where the generated code's products run on GradGen's kernel), switched
    /// per call (an assignment) so both run in the same process.
    /// </summary>
    [MemoryDiagnoser]
    [MinColumn, MedianColumn]   // the peers script reports the best of its repeats: compare Min with it
    [Config(typeof(GcConfigs))]
    public class CvprNativeBlas
    {
        [Params(32, 128, 256, 512, 1024)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!, _gradient = null!;
        private MathNet.Numerics.Providers.LinearAlgebra.ILinearAlgebraProvider _managed = null!, _native = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(6));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _a, _b, _xu, _gradient) = (R(), R(), R(), R(), R());
            MathNet.Numerics.Control.UseManaged();
            _managed = MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider;
            if (!GradGenLinearAlgebra.UseNativeBlas(out string status)) throw new InvalidOperationException(status);
            _native = MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider;
            Console.WriteLine($"// OpenBLAS: {status}");
            Console.WriteLine($"// GradGen managed kernel: {GradGenLinearAlgebra.ManagedKernel}");
        }

        [GlobalCleanup]
        public void Cleanup() => GradGenLinearAlgebra.UseManaged();

        [Benchmark(Baseline = true)]
        public (double, Matrix<double>) ManagedValueAndGradG()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _managed;
            return Objectives.ValueAndGradG(_x, _a, _b, _xu);
        }

        /// <summary>The managed path at its best: GradGen's kernel, the gradient written into one matrix kept across calls.</summary>
        [Benchmark]
        public double ManagedValueAndGradGInto()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _managed;
            return Objectives.ValueAndGradGInto(_x, _a, _b, _xu, _gradient);
        }

        [Benchmark]
        public (double, Matrix<double>) NativeValueAndGradG()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _native;
            return Objectives.ValueAndGradG(_x, _a, _b, _xu);
        }

        /// <summary>The same, with the gradient written into one matrix kept across calls (an optimiser's loop).</summary>
        [Benchmark]
        public double NativeValueAndGradGInto()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _native;
            return Objectives.ValueAndGradGInto(_x, _a, _b, _xu, _gradient);
        }

        [Benchmark]
        public Matrix<double> NativeGradG()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _native;
            return Objectives.GradG(_x, _a, _b, _xu);
        }

        [Benchmark]
        public Matrix<double> NativeHandWritten()
        {
            MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider = _native;
            return Objectives.HandGradient(_x, _a, _b, _xu);
        }
    }
}

namespace GradGen.Benchmarks
{
    /// <summary>Symmetric A and B: the gradient generated with [Symmetric] (3 products) against the general one (5).</summary>
    [MemoryDiagnoser]
    public class CvprSymmetric
    {
        [Params(128, 256)]
        public int N;

        private Matrix<double> _x = null!, _a = null!, _b = null!, _xu = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(7));
            Matrix<double> R() => Matrix<double>.Build.Random(N, N, normal);
            (_x, _xu) = (R(), R());
            var (a, b) = (R(), R());
            (_a, _b) = (a + a.Transpose(), b + b.Transpose());
        }

        [Benchmark(Baseline = true)] public Matrix<double> GradG() => Objectives.GradG(_x, _a, _b, _xu);
        [Benchmark] public Matrix<double> GradGSymmetric() => Objectives.GradGSymmetric(_x, _a, _b, _xu);
        [Benchmark] public Matrix<double> HandWritten() => Objectives.HandGradient(_x, _a, _b, _xu);
    }
}

namespace GradGen.Benchmarks
{
    /// <summary>
    /// Matrix-chain ordering: tanh(𝟙ᵀ(A X v)) as written evaluates (A X) v, an n³ product; the generated
    /// value and gradient hand the chain to MatrixFunctions.Product, which takes A (X v): two n² products.
    /// Baseline: the objective as written.
    /// </summary>
    [MemoryDiagnoser]
    public class ChainOrder
    {
        [Params(128, 512)]
        public int N;

        private Matrix<double> _x = null!, _a = null!;
        private Vector<double> _v = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(8));
            (_x, _a, _v) = (Matrix<double>.Build.Random(N, N, normal), Matrix<double>.Build.Random(N, N, normal), Vector<double>.Build.Random(N, normal));
        }

        [Benchmark(Baseline = true)] public double AsWritten() => Objectives.ChainEndingInVector(_x, _a, _v);
        [Benchmark] public (double, Matrix<double>) ValueAndGrad() => Objectives.ValueAndGradChainEndingInVector(_x, _a, _v);
    }
}

namespace GradGen.Benchmarks
{
    /// <summary>
    /// A⁻¹ and A⁻¹B (B n×n) as generated code runs them (MatrixFunctions: MathNet's LU, then triangular
    /// solves joined by products on GradGen's kernel) against MathNet's own (the baseline).
    /// </summary>
    [MemoryDiagnoser]
    public class LinearSolves
    {
        [Params(128, 256, 512)]
        public int N;

        private Matrix<double> _a = null!, _b = null!;

        [GlobalSetup]
        public void Setup()
        {
            var normal = new Normal(0, 1, new Random(9));
            _a = Matrix<double>.Build.Random(N, N, normal) + N * Matrix<double>.Build.DenseIdentity(N);
            _b = Matrix<double>.Build.Random(N, N, normal);
            double error = (MatrixFunctions.Inverse(_a) - _a.Inverse()).FrobeniusNorm() / _a.Inverse().FrobeniusNorm();
            if (!(error < 1e-10)) throw new InvalidOperationException($"inverses disagree at n = {N}: {error:E2}");
        }

        [Benchmark(Baseline = true)] public Matrix<double> MathNetInverse() => _a.Inverse();
        [Benchmark] public Matrix<double> GradGenInverse() => MatrixFunctions.Inverse(_a);
        [Benchmark] public Matrix<double> MathNetSolve() => _a.Solve(_b);
        [Benchmark] public Matrix<double> GradGenSolve() => MatrixFunctions.Solve(_a, _b);
        [Benchmark] public Matrix<double> MathNetLU() => _a.LU().U;
    }
}

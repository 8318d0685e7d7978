using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>The emitted source, reviewed and committed under Snapshots/: what a user opens under obj/.</summary>
    public class SnapshotTests
    {
        private const string Usings = GeneratorHarness.Usings;

        [Fact]
        public void Cvpr_objective_static_form()
        {
            var run = GeneratorHarness.Run(Usings + @"
namespace Matching
{
    public static partial class Objectives
    {
        [Differentiable]
        public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("Cvpr.Static", run.Files["Matching.Objectives.G.g.cs"]);
        }

        [Fact]
        public void Cvpr_objective_instance_form()
        {
            var run = GeneratorHarness.Run(Usings + @"
namespace Matching
{
    public partial class Problem
    {
        private readonly Matrix<double> A;
        public Matrix<double> B { get; }
        public Matrix<double> Xu { get; }

        public Problem(Matrix<double> a, Matrix<double> b, Matrix<double> xu) { A = a; B = b; Xu = xu; }

        [Differentiable]
        public double G(Matrix<double> X)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("Cvpr.Instance", run.Files["Matching.Problem.G.g.cs"]);
        }

        [Fact]
        public void Two_wrt_parameters_in_a_nested_generic_type_without_namespace()
        {
            var run = GeneratorHarness.Run(Usings + @"
public partial class Outer
{
    internal partial struct Inner<T>
    {
        [Differentiable(nameof(X), nameof(B))]
        internal static double F(Matrix<double> X, Matrix<double> B, double c) => c * (X * B).Trace() + Math.Pow((X - B).FrobeniusNorm(), 2);
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("TwoWrt.NestedGeneric", run.Files["Outer.Inner[T].F.g.cs"]);
        }
    
        [Fact]
        public void Inverse_log_det_and_solve()
        {
            var run = GeneratorHarness.Run(Usings + @"
namespace Gaussian
{
    public static partial class Likelihood
    {
        /// <summary>Negative log-likelihood of a zero-mean Gaussian with covariance S, up to constants.</summary>
        [Differentiable]
        public static double Nll(Matrix<double> S, Vector<double> x)
            => 0.5 * Math.Log(S.Determinant()) + 0.5 * x.DotProduct(S.Solve(x));

        [Differentiable]
        public static double TraceOfInverse(Matrix<double> X, Matrix<double> A) => (A * X.Inverse()).Trace();
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("Gaussian.Nll", run.Files["Gaussian.Likelihood.Nll.g.cs"]);
            Snapshot.Verify("Gaussian.TraceOfInverse", run.Files["Gaussian.Likelihood.TraceOfInverse.g.cs"]);
        }

        [Fact]
        public void Hadamard_and_exp_seed_001()
        {
            var run = GeneratorHarness.Run(Usings + @"
namespace Seeds
{
    public static partial class Elementwise
    {
        // seed 001: F = A exp(XB), reduced by a weight W: f = tr(Wᵀ A exp∘(XB))
        [Differentiable]
        public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> W)
            => (W.Transpose() * (A * (X * B).PointwiseExp())).Trace();
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("Seeds.HadamardExp", run.Files["Seeds.Elementwise.F.g.cs"]);
        }
    
        [Fact]
        public void Jacobian_of_the_seed_001_example()
        {
            var run = GeneratorHarness.Run(Usings + @"
namespace Seeds
{
    public static partial class Layers
    {
        // seed 001: F = A exp∘(XB), whose derivative is (B ⊗ I) diag(e^{XB}) (I ⊗ Aᵀ)
        [Differentiable]
        public static Matrix<double> F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A * (X * B).PointwiseExp();
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("Seeds.JacobianAExpXB", run.Files["Seeds.Layers.F.g.cs"]);
        }
    
        [Fact]
        public void Cvpr_objective_with_symmetric_A_and_B()
        {
            var run = GeneratorHarness.Run(Usings + @"
namespace Matching
{
    public static partial class Objectives
    {
        [Differentiable]
        public static double G(Matrix<double> X, [Symmetric] Matrix<double> A, [Symmetric] Matrix<double> B, Matrix<double> Xu)
        {
            var Y = A - X * B * X.Transpose();
            return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
        }
    }
}");
            Assert.Empty(run.Errors);
            Snapshot.Verify("Cvpr.Symmetric", run.Files["Matching.Objectives.G.g.cs"]);
        }
    }
}

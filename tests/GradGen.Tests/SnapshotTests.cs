using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>The emitted source, reviewed and committed under Snapshots/: what a user opens under obj/.</summary>
    public class SnapshotTests
    {
        private const string Usings = "using System;\nusing GradGen;\nusing MathNet.Numerics.LinearAlgebra;\n";

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
    }
}

using System;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Statements;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.Decompositions
{
    /// <summary>
    /// A.QR().Solve(B), the least-squares solution A⁺B, on the chain and through a local, with a tall A and with a square one,
    /// against central differences; and the gradient of a regression fit against its closed form.
    /// </summary>
    public class LeastSquaresTests
    {
        private readonly ITestOutputHelper _output;

        public LeastSquaresTests(ITestOutputHelper output) => _output = output;

        private static ObjectiveCase Case(string name, string method, Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        public static readonly ObjectiveCase[] All =
        {
            Case("least squares of a tall A with a vector b (wrt A and b)",
                "double F(Matrix<double> A, Vector<double> b) { var x = A.QR().Solve(b); return x.DotProduct(x) + x.Sum(); }",
                r => new object[] { r.Matrix(6, 3), r.Vector(6) }, wrt: 2),
            Case("the residual norm of a fit through a local factorisation (wrt A)",
                "double F(Matrix<double> A, Vector<double> b) { var qr = A.QR(); var x = qr.Solve(b); return (A * x - b).DotProduct(A * x - b) + 0.1 * x.DotProduct(x); }",
                r => new object[] { r.Matrix(7, 2), r.Vector(7) }),
            Case("a matrix right-hand side (wrt B and A)",
                "double F(Matrix<double> B, Matrix<double> A) => A.QR().Solve(B).PointwiseTanh().RowSums().Sum();",
                r => new object[] { r.Matrix(5, 2), r.Matrix(5, 3) }, wrt: 2),
            Case("a square A: A⁻¹B through QR",
                "double F(Matrix<double> A, Matrix<double> B) => (A + 4.0 * Matrix<double>.Build.DenseIdentity(3)).QR().Solve(B).FrobeniusNorm();",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 2) }),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select((c, i) => c.Source($"Lsq{i}")))));

        [Fact]
        public void Every_least_squares_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Lsq", seeds: 5, stride: 31, _output);
        }

        /// <summary>f(b) = ½‖A⁺b‖²: ∇_b f = A (AᵀA)⁻¹ x with x = A⁺b (the adjoint rule's B̄ = A Z), checked in closed form.</summary>
        [Fact]
        public void The_gradient_with_respect_to_b_is_the_closed_form()
        {
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + "public static partial class Fit { [Differentiable(nameof(b))] "
                + "public static double F(Matrix<double> A, Vector<double> b) { var x = A.QR().Solve(b); return 0.5 * x.DotProduct(x); } }");
            var r = new RandomMatrices(77);
            var (a, b) = (r.Matrix(8, 3), r.Vector(8));
            var grad = (Vector<double>)assembly.Static("Fit", "GradF")(new object?[] { a, b })!;
            var x = (a.TransposeThisAndMultiply(a)).Solve(a.TransposeThisAndMultiply(b));
            var expected = a * (a.TransposeThisAndMultiply(a)).Solve(x);
            Assert.True((grad - expected).L2Norm() / expected.L2Norm() < 1e-10, $"{grad} against {expected}");
        }

        /// <summary>x = A⁺b has A's columns as its length and needs b as long as A's rows: both are checked up front.</summary>
        [Fact]
        public void Sizes_are_checked_against_the_least_squares_shapes_and_the_comment_writes_A_plus()
        {
            const string source = "public static partial class Fit2 { [Differentiable(nameof(A))] "
                + "public static double F(Matrix<double> A, Vector<double> b, Vector<double> c) { var x = A.QR().Solve(b); return x.DotProduct(c); } }";
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + source);
            Assert.Empty(run.Errors);
            Assert.Contains("//     where x = A⁺ b", run.Single());
            var grad = InMemoryAssembly.Build(GeneratorHarness.Usings + source).Static("Fit2", "GradF");
            var r = new RandomMatrices(78);
            var a = r.Matrix(6, 3);
            var wrongC = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(
                () => grad(new object?[] { a, r.Vector(6), r.Vector(6) })).InnerException);
            Assert.Equal("c", wrongC.ParamName);
            Assert.StartsWith("GradF: c must have as many entries as A has columns", wrongC.Message);
            var wrongB = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(
                () => grad(new object?[] { a, r.Vector(3), r.Vector(3) })).InnerException);
            Assert.Equal("b", wrongB.ParamName);
            Assert.StartsWith("GradF: b must have as many entries as A has rows", wrongB.Message);
        }

        /// <summary>With a matrix B, X = A⁺B is A's columns × B's columns: a Hadamard factor must have that shape.</summary>
        [Fact]
        public void A_matrix_right_hand_side_gives_a_matrix_shaped_by_A_and_B()
        {
            const string source = "public static partial class Fit4 { [Differentiable(nameof(A))] "
                + "public static double F(Matrix<double> A, Matrix<double> B, Matrix<double> C) => A.QR().Solve(B).PointwiseMultiply(C).RowSums().Sum(); }";
            var grad = InMemoryAssembly.Build(GeneratorHarness.Usings + source).Static("Fit4", "GradF");
            var r = new RandomMatrices(79);
            var (a, b) = (r.Matrix(6, 3), r.Matrix(6, 2));
            Assert.Equal(a.RowCount, ((Matrix<double>)grad(new object?[] { a, b, r.Matrix(3, 2) })!).RowCount);
            var wrong = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(
                () => grad(new object?[] { a, b, r.Matrix(3, 3) })).InnerException);
            Assert.Equal("C", wrong.ParamName);
            Assert.StartsWith("GradF: C must have as many columns as B has columns", wrong.Message);
        }

        [Fact]
        public void Literal_sizes_that_cannot_fit_a_least_squares_solve_are_GG0011()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class Fit3 { [Differentiable] public static double "
                + "F(Matrix<double> A, Vector<double> b) => (A + Matrix<double>.Build.Dense(4, 2)).QR().Solve(Vector<double>.Build.Dense(3) + b).Sum(); }");
            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0011", diagnostic.Id);
            Assert.Contains("rows of the least-squares matrix and of the right-hand side", diagnostic.GetMessage());
        }
    }
}

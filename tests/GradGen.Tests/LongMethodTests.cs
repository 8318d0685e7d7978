using System;
using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// Long methods: the simplifier once rebuilt transposes of shared sums as trees (exponential in the
    /// method's length: 60 statements took 14 s, 80 did not finish). Generation time itself is measured
    /// by the GeneratorRun benchmark; here the long objective must generate, compile and be right.
    /// </summary>
    public class LongMethodTests
    {
        [Fact]
        public void A_300_statement_chain_generates_a_gradient_that_matches_central_differences()
        {
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + LongObjectives.Chain(300));
            var f = assembly.Static("Long", "F");
            var grad = assembly.Static("Long", "GradF");
            var inputs = new RandomMatrices(300);
            var x = inputs.Matrix(3, 3) * 0.5;
            var a = inputs.Matrix(3, 3) * 0.5;

            var generated = (Matrix<double>)grad(new object?[] { x, a })!;
            var numerical = GradientCheck.Numerical(v => (double)f(new object?[] { v, a })!, x, step: 1e-5);
            double error = (generated - numerical).FrobeniusNorm() / Math.Max(numerical.FrobeniusNorm(), 1e-3);
            Assert.True(error < 1e-6, $"relative error {error:E2}");
        }

        [Fact]
        public void Derivation_comments_of_long_methods_stay_bounded()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + LongObjectives.Chain(300));
            Assert.Empty(run.Errors);
            var comments = run.Single().Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("//", StringComparison.Ordinal)).ToList();
            var longest = comments.OrderByDescending(l => l.Length).First();
            Assert.True(longest.Length < 600, $"a comment line of {longest.Length} characters: {longest.Substring(0, 120)}…");
            // Coefficients the simplifier multiplied (0.3 · 0.3) read as 0.09 in comments; the code keeps the exact double.
            Assert.DoesNotContain(comments, l => l.Contains("0000000000"));
            Assert.Contains("0.09000000000000001 *", run.Single());
        }

        [Fact]
        public void A_long_matrix_valued_chain_has_a_bounded_Jacobian_comment_and_a_consistent_JVP_and_VJP()
        {
            // Y_k = A Y_{k−1} + Y_{k−1} B: written out, J has 2^k Kronecker terms; the comment leaves it out past a few.
            var body = string.Concat(Enumerable.Range(1, 40).Select(k => $"var Y{k} = A * Y{k - 1} + Y{k - 1} * B; "));
            string source = GeneratorHarness.Usings + "public static partial class LongJ { [Differentiable] public static Matrix<double> F("
                + "Matrix<double> X, Matrix<double> A, Matrix<double> B) { var Y0 = X; " + body + "return Y40; } }";
            var run = GeneratorHarness.Run(source);
            Assert.Empty(run.Errors);
            Assert.DoesNotContain("with J =", run.Single());
            var assembly = InMemoryAssembly.Build(source);
            var r = new RandomMatrices(40);
            var (x, a, b, dx) = (r.Matrix(2, 2), 0.3 * r.Matrix(2, 2), 0.3 * r.Matrix(2, 2), r.Matrix(2, 2));
            var fbar = r.Matrix(2, 2);
            var jvp = (Matrix<double>)assembly.Static("LongJ", "JvpF")(new object?[] { x, a, b, dx })!;
            var vjp = (Matrix<double>)assembly.Static("LongJ", "VjpF")(new object?[] { x, a, b, fbar })!;
            double left = MatrixFunctions.Inner(fbar, jvp), right = MatrixFunctions.Inner(vjp, dx);
            Assert.True(Math.Abs(left - right) <= 1e-10 * Math.Max(1, Math.Abs(left)), $"{left:R} against {right:R}");
        }
    }
}

using System;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Statements;
using GradGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.Lambdas
{
    /// <summary>
    /// Every objective of <see cref="LambdaObjectives"/> through the real generator, against central differences at several
    /// random inputs, and its value against F's.
    /// </summary>
    public class LambdaGradientTests
    {
        private readonly ITestOutputHelper _output;

        public LambdaGradientTests(ITestOutputHelper output) => _output = output;

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + "using System.Linq;\n"
            + string.Join("\n", LambdaObjectives.All.Select((c, i) => c.Source($"Lambdas{i}")))));

        [Fact]
        public void Every_lambda_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, LambdaObjectives.All, "Lambdas", seeds: 5, stride: 17, _output);
        }

        /// <summary>
        /// exp in ELU's branch for z ≤ 0 is evaluated at 0 where z &gt; 0: at z = 800 (exp overflows there) the value is z and the
        /// derivative 1, not NaN from 0 · ∞; at z = −800 the value is −1 and the derivative exp(−800) = 0.
        /// </summary>
        [Fact]
        public void A_branch_that_would_overflow_where_it_is_not_taken_stays_finite()
        {
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + "public static partial class Elu { "
                + "[Differentiable(Order = 2)] public static double F(Vector<double> x) => x.Map(z => z > 0 ? z : Math.Exp(z) - 1).Sum(); }");
            var x = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(new[] { 800.0, -800.0, 0.5, -0.5 });
            var both = ((double, MathNet.Numerics.LinearAlgebra.Vector<double>))assembly.Static("Elu", "ValueAndGradF")(new object?[] { x })!;
            Assert.Equal(800 - 1 + 0.5 + Math.Exp(-0.5) - 1, both.Item1, 10);
            Assert.Equal(new[] { 1.0, Math.Exp(-800), 1.0, Math.Exp(-0.5) }, both.Item2.ToArray());
            var hessian = (MathNet.Numerics.LinearAlgebra.Matrix<double>)assembly.Static("Elu", "HessianF")(new object?[] { x })!;
            Assert.Equal(new[] { 0.0, Math.Exp(-800), 0.0, Math.Exp(-0.5) }, hessian.Diagonal().ToArray());
        }

        /// <summary>The masks of a lambda's conditional have derivative 0, so second order goes through it: here a closed form.</summary>
        [Fact]
        public void A_Hessian_through_a_conditional_in_a_lambda_is_the_branch_taken_at_each_entry()
        {
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + "public static partial class Piecewise { "
                + "[Differentiable(Order = 2)] public static double F(Vector<double> x) => x.Map(z => z > 0 ? z * z * z : 0.5 * z * z).Sum(); }");
            var x = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(new[] { 0.7, -1.2, 2.0, -0.3 });
            var hessian = (MathNet.Numerics.LinearAlgebra.Matrix<double>)assembly.Static("Piecewise", "HessianF")(new object?[] { x })!;
            var expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalArray(x.Select(z => z > 0 ? 6 * z : 1.0).ToArray());
            Assert.True((hessian - expected).FrobeniusNorm() < 1e-12, hessian.ToString());
        }
    }
}

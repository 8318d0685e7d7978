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

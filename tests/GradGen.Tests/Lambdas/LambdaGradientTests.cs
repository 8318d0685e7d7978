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
            var outcome = CentralDifferences.Check(s_assembly.Value, LambdaObjectives.All, "Lambdas", seeds: 5, stride: 17);
            _output.WriteLine($"{LambdaObjectives.All.Length} objectives, {outcome.Checks} checks, worst relative error {outcome.Worst:E2}");
            Assert.True(outcome.Failures.Count == 0, string.Join("\n", outcome.Failures.Take(10)));
        }
    }
}

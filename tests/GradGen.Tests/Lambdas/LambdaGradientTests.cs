using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
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
        private const int SeedsPerCase = 5;
        private readonly ITestOutputHelper _output;

        public LambdaGradientTests(ITestOutputHelper output) => _output = output;

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + "using System.Linq;\n"
            + string.Join("\n", LambdaObjectives.All.Select((c, i) => StatementGradientTests.Source(c, $"Lambdas{i}")))));

        [Fact]
        public void Every_lambda_objective_matches_central_differences()
        {
            var failures = new List<string>();
            double worst = 0;
            for (int i = 0; i < LambdaObjectives.All.Length; i++)
            {
                var c = LambdaObjectives.All[i];
                var f = s_assembly.Value.Static($"Lambdas{i}", "F");
                var grad = s_assembly.Value.Static($"Lambdas{i}", "GradF");
                var both = s_assembly.Value.Static($"Lambdas{i}", "ValueAndGradF");
                for (int seed = 1; seed <= SeedsPerCase; seed++)
                {
                    var args = c.Draw(new RandomMatrices(seed * 17 + i));
                    object? result;
                    try
                    {
                        result = grad(args);
                    }
                    catch (TargetInvocationException e)
                    {
                        failures.Add($"{c.Name} (seed {seed * 17 + i}): {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
                        continue;
                    }
                    double value = (double)((ITuple)both(args)!)[0]!, expected = (double)f(args)!;
                    if (Compare.RelativeError(value, expected) > 1e-12) failures.Add($"{c.Name}: ValueAndGradF.Value {value:R} but F {expected:R}");
                    var gradients = c.WrtCount == 1 ? new[] { result } : Enumerable.Range(0, c.WrtCount).Select(k => ((ITuple)result!)[k]).ToArray();
                    for (int k = 0; k < c.WrtCount; k++)
                    {
                        double error = OperationGradientTests.ErrorAgainstDifferences(f, args, k, gradients[k]!);
                        worst = Math.Max(worst, error);
                        if (!(error < 1e-6)) failures.Add($"{c.Name} (seed {seed * 17 + i}, wrt #{k}): relative error {error:E2}");
                    }
                }
            }
            _output.WriteLine($"{LambdaObjectives.All.Length} objectives, worst relative error {worst:E2}");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        }
    }
}

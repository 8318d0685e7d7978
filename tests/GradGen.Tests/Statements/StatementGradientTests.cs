using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using GradGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// Loops, branches and reassignment through the real generator: every objective of <see cref="StatementObjectives"/>
    /// against central differences at several random inputs, its value against F's, and the Into forms against GradF.
    /// </summary>
    public class StatementGradientTests
    {
        private const int SeedsPerCase = 5;
        private readonly ITestOutputHelper _output;

        public StatementGradientTests(ITestOutputHelper output) => _output = output;

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", StatementObjectives.All.Select((c, i) => c.Source($"Statements{i}")))));

        [Fact]
        public void Every_statement_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, StatementObjectives.All, "Statements", SeedsPerCase, stride: 31, _output);
        }

        private const int RandomCount = 200;

        [Fact]
        public void Random_programs_with_loops_branches_and_reassignment_match_central_differences()
        {
            var failures = new List<string>();
            double worst = 0;
            int tried = 0, undefined = 0, stiff = 0;
            foreach (var seeds in Fuzz.Seeds(RandomCount))
            {
                var sources = seeds.Select(seed => $"public static partial class Program{seed}\n{{\n" + RandomPrograms.Create(seed) + "}\n");
                var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + string.Join("\n", sources));
                foreach (int seed in seeds)
                {
                    var f = assembly.Static($"Program{seed}", "F");
                    var both = assembly.Static($"Program{seed}", "ValueAndGradF");
                    var r = new RandomMatrices(seed);
                    var args = new object[] { 0.5 * r.Matrix(3, 3), r.Matrix(3, 3), 1 + seed % 3 };
                    var result = (ITuple)both(args)!;
                    double value = (double)result[0]!, expected = (double)f(args)!;
                    tried++;
                    // A program whose value overflows at its input (Y = Y·Y repeated) has no derivative to check there.
                    if (double.IsNaN(expected) || double.IsInfinity(expected))
                    {
                        undefined++;
                        continue;
                    }
                    if (Compare.RelativeError(value, expected) > 1e-12) failures.Add($"seed {seed}: value {value:R} but F {expected:R}");
                    double error = OperationGradientTests.ErrorAgainstDifferences(f, args, 0, result[1]!);
                    bool converges = false;
                    if (!(error < 1e-6))
                    {
                        // Central differences are O(h²): where they have not converged at h = 1e-5 (a gradient of 10⁵ through
                        // sin of large values), a step 4× smaller lands about 16× closer to a right gradient, and no closer
                        // to a wrong one.
                        double finer = OperationGradientTests.ErrorAgainstDifferences(f, args, 0, result[1]!, step: 2.5e-6);
                        converges = finer < error / 8 && finer < 0.5;
                        if (converges) stiff++;
                    }
                    worst = Math.Max(worst, converges ? 0 : error);
                    if (!(error < 1e-6) && !converges) failures.Add($"seed {seed}: relative error {error:E2}\n{RandomPrograms.Create(seed)}");
                }
            }
            _output.WriteLine($"{tried} random programs ({undefined} with a non-finite value, {stiff} checked at a finer step), "
                + $"worst relative error {worst:E2}");
            Assert.True(undefined <= tried / 50, $"{undefined} of {tried} programs have no finite value at their input");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using GradGen.Tests.Statements;

namespace GradGen.Tests.Support
{
    /// <summary>
    /// The check every objective catalogue runs: for each case (compiled as class prefix+i with F, GradF, ValueAndGradF), at
    /// several seeded inputs, GradF against central differences (1e-6 relative) and ValueAndGradF's value against F's (1e-12).
    /// </summary>
    public static class CentralDifferences
    {
        public sealed record Outcome(List<string> Failures, double Worst, int Checks);

        /// <summary>Runs <see cref="Check"/>, writes its count and worst error to the test's output, and fails on any failure.</summary>
        public static void Require(Assembly assembly, IReadOnlyList<ObjectiveCase> cases, string prefix, int seeds, int stride,
            Xunit.Abstractions.ITestOutputHelper output)
        {
            var outcome = Check(assembly, cases, prefix, seeds, stride);
            output.WriteLine($"{cases.Count} objectives, {outcome.Checks} checks, worst relative error {outcome.Worst:E2}");
            Xunit.Assert.True(outcome.Failures.Count == 0, string.Join("\n", outcome.Failures.Take(10)));
        }

        public static Outcome Check(Assembly assembly, IReadOnlyList<ObjectiveCase> cases, string prefix, int seeds, int stride)
        {
            var failures = new List<string>();
            double worst = 0;
            int checks = 0;
            for (int i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                var f = assembly.Static(prefix + i, "F");
                var grad = assembly.Static(prefix + i, "GradF");
                var both = assembly.Static(prefix + i, "ValueAndGradF");
                for (int seed = 1; seed <= seeds; seed++)
                {
                    int replay = seed * stride + i;
                    var args = c.Draw(new RandomMatrices(replay));
                    object? result;
                    try
                    {
                        result = grad(args);
                    }
                    catch (TargetInvocationException e)
                    {
                        failures.Add($"{c.Name} (seed {replay}): {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
                        continue;
                    }
                    double value = (double)((ITuple)both(args)!)[0]!, expected = (double)f(args)!;
                    if (!(Compare.RelativeError(value, expected) <= 1e-12)) failures.Add($"{c.Name}: ValueAndGradF.Value {value:R} but F {expected:R}");
                    var gradients = c.WrtCount == 1 ? new[] { result } : Enumerable.Range(0, c.WrtCount).Select(k => ((ITuple)result!)[k]).ToArray();
                    for (int k = 0; k < c.WrtCount; k++)
                    {
                        double error = OperationGradientTests.ErrorAgainstDifferences(f, args, k, gradients[k]!);
                        worst = Math.Max(worst, error);
                        checks++;
                        if (!(error < 1e-6)) failures.Add($"{c.Name} (seed {replay}, wrt #{k}): relative error {error:E2}");
                    }
                }
            }
            return new Outcome(failures, worst, checks);
        }
    }
}

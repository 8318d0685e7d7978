using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Precision
{
    /// <summary>
    /// The random compositions of <see cref="RandomObjectives"/> rewritten in float (types, literals with an f, the result
    /// cast once) beside their double originals, which RandomGradientTests checks against central differences: at data float
    /// holds exactly, each float gradient must be the double one to float rounding (and 0.1f against 0.1). A failure names
    /// the seed.
    /// </summary>
    public class RandomFloatTests
    {
        private const int Cases = 30;
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public RandomFloatTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        private static string InFloat(RandomObjective objective)
        {
            string source = objective.Source.Replace("Matrix<double>", "Matrix<float>")
                .Replace("public static double " + objective.Name + "(", "public static float " + objective.Name + "F32(");
            source = Regex.Replace(source, @"(?<![\w.])(\d+\.\d+)(?![\w.])", "$1f");
            int arrow = source.IndexOf("=> ", StringComparison.Ordinal) + 3;
            return source.Substring(0, arrow) + "(float)(" + source.Substring(arrow).TrimEnd().TrimEnd(';') + ");\n";
        }

        [Fact]
        public void Random_objectives_written_in_float_have_the_double_gradient_rounded_once()
        {
            var objectives = Enumerable.Range(1, Cases).Select(seed => RandomObjectives.Create(seed, RandomFeatures.Svd)).ToList();
            var assembly = InMemoryAssembly.BuildClass("RandomF", objectives.Select(o => o.Source).Concat(objectives.Select(InFloat)));
            var failures = new List<string>();
            double worst = 0;
            foreach (var objective in objectives)
            {
                var inputs = new RandomMatrices(objective.Seed);
                var singles = objective.Parameters.Select(p => inputs.Matrix(p.Rows, p.Columns).Map(v => (float)(0.5 * v))).ToArray();
                var doubles = singles.Select(m => (object?)m.Map(v => (double)v)).ToArray();
                var expected = (Matrix<double>)assembly.Static("RandomF", "Grad" + objective.Name)(doubles)!;
                var actual = (Matrix<float>)assembly.Static("RandomF", "Grad" + objective.Name + "F32")(singles.Cast<object?>().ToArray())!;
                double error = (actual.Map(v => (double)v) - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), 1e-6);
                worst = Math.Max(worst, error);
                if (!(error < 1e-6)) failures.Add($"seed {objective.Seed}: relative error {error:E2}");
            }
            _output.WriteLine($"{Cases} objectives, worst relative error {worst:E2}");
            Assert.True(failures.Count == 0, string.Join("\n", failures) + $"\nworst {worst:E2}");
        }
    }
}

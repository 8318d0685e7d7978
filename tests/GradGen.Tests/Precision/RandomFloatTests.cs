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

        private static string InFloat(RandomObjective objective) => InFloat(objective, "F32");

        /// <summary>The float rewrite under another name, with ComputeInFloat set.</summary>
        private static string ComputedInFloat(RandomObjective objective)
            => InFloat(objective, "C32").Replace("[Differentiable]", "[Differentiable(ComputeInFloat = true)]");

        private static string InFloat(RandomObjective objective, string suffix)
        {
            string source = objective.Source.Replace("Matrix<double>", "Matrix<float>")
                .Replace("public static double " + objective.Name + "(", "public static float " + objective.Name + suffix + "(");
            source = Regex.Replace(source, @"(?<![\w.])(\d+\.\d+)(?![\w.])", "$1f");
            int arrow = source.IndexOf("=> ", StringComparison.Ordinal) + 3;
            return source.Substring(0, arrow) + "(float)(" + source.Substring(arrow).TrimEnd().TrimEnd(';') + ");\n";
        }

        /// <summary>
        /// The float gradient (member Grad{name}{suffix}) against the double one at the same data, which float holds exactly:
        /// the error relative to the double gradient's norm or <paramref name="floor"/>, whichever is larger, and the double
        /// gradient.
        /// </summary>
        private static (double Error, Matrix<double> Expected) FloatAgainstDouble(System.Reflection.Assembly assembly, string type,
            RandomObjective objective, string suffix, double floor = 1e-6)
        {
            var inputs = new RandomMatrices(objective.Seed);
            var singles = objective.Parameters.Select(p => inputs.Matrix(p.Rows, p.Columns).Map(v => (float)(0.5 * v))).ToArray();
            var doubles = singles.Select(m => (object?)m.Map(v => (double)v)).ToArray();
            var expected = (Matrix<double>)assembly.Static(type, "Grad" + objective.Name)(doubles)!;
            var actual = (Matrix<float>)assembly.Static(type, "Grad" + objective.Name + suffix)(singles.Cast<object?>().ToArray())!;
            return ((actual.Map(v => (double)v) - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), floor), expected);
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
                var (error, _) = FloatAgainstDouble(assembly, "RandomF", objective, "F32");
                worst = Math.Max(worst, error);
                if (!(error < 1e-6)) failures.Add($"seed {objective.Seed}: relative error {error:E2}");
            }
            _output.WriteLine($"{Cases} objectives, worst relative error {worst:E2}");
            Assert.True(failures.Count == 0, string.Join("\n", failures) + $"\nworst {worst:E2}");
        }

        /// <summary>
        /// A gradient computed in float is measured against at least this: below it, it is what is left of unit-sized terms
        /// that cancel, each known in float to ≈ 10⁻⁷ (seed 10803 of the 20 000-program run: exp(0.1 tanh(s)) at a saturated
        /// tanh, |∇| = 9.2·10⁻⁸, off by 3·10⁻⁸ in float).
        /// </summary>
        private const double GradientFloor = 1e-4;

        [Fact]
        public void Random_objectives_computed_in_float_compile_and_match_the_double_gradient_to_float_accuracy()
        {
            // GRADGEN_FUZZ_COUNT lengthens the run (in chunks of Fuzz.Chunk objectives per compilation).
            var failures = new List<string>();
            var blockers = new Dictionary<string, int>();
            int inFloat = 0, total = 0;
            double worst = 0;
            foreach (var seeds in Fuzz.Seeds(Cases))
            {
                var objectives = seeds.Select(seed => RandomObjectives.Create(seed, RandomFeatures.Svd)).ToList();
                var sources = objectives.Select(o => o.Source).Concat(objectives.Select(ComputedInFloat)).ToList();
                var run = GeneratorHarness.Run(GeneratorHarness.Usings + "using System.Linq;\npublic static partial class RandomC\n{\n"
                    + string.Join("\n", sources) + "}\n");
                Assert.True(!run.Errors.Any(), $"seeds {seeds[0]}–{seeds[^1]}: " + string.Join("\n", run.Errors.Take(5)));
                inFloat += run.Files.Values.Count(f => f.Contains("computes in float (ComputeInFloat)"));
                const string stays = "the gradient stays in double: ";
                foreach (var file in run.Files.Values.Where(f => f.Contains(stays)))
                {
                    string why = file.Split(stays)[1].Split('\n')[0];
                    blockers[why] = blockers.TryGetValue(why, out int n) ? n + 1 : 1;
                }
                var assembly = InMemoryAssembly.BuildClass("RandomC", sources);
                foreach (var objective in objectives)
                {
                    total++;
                    var (error, expected) = FloatAgainstDouble(assembly, "RandomC", objective, "C32", GradientFloor);
                    if (double.IsNaN(error) && !expected.Enumerate().All(double.IsFinite)) continue;   // the double one overflowed too
                    worst = Math.Max(worst, error);
                    // Float arithmetic through a few products and maps: ≈ 1e-7 mostly, but a saturated tanh's 1 − t² cancels (seed
                    // 421 of a 1 200-objective fuzz run: 1.9e-3, where |∇| is 1.6e-5; see GradientFloor). The body is the double
                    // one rewritten, whose rules RandomGradientTests check; what this catches, a wrong overload, literal or lost
                    // term, is off by O(1).
                    if (!(error < 1e-2)) failures.Add($"seed {objective.Seed}: relative error {error:E2}");
                }
            }
            foreach (var why in blockers.OrderByDescending(b => b.Value)) _output.WriteLine($"{why.Value} in double: {why.Key}");
            _output.WriteLine($"{total} objectives, {inFloat} computed in float, worst relative error {worst:E2}");
            Assert.True(inFloat > 0, "no random objective was computed in float");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)) + $"\n{failures.Count} failures, worst {worst:E2}");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>
    /// Random compositions of the supported operations, through the real generator, compiled in
    /// memory and checked against central differences. A failure names the seed; replay it with
    /// RandomObjectives.Create(seed).
    /// </summary>
    public class RandomGradientTests
    {
        private const int Cases = 240;
        private readonly ITestOutputHelper _output;

        public RandomGradientTests(ITestOutputHelper output) => _output = output;

        /// <summary>
        /// The random checks are only as good as the code paths they reach: every cheaper form the emitter
        /// chooses (dgemm terms, run-time chain order, reused storage, O(n²) reductions) must occur in the
        /// generated code of the random corpus, so that the finite-difference checks above cover it.
        /// </summary>
        [Fact]
        public void Random_objectives_reach_every_emission_path()
        {
            var sources = Enumerable.Range(1, Cases).Select(RandomObjectives.Create).Select(o => o.Source)
                .Concat(Enumerable.Range(1, Cases / 2).Select(RandomObjectives.CreateMatrixValued).Select(o => o.Source));
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class Random\n{\n" + string.Join("\n", sources) + "}\n");
            Assert.Empty(run.Errors);
            string code = string.Join("\n", run.Files.Values);
            var paths = new[] { "MatrixFunctions.ScaledProduct(", "MatrixFunctions.AddScaledProduct(", "MatrixFunctions.AddScaled(", "MatrixFunctions.Product(", "goes into its storage", "MatrixFunctions.Inner(", "MatrixFunctions.TraceOfProduct(", "MatrixFunctions.FrobeniusNorm(", "TransposeThisAndMultiply(", "TransposeAndMultiply(",
                "MatrixFunctions.FactorCholesky(", "MatrixFunctions.CholeskyFactor(", "MatrixFunctions.LowerHalf(" };
            var counts = paths.ToDictionary(p => p, p => (code.Length - code.Replace(p, "").Length) / p.Length);
            _output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} ×{c.Value}")));
            Assert.All(counts, c => Assert.True(c.Value > 0, $"no random objective reaches {c.Key}"));
        }

        private const double Step = 1e-5;

        /// <summary>
        /// What rounding alone puts into central differences at <see cref="Step"/>: f(x ± h) each rounded by about ε|f|, so
        /// each entry is off by up to ≈ ε|f| / h (with a factor 8 for the rounding a long computation accumulates). A gradient
        /// tiny beside its objective (seed 9831 of the 20 000-program run: |∇f| = 2.5·10⁻⁵ beside f = 90) can differ from the
        /// differences by that much while agreeing with them to 2·10⁻⁷ at h = 10⁻³, where rounding weighs 100 times less.
        /// </summary>
        private static double RoundingOfDifferences(double value, Matrix<double> numerical)
            => 8 * 2.2e-16 * Math.Max(Math.Abs(value), 1) / Step * Math.Sqrt(numerical.RowCount * numerical.ColumnCount);

        [Fact]
        public void Random_objectives_match_central_differences()
        {
            var failures = new List<string>();
            double worst = 0;
            int tried = 0, withinRounding = 0;
            foreach (var seeds in Fuzz.Seeds(Cases))
            {
                var objectives = seeds.Select(RandomObjectives.Create).ToList();
                var assembly = InMemoryAssembly.BuildClass("Random", objectives.Select(o => o.Source));
                foreach (var objective in objectives)
                {
                    tried++;
                    var f = assembly.Static("Random", objective.Name);
                    var grad = assembly.Static("Random", "Grad" + objective.Name);
                    var into = assembly.Static("Random", "Grad" + objective.Name + "Into");
                    var inputs = new RandomMatrices(objective.Seed);
                    var args = objective.Parameters.Select(p => (object?)(inputs.Matrix(p.Rows, p.Columns) * 0.5)).ToArray();

                    var generated = (Matrix<double>)grad(args)!;
                    // The Into form writes the same gradient into a caller's matrix, every entry of it.
                    var buffer = Matrix<double>.Build.Dense(generated.RowCount, generated.ColumnCount, double.NaN);
                    into(args.Append(buffer).ToArray());
                    if (!buffer.Equals(generated)) failures.Add($"seed {objective.Seed}: GradFInto differs from GradF\n{objective.Source}");
                    var numerical = GradientCheck.Numerical(x => (double)f(args.Skip(1).Prepend(x).ToArray())!,
                        (Matrix<double>)args[0]!, Step);
                    double gap = (generated - numerical).FrobeniusNorm(), error = gap / Math.Max(numerical.FrobeniusNorm(), 1e-3);
                    worst = Math.Max(worst, error);
                    if (error < 1e-6) continue;
                    if (gap < RoundingOfDifferences((double)f(args)!, numerical)) { withinRounding++; continue; }
                    failures.Add($"seed {objective.Seed}: relative error {error:E2}\n{objective.Source}");
                }
            }
            _output.WriteLine($"{tried} random objectives, worst relative error {worst:E2}"
                + $" ({withinRounding} over 1e-6 but within the differences' rounding)");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        }
    
        [Fact]
        public void Random_matrix_functions_have_consistent_Jacobians_JVPs_and_VJPs()
        {
            var functions = Enumerable.Range(1, 120).Select(RandomObjectives.CreateMatrixValued).ToList();
            var assembly = InMemoryAssembly.BuildClass("RandomJ", functions.Select(o => o.Source));

            var failures = new List<string>();
            double worst = 0;
            foreach (var function in functions)
            {
                var f = assembly.Static("RandomJ", function.Name);
                var jacobian = assembly.Static("RandomJ", "Jacobian" + function.Name);
                var jvp = assembly.Static("RandomJ", "Jvp" + function.Name);
                var vjp = assembly.Static("RandomJ", "Vjp" + function.Name);
                var inputs = new RandomMatrices(function.Seed);
                var args = function.Parameters.Select(p => (object?)(inputs.Matrix(p.Rows, p.Columns) * 0.5)).ToArray();
                var x = (Matrix<double>)args[0]!;
                object?[] With(object extra) => args.Append(extra).ToArray();

                var j = (Matrix<double>)jacobian(args)!;
                var numerical = Jacobians.Numerical(v => (Matrix<double>)f(args.Skip(1).Prepend(v).ToArray())!, x, 1e-5);
                double error = (j - numerical).FrobeniusNorm() / Math.Max(numerical.FrobeniusNorm(), 1e-3);
                var dx = inputs.Matrix(x.RowCount, x.ColumnCount);
                var fbar = inputs.Matrix(function.Output.Rows, function.Output.Columns);
                double left = MatrixFunctions.Inner(fbar, (Matrix<double>)jvp(With(dx))!);
                double right = MatrixFunctions.Inner((Matrix<double>)vjp(With(fbar))!, dx);
                double mismatch = Math.Abs(left - right) / Math.Max(1, Math.Abs(left));
                worst = Math.Max(worst, error);
                if (!(error < 1e-6) || !(mismatch < 1e-10)) failures.Add($"seed {function.Seed}: Jacobian error {error:E2}, JVP/VJP mismatch {mismatch:E2}\n{function.Source}");
            }
            _output.WriteLine($"{functions.Count} random matrix functions, worst Jacobian error {worst:E2}");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        }
    
        [Fact]
        public void Random_objectives_have_Hessian_vector_products_matching_differences_of_the_gradient()
        {
            var objectives = Enumerable.Range(1000, 120).Select(seed => RandomObjectives.Create(seed, RandomFeatures.Lambdas)).ToList();
            var assembly = InMemoryAssembly.BuildClass("RandomH", objectives.Select(o => o.Source.Replace("[Differentiable]", "[Differentiable(Order = 2)]")));

            var failures = new List<string>();
            double worst = 0;
            foreach (var objective in objectives)
            {
                var grad = assembly.Static("RandomH", "Grad" + objective.Name);
                var hvp = assembly.Static("RandomH", "Hvp" + objective.Name);
                var inputs = new RandomMatrices(objective.Seed);
                var args = objective.Parameters.Select(p => (object?)(inputs.Matrix(p.Rows, p.Columns) * 0.5)).ToArray();
                var x = (Matrix<double>)args[0]!;
                var v = inputs.Matrix(x.RowCount, x.ColumnCount);
                Matrix<double> G(Matrix<double> at) => (Matrix<double>)grad(args.Skip(1).Prepend(at).ToArray())!;
                const double h = 1e-5;
                var numerical = (G(x + h * v) - G(x - h * v)) / (2 * h);
                var generated = (Matrix<double>)hvp(args.Append(v).ToArray())!;
                double error = (generated - numerical).FrobeniusNorm() / Math.Max(numerical.FrobeniusNorm(), 1e-3);
                worst = Math.Max(worst, error);
                if (!(error < 1e-5)) failures.Add($"seed {objective.Seed}: HVP relative error {error:E2}\n{objective.Source}");
            }
            _output.WriteLine($"{objectives.Count} random second-order objectives, worst HVP error {worst:E2}");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        }
    }
}

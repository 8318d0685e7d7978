using System.Linq;
using System.Text.RegularExpressions;
using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The derivation comment's cost line (Emit/CostList.cs), read off the generated text: the count and its grammar, the
    /// bounded list of a long method, a factorisation shared by several operations.
    /// </summary>
    public class CostLineTests
    {
        private static readonly Regex s_costLine = new(@"//   (\w+): (\d+) O\(n³\) operation(s?)(: (.*))?$", RegexOptions.Multiline);

        private static string Generate(string members)
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class C { " + members + " }");
            Assert.Empty(run.Errors);
            return string.Join("\n", run.Files.Values);
        }

        private static Match[] CostLines(string code) => s_costLine.Matches(code).Cast<Match>().ToArray();

        [Fact]
        public void One_operation_is_singular_and_more_are_plural()
        {
            // tr(A X B): its gradient (B A)ᵀ is one product; ‖A X B‖²'s value and gradient take several.
            var lines = CostLines(Generate("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B)"
                + " => (A * X * B).Trace(); [Differentiable] public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B)"
                + " => Math.Pow((A * X * B).FrobeniusNorm(), 2);"));
            Assert.Contains(lines, l => l.Groups[2].Value == "1");
            Assert.Contains(lines, l => int.Parse(l.Groups[2].Value) > 1);
            foreach (var line in lines) Assert.Equal(line.Groups[2].Value == "1" ? "" : "s", line.Groups[3].Value);
        }

        [Fact]
        public void A_long_methods_list_stops_near_240_characters_and_counts_the_rest()
        {
            // Σₖ ‖X Aₖ‖²: X Aₖ in the value, and (X Aₖ) Aₖᵀ in the gradient, 60 distinct products.
            string parameters = string.Join(", ", Enumerable.Range(1, 30).Select(k => $"Matrix<double> A{k}"));
            string body = string.Join(" + ", Enumerable.Range(1, 30).Select(k => $"Math.Pow((X * A{k}).FrobeniusNorm(), 2)"));
            var line = CostLines(Generate($"[Differentiable(nameof(X))] public static double F(Matrix<double> X, {parameters}) => {body};"))
                .Single(l => l.Groups[1].Value == "ValueAndGradF");
            int count = int.Parse(line.Groups[2].Value);
            Assert.Equal(60, count);
            var tail = Regex.Match(line.Groups[5].Value, @"^(.*) and (\d+) more$");
            Assert.True(tail.Success, line.Value);
            string shown = tail.Groups[1].Value;
            int items = shown.Split(", ").Length, rest = int.Parse(tail.Groups[2].Value);
            Assert.Equal(count, items + rest);
            // As many items as fit in 240 characters (each is at most a dozen here), and no more.
            Assert.InRange(shown.Length, 240 - 14, 240);
        }

        [Fact]
        public void A_shared_eigendecomposition_is_listed_once_by_name()
        {
            var lines = CostLines(Generate("[Differentiable] public static double F(Matrix<double> A)"
                + " { var S = A + A.Transpose(); return S.Evd().EigenValues.Real().Sum() + S.Evd().EigenVectors.Trace(); }"));
            Assert.Contains(lines, l => l.Groups[5].Value.Contains("the eigendecomposition of S"));
        }
    }
}

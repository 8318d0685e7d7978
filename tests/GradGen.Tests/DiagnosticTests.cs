using System.Linq;
using GradGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// Bad input gets one GG error at the offending syntax (marked [| |] in the source below),
    /// nothing is emitted for that method, the generator does not throw, and other methods still work.
    /// </summary>
    public class DiagnosticTests
    {
        private const string Usings = GeneratorHarness.Usings;

        [Theory]
        [InlineData("GG0001", "public static class [|Objectives|] { [Differentiable] public static double F(Matrix<double> X) => X.Trace(); }")]
        [InlineData("GG0001", "public class [|Outer|] { public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => X.Trace(); } }")]
        [InlineData("GG0002", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X, [|string s|]) => X.Trace(); }")]
        [InlineData("GG0002", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X, [|ref double s|]) => X.Trace(); }")]
        [InlineData("GG0002", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X, [|Matrix<float> Y|]) => X.Trace(); }")]
        [InlineData("GG0003", "public static partial class Objectives { [Differentiable] public static [|int|] F(Matrix<double> X) => X.RowCount; }")]
        [InlineData("GG0006", "public static partial class Objectives { [Differentiable(nameof(X), [|\"Y\"|])] public static double F(Matrix<double> X) => X.Trace(); }")]
        [InlineData("GG0004", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); while ([|s > 1|]) s = s / 2; return s; } }")]
        [InlineData("GG0004", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); [|do { s = s / 2; } while (s > 1);|] return s; } }")]
        [InlineData("GG0004", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) { [|X = X * 2|]; return X.Trace(); } }")]
        [InlineData("GG0005", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|X.PointwiseAtan2(X)|].Trace(); }")]
        [InlineData("GG0005", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|Math.IEEERemainder(X.Trace(), 2.0)|]; }")]
        [InlineData("GG0005", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|X.Remainder(2.0)|].Trace(); }")]
        [InlineData("GG0010", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|X.PointwiseSign()|].Trace(); }")]
        [InlineData("GG0010", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|X.Rank()|] * X.Trace(); }")]
        [InlineData("GG0010", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) { var Y = X * X; return [|Y.PointwiseSign()|].Trace(); } }")]
        [InlineData("GG0005", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|X.PointwiseMaximum(1.0)|].Trace(); }")]
        [InlineData("GG0005", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => [|X.MyNorm()|]; } public static class Ext { public static double MyNorm(this Matrix<double> m) => 0; }")]
        [InlineData("GG0011", "public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => ([|X * Matrix<double>.Build.Dense(2, 3) + Matrix<double>.Build.DenseIdentity(4)|]).Trace(); }")]
        [InlineData("GG0006", "public static partial class Objectives { [Differentiable([|\"Z\"|])] public static double F(Matrix<double> X) => X.Trace(); }")]
        [InlineData("GG0007", "public static partial class Objectives { [Differentiable([|\"n\"|])] public static double F(Matrix<double> X, int n) => n * X.Trace(); }")]
        [InlineData("GG0008", "public static partial class Objectives { [Differentiable] public static double [|F|]<T>(Matrix<double> X) => X.Trace(); }")]
        [InlineData("GG0009", "public static partial class Objectives { [Differentiable] public static double [|F|](Matrix<double> X) => X.Trace(); public static int GradF() => 0; }")]
        public void Reports_the_error_at_the_offending_syntax(string id, string marked)
        {
            int start = marked.IndexOf("[|", System.StringComparison.Ordinal);
            int end = marked.IndexOf("|]", System.StringComparison.Ordinal) - 2;
            string source = Usings + marked.Replace("[|", "").Replace("|]", "");
            int offset = Usings.Length;

            var run = GeneratorHarness.Run(source);

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Equal(new Microsoft.CodeAnalysis.Text.TextSpan(offset + start, end - start), diagnostic.Location.SourceSpan);
            Assert.Empty(run.Files);
        }

        [Fact]
        public void Several_problems_in_one_method_are_all_reported()
        {
            var run = GeneratorHarness.Run(Usings + @"
public static partial class Objectives
{
    [Differentiable]
    public static double F(Matrix<double> X)
    {
        var a = X.Remainder(2.0);
        var b = Math.IEEERemainder(X.Trace(), 2.0);
        return X.Trace();
    }
}");
            Assert.Equal(new[] { "GG0005", "GG0005" }, run.GeneratorDiagnostics.Select(d => d.Id));
        }

        [Fact]
        public void A_bad_method_does_not_stop_a_good_one_and_the_output_compiles()
        {
            var run = GeneratorHarness.Run(Usings + @"
public static partial class Objectives
{
    [Differentiable]
    public static double Bad(Matrix<double> X) { while (true) { } }

    [Differentiable]
    public static double Good(Matrix<double> X, Matrix<double> A) => (A * X).Trace();
}");
            Assert.Equal("GG0004", Assert.Single(run.GeneratorDiagnostics).Id);
            Assert.Equal(new[] { "Objectives.Good.g.cs" }, run.Files.Keys);
            Assert.DoesNotContain(run.Errors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
            Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Id is "CS8785" or "AD0001");
        }

        [Fact]
        public void Overloads_get_distinct_files_that_compile()
        {
            var run = GeneratorHarness.Run(Usings + @"
public static partial class Objectives
{
    [Differentiable] public static double F(Matrix<double> X) => X.Trace();
    [Differentiable] public static double F(Matrix<double> X, Matrix<double> A) => (A * X).Trace();
}");
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Equal(2, run.Files.Count);
            Assert.Empty(run.Errors);
        }
    }
}

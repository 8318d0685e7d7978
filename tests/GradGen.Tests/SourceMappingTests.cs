using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The forward pass of a generated method is mapped (#line) to the user's statements: a failure there shows the user's
    /// file and line in the stack trace, and a debugger steps through the user's lines; the reverse pass keeps the
    /// generated file's own lines.
    /// </summary>
    public class SourceMappingTests
    {
        // Line numbers below count from 1 in this text: the statement that fails for k > the rows of X is on line 8.
        private const string StraightLine = GeneratorHarness.Usings + @"public static partial class Mapped
{
    [Differentiable]
    public static double F(Matrix<double> X, int k)
    {
        var Y = X * X.Transpose();
        var Z = Y.SubMatrix(0, k, 0, k);
        return Z.FrobeniusNorm();
    }
}
";

        private const string WithLoop = GeneratorHarness.Usings + @"public static partial class Looped
{
    [Differentiable]
    public static double F(Matrix<double> X, int k)
    {
        double s = 0;
        for (int i = 0; i < 2; i++)
        {
            s += X.SubMatrix(0, k, 0, k).FrobeniusNorm();
        }
        return s;
    }
}
";

        [Theory]
        [InlineData("Mapped", "GradF", 10)]
        [InlineData("Mapped", "ValueAndGradF", 10)]
        [InlineData("Looped", "GradF", 12)]
        public void A_failure_in_the_forward_pass_names_the_users_line(string type, string method, int line)
        {
            var assembly = InMemoryAssembly.BuildWithSymbols(type == "Mapped" ? StraightLine : WithLoop);
            var generated = assembly.GetType(type)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
            var X = new RandomMatrices(5).Matrix(3, 3);

            var thrown = Assert.ThrowsAny<Exception>(() => generated.Invoke(null, new object[] { X, 7 }));
            var inner = thrown is TargetInvocationException { InnerException: { } e } ? e : thrown;

            var frame = new StackTrace(inner, fNeedFileInfo: true).GetFrames().First(f => f.GetMethod()?.Name == method);
            Assert.Equal("User0.cs", frame.GetFileName());
            Assert.Equal(line, frame.GetFileLineNumber());
        }

        [Fact]
        public void Only_forward_statements_are_mapped_and_each_mapped_line_has_its_own_directive()
        {
            var run = GeneratorHarness.Run(StraightLine);
            string text = run.Single();
            var lines = text.Split('\n');
            // The three statements of F, and nothing else of the user's file.
            var directives = lines.Where(l => l.StartsWith("#line (")).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
            Assert.Equal(new[]
            {
                "#line (10, 9) - (10, 41) \"User0.cs\"",
                "#line (11, 9) - (11, 34) \"User0.cs\"",
                "#line (9, 9) - (9, 35) \"User0.cs\"",
            }, directives);
            for (int i = 0; i < lines.Length; i++)
            {
                // A span directive maps the next line only: every mapped statement line has one right above it.
                if (lines[i].StartsWith("#line (")) Assert.False(lines[i + 1].StartsWith("#") || lines[i + 1].Trim().Length == 0, lines[i + 1]);
            }
            // Each method's mapping ends before its reverse pass.
            int methods = lines.Count(l => l.Contains("// Reverse pass"));
            Assert.True(methods > 0);
            Assert.Equal(methods, lines.Count(l => l == "#line default"));
            foreach (int i in Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("// Reverse pass")))
            {
                Assert.Equal("#line default", lines[i - 1]);
            }
        }
    }
}

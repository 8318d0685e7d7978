using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GradGen.CodeFixes;
using GradGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>GG0001's code fix: the generator's diagnostic, fixed in a workspace, then generating cleanly.</summary>
    public class CodeFixTests
    {
        [Theory]
        [InlineData("public static class Objectives", "public static partial class Objectives")]
        [InlineData("class Objectives", "partial class Objectives")]
        [InlineData("[System.Obsolete] internal sealed class Objectives", "[System.Obsolete] internal sealed partial class Objectives")]
        public void Make_partial_fixes_GG0001_and_the_method_then_generates(string declaration, string expected)
        {
            string source = "using GradGen;\nusing MathNet.Numerics.LinearAlgebra;\n" + declaration + "\n{\n    [Differentiable] public static double F(Matrix<double> X) => X.Trace();\n}\n";
            var before = GeneratorHarness.Run(source);
            var reported = Assert.Single(before.GeneratorDiagnostics);
            Assert.Equal("GG0001", reported.Id);

            string fixedSource = ApplyFix(source, reported);

            Assert.Contains(expected + "\n", fixedSource);
            var after = GeneratorHarness.Run(fixedSource);
            Assert.Empty(after.GeneratorDiagnostics);
            Assert.Single(after.Files);
            Assert.Empty(after.Errors);
        }

        private static string ApplyFix(string source, Diagnostic reported)
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject("User", LanguageNames.CSharp);
            var document = workspace.AddDocument(project.Id, "User0.cs", SourceText.From(source));
            var tree = document.GetSyntaxTreeAsync().Result!;
            var diagnostic = Diagnostic.Create(reported.Descriptor, Location.Create(tree, reported.Location.SourceSpan));

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            var provider = new MakePartialCodeFixProvider();
            Assert.Contains("GG0001", provider.FixableDiagnosticIds);
            provider.RegisterCodeFixesAsync(context).Wait();

            var action = Assert.Single(actions);
            Assert.StartsWith("Make 'Objectives' partial", action.Title);
            var operations = action.GetOperationsAsync(CancellationToken.None).Result;
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return changed.GetDocument(document.Id)!.GetTextAsync().Result.ToString();
        }
    }
}

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
            using var workspace = new AdhocWorkspace();
            var document = UserDocument(workspace, source);

            // The diagnostic exactly as the driver reports it on the document's own compilation, as an IDE sees it.
            var reported = Assert.Single(GeneratorDiagnostics(document));
            Assert.Equal("GG0001", reported.Id);
            Assert.True(reported.Location.IsInSource);
            Assert.Same(document.GetSyntaxTreeAsync().Result, reported.Location.SourceTree);

            var fixedDocument = ApplyFix(document, reported);

            Assert.Contains(expected + "\n", fixedDocument.GetTextAsync().Result.ToString());
            Assert.Empty(GeneratorDiagnostics(fixedDocument));
            var after = GeneratorHarness.Run(fixedDocument.GetTextAsync().Result.ToString());
            Assert.Single(after.Files);
            Assert.Empty(after.Errors);
        }

        private static Document UserDocument(AdhocWorkspace workspace, string source)
        {
            var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "User", "User", LanguageNames.CSharp,
                compilationOptions: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: GeneratorHarness.ParseOptions, metadataReferences: GeneratorHarness.References));
            return workspace.AddDocument(project.Id, "User0.cs", SourceText.From(source));
        }

        private static ImmutableArray<Diagnostic> GeneratorDiagnostics(Document document)
        {
            var compilation = document.Project.GetCompilationAsync().Result!;
            GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            return diagnostics;
        }

        private static Document ApplyFix(Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            var provider = new MakePartialCodeFixProvider();
            Assert.Contains("GG0001", provider.FixableDiagnosticIds);
            provider.RegisterCodeFixesAsync(context).Wait();

            var action = Assert.Single(actions);
            Assert.StartsWith("Make 'Objectives' partial", action.Title);
            var operations = action.GetOperationsAsync(CancellationToken.None).Result;
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return changed.GetDocument(document.Id)!;
        }
    }
}

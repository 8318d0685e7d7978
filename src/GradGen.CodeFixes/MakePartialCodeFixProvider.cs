using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>GG0001 "Containing type is not partial": offers "Make 'T' partial".</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        public const string TypeNotPartial = "GG0001";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(TypeNotPartial);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The diagnostic sits on the type's name.
                var type = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (type is null || type.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{type.Identifier.Text}' partial",
                        ct => MakePartialAsync(context.Document, type, ct),
                        equivalenceKey: TypeNotPartial),
                    diagnostic);
            }
        }

        /// <summary>Adds <c>partial</c> as the last modifier, right before the type keyword where C# wants it.</summary>
        private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellation)
        {
            var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            TypeDeclarationSyntax fixedType = type.Modifiers.Count == 0
                ? type.WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(type.Keyword.LeadingTrivia))).WithKeyword(type.Keyword.WithLeadingTrivia())
                : type.WithModifiers(type.Modifiers.Add(partial));
            return document.WithSyntaxRoot(root!.ReplaceNode(type, fixedType));
        }
    }
}

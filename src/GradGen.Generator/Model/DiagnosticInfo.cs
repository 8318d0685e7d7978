using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// A diagnostic as plain values (no <see cref="Location"/>, which would pin a syntax tree
    /// in the pipeline and defeat caching); it becomes a <see cref="Diagnostic"/> only at output,
    /// located in the compilation's own syntax tree of that path (so IDEs attach code fixes and
    /// #pragma and severity settings apply: an external-file location bypasses them, dotnet/roslyn#68291).
    /// </summary>
    public sealed record DiagnosticInfo(
        string Id,
        string FilePath,
        TextSpan Span,
        LinePositionSpan LineSpan,
        EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        {
            var tree = location?.SourceTree;
            return new DiagnosticInfo(
                descriptor.Id,
                tree?.FilePath ?? string.Empty,
                location?.SourceSpan ?? default,
                location?.GetLineSpan().Span ?? default,
                new EquatableArray<string>(arguments));
        }

        public Diagnostic ToDiagnostic(Compilation compilation)
        {
            var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
            return Diagnostic.Create(descriptor, LocationIn(compilation), Arguments.ToObjectArray());
        }

        private Location LocationIn(Compilation compilation)
        {
            if (FilePath.Length == 0) return Location.None;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length) return Location.Create(tree, Span);
            }
            return Location.Create(FilePath, Span, LineSpan);
        }
    }

    internal static class StringArrayExtensions
    {
        public static object[] ToObjectArray(this EquatableArray<string> items)
        {
            var result = new object[items.Count];
            for (int i = 0; i < items.Count; i++) result[i] = items[i];
            return result;
        }
    }
}

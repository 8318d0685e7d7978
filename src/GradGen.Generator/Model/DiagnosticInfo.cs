using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// A diagnostic as plain values (no <see cref="Location"/>, which would pin a syntax tree
    /// in the pipeline and defeat caching); it becomes a <see cref="Diagnostic"/> only at output.
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

        public Diagnostic ToDiagnostic()
        {
            var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
            var location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
            return Diagnostic.Create(descriptor, location, Arguments.ToObjectArray());
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

using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Lowering
{
    /// <summary>Where a user's statement is, for the generated forward pass's <c>#line</c> directives.</summary>
    internal static class SourceSpans
    {
        private static readonly char[] Unwritable = { '"', '\n', '\r' };

        /// <summary>
        /// The statement's span as the user sees it (through the user's own #line directives, if any); null where the file
        /// has no path, or one a #line directive cannot spell (a quote or a line break).
        /// </summary>
        public static SourceSpan? Of(SyntaxNode statement)
        {
            var span = statement.GetLocation().GetMappedLineSpan();
            if (!span.IsValid || span.Path.Length == 0 || span.Path.IndexOfAny(Unwritable) >= 0) return null;
            return new SourceSpan(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
        }
    }
}

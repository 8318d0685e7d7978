using GradGen.Generator.Ir;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// A statement of the user's source, 1-based as a <c>#line</c> directive writes it: the generated forward pass maps
    /// each of its statements to the user's statement it computes, so a debugger steps through the user's lines and a
    /// stack trace names them. Path is the file's full path (a #line path is not resolved against the generated file).
    /// </summary>
    public sealed record SourceSpan(string Path, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        /// <summary>The span directive; it maps only the line after it (the next lines count on from the span's start).</summary>
        public string Directive => $"#line ({StartLine}, {StartColumn}) - ({EndLine}, {EndColumn}) \"{Path}\"";
    }

    /// <summary>
    /// Which user statement each node of a straight-line body was lowered from: statement i's nodes are those with index
    /// below Ends[i] and at or above Ends[i − 1] (nodes are appended as statements are lowered). A node shared with an
    /// earlier statement keeps that statement's span.
    /// </summary>
    public sealed record SourceMap(EquatableArray<SourceSpan> Spans, EquatableArray<int> Ends)
    {
        public SourceSpan? SpanOf(NodeId id)
        {
            int lo = 0, hi = Ends.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (Ends[mid] > id.Index) hi = mid;
                else lo = mid + 1;
            }
            return lo < Spans.Count ? Spans[lo] : null;
        }
    }
}

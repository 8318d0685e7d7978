namespace GradGen.Generator.Lowering
{
    /// <summary>Source text as diagnostics quote it: on one line, at most 60 characters.</summary>
    internal static class SyntaxText
    {
        public static string Shorten(string text)
        {
            text = string.Join(" ", text.Split(new[] { ' ', '\r', '\n', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}

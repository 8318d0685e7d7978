using System;

namespace GradGen.Tests.Support
{
    /// <summary>Reading a generated file the way the emission tests do: one member's body, and how often a call occurs in it.</summary>
    public static class GeneratedText
    {
        /// <summary>The generated method <paramref name="name"/>, from its signature to the end of its body.</summary>
        public static string Member(string file, string name)
        {
            string member = file.Substring(file.IndexOf(name + "(", StringComparison.Ordinal));
            return member.Substring(0, member.IndexOf("\n    }", StringComparison.Ordinal));
        }

        public static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
    }
}

using System.Collections.Generic;
using System.Text;

namespace GradGen.Generator.Emit
{
    /// <summary>A minimal indented text writer for generated source (4 spaces, '\n' line ends, deterministic).</summary>
    public sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        /// <summary>A bare block: "{" and one more level of indent.</summary>
        public SourceWriter OpenBlock()
        {
            Line("{");
            _indent++;
            return this;
        }

        public SourceWriter Open(string line)
        {
            Line(line);
            Line("{");
            _indent++;
            return this;
        }

        /// <summary>
        /// A method's signature and its opening brace; a signature longer than <see cref="Width"/> has one parameter a line
        /// (generated parameter types are fully qualified, so a four-matrix method is 300 characters on one line).
        /// </summary>
        public SourceWriter OpenSignature(string signature)
        {
            var (head, parameters) = SplitParameters(signature);
            if (_indent * 4 + signature.Length <= Width || parameters.Count == 0) return Open(signature);
            Line(head + "(");
            _indent++;
            for (int i = 0; i < parameters.Count; i++) Line(parameters[i] + (i + 1 < parameters.Count ? "," : ")"));
            _indent--;
            Line("{");
            _indent++;
            return this;
        }

        /// <summary>Text wrapped at spaces to lines of at most <see cref="Width"/>, never inside an XML tag.</summary>
        public IEnumerable<string> Wrap(string text, int prefixLength)
        {
            int width = Width - _indent * 4 - prefixLength;
            var line = new StringBuilder();
            int depth = 0, lastSpace = -1;
            foreach (char c in text)
            {
                if (c == '<') depth++;
                if (c == '>') depth--;
                if (c == ' ' && depth == 0) lastSpace = line.Length;
                line.Append(c);
                if (line.Length > width && lastSpace > 0)
                {
                    yield return line.ToString(0, lastSpace);
                    line.Remove(0, lastSpace + 1);
                    lastSpace = -1;
                }
            }
            yield return line.ToString();
        }

        /// <summary>The longest line the writer makes of signatures and doc comments.</summary>
        public const int Width = 140;

        /// <summary>"head(p₁, …, pₖ)" into head and its parameters, split at commas outside (), &lt;&gt; and [].</summary>
        private static (string Head, List<string> Parameters) SplitParameters(string signature)
        {
            var parameters = new List<string>();
            if (!signature.EndsWith(")")) return (signature, parameters);
            int depth = 0, open = -1;
            for (int i = signature.Length - 1; i >= 0 && open < 0; i--)
            {
                if (signature[i] == ')') depth++;
                else if (signature[i] == '(' && --depth == 0) open = i;
            }
            if (open < 0) return (signature, parameters);
            int start = open + 1;
            depth = 0;
            for (int i = start; i < signature.Length - 1; i++)
            {
                char c = signature[i];
                if (c is '(' or '<' or '[') depth++;
                else if (c is ')' or '>' or ']') depth--;
                else if (c == ',' && depth == 0)
                {
                    parameters.Add(signature.Substring(start, i - start).Trim());
                    start = i + 1;
                }
            }
            string last = signature.Substring(start, signature.Length - 1 - start).Trim();
            if (last.Length > 0) parameters.Add(last);
            return (signature.Substring(0, open), parameters);
        }

        public SourceWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        public override string ToString() => _text.ToString();
    }
}

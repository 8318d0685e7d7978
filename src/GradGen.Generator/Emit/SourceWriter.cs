using System.Collections.Generic;
using System.Text;

namespace GradGen.Generator.Emit
{
    /// <summary>A minimal indented text writer for generated source (4 spaces, '\n' line ends, deterministic).</summary>
    public sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;
        private string? _mapTo;     // the #line directive each statement line gets until MapTo(null)
        private bool _mapped;       // a #line directive is in force: the next unmapped line needs #line default first

        public SourceWriter Line(string line = "")
        {
            string text = line.TrimStart();
            bool statement = text.Length > 0 && !text.StartsWith("//") && !text.StartsWith("#") && text is not ("{" or "}");
            if (_mapTo is not null && statement)
            {
                // A span directive maps only the line after it, so every statement line of a mapped part gets its own.
                _text.Append(_mapTo).Append('\n');
                _mapped = true;
            }
            else if (_mapTo is null && _mapped)
            {
                _text.Append("#line default\n");
                _mapped = false;
            }
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        /// <summary>
        /// The statement lines written from here on compute <paramref name="span"/> of the user's source (a debugger steps
        /// there, a stack trace names it); null: from the next line on, the generated file's own lines again.
        /// </summary>
        public void MapTo(Model.SourceSpan? span) => _mapTo = span?.Directive;

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

        public override string ToString() => _mapped ? _text.ToString() + "#line default\n" : _text.ToString();
    }
}

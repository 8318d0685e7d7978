using System.Globalization;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Emit
{
    /// <summary>How each IR kind is written as a MathNet call; the C# twin of <see cref="Notation"/>.</summary>
    internal static class MathNetSyntax
    {
        public const string Matrix = "global::MathNet.Numerics.LinearAlgebra.Matrix<double>";
        public const string Vector = "global::MathNet.Numerics.LinearAlgebra.Vector<double>";
        public const string Math = "global::System.Math";
        public const string Runtime = "global::GradGen.Runtime.MatrixFunctions";
        public const string ShapeErrors = "global::GradGen.Runtime.ShapeErrors";

        // C# precedence levels, loosest first.
        public const int Additive = 1, Multiplicative = 2, Unary = 3, Primary = 4;

        /// <summary>The runtime's float-to-double conversions (GradGen.Runtime.SinglePrecision).</summary>
        public const string SinglePrecision = "global::GradGen.Runtime.SinglePrecision";

        /// <summary>The runtime's per-thread recycled temporaries (GradGen.Runtime.Scratch).</summary>
        public const string Scratch = "global::GradGen.Runtime.Scratch";

        private const string WidenCall = SinglePrecision + ".Widen(", DoubleCast = "((double)";

        /// <summary>A float value (or matrix, or vector) as generated double-precision code reads it.</summary>
        public static string Widened(string text, ValueKind kind) => (kind == ValueKind.Scalar ? DoubleCast : WidenCall) + text + ")";

        /// <summary>What the derivation comment shows for a widened leaf: the user's own text.</summary>
        public static string Unwidened(string text) => Inside(text, WidenCall) ?? Inside(text, DoubleCast) ?? text;

        /// <summary>The text between <paramref name="opening"/> and the final ")", if <paramref name="text"/> is so wrapped.</summary>
        private static string? Inside(string text, string opening)
            => text.StartsWith(opening, System.StringComparison.Ordinal) && text.EndsWith(")", System.StringComparison.Ordinal)
                ? text.Substring(opening.Length, text.Length - opening.Length - 1) : null;

        private static readonly char[] DecimalMarks = { '.', 'E', 'e' };

        public static string Literal(double value)
        {
            if (double.IsNaN(value)) return "double.NaN";
            if (double.IsInfinity(value)) return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            if (text.IndexOfAny(DecimalMarks) < 0) text += ".0";
            return text;
        }

        public static string TypeOf(ValueKind kind) => kind switch
        {
            ValueKind.Matrix => Matrix,
            ValueKind.Vector => Vector,
            _ => "double",
        };

        /// <summary>The number of entries of a value: 1 for a scalar, n for a vector, m·n for a matrix.</summary>
        public static string Count(string of, ValueKind kind) => kind switch
        {
            ValueKind.Scalar => "1",
            ValueKind.Vector => of + ".Count",
            _ => $"{of}.RowCount * {of}.ColumnCount",
        };

        /// <summary>The size expression of a sized constant: rows or columns of a matrix, or the length of a vector.</summary>
        public static string Size(string of, ValueKind kind, Axis axis)
            => kind == ValueKind.Vector ? of + ".Count" : axis == Axis.Columns ? of + ".ColumnCount" : of + ".RowCount";
    }
}

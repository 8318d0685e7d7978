using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// The exceptions generated methods throw when their inputs' sizes do not fit together: in the caller's terms (the
    /// generated method, the user's parameters and their shapes), never a kernel's.
    /// </summary>
    public static class ShapeErrors
    {
        /// <summary>
        /// An <see cref="ArgumentException"/> for <paramref name="parameter"/>: "GradG: B must have as many rows as X has columns
        /// (X is 5×6, B is 5×5)".
        /// </summary>
        public static ArgumentException Mismatch(string method, string parameter, string rule, params (string Name, object Value)[] shown)
        {
            string shapes = string.Join(", ", shown.Select(s => $"{s.Name} is {Describe(s.Value)}"));
            return new ArgumentException($"{method}: {rule} ({shapes}).", parameter);
        }

        /// <summary>5×6 for a matrix, "of length 5" for a vector.</summary>
        public static string Describe(object value) => value switch
        {
            Matrix<double> m => $"{m.RowCount}×{m.ColumnCount}",
            Vector<double> v => $"of length {v.Count}",
            Matrix<float> m => $"{m.RowCount}×{m.ColumnCount}",
            Vector<float> v => $"of length {v.Count}",
            null => "null",
            _ => value.ToString() ?? "",
        };
    }
}

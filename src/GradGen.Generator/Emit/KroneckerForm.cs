using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Writes the Kronecker terms found while deriving (<see cref="KroneckerTerms"/>) as text: J with
    /// vec(dF) = J vec(dX) and Jᵀ, e.g. (I ⊗ A)·diag(vec exp(X B))·(Bᵀ ⊗ I). For the comment only.
    /// </summary>
    internal static class KroneckerForm
    {
        /// <summary>(J, Jᵀ) as text, or null when there is no form.</summary>
        public static (string J, string Transposed)? Write(IReadOnlyList<KroneckerTerm>? terms, Notation notation)
        {
            if (terms is null) return null;
            string Render(bool transposed)
            {
                var parts = terms.Select((t, i) =>
                {
                    int sign = t.Sign;
                    var factors = t.Factors.Select(f => Text(f, transposed, notation, ref sign)).ToList();
                    if (transposed) factors.Reverse();
                    // Scalars alone scale the identity: s·I, never a bare s added to matrices.
                    if (factors.Count > 0 && t.Factors.All(f => f.Kind == KroneckerFactorKind.Scalar)) factors.Add("I");
                    string body = string.Join("·", factors.DefaultIfEmpty("I"));
                    return (i == 0 ? (sign < 0 ? "−" : "") : (sign < 0 ? " − " : " + ")) + body;
                });
                return string.Concat(parts);
            }
            return (Render(transposed: false), Render(transposed: true));
        }

        private static string Text(KroneckerFactor f, bool transposed, Notation notation, ref int sign)
        {
            string D(NodeId node) => notation.Operand(node);
            string Paren(string text) => text.Contains(' ') ? "(" + text + ")" : text;
            switch (f.Kind)
            {
                case KroneckerFactorKind.Scalar:
                    string c = D(f.Node);
                    if (!c.StartsWith("−")) return c;
                    sign = -sign;
                    return c.Substring(1);
                case KroneckerFactorKind.MatrixVector:
                    return transposed ? Paren(D(f.Node)) + "ᵀ" : Paren(D(f.Node));
                case KroneckerFactorKind.Left:
                    return $"(I ⊗ {D(transposed ? f.Transposed : f.Node)})";
                case KroneckerFactorKind.Right:
                    return $"({D(transposed ? f.Transposed : f.Node)} ⊗ I)";
                case KroneckerFactorKind.Diagonal:
                    return $"diag(vec {D(f.Node)})";
                default:
                    return "K";
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Writes a differential dF, linear in dX, as the matrix J with vec(dF) = J vec(dX), by the vec
    /// rules of seed 001: vec(P E) = (I ⊗ P) vec(E), vec(E Q) = (Qᵀ ⊗ I) vec(E),
    /// vec(M ∘ E) = diag(vec M) vec(E), vec(Eᵀ) = K vec(E). Only for the documentation comment:
    /// the generated code never forms these matrices.
    /// </summary>
    internal sealed class KroneckerForm
    {
        /// <summary>A factor of a term: its text and its transpose's text.</summary>
        private sealed record Factor(string Text, string Transposed);

        private readonly AlgebraBuilder _ir;
        private readonly Notation _notation;
        private readonly int _direction;

        public KroneckerForm(AlgebraBuilder ir, Notation notation, int direction)
        {
            _ir = ir;
            _notation = notation;
            _direction = direction;
        }

        /// <summary>(J, Jᵀ) as text, or null when dF uses an operation without a simple vec form.</summary>
        public (string J, string Transposed)? Of(int differential)
        {
            var terms = Terms(differential);
            if (terms is null || terms.Count == 0) return null;
            string Render(IEnumerable<(int Sign, List<Factor> Factors)> ts, bool transposed)
            {
                var parts = ts.Select((t, i) =>
                {
                    var factors = transposed ? Enumerable.Reverse(t.Factors).Select(f => f.Transposed) : t.Factors.Select(f => f.Text);
                    string body = string.Join("·", factors.DefaultIfEmpty("I"));
                    return (i == 0 ? (t.Sign < 0 ? "−" : "") : (t.Sign < 0 ? " − " : " + ")) + body;
                });
                return string.Concat(parts);
            }
            return (Render(terms, false), Render(terms, true));
        }

        private bool Depends(int id) => id == _direction || (!_ir[id].IsLeaf && _ir[id].Args.Any(Depends));

        private List<(int Sign, List<Factor> Factors)>? Terms(int id)
        {
            if (id == _direction) return new() { (1, new List<Factor>()) };
            if (!Depends(id)) return new();
            var n = _ir[id];
            List<(int, List<Factor>)>? Prepend(int operand, Factor factor, int sign = 1)
                => Terms(operand)?.Select(t => (t.Sign * sign, new[] { factor }.Concat(t.Factors).ToList())).ToList();
            string D(int node) => _notation.Operand(node);
            string Paren(string text) => text.Contains(' ') ? "(" + text + ")" : text;
            switch (n.Op)
            {
                case Op.Add:
                    return Concat(Terms(n.Args[0]), Terms(n.Args[1]), 1);
                case Op.Sub:
                    return Concat(Terms(n.Args[0]), Terms(n.Args[1]), -1);
                case Op.Neg:
                    return Terms(n.Args[0])?.Select(t => (-t.Sign, t.Factors)).ToList();
                case Op.Scale when !Depends(n.Args[0]):
                    string c = D(n.Args[0]);
                    return c.StartsWith("−")
                        ? Prepend(n.Args[1], new Factor(c.Substring(1), c.Substring(1)), -1)
                        : Prepend(n.Args[1], new Factor(c, c));
                case Op.MatMul when !Depends(n.Args[0]) && _ir[n.Args[1]].Kind == ValueKind.Vector:
                    return Prepend(n.Args[1], new Factor(Paren(D(n.Args[0])), Paren(D(n.Args[0])) + "ᵀ"));
                case Op.MatMul when !Depends(n.Args[0]):
                    return Prepend(n.Args[1], new Factor($"(I ⊗ {D(n.Args[0])})", $"(I ⊗ {D(_ir.Transpose(n.Args[0]))})"));
                case Op.MatMul when !Depends(n.Args[1]) && _ir[n.Args[1]].Kind == ValueKind.Matrix:
                    return Prepend(n.Args[0], new Factor($"({D(_ir.Transpose(n.Args[1]))} ⊗ I)", $"({D(n.Args[1])} ⊗ I)"));
                case Op.Hadamard when !Depends(n.Args[0]):
                    return Prepend(n.Args[1], new Factor($"diag(vec {D(n.Args[0])})", $"diag(vec {D(n.Args[0])})"));
                case Op.Hadamard when !Depends(n.Args[1]):
                    return Prepend(n.Args[0], new Factor($"diag(vec {D(n.Args[1])})", $"diag(vec {D(n.Args[1])})"));
                case Op.Transpose:
                    return Prepend(n.Args[0], new Factor("K", "K"));
                default:
                    return null;
            }
        }

        private static List<(int, List<Factor>)>? Concat(List<(int Sign, List<Factor> Factors)>? a,
            List<(int Sign, List<Factor> Factors)>? b, int signOfB)
            => a is null || b is null ? null : a.Concat(b.Select(t => (t.Sign * signOfB, t.Factors))).ToList();
    }
}

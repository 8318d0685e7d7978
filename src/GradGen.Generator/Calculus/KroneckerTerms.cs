using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Calculus
{
    /// <summary>How one factor of a Kronecker term acts on vec(E).</summary>
    internal enum KroneckerFactorKind
    {
        Scalar,        // c: vec(c E) = c vec(E)
        MatrixVector,  // P: vec(P e) = P e for a vector e
        Left,          // I ⊗ P: vec(P E) = (I ⊗ P) vec(E)
        Right,         // Qᵀ ⊗ I: vec(E Q) = (Qᵀ ⊗ I) vec(E); Node is Qᵀ
        Diagonal,      // diag(vec M): vec(M ∘ E) = diag(vec M) vec(E)
        Commutation,   // K: vec(Eᵀ) = K vec(E)
    }

    /// <summary>A factor: what it is, the node it shows and the node its transpose shows (−1 where none).</summary>
    internal sealed record KroneckerFactor(KroneckerFactorKind Kind, int Node, int Transposed);

    /// <summary>±(F₁ ⋯ F_k): one term of J with vec(dF) = J vec(dX).</summary>
    internal sealed record KroneckerTerm(int Sign, IReadOnlyList<KroneckerFactor> Factors);

    /// <summary>
    /// A differential dF, linear in dX, as the matrix J with vec(dF) = J vec(dX), by the vec rules of the
    /// seed notes: vec(P E) = (I ⊗ P) vec(E), vec(E Q) = (Qᵀ ⊗ I) vec(E), vec(M ∘ E) = diag(vec M) vec(E),
    /// vec(Eᵀ) = K vec(E). Found while deriving (the transposed factors are nodes built by the algebra),
    /// written by Emit/KroneckerForm for the documentation comment only: generated code never forms J.
    /// </summary>
    internal static class KroneckerTerms
    {
        /// <summary>Beyond this many terms the form is left out: it would read worse than dF itself.</summary>
        private const int MaxTerms = 12;

        /// <summary>The terms of J, or null when dF uses an operation without a simple vec form (or has too many terms).</summary>
        public static IReadOnlyList<KroneckerTerm>? Of(AlgebraBuilder ir, int direction, int differential)
        {
            var depends = new Dictionary<int, bool>();
            var memo = new Dictionary<int, List<KroneckerTerm>?>();

            bool Depends(int id)
            {
                if (id == direction) return true;
                if (depends.TryGetValue(id, out bool known)) return known;
                bool result = !ir[id].IsLeaf && ir[id].Args.Any(Depends);
                depends[id] = result;
                return result;
            }

            List<KroneckerTerm>? Terms(int id)
            {
                if (memo.TryGetValue(id, out var known)) return known;
                var result = TermsOf(id);
                if (result is { Count: > MaxTerms }) result = null;
                memo[id] = result;
                return result;
            }

            List<KroneckerTerm>? Prepend(int operand, KroneckerFactorKind kind, int node, int transposed = -1, int sign = 1)
                => Terms(operand)?.Select(t => new KroneckerTerm(t.Sign * sign,
                    new[] { new KroneckerFactor(kind, node, transposed) }.Concat(t.Factors).ToList())).ToList();

            List<KroneckerTerm>? Concat(List<KroneckerTerm>? a, List<KroneckerTerm>? b, int signOfB)
                => a is null || b is null ? null : a.Concat(b.Select(t => t with { Sign = t.Sign * signOfB })).ToList();

            List<KroneckerTerm>? TermsOf(int id)
            {
                if (id == direction) return new() { new KroneckerTerm(1, new List<KroneckerFactor>()) };
                if (!Depends(id)) return new();
                var n = ir[id];
                int a = n.Arity > 0 ? n.Args[0] : -1, b = n.Arity > 1 ? n.Args[1] : -1;
                return n.Op switch
                {
                    Op.Add => Concat(Terms(a), Terms(b), 1),
                    Op.Sub => Concat(Terms(a), Terms(b), -1),
                    Op.Neg => Terms(a)?.Select(t => t with { Sign = -t.Sign }).ToList(),
                    Op.Scale when !Depends(a) => Prepend(b, KroneckerFactorKind.Scalar, a),
                    Op.MatMul when !Depends(a) && ir[b].Kind == ValueKind.Vector => Prepend(b, KroneckerFactorKind.MatrixVector, a),
                    Op.MatMul when !Depends(a) => Prepend(b, KroneckerFactorKind.Left, a, ir.Transpose(a)),
                    Op.MatMul when !Depends(b) && ir[b].Kind == ValueKind.Matrix
                        => Prepend(a, KroneckerFactorKind.Right, ir.Transpose(b), b),
                    Op.Hadamard when !Depends(a) => Prepend(b, KroneckerFactorKind.Diagonal, a),
                    Op.Hadamard when !Depends(b) => Prepend(a, KroneckerFactorKind.Diagonal, b),
                    Op.Transpose => Prepend(a, KroneckerFactorKind.Commutation, -1),
                    _ => null,
                };
            }

            var terms = Terms(differential);
            return terms is { Count: > 0 } ? terms : null;
        }
    }
}

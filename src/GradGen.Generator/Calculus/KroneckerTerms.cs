using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;
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

    /// <summary>A factor: what it is, the node it shows and the node its transpose shows (None where none).</summary>
    internal sealed record KroneckerFactor(KroneckerFactorKind Kind, NodeId Node, NodeId Transposed);

    /// <summary>±(F₁ ⋯ F_k): one term of J with vec(dF) = J vec(dX).</summary>
    internal sealed record KroneckerTerm(int Sign, IReadOnlyList<KroneckerFactor> Factors);

    /// <summary>
    /// A differential dF, linear in dX, as the matrix J with vec(dF) = J vec(dX), by the vec rules of the
    /// seed notes: vec(P E) = (I ⊗ P) vec(E), vec(E Q) = (Qᵀ ⊗ I) vec(E), vec(M ∘ E) = diag(vec M) vec(E),
    /// vec(Eᵀ) = K vec(E), each in its operation's descriptor (<see cref="Operation.VecForm"/>); this walks the
    /// differential with them, memoised. Found while deriving (the transposed factors are nodes built by the algebra),
    /// written by Emit/KroneckerForm for the documentation comment only: generated code never forms J.
    /// </summary>
    /// <summary>What an operation's vec rule reads: the terms of an operand, whether it depends on dX, the builder.</summary>
    internal sealed class VecContext
    {
        private readonly System.Func<NodeId, List<KroneckerTerm>?> _terms;
        private readonly System.Func<NodeId, bool> _depends;

        public VecContext(AlgebraBuilder ir, System.Func<NodeId, List<KroneckerTerm>?> terms, System.Func<NodeId, bool> depends)
        {
            Ir = ir;
            _terms = terms;
            _depends = depends;
        }

        public AlgebraBuilder Ir { get; }

        /// <summary>Does the node depend on the direction dX (else it is a constant factor)?</summary>
        public bool Depends(NodeId id) => _depends(id);

        /// <summary>J of an operand; null if it has no Kronecker form.</summary>
        public List<KroneckerTerm>? Terms(NodeId id) => _terms(id);

        /// <summary>The operand's terms, each with one factor in front.</summary>
        public List<KroneckerTerm>? Prepend(NodeId operand, KroneckerFactorKind kind, NodeId node, NodeId? transposed = null)
            => Terms(operand)?.Select(t => new KroneckerTerm(t.Sign,
                new[] { new KroneckerFactor(kind, node, transposed ?? NodeId.None) }.Concat(t.Factors).ToList())).ToList();

        /// <summary>J of a sum: the terms of both operands, the second's with <paramref name="signOfB"/>.</summary>
        public List<KroneckerTerm>? Concat(NodeId a, NodeId b, int signOfB)
            => Terms(a) is { } ta && Terms(b) is { } tb ? ta.Concat(tb.Select(t => t with { Sign = t.Sign * signOfB })).ToList() : null;
    }

    internal static class KroneckerTerms
    {
        /// <summary>Beyond this many terms the form is left out: it would read worse than dF itself.</summary>
        private const int MaxTerms = 12;

        /// <summary>The terms of J, or null when dF uses an operation without a simple vec form (or has too many terms).</summary>
        public static IReadOnlyList<KroneckerTerm>? Of(AlgebraBuilder ir, NodeId direction, NodeId differential)
        {
            var dependence = new Dependence(ir.Graph.Nodes, new[] { direction });
            bool Depends(NodeId id) => dependence[id];
            var memo = new Dictionary<NodeId, List<KroneckerTerm>?>();

            List<KroneckerTerm>? Terms(NodeId id)
            {
                if (memo.TryGetValue(id, out var known)) return known;
                var result = TermsOf(id);
                if (result is { Count: > MaxTerms }) result = null;
                memo[id] = result;
                return result;
            }

            VecContext? context = null;
            List<KroneckerTerm>? TermsOf(NodeId id)
            {
                if (id == direction) return new() { new KroneckerTerm(1, new List<KroneckerFactor>()) };
                if (!Depends(id)) return new();
                var n = ir[id];
                // Each operation's vec rule is in its descriptor (Ir/Operations: VecForm); none means no simple form.
                return Operations.Of(n.Op).VecForm?.Invoke(context!, n);
            }
            context = new VecContext(ir, Terms, Depends);

            var terms = Terms(differential);
            return terms is { Count: > 0 } ? terms : null;
        }
    }
}

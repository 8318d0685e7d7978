using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>Linear combinations written term by term into one matrix, products as dgemm updates.</summary>
    internal sealed partial class BodyWriter
    {
        /// <summary>
        /// A linear combination (A + B, A − B, cA, −A) of matrices or vectors written as one fresh matrix
        /// updated in place, not a temporary per operator: every gradient result, and any other local
        /// with a product term (A − X B Xᵀ: the product is written straight into the result).
        /// </summary>
        private bool Accumulates(NodeId id, bool isRoot)
        {
            if (_locals.ContainsKey(id) || !IsLinear(_nodes[id.Index])) return false;
            return (isRoot && id.Index >= _derivation.ForwardCount) || Terms(id).Any(t => FusedProduct(t.Node) is not null);
        }

        /// <summary>One term cᵢ·Tᵢ of a linear combination: a constant, scalar factors (nodes), and the matrix or vector.</summary>
        private readonly record struct Term(double Constant, IReadOnlyList<NodeId> Factors, NodeId Node);

        /// <summary>
        /// Σ cᵢTᵢ term by term into one result. A product term is one BLAS-style update,
        /// result += c·op(A)·op(B) (dgemm's α and β: no temporary, no scaling pass, no transposed copy);
        /// the first term creates the result (a product written straight into it, or a matrix computed
        /// here and scaled in place, or a scaled copy of an input); other terms are added in place.
        /// </summary>
        private void WriteAccumulation(SourceWriter w, NodeId id, string name, bool into = false)
        {
            var terms = Terms(id);
            // Start from a product (written straight into the result) or else a matrix computed here.
            int first = terms.FindIndex(t => FusedProduct(t.Node) is not null);
            if (first < 0) first = terms.FindIndex(t => Owned(t.Node));
            if (first < 0) first = 0;
            WriteTerms(w, id, name, new[] { terms[first] }.Concat(terms.Where((_, i) => i != first)).ToList(), into);
        }

        /// <summary>The terms cᵢTᵢ of a linear combination, constants multiplied through and scalar factors collected.</summary>
        private List<Term> Terms(NodeId id)
        {
            var terms = new List<Term>();
            void Flatten(NodeId node, double c, IReadOnlyList<NodeId> factors)
            {
                var n = _nodes[node.Index];
                if (node != id && (_locals.ContainsKey(node) || !IsLinear(n)))
                {
                    terms.Add(new Term(c, factors, node));
                    return;
                }
                switch (n.Op)
                {
                    case Op.Add: Flatten(n.Args[0], c, factors); Flatten(n.Args[1], c, factors); return;
                    case Op.Sub: Flatten(n.Args[0], c, factors); Flatten(n.Args[1], -c, factors); return;
                    case Op.Neg: Flatten(n.Args[0], -c, factors); return;
                    default:
                        var scale = _nodes[n.Args[0].Index];
                        if (scale.Op == Op.Const) Flatten(n.Args[1], c * scale.Value, factors);
                        else Flatten(n.Args[1], c, factors.Concat(new[] { n.Args[0] }).ToList());
                        return;
                }
            }
            Flatten(id, 1.0, System.Array.Empty<NodeId>());
            return terms;
        }

        /// <param name="into">The result is a caller's matrix <paramref name="name"/>: the first term overwrites it.</param>
        private void WriteTerms(SourceWriter w, NodeId id, string name, List<Term> ordered, bool into)
        {
            string storage = _nodes[id.Index].Kind == ValueKind.Vector ? "vector" : "matrix";
            w.Line($"// {name} = {_notation.Describe(id)}, accumulated term by term in one {storage}:");
            for (int i = 0; i < ordered.Count; i++)
            {
                var term = ordered[i];
                string note = "  // " + TermNote(term, i == 0);
                string coefficient = Coefficient(term);
                if (FusedProduct(term.Node) is { } p)
                {
                    string operands = GemmOperands(w, p, id);
                    w.Line(i > 0 ? $"{Runtime}.AddScaledProduct({name}, {coefficient}, {operands});{note}"
                        : into ? $"{Runtime}.ScaledProductInto({name}, {coefficient}, {operands});{note}"
                        : $"var {name} = {Runtime}.ScaledProduct({coefficient}, {operands});{note}");
                }
                else if (i == 0 && into)
                {
                    bool plain = term.Factors.Count == 0 && term.Constant == 1.0;
                    bool negated = term.Factors.Count == 0 && term.Constant == -1.0;
                    string write = plain ? $".CopyTo({name})" : negated ? $".Negate({name})" : $".Multiply({coefficient}, {name})";
                    w.Line($"{Wrap(term.Node, Primary)}{write};{note}");
                }
                else if (i == 0)
                {
                    bool plain = term.Factors.Count == 0 && term.Constant == 1.0;
                    bool negated = term.Factors.Count == 0 && term.Constant == -1.0;
                    if (Owned(term.Node))
                    {
                        // Computed here: ours to scale in place.
                        w.Line($"var {name} = {Expr(term.Node).Text};{note}");
                        if (negated) w.Line($"{name}.Negate({name});");
                        else if (!plain) w.Line($"{name}.Multiply({coefficient}, {name});");
                    }
                    else
                    {
                        // An input or a shared local: never written to, so the result starts as a scaled copy.
                        string copy = plain ? ".Clone()" : negated ? ".Negate()" : $".Multiply({coefficient})";
                        w.Line($"var {name} = {Wrap(term.Node, Primary)}{copy};{note}");
                    }
                }
                else if (term.Factors.Count == 0 && term.Constant == 1.0) w.Line($"{Runtime}.AddTo({name}, {Expr(term.Node).Text});{note}");
                else if (term.Factors.Count == 0 && term.Constant == -1.0)
                    w.Line($"{Runtime}.SubtractFrom({name}, {Expr(term.Node).Text});{note}");
                else w.Line($"{Runtime}.AddScaled({name}, {coefficient}, {Expr(term.Node).Text});{note}");
                _liveness.TermWritten(term.Node);
                foreach (NodeId factor in term.Factors) _liveness.TermWritten(factor);
            }
        }

        /// <summary>
        /// A product needed only as a factor of the next term of the accumulation <paramref name="accumulation"/>,
        /// written into the storage of a local of the same shape that nothing reads any more (a dgemm with
        /// β = 0 into it) instead of a fresh matrix.
        /// </summary>
        private void WriteIntoDeadBuffer(SourceWriter w, NodeId node, NodeId accumulation)
        {
            var n = _nodes[node.Index];
            if (!Owned(node) || n.Op != Op.MatMul || n.Kind != ValueKind.Matrix || _nodes[n.Args[0].Index].Kind != ValueKind.Matrix
                || Chain(node) is not null) return;
            var (left, right, method) = FoldedProduct(node);
            if (_nodes[left.Index].Op == Op.Transpose && _nodes[right.Index].Op == Op.Transpose) return;
            if (_liveness.DeadBuffer(node, accumulation) is not { } buffer) return;
            string name = Fresh(Label(node));
            w.Line($"var {name} = {_locals[buffer]};  // {_notation.Describe(buffer)} is not read again: {_notation.Describe(node)} "
                + $"goes into its storage");
            string flags = GemmFlags(method == "TransposeThisAndMultiply", method == "TransposeAndMultiply");
            w.Line($"{Runtime}.ScaledProductInto({name}, 1.0, {Expr(left).Text}, {Expr(right).Text}{flags});  // {name} "
                + $"= {_notation.Describe(node)}");
            _locals[node] = name;
            _liveness.WroteIntoBuffer(node);
        }

        /// <summary>The runtime's elementwise passes that take an <c>into:</c> argument.</summary>
        private static readonly HashSet<string> s_passesInto = new()
        {
            "Exp", "Log", "Tanh", "Sqrt", "Power", "Hadamard", "Divide", "AddScalar",
        };

        /// <summary>
        /// An elementwise result (exp, ∘, ⊘, + s, …) as one statement that writes it into the storage of a temporary of its
        /// shape that nothing reads after this statement (often its own operand), instead of a fresh matrix: the runtime's
        /// pass with <c>into:</c>. Null where the node is no such pass or no temporary is free.
        /// </summary>
        /// <param name="text">The node's C# as a fresh value (its <see cref="Expr"/>).</param>
        private string? IntoDeadTemporary(NodeId id, string name, string text)
        {
            var n = _nodes[id.Index];
            if (n.Kind == ValueKind.Scalar || n.Op is not (Op.Map or Op.Hadamard or Op.PointwiseDivide or Op.AddScalar)) return null;
            int open = text.IndexOf('(');
            if (!text.StartsWith(RuntimePrefix, System.StringComparison.Ordinal) || open < 0
                || !s_passesInto.Contains(text.Substring(RuntimePrefix.Length, open - RuntimePrefix.Length)) || !ClosesAtEnd(text, open)
                || _liveness.DeadAfter(id) is not { } buffer) return null;
            return $"var {name} = {text.Substring(0, text.Length - 1)}, into: {_locals[buffer]});  // {_notation.Describe(id)}, "
                + $"into {_locals[buffer]}'s storage ({_locals[buffer]} is not read again)";
        }

        /// <summary>Does the bracket opened at <paramref name="open"/> close at the text's last character?</summary>
        private static bool ClosesAtEnd(string text, int open)
        {
            int depth = 0;
            for (int i = open; i < text.Length; i++)
            {
                if (text[i] == '(') depth++;
                else if (text[i] == ')' && --depth == 0) return i == text.Length - 1;
            }
            return false;
        }

        /// <summary>
        /// "A, B[, transposeA: true][, transposeB: true]" for a dgemm-shaped call, after writing either factor
        /// that is itself a product into storage nothing reads any more (see <see cref="WriteIntoDeadBuffer"/>).
        /// </summary>
        private string GemmOperands(SourceWriter w, (NodeId A, bool TransposeA, NodeId B, bool TransposeB) p, NodeId accumulation)
        {
            WriteIntoDeadBuffer(w, p.A, accumulation);
            WriteIntoDeadBuffer(w, p.B, accumulation);
            return $"{Expr(p.A).Text}, {Expr(p.B).Text}{GemmFlags(p.TransposeA, p.TransposeB)}";
        }

        /// <summary>The optional arguments of the runtime's dgemm-shaped calls: ", transposeA: true" and/or ", transposeB: true".</summary>
        private static string GemmFlags(bool transposeA, bool transposeB)
            => (transposeA ? ", transposeA: true" : "") + (transposeB ? ", transposeB: true" : "");

        /// <summary>A matrix computed by this expression alone (not an input, not a local): the accumulation may own it.</summary>
        private bool Owned(NodeId node) => !_locals.ContainsKey(node) && !_nodes[node.Index].IsLeaf;

        /// <summary>
        /// A matrix·matrix product computed only for this term: its factors with their transposes
        /// unfolded into BLAS flags (op(A) = Aᵀ), so it can be one dgemm into the result.
        /// </summary>
        private (NodeId A, bool TransposeA, NodeId B, bool TransposeB)? FusedProduct(NodeId node)
        {
            var n = _nodes[node.Index];
            if (!Owned(node)) return null;
            // (P Q)ᵀ = Qᵀ Pᵀ: the same dgemm with the factors swapped and their flags flipped.
            if (n.Op == Op.Transpose && FusedProduct(n.Args[0]) is { } inner && _uses[n.Args[0].Index] == 1)
            {
                return (inner.B, !inner.TransposeB, inner.A, !inner.TransposeA);
            }
            // Diag(v) B is a row scaling, O(n²): never a dgemm against a formed diagonal matrix.
            if (n.Op != Op.MatMul || n.Kind != ValueKind.Matrix || _peepholes.DiagonalScaling(node) is not null) return null;
            if (_nodes[n.Args[0].Index].Kind != ValueKind.Matrix || _nodes[n.Args[1].Index].Kind != ValueKind.Matrix
                || Chain(node) is not null) return null;
            (NodeId, bool) Unfold(NodeId operand) => !_locals.ContainsKey(operand) && _nodes[operand.Index].Op == Op.Transpose
                ? (_nodes[operand.Index].Args[0], true) : (operand, false);
            var (a, ta) = Unfold(n.Args[0]);
            var (b, tb) = Unfold(n.Args[1]);
            return (a, ta, b, tb);
        }

        /// <summary>c·s₁·s₂… as C#: a literal, the scalar factors, or both.</summary>
        private string Coefficient(Term term)
        {
            if (term.Factors.Count == 0) return Literal(term.Constant);
            string factors = string.Join(" * ", term.Factors.Select(f => Wrap(f, Unary)));
            if (term.Constant == 1.0) return factors;
            if (term.Constant == -1.0) return "-" + (term.Factors.Count == 1 ? Wrap(term.Factors[0], Primary) : "(" + factors + ")");
            return Literal(term.Constant) + " * " + factors;
        }

        /// <summary>The term in seed notation, signed: −2 Yᵀ X B, + Xu.</summary>
        private string TermNote(Term term, bool first)
        {
            double magnitude = System.Math.Abs(term.Constant);
            string sign = term.Constant < 0 ? "−" : first ? "" : "+ ";
            if (term.Constant < 0 && !first) sign = "− ";
            string factors = string.Concat(term.Factors.Select(f => _notation.Operand(f) + "·"));
            string scale = magnitude == 1.0 ? "" : Notation.Number(magnitude) + " ";
            string body = scale.Length + factors.Length > 0 ? _notation.Operand(term.Node) : _notation.Describe(term.Node);
            return sign + scale + factors + body;
        }

        private bool IsLinear(Node n) => n.Kind != ValueKind.Scalar
            && (n.Op is Op.Add or Op.Sub or Op.Neg || (n.Op == Op.Scale && _nodes[n.Args[1].Index].Kind != ValueKind.Scalar));
    }
}

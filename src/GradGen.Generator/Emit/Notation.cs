using System;
using System.Collections.Generic;
using System.Globalization;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Renders any IR node in the notation of the seed notes (<c>tr(Xuᵀ X)</c>, <c>‖Y‖²_F</c>,
    /// <c>A ∘ B</c>), for the derivation comments of generated code, by each operation's notation rule
    /// (Ir/Operations); this class brackets, names and bounds what the rules write.
    /// </summary>
    public sealed class Notation
    {
        // ∘, ⊘ and ⊗ bind looser than juxtaposition (A B), so (A ∘ B) C is never read as A ∘ (B C).
        internal const int Sum = 1, Circ = 2, Product = 3, Unary = 4, Atom = 5;

        private readonly IReadOnlyList<Node> _nodes;
        private readonly IReadOnlyDictionary<NodeId, string> _names;

        /// <param name="names">Nodes shown by a name (the user's locals) instead of expanded.</param>
        public Notation(IReadOnlyList<Node> nodes, IReadOnlyDictionary<NodeId, string> names)
        {
            _nodes = nodes;
            _names = names;
        }

        /// <summary>
        /// Longest rendering of one subexpression before it is elided as "…": derivative DAGs share
        /// subexpressions, and written out as trees they can grow exponentially (the code itself names
        /// shared nodes, so only the comment needs the bound).
        /// </summary>
        public const int MaxLength = 200;

        private readonly Dictionary<NodeId, (string Text, int Level)> _memo = new();

        public string Describe(NodeId id)
        {
            RenderUpTo(id);
            return Render(id, expandRoot: true).Text;
        }

        private int _renderedUpTo = -1;

        /// <summary>
        /// Renders the nodes below <paramref name="id"/> in index (topological) order, so that rendering any
        /// of them finds its operands memoised: the recursion stays one level deep however deep the DAG
        /// (a 2 000-statement method overflowed the stack when the recursion followed the graph's depth).
        /// </summary>
        private void RenderUpTo(NodeId id)
        {
            for (; _renderedUpTo < id.Index - 1; _renderedUpTo++) Render(new NodeId(_renderedUpTo + 1));
        }

        /// <summary>A node as an operand of ⊗ or ∘: by its name if it has one, parenthesised if it is a sum.</summary>
        public string Operand(NodeId id) => Wrap(id, Circ);

        private (string Text, int Level) Render(NodeId id, bool expandRoot = false)
        {
            if (!expandRoot && _names.TryGetValue(id, out var name)) return (name, Atom);
            if (!expandRoot && _memo.TryGetValue(id, out var known)) return known;
            var rendered = RenderNode(id);
            if (rendered.Text.Length > MaxLength) rendered = ("…", Atom);
            if (!expandRoot) _memo[id] = rendered;
            return rendered;
        }

        private (string Text, int Level) RenderNode(NodeId id)
            => Ir.Operations.Operations.Of(_nodes[id.Index].Op).Notation(this, _nodes[id.Index]);

        // What the operations' notation rules (Ir/Operations) read.

        internal IReadOnlyList<Node> Nodes => _nodes;

        /// <summary>A node shown by its user's name (a local) instead of expanded.</summary>
        internal bool IsNamed(NodeId id) => _names.ContainsKey(id);

        /// <summary>A literal c or −c shown as a number (not a named local), else null.</summary>
        internal double? ConstantOf(NodeId id) => IsNamed(id) ? null : _nodes[id.Index] switch
        {
            { Op: Op.Const } n => n.Value,
            { Op: Op.Neg } n when _nodes[n.Args[0].Index].Op == Op.Const => -_nodes[n.Args[0].Index].Value,
            _ => null,
        };

        /// <summary>A node's rendering with its precedence (a view such as PositiveDefinite is written as its operand).</summary>
        internal (string Text, int Level) Same(NodeId id) => Render(id);

        /// <summary>A node's rendering without brackets (inside tr(·), ‖·‖, ⟨·, ·⟩).</summary>
        internal string Text(NodeId id) => Render(id).Text;

        /// <summary>Operand <paramref name="i"/> of <paramref name="n"/>, bracketed if looser than <paramref name="level"/>.</summary>
        internal string Arg(Node n, int i, int level = Atom) => Wrap(n.Args[i], level);

        internal string Wrap(NodeId id, int level)
        {
            var (text, own) = Render(id);
            return own < level ? "(" + text + ")" : text;
        }

        /// <summary>"2X" but "2 tr(X)": a coefficient is glued to a plain name and spaced from the rest.</summary>
        internal string Space(NodeId id)
        {
            var n = _nodes[id.Index];
            return n.Op is Op.Param or Op.Member or Op.Add or Op.Sub || _names.ContainsKey(id) ? "" : " ";
        }

        public static string ShortName(string access)
        {
            access = MathNetSyntax.Unwidened(access);
            int dot = access.LastIndexOf('.');
            return dot < 0 ? access : access.Substring(dot + 1);
        }

        /// <summary>
        /// A coefficient as a reader writes it: 15 significant digits, so the simplifier's 0.3·0.3 shows as 0.09,
        /// not 0.09000000000000001 (the code keeps the exact double).
        /// </summary>
        public static string Number(double value) => value.ToString("G15", CultureInfo.InvariantCulture).Replace("-", "−");

        internal static string Superscript(double k)
        {
            if (k == Math.Round(k) && Math.Abs(k) < 10)
            {
                const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
                return (k < 0 ? "⁻" : "") + digits[(int)Math.Abs(k)];
            }
            return "^" + Number(k);
        }
    }
}

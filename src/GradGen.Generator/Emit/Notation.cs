using System;
using System.Collections.Generic;
using System.Globalization;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Renders any IR node in the notation of the seed notes (<c>tr(Xuᵀ X)</c>, <c>‖Y‖²_F</c>,
    /// <c>A ∘ B</c>), for the derivation comments of generated code. One case per node kind.
    /// </summary>
    public sealed class Notation
    {
        // ∘, ⊘ and ⊗ bind looser than juxtaposition (A B), so (A ∘ B) C is never read as A ∘ (B C).
        private const int Sum = 1, Circ = 2, Product = 3, Unary = 4, Atom = 5;

        private readonly IReadOnlyList<Node> _nodes;
        private readonly IReadOnlyDictionary<int, string> _names;

        /// <param name="names">Nodes shown by a name (the user's locals) instead of expanded.</param>
        public Notation(IReadOnlyList<Node> nodes, IReadOnlyDictionary<int, string> names)
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

        private readonly Dictionary<int, (string Text, int Level)> _memo = new();

        public string Describe(int id)
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
        private void RenderUpTo(int id)
        {
            for (; _renderedUpTo < id - 1; _renderedUpTo++) Render(_renderedUpTo + 1);
        }

        /// <summary>A node as an operand of ⊗ or ∘: by its name if it has one, parenthesised if it is a sum.</summary>
        public string Operand(int id) => Wrap(id, Circ);

        private (string Text, int Level) Render(int id, bool expandRoot = false)
        {
            if (!expandRoot && _names.TryGetValue(id, out var name)) return (name, Atom);
            if (!expandRoot && _memo.TryGetValue(id, out var known)) return known;
            var rendered = RenderNode(id);
            if (rendered.Text.Length > MaxLength) rendered = ("…", Atom);
            if (!expandRoot) _memo[id] = rendered;
            return rendered;
        }

        private (string Text, int Level) RenderNode(int id)
        {
            var n = _nodes[id];
            string A(int level = Atom) => Wrap(n.Args[0], level);
            string B(int level = Atom) => Wrap(n.Args[1], level);
            switch (n.Op)
            {
                case Op.Param: return (n.Name, Atom);
                case Op.Member: return (ShortName(n.Name), Atom);
                case Op.Const: return (Number(n.Value), n.Value < 0 ? Unary : Atom);
                case Op.Identity: return ("I", Atom);
                case Op.Ones: return ("𝟙", Atom);
                case Op.Zero: return ("0", Atom);
                case Op.Add: return ($"{A(Sum)} + {B(Sum)}", Sum);
                case Op.Sub: return ($"{A(Sum)} − {B(Product)}", Sum);
                case Op.Neg: return ($"−{A(Product)}", Unary);
                case Op.Scale:
                case Op.Mul:
                    return _nodes[n.Args[0]].Op == Op.Const
                        ? ($"{A(Unary)}{Space(n.Args[1])}{B(Product)}", Product)
                        : ($"{A(Product)}·{B(Product)}", Product);
                case Op.Div: return ($"{A(Product)} / {B(Unary)}", Product);
                case Op.Transpose when _nodes[n.Args[0]].Op == Op.Inverse && !_names.ContainsKey(n.Args[0]): return ($"{Wrap(_nodes[n.Args[0]].Args[0], Atom)}⁻ᵀ", Atom);
                case Op.Transpose: return ($"{A()}ᵀ", Atom);
                case Op.Trace: return ($"tr({Render(n.Args[0]).Text})", Atom);
                case Op.ColumnSums: return ($"{A()}ᵀ𝟙", Product);
                case Op.RowSums: return ($"{A()} 𝟙", Product);
                case Op.Sum when _nodes[n.Args[0]].Op is Op.ColumnSums or Op.RowSums && !_names.ContainsKey(n.Args[0]):
                    return ($"𝟙ᵀ{Wrap(_nodes[n.Args[0]].Args[0], Atom)}𝟙", Product);
                case Op.Sum: return ($"𝟙ᵀ{A()}", Product);
                case Op.MatMul: return ($"{A(Product)} {B(Product)}", Product);
                case Op.Hadamard: return ($"{A(Unary)} ∘ {B(Unary)}", Circ);
                case Op.Outer: return ($"{A()} {B()}ᵀ", Product);
                case Op.Inner: return ($"⟨{Render(n.Args[0]).Text}, {Render(n.Args[1]).Text}⟩", Atom);
                case Op.FrobeniusNorm: return ($"‖{Render(n.Args[0]).Text}‖{(_nodes[n.Args[0]].Kind == ValueKind.Vector ? "" : "_F")}", Atom);
                case Op.Opaque: return (n.Name.Replace("global::", "").Replace("this.", ""), Atom);
                case Op.AddScalar:
                {
                    // c𝟙 + M, written 𝟙 − N for M = −N and c = 1, as the seed notes would.
                    string ones = n.Kind == ValueKind.Scalar ? "" : "𝟙";
                    string c = _nodes[n.Args[0]].IsConst(1) && ones.Length > 0 ? ones : A(Product) + ones;
                    var m = _nodes[n.Args[1]];
                    return m.Op == Op.Neg && !_names.ContainsKey(n.Args[1])
                        ? ($"{c} − {Wrap(m.Args[0], Product)}", Sum)
                        : ($"{B(Sum)} + {c}", Sum);
                }
                case Op.Diagonal: return ($"diag({Render(n.Args[0]).Text})", Atom);
                case Op.DiagMatrix: return ($"Diag({Render(n.Args[0]).Text})", Atom);
                case Op.AsColumn: return (A(), Atom);
                case Op.AsRow: return ($"{A()}ᵀ", Atom);
                case Op.ColumnOf: return ($"{A()}[:,{B()}]", Atom);
                case Op.RowOf: return ($"{A()}[{B()},:]ᵀ", Atom);
                case Op.PlaceColumn: return ($"{A()} e_{B()}ᵀ", Product);
                case Op.PlaceRow: return ($"e_{B()} {A()}ᵀ", Product);
                case Op.PointwiseDivide: return ($"{A(Unary)} ⊘ {B(Unary)}", Circ);
                case Op.DivScalar: return ($"{A(Product)} / {B(Unary)}", Product);
                case Op.ScalarDivide: return ($"{A(Unary)} ⊘ {B(Unary)}", Circ);
                case Op.Kronecker: return ($"{A(Unary)} ⊗ {B(Unary)}", Circ);
                case Op.KroneckerAdjointLeft: return ($"⟨{A()}, {B()}⟩_blocks", Atom);
                case Op.KroneckerAdjointRight: return ($"Σᵢⱼ {B()}ᵢⱼ {A()}ᵢⱼ", Product);
                case Op.Solve when _nodes[n.Args[0]].Op == Op.Transpose && !_names.ContainsKey(n.Args[0]): return ($"{Wrap(_nodes[n.Args[0]].Args[0], Atom)}⁻ᵀ {B(Product)}", Product);
                case Op.Solve: return ($"{A()}⁻¹ {B(Product)}", Product);
                case Op.Inverse when _nodes[n.Args[0]].Op == Op.Transpose && !_names.ContainsKey(n.Args[0]): return ($"{Wrap(_nodes[n.Args[0]].Args[0], Atom)}⁻ᵀ", Atom);
                case Op.Inverse: return ($"{A()}⁻¹", Atom);
                case Op.Det: return ($"|{Render(n.Args[0]).Text}|", Atom);
                case Op.LogDet: return ($"log|{Render(n.Args[0]).Text}|", Atom);
                case Op.Map: return MapNotation(n);
                case Op.Pow:
                    if (_nodes[n.Args[0]].Op == Op.FrobeniusNorm && !_names.ContainsKey(n.Args[0]) && n.Value == 2)
                    {
                        int normed = _nodes[n.Args[0]].Args[0];
                        return ($"‖{Render(normed).Text}‖²{(_nodes[normed].Kind == ValueKind.Vector ? "" : "_F")}", Atom);
                    }
                    return ($"{A()}{Superscript(n.Value)}", Atom);
                default: throw new ArgumentOutOfRangeException(nameof(id), n.Op, "No notation");
            }
        }

        private (string, int) MapNotation(Node n)
        {
            string x = Render(n.Args[0]).Text;
            return n.Name switch
            {
                Elementwise.Pow => ($"{Wrap(n.Args[0], Atom)}{(n.Kind == ValueKind.Scalar ? "" : "^∘")}{(n.Kind == ValueKind.Scalar ? Superscript(n.Value) : Number(n.Value))}", Atom),
                Elementwise.Relu => ($"max({x}, 0)", Atom),
                Elementwise.Step => ($"𝟙[{x} > 0]", Atom),
                _ => ($"{n.Name}({x})", Atom),
            };
        }

        private string Wrap(int id, int level)
        {
            var (text, own) = Render(id);
            return own < level ? "(" + text + ")" : text;
        }

        /// <summary>"2X" but "2 tr(X)": a coefficient is glued to a plain name and spaced from the rest.</summary>
        private string Space(int id)
        {
            var n = _nodes[id];
            return n.Op is Op.Param or Op.Member or Op.Add or Op.Sub || _names.ContainsKey(id) ? "" : " ";
        }

        public static string ShortName(string access)
        {
            int dot = access.LastIndexOf('.');
            return dot < 0 ? access : access.Substring(dot + 1);
        }

        public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("-", "−");

        private static string Superscript(double k)
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

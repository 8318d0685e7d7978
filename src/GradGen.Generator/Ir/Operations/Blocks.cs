using GradGen.Generator.Emit;
using GradGen.Generator.Lowering;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// Blocks of a matrix or vector: A.SubMatrix(i, r, j, c), v.SubVector(i, n), A.Append(B) = [A B], A.Stack(B) = [A; B].
    /// All are linear: each one's adjoint is the other's shape (a block's is the block placed into zeros, a concatenation's
    /// the blocks cut out of C̄), with sizes read at run time (<see cref="Dimension"/>).
    /// </summary>
    internal static class Blocks
    {
        public static Operation[] All => new[] { SubMatrix, PlaceBlock, Append, Stack, Dimension, IndexGrid };

        /// <summary>
        /// Gᵢⱼ = i (Axis: Rows) or j (Columns) over a matrix shaped like Args[0]; vᵢ = i (Axis: Like). Written with the index
        /// vector ι = (0, 1, 2, …) as ι 𝟙ᵀ, 𝟙 ιᵀ or ι (not I, which is the identity).
        /// </summary>
        public static readonly Operation IndexGrid = new(Op.IndexGrid)
        {
            IsLeaf = true,
            SizeFrom = static (nodes, n, axis) => (n.Args[0], axis),
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => n.Kind != ValueKind.Matrix ? ("ι", Notation.Atom)
                : (n.Axis == Axis.Columns ? "𝟙 ιᵀ" : "ι 𝟙ᵀ", Notation.Product),
            Emit = static (w, id, n) => n.Kind == ValueKind.Matrix
                ? ($"{Runtime}.IndexGrid({w.ShapeOf(n.Args[0])}, byRow: {(n.Axis == Axis.Rows ? "true" : "false")})", Primary)
                : ($"{Runtime}.IndexGrid({w.SizeOf(n.Args[0], Axis.Like)})", Primary),
        };

        /// <summary>A[i:i+r, j:j+c] (Args: A, i, r, j, c), or v[i:i+n] of a vector (Args: v, i, n).</summary>
        public static readonly Operation SubMatrix = new(Op.SubMatrix)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "SubMatrix", "SSSS", static (ir, r, a) => ir.SubMatrix(r, a)),
                new MemberRow(Receiver.Vector, "SubVector", "SS", static (ir, r, a) => ir.SubMatrix(r, a)),
            },
            Tangent = static r => r.If(r.DA, () => r.Ir.SubMatrix(r.DA, Indices(r.Node))),
            Adjoint = static r => FirstOnly(r, r.Ir.PlaceBlock(r.Bar, Indices(r.Node), r.A)),   // the block placed in zeros like A
            Shape = static (s, n) => new(s.FreshShape(n.Kind)),
            Notation = static (t, n) => ($"{t.Arg(n, 0)}[{Range(t, n, 1)}{(n.Kind == ValueKind.Matrix ? ", " + Range(t, n, 3) : "")}]",
                Notation.Atom),
            Emit = static (w, id, n) => n.Kind == ValueKind.Matrix
                ? ($"{w.Arg(n, 0)}.SubMatrix({w.Index(n.Args[1])}, {w.Index(n.Args[2])}, {w.Index(n.Args[3])}, {w.Index(n.Args[4])})",
                    Primary)
                : ($"{w.Arg(n, 0)}.SubVector({w.Index(n.Args[1])}, {w.Index(n.Args[2])})", Primary),
        };

        /// <summary>Block B placed at (i, j) in zeros shaped like the last operand (Args: B, i, r, j, c, like or b, i, n, like).</summary>
        public static readonly Operation PlaceBlock = new(Op.PlaceBlock)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.PlaceBlock(r.DA, Indices(r.Node, 1), Like(r.Node))),
            Adjoint = static r => FirstOnly(r, r.Ir.SubMatrix(r.Bar, Indices(r.Node, 1))),
            SizeFrom = static (nodes, n, axis) => (n.Args[n.Arity - 1], axis),
            Shape = static (s, n) => new(s.ShapeOf(n.Args[n.Arity - 1])),
            Notation = static (t, n) => ($"{t.Arg(n, 0)} at [{Range(t, n, 1)}{(n.Kind == ValueKind.Matrix ? ", " + Range(t, n, 3) : "")}]",
                Notation.Atom),
            Emit = static (w, id, n) => n.Kind == ValueKind.Matrix
                ? ($"{Runtime}.PlaceSubMatrix({w.Text(n.Args[0])}, {w.Index(n.Args[1])}, {w.Index(n.Args[3])}, {w.ShapeOf(Like(n))})",
                    Primary)
                : ($"{Runtime}.PlaceSubVector({w.Text(n.Args[0])}, {w.Index(n.Args[1])}, {w.SizeOf(Like(n), Axis.Like)})", Primary),
        };

        /// <summary>[A B]: B's columns after A's (A.Append(B)).</summary>
        public static readonly Operation Append = new(Op.Append)
        {
            Members = new[] { new MemberRow(Receiver.Matrix, "Append", "M", static (ir, r, a) => ir.Append(r, a[0])) },
            Tangent = static r => r.DA.IsNone && r.DB.IsNone ? NodeId.None
                : r.Ir.Append(r.DA.Exists ? r.DA : r.Ir.Zero(r.A), r.DB.Exists ? r.DB : r.Ir.Zero(r.B)),
            // Ā = C̄[:, 0:cols(A)], B̄ = C̄[:, cols(A):cols(A)+cols(B)]
            Adjoint = static r => new[]
            {
                Cut(r.Ir, r.Bar, r.A, rowOffset: null, columnOffset: null),
                Cut(r.Ir, r.Bar, r.B, rowOffset: null, columnOffset: r.Ir.Dimension(r.A, Axis.Columns)),
            },
            SizeFrom = static (nodes, n, axis) => axis == Axis.Rows ? (n.Args[0], Axis.Rows) : null,
            Shape = static (s, n) => new((s.Rows(n.Args[0]), s.FreshShape(ValueKind.Matrix).Columns),
                s.Equal(s.Rows(n.Args[0]), s.Rows(n.Args[1]), "rows of the matrices Append joins")),
            Notation = static (t, n) => ($"[{t.Text(n.Args[0])}  {t.Text(n.Args[1])}]", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Append({w.Text(n.Args[1])})", Primary),
        };

        /// <summary>[A; B]: B's rows under A's (A.Stack(B)).</summary>
        public static readonly Operation Stack = new(Op.Stack)
        {
            Members = new[] { new MemberRow(Receiver.Matrix, "Stack", "M", static (ir, r, a) => ir.Stack(r, a[0])) },
            Tangent = static r => r.DA.IsNone && r.DB.IsNone ? NodeId.None
                : r.Ir.Stack(r.DA.Exists ? r.DA : r.Ir.Zero(r.A), r.DB.Exists ? r.DB : r.Ir.Zero(r.B)),
            Adjoint = static r => new[]
            {
                Cut(r.Ir, r.Bar, r.A, rowOffset: null, columnOffset: null),
                Cut(r.Ir, r.Bar, r.B, rowOffset: r.Ir.Dimension(r.A, Axis.Rows), columnOffset: null),
            },
            SizeFrom = static (nodes, n, axis) => axis == Axis.Columns ? (n.Args[0], Axis.Columns) : null,
            Shape = static (s, n) => new((s.FreshShape(ValueKind.Matrix).Rows, s.Columns(n.Args[0])),
                s.Equal(s.Columns(n.Args[0]), s.Columns(n.Args[1]), "columns of the matrices Stack joins")),
            Notation = static (t, n) => ($"[{t.Text(n.Args[0])}; {t.Text(n.Args[1])}]", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Stack({w.Text(n.Args[1])})", Primary),
        };

        /// <summary>The rows, columns (Axis) or length of Args[0], read at run time: an int of derivative graphs (block sizes).</summary>
        public static readonly Operation Dimension = new(Op.Dimension)
        {
            IsLeaf = true,
            Notation = static (t, n) => ($"{(n.Axis == Axis.Rows ? "rows" : n.Axis == Axis.Columns ? "cols" : "len")}"
                + $"({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => (w.SizeOf(n.Args[0], n.Axis), Primary),
        };

        /// <summary>The block of <paramref name="bar"/> shaped like <paramref name="like"/> at the offsets' nodes (null: 0).</summary>
        private static NodeId Cut(Simplify.AlgebraBuilder ir, NodeId bar, NodeId like, NodeId? rowOffset, NodeId? columnOffset)
            => ir.SubMatrix(bar, new[]
            {
                rowOffset ?? ir.Const(0), ir.Dimension(like, Axis.Rows), columnOffset ?? ir.Const(0), ir.Dimension(like, Axis.Columns),
            });

        /// <summary>The index operands (i, r, j, c or i, n) of a block node, from operand <paramref name="first"/>.</summary>
        private static NodeId[] Indices(Node n, int first = 1)
        {
            int count = n.Kind == ValueKind.Matrix ? 4 : 2;
            var indices = new NodeId[count];
            for (int k = 0; k < count; k++) indices[k] = n.Args[first + k];
            return indices;
        }

        /// <summary>The first operand's adjoint; the index and size operands (ints) have none.</summary>
        private static NodeId[] FirstOnly(Rule r, NodeId adjoint)
        {
            var adjoints = new NodeId[r.Node.Arity];
            for (int k = 1; k < adjoints.Length; k++) adjoints[k] = NodeId.None;
            adjoints[0] = adjoint;
            return adjoints;
        }

        private static NodeId Like(Node n) => n.Args[n.Arity - 1];

        /// <summary>"i:i+r" of the index operands at <paramref name="at"/>, as "1:4" where both are literals.</summary>
        private static string Range(Notation t, Node n, int at)
        {
            var (start, count) = (t.Nodes[n.Args[at].Index], t.Nodes[n.Args[at + 1].Index]);
            if (start.Op == Op.Const && count.Op == Op.Const) return $"{start.Value}:{start.Value + count.Value}";
            if (start.IsConst(0)) return $"0:{t.Text(n.Args[at + 1])}";
            return $"{t.Text(n.Args[at])}:{t.Text(n.Args[at])}+{t.Text(n.Args[at + 1])}";
        }
    }
}

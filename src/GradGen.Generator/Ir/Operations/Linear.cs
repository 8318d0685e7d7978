using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;
using GradGen.Generator.Lowering;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// Linear operations: sums, scalings, transposes, diagonals, rows and columns. Their differential is
    /// the operation applied to the differentials, and their adjoint its transpose (the trace trick).
    /// </summary>
    internal static class Linear
    {
        public static Operation[] All => new[]
        {
            Add, Sub, Neg, Scale, Transpose, AddScalar, Diagonal, DiagMatrix, AsColumn, AsRow, ColumnOf, RowOf, PlaceColumn,
                PlaceRow, Element, PlaceElement,
        };

        /// <summary>A + B.</summary>
        public static readonly Operation Add = new(Op.Add)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Add", "M", static (ir, r, a) => ir.Add(r, a[0])),
                new MemberRow(Receiver.Vector, "Add", "V", static (ir, r, a) => ir.Add(r, a[0])),
            },
            VecForm = static (v, n) => v.Concat(n.Args[0], n.Args[1], 1),
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.Sum(r.DA, r.DB),                                       // d(A + B) = dA + dB
            Adjoint = static r => new[] { r.Bar, r.Bar },
            Shape = SameShapes,
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Sum)} + {RightOperand(t, n, Notation.Sum)}", Notation.Sum),
            Emit = static (w, id, n) => ($"{w.Wrap(n.Args[0], Additive)} + {w.Wrap(n.Args[1], Additive)}", Additive),
            IsSymmetric = BothSymmetric,
        };

        /// <summary>A − B.</summary>
        public static readonly Operation Sub = new(Op.Sub)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Subtract", "M", static (ir, r, a) => ir.Sub(r, a[0])),
                new MemberRow(Receiver.Vector, "Subtract", "V", static (ir, r, a) => ir.Sub(r, a[0])),
            },
            VecForm = static (v, n) => v.Concat(n.Args[0], n.Args[1], -1),
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.Sum(r.DA, r.If(r.DB, () => r.Ir.Neg(r.DB))),           // d(A − B) = dA − dB
            Adjoint = static r => new[] { r.Bar, r.Ir.Neg(r.Bar) },
            Shape = SameShapes,
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Sum)} − {RightOperand(t, n, Notation.Product)}", Notation.Sum),
            Emit = static (w, id, n) => ($"{w.Wrap(n.Args[0], Additive)} - {w.Wrap(n.Args[1], Multiplicative)}", Additive),
            IsSymmetric = BothSymmetric,
        };

        /// <summary>−A.</summary>
        public static readonly Operation Neg = new(Op.Neg)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Negate", "", static (ir, r, a) => ir.Neg(r)),
                new MemberRow(Receiver.Vector, "Negate", "", static (ir, r, a) => ir.Neg(r)),
            },
            VecForm = static (v, n) => v.Terms(n.Args[0])?.Select(t => t with { Sign = -t.Sign }).ToList(),
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA, () => r.Ir.Neg(r.DA)),                        // d(−A) = −dA
            Adjoint = static r => new[] { r.Ir.Neg(r.Bar) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => ($"−{t.Arg(n, 0, Notation.Product)}", Notation.Unary),
            Emit = static (w, id, n) => ($"-{w.Arg(n, 0)}", Unary),
            IsSymmetric = FirstSymmetric,
        };

        /// <summary>s·A (Args: the scalar s, then A).</summary>
        public static readonly Operation Scale = new(Op.Scale)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Multiply", "S", static (ir, r, a) => ir.Scale(a[0], r)),
                new MemberRow(Receiver.Vector, "Multiply", "S", static (ir, r, a) => ir.Scale(a[0], r)),
            },
            VecForm = static (v, n) => v.Depends(n.Args[0]) ? null : v.Prepend(n.Args[1], KroneckerFactorKind.Scalar, n.Args[0]),
            SizeFrom = Operation.LikeSecond,
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Times(r.DA, r.B)), r.If(r.DB, () => r.Ir.Times(r.A, r.DB))),
                // d(sA) = ds A + s dA
            Adjoint = static r => new[] { ScalarAdjoint(r), r.Ir.Times(r.A, r.Bar) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[1])),
            Notation = Products.ScaledNotation,
            Emit = Products.TimesEmit,
            IsSymmetric = static (ir, id, n) => ir.IsSymmetric(n.Args[1]),
        };

        /// <summary>Aᵀ (a vector is its own transpose: MathNet vectors have no orientation).</summary>
        public static readonly Operation Transpose = new(Op.Transpose)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Transpose", "", static (ir, r, a) => ir.Transpose(r)),
            },
            VecForm = static (v, n) => v.Prepend(n.Args[0], KroneckerFactorKind.Commutation, NodeId.None),    // vec(Eᵀ) = K vec(E)
            SizeFrom = static (nodes, n, axis)
                => (n.Args[0], n.Kind == ValueKind.Vector ? axis : axis == Axis.Columns ? Axis.Rows : Axis.Columns),
            Tangent = static r => r.If(r.DA, () => r.Ir.Transpose(r.DA)),                  // d(Aᵀ) = (dA)ᵀ
            Adjoint = static r => new[] { r.Ir.Transpose(r.Bar) },                         // Ā = C̄ᵀ
            Shape = static (s, n) => new(n.Kind == ValueKind.Vector ? s.ShapeOf(n.Args[0]) : (s.Columns(n.Args[0]), s.Rows(n.Args[0]))),
            Notation = static (t, n) => t.Nodes[n.Args[0].Index].Op == Op.Inverse && !t.IsNamed(n.Args[0])
                ? ($"{t.Wrap(t.Nodes[n.Args[0].Index].Args[0], Notation.Atom)}⁻ᵀ", Notation.Atom)
                : ($"{t.Arg(n, 0)}ᵀ", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Transpose()", Primary),
            IsSymmetric = FirstSymmetric,
        };

        /// <summary>A + s𝟙 (Args: s, then A).</summary>
        public static readonly Operation AddScalar = new(Op.AddScalar)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Add", "S", static (ir, r, a) => ir.AddScalar(a[0], r)),
                new MemberRow(Receiver.Matrix, "Subtract", "S", static (ir, r, a) => ir.AddScalar(ir.Neg(a[0]), r)),
                new MemberRow(Receiver.Vector, "Add", "S", static (ir, r, a) => ir.AddScalar(a[0], r)),
                new MemberRow(Receiver.Vector, "Subtract", "S", static (ir, r, a) => ir.AddScalar(ir.Neg(a[0]), r)),
            },
            SizeFrom = Operation.LikeSecond,
            // d(A + s𝟙) = dA + ds 𝟙
            Tangent = static r => r.DB.IsNone
                ? r.If(r.DA, () => r.Ir.Times(r.DA, r.Ir.Ones(r.B, Axis.Like)))
                : r.Ir.AddScalar(r.DA.IsNone ? r.Ir.Const(0) : r.DA, r.DB),
            Adjoint = static r => new[] { r.Ir.SumAll(r.Bar), r.Bar },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[1])),
            Notation = static (t, n) =>
            {
                // c𝟙 + M, written 𝟙 − N for M = −N and c = 1, and M − 𝟙 for c = −1, as the seed notes would.
                string ones = n.Kind == ValueKind.Scalar ? "" : "𝟙";
                string c = t.Nodes[n.Args[0].Index].IsConst(1) && ones.Length > 0 ? ones : t.Arg(n, 0, Notation.Product) + ones;
                var m = t.Nodes[n.Args[1].Index];
                if (m.Op == Op.Neg && !t.IsNamed(n.Args[1])) return ($"{c} − {t.Wrap(m.Args[0], Notation.Product)}", Notation.Sum);
                if (t.ConstantOf(n.Args[0]) is < 0 and var negative)
                {
                    string magnitude = negative == -1 && ones.Length > 0 ? ones : Notation.Number(-negative) + ones;
                    return ($"{t.Arg(n, 1, Notation.Sum)} − {magnitude}", Notation.Sum);
                }
                return ($"{t.Arg(n, 1, Notation.Sum)} + {c}", Notation.Sum);
            },
            // A matrix's or a vector's goes through the runtime's SIMD pass (MathNet's operator adds one entry at a time).
            Emit = static (w, id, n) => n.Kind == ValueKind.Scalar
                ? ($"{w.Wrap(n.Args[1], Additive)} + {w.Wrap(n.Args[0], Multiplicative)}", Additive)
                : ($"{Runtime}.AddScalar({w.Text(n.Args[1])}, {w.Text(n.Args[0])})", Primary),
            IsSymmetric = static (ir, id, n) => ir.IsSymmetric(n.Args[1]),
        };

        /// <summary>diag(A), the vector of diagonal entries.</summary>
        public static readonly Operation Diagonal = new(Op.Diagonal)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Diagonal", "", static (ir, r, a) => ir.Diagonal(r)),
            },
            Tangent = static r => r.If(r.DA, () => r.Ir.Diagonal(r.DA)),                   // d diag(A) = diag(dA)
            Adjoint = static r => new[] { r.Ir.DiagMatrix(r.Bar, r.A) },                   // Ā = Diag(v̄)
            Notation = static (t, n) => ($"diag({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Diagonal()", Primary),
        };

        /// <summary>Diag(v), shaped like Args[1] when given, else square.</summary>
        public static readonly Operation DiagMatrix = new(Op.DiagMatrix)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Builder, "DiagonalOfDiagonalVector", "V", static (ir, r, a) => ir.DiagMatrix(a[0])),
                new MemberRow(Receiver.Builder, "DenseOfDiagonalVector", "V", static (ir, r, a) => ir.DiagMatrix(a[0])),
            },
            Tangent = static r => r.If(r.DA, () => r.Node.Arity == 2 ? r.Ir.DiagMatrix(r.DA, r.B) : r.Ir.DiagMatrix(r.DA)),
            Adjoint = static r => new[] { r.Ir.Diagonal(r.Bar), NodeId.None },                      // d Diag(v) = Diag(dv): v̄ = diag(C̄)
            Shape = static (s, n) => new(n.Arity == 2 ? s.ShapeOf(n.Args[1]) : (s.Rows(n.Args[0]), s.Rows(n.Args[0]))),
            Notation = static (t, n) => ($"Diag({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => n.Arity == 2
                ? ($"{Matrix}.Build.DenseOfDiagonalVector({w.ShapeOf(n.Args[1])}, {w.Text(n.Args[0])})", Primary)
                : ($"{Matrix}.Build.DiagonalOfDiagonalVector({w.Text(n.Args[0])})", Primary),
            IsSymmetric = static (ir, id, n) => n.Arity == 1,
        };

        /// <summary>v as an n×1 matrix.</summary>
        public static readonly Operation AsColumn = new(Op.AsColumn)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Vector, "ToColumnMatrix", "", static (ir, r, a) => ir.AsColumn(r)),
            },
            Tangent = static r => r.If(r.DA, () => r.Ir.AsColumn(r.DA)),
            Adjoint = static r => new[] { r.Ir.ColumnOf(r.Bar, r.Ir.Const(0)) },           // v̄ = C̄[:,0]
            Shape = static (s, n) => new((s.Rows(n.Args[0]), s.Fresh(1))),
            Notation = static (t, n) => (t.Arg(n, 0), Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.ToColumnMatrix()", Primary),
        };

        /// <summary>vᵀ as a 1×n matrix.</summary>
        public static readonly Operation AsRow = new(Op.AsRow)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Vector, "ToRowMatrix", "", static (ir, r, a) => ir.AsRow(r)),
            },
            Tangent = static r => r.If(r.DA, () => r.Ir.AsRow(r.DA)),
            Adjoint = static r => new[] { r.Ir.RowOf(r.Bar, r.Ir.Const(0)) },
            Shape = static (s, n) => new((s.Fresh(1), s.Rows(n.Args[0]))),
            Notation = static (t, n) => ($"{t.Arg(n, 0)}ᵀ", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.ToRowMatrix()", Primary),
        };

        /// <summary>Column j of a matrix, as a vector (Args: M, j).</summary>
        public static readonly Operation ColumnOf = new(Op.ColumnOf)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Column", "S", static (ir, r, a) => ir.ColumnOf(r, a[0])),
            },
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Rows),
            Tangent = static r => r.If(r.DA, () => r.Ir.ColumnOf(r.DA, r.B)),
            Adjoint = static r => new[] { r.Ir.PlaceColumn(r.Bar, r.B, r.A), NodeId.None },         // v = A e_j: Ā = v̄ e_jᵀ
            Shape = static (s, n) => new((s.Rows(n.Args[0]), null)),
            Notation = static (t, n) => ($"{t.Arg(n, 0)}[:,{t.Arg(n, 1)}]", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Column({w.Index(n.Args[1])})", Primary),
        };

        /// <summary>Row i of a matrix, as a vector (Args: M, i).</summary>
        public static readonly Operation RowOf = new(Op.RowOf)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Row", "S", static (ir, r, a) => ir.RowOf(r, a[0])),
            },
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Columns),
            Tangent = static r => r.If(r.DA, () => r.Ir.RowOf(r.DA, r.B)),
            Adjoint = static r => new[] { r.Ir.PlaceRow(r.Bar, r.B, r.A), NodeId.None },            // v = Aᵀ e_i: Ā = e_i v̄ᵀ
            Shape = static (s, n) => new((s.Columns(n.Args[0]), null)),
            Notation = static (t, n) => ($"{t.Arg(n, 0)}[{t.Arg(n, 1)},:]ᵀ", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Row({w.Index(n.Args[1])})", Primary),
        };

        /// <summary>v e_jᵀ shaped like Args[2]: v in column j, 0 elsewhere (Args: v, j, like).</summary>
        public static readonly Operation PlaceColumn = new(Op.PlaceColumn)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.PlaceColumn(r.DA, r.B, r.Node.Args[2])),
            Adjoint = static r => new[] { r.Ir.ColumnOf(r.Bar, r.B), NodeId.None, NodeId.None },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[2])),
            Notation = static (t, n) => ($"{t.Arg(n, 0)} e_{t.Arg(n, 1)}ᵀ", Notation.Product),
            Emit = static (w, id, n)
                => ($"{Runtime}.PlaceColumn({w.Text(n.Args[0])}, {w.Index(n.Args[1])}, {w.ShapeOf(n.Args[2])})", Primary),
        };

        /// <summary>e_i vᵀ shaped like Args[2] (Args: v, i, like).</summary>
        public static readonly Operation PlaceRow = new(Op.PlaceRow)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.PlaceRow(r.DA, r.B, r.Node.Args[2])),
            Adjoint = static r => new[] { r.Ir.RowOf(r.Bar, r.B), NodeId.None, NodeId.None },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[2])),
            Notation = static (t, n) => ($"e_{t.Arg(n, 1)} {t.Arg(n, 0)}ᵀ", Notation.Product),
            Emit = static (w, id, n) => ($"{Runtime}.PlaceRow({w.Text(n.Args[0])}, {w.Index(n.Args[1])}, {w.ShapeOf(n.Args[2])})", Primary),
        };

        /// <summary>Aᵢⱼ or vᵢ with int indices (loop indices, parameters, constants).</summary>
        public static readonly Operation Element = new(Op.Element)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "At", "SS", static (ir, r, a) => ir.Element(r, a[0], a[1])),
                new MemberRow(Receiver.Vector, "At", "S", static (ir, r, a) => ir.Element(r, a[0])),
            },
            Tangent = static r => r.If(r.DA, () => r.Node.Arity == 3 ? r.Ir.Element(r.DA, r.B, r.Node.Args[2]) : r.Ir.Element(r.DA, r.B)),
            // Ā = s̄ e_i e_jᵀ: generated reverse loops add it into the one entry (Adjoints.AddAt), never a dense one-hot.
            Adjoint = static r => r.Node.Arity == 3
                ? new[] { r.Ir.PlaceElement(r.Bar, r.B, r.Node.Args[2], r.A), NodeId.None, NodeId.None }
                : new[] { r.Ir.PlaceElement(r.Bar, r.B, null, r.A), NodeId.None },
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) => (n.Arity == 3 ? $"{t.Arg(n, 0)}[{t.Arg(n, 1)},{t.Arg(n, 2)}]" : $"{t.Arg(n, 0)}[{t.Arg(n, 1)}]",
                Notation.Atom),
            Emit = static (w, id, n) => (n.Arity == 3 ? $"{w.Arg(n, 0)}[{w.Index(n.Args[1])}, {w.Index(n.Args[2])}]"
                : $"{w.Arg(n, 0)}[{w.Index(n.Args[1])}]", Primary),
        };

        /// <summary>s in entry (i, j) (or i) of a zero shaped like the last argument: the adjoint of an element read.</summary>
        public static readonly Operation PlaceElement = new(Op.PlaceElement)
        {
            Tangent = static r => r.If(r.DA, () => r.Node.Arity == 4 ? r.Ir.PlaceElement(r.DA, r.B, r.Node.Args[2], r.Node.Args[3])
                : r.Ir.PlaceElement(r.DA, r.B, null, r.Node.Args[2])),
            Adjoint = static r => r.Node.Arity == 4
                ? new[] { r.Ir.Element(r.Bar, r.B, r.Node.Args[2]), NodeId.None, NodeId.None, NodeId.None }
                : new[] { r.Ir.Element(r.Bar, r.B), NodeId.None, NodeId.None },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[n.Arity - 1])),
            // A unit entry is written e_i (e_i e_jᵀ), not 1 e_i: the subgradient of v[argmax v]; −1 is −e_i.
            Notation = static (t, n) => ((t.Nodes[n.Args[0].Index].IsConst(1) ? "" : t.Nodes[n.Args[0].Index].IsConst(-1) ? "−"
                    : t.Arg(n, 0) + " ")
                + (n.Arity == 4 ? $"e_{t.Arg(n, 1)} e_{t.Arg(n, 2)}ᵀ" : $"e_{t.Arg(n, 1)}"), Notation.Product),
            Emit = static (w, id, n) => n.Arity == 4
                ? ($"{Runtime}.PlaceElement({w.Text(n.Args[0])}, {w.Index(n.Args[1])}, {w.Index(n.Args[2])}, "
                    + $"{w.ShapeOf(n.Args[3])})", Primary)
                : ($"{Runtime}.PlaceElement({w.Text(n.Args[0])}, {w.Index(n.Args[1])}, {w.SizeOf(n.Args[2], Axis.Rows)})", Primary),
        };

        /// <summary>The right operand of + or −, a leading minus in brackets (<see cref="Products.Juxtaposed"/>).</summary>
        private static string RightOperand(Notation t, Node n, int level) => Products.Juxtaposed(t.Arg(n, 1, level));

        /// <summary>Elementwise binary operations: both operands and the result share one shape.</summary>
        internal static Shaped SameShapes(ShapeInference s, Node n)
            => new(s.ShapeOf(n.Args[0]), s.SameShape(n.Args[0], n.Args[1], "the two operands"));

        internal static bool BothSymmetric(Simplify.AlgebraBuilder ir, NodeId id,
            Node n) => ir.IsSymmetric(n.Args[0]) && ir.IsSymmetric(n.Args[1]);

        internal static bool FirstSymmetric(Simplify.AlgebraBuilder ir, NodeId id, Node n) => ir.IsSymmetric(n.Args[0]);

        /// <summary>The adjoint of the scalar s in C = sA: s̄ = ⟨C̄, A⟩ (or C̄·A for a scalar A).</summary>
        private static NodeId ScalarAdjoint(Rule r)
            => r.Ir.KindOf(r.B) == ValueKind.Scalar ? r.Ir.Mul(r.Bar, r.B) : r.Ir.Inner(r.Bar, r.B);
    }
}

using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;
using GradGen.Generator.Lowering;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// Bilinear operations: scalar, matrix, Hadamard, outer, inner and Kronecker products and quotients.
    /// The differential is the product rule (d(XY) = dX Y + X dY); each adjoint is the trace trick
    /// applied to one factor (tr(C̄ᵀ dA B) = tr((C̄ Bᵀ)ᵀ dA), so Ā = C̄ Bᵀ).
    /// </summary>
    internal static class Products
    {
        public static Operation[] All => new[]
        {
            Mul, Div, MatMul, Hadamard, Outer, Inner, PointwiseDivide, DivScalar, ScalarDivide, Kronecker,
            KroneckerAdjointLeft, KroneckerAdjointRight,
        };

        /// <summary>Scalar a·b.</summary>
        public static readonly Operation Mul = new(Op.Mul)
        {
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Mul(r.DA, r.B)), r.If(r.DB, () => r.Ir.Mul(r.A, r.DB))),
            Adjoint = static r => new[] { r.Ir.Mul(r.Bar, r.B), r.Ir.Mul(r.Bar, r.A) },
            Shape = static (s, n) => Shaped.Check(null),
            Notation = ScaledNotation,
            Emit = TimesEmit,
        };

        /// <summary>Scalar a / b.</summary>
        public static readonly Operation Div = new(Op.Div)
        {
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Div(r.DA, r.B)),
                r.If(r.DB, () => r.Ir.Neg(r.Ir.Div(r.Ir.Mul(r.A, r.DB), r.Ir.Pow(r.B, 2))))),   // d(a/b) = da/b − a db/b²
            Adjoint = static r => new[] { r.Ir.Div(r.Bar, r.B), r.Ir.Neg(r.Ir.Div(r.Ir.Mul(r.Bar, r.A), r.Ir.Pow(r.B, 2))) },
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Product)} / {t.Arg(n, 1, Notation.Unary)}", Notation.Product),
            Emit = QuotientEmit,
        };

        /// <summary>A B (a matrix times a matrix or a vector).</summary>
        public static readonly Operation MatMul = new(Op.MatMul)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Multiply", "M", static (ir, r, a) => ir.MatMul(r, a[0])),
                new MemberRow(Receiver.Matrix, "Multiply", "V", static (ir, r, a) => ir.MatMul(r, a[0])),
                new MemberRow(Receiver.Matrix, "TransposeThisAndMultiply", "M", static (ir, r, a) => ir.MatMul(ir.Transpose(r), a[0])),
                new MemberRow(Receiver.Matrix, "TransposeThisAndMultiply", "V", static (ir, r, a) => ir.MatMul(ir.Transpose(r), a[0])),
                new MemberRow(Receiver.Matrix, "TransposeAndMultiply", "M", static (ir, r, a) => ir.MatMul(r, ir.Transpose(a[0]))),
            },
            // vec(P E) = (I ⊗ P) vec(E), vec(E Q) = (Qᵀ ⊗ I) vec(E), and P e for a vector e.
            VecForm = static (v, n) =>
            {
                NodeId a = n.Args[0], b = n.Args[1];
                if (!v.Depends(a)) return v.Ir.KindOf(b) == ValueKind.Vector
                    ? v.Prepend(b, KroneckerFactorKind.MatrixVector, a)
                    : v.Prepend(b, KroneckerFactorKind.Left, a, v.Ir.Transpose(a));
                return !v.Depends(b) && v.Ir.KindOf(b) == ValueKind.Matrix
                    ? v.Prepend(a, KroneckerFactorKind.Right, v.Ir.Transpose(b), b)
                    : null;
            },
            // Rows from the left factor, columns from the right; M v is as long as M has rows, v M as M has columns.
            SizeFrom = static (nodes, n, axis) => n.Kind != ValueKind.Vector ? (axis == Axis.Columns ? n.Args[1] : n.Args[0], axis)
                : nodes[n.Args[0].Index].Kind == ValueKind.Matrix ? (n.Args[0], Axis.Rows) : (n.Args[1], Axis.Columns),
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.MatMul(r.DA, r.B)), r.If(r.DB, () => r.Ir.MatMul(r.A, r.DB))),
                // d(AB) = dA B + A dB
            Adjoint = static r =>
            {
                // Ā = C̄ Bᵀ, B̄ = Aᵀ C̄ (for a vector B, Ā = C̄ bᵀ is an outer product).
                NodeId abar = r.Ir.KindOf(r.B) == ValueKind.Vector ? r.Ir.Outer(r.Bar, r.B) : r.Ir.MatMul(r.Bar, r.Ir.Transpose(r.B));
                return new[] { abar, r.Ir.MatMul(r.Ir.Transpose(r.A), r.Bar) };
            },
            Shape = static (s, n) => new(
                n.Kind == ValueKind.Vector ? (s.Rows(n.Args[0]), null) : (s.Rows(n.Args[0]), s.Columns(n.Args[1])),
                s.Equal(s.Columns(n.Args[0]), s.Rows(n.Args[1]), "columns of the left factor and rows of the right factor")),
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Product)} {t.Arg(n, 1, Notation.Product)}", Notation.Product),
            Emit = static (w, id, n) =>
            {
                var (left, right, method) = w.FoldedProduct(id);
                if (w.Nodes[n.Args[0].Index].Kind == ValueKind.Matrix && w.Nodes[n.Args[1].Index].Kind == ValueKind.Matrix)
                {
                    // Matrix products go to the runtime's kernel (MathNet's names, ≈7× its managed product at n = 256).
                    return ($"{Runtime}.{(method.Length > 0 ? method : "Multiply")}({w.Text(left)}, {w.Text(right)})", Primary);
                }
                return method.Length > 0
                    ? ($"{w.Wrap(left, Primary)}.{method}({w.Text(right)})", Primary)
                    : ($"{w.Wrap(left, Multiplicative)} * {w.Wrap(right, Unary)}", Multiplicative);
            },
            // Diag(v) B scales rows (see Peepholes.DiagonalScaling): O(n²).
            IsCubic = static (nodes, n) => n.Kind == ValueKind.Matrix && nodes[n.Args[0].Index].Kind == ValueKind.Matrix
                && !(nodes[n.Args[0].Index] is { Op: Op.DiagMatrix, Arity: 1 }
                    || nodes[n.Args[1].Index] is { Op: Op.DiagMatrix, Arity: 1 }),
            IsSymmetric = static (ir, id, n) =>
            {
                bool IsTransposeOf(NodeId t, NodeId p) => ir[t].Op == Op.Transpose && ir[t].Args[0] == p;
                NodeId a = n.Args[0], b = n.Args[1];
                return IsTransposeOf(b, a) || IsTransposeOf(a, b)
                    // (P S) Pᵀ and P (S Pᵀ)
                    || (ir[a].Op == Op.MatMul && IsTransposeOf(b, ir[a].Args[0]) && ir.IsSymmetric(ir[a].Args[1]))
                    || (ir[b].Op == Op.MatMul && IsTransposeOf(ir[b].Args[1], a) && ir.IsSymmetric(ir[b].Args[0]));
            },
        };

        /// <summary>A ∘ B.</summary>
        public static readonly Operation Hadamard = new(Op.Hadamard)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "PointwiseMultiply", "M", static (ir, r, a) => ir.Hadamard(r, a[0])),
                new MemberRow(Receiver.Vector, "PointwiseMultiply", "V", static (ir, r, a) => ir.Hadamard(r, a[0])),
            },
            // vec(M ∘ E) = diag(vec M) vec(E)
            VecForm = static (v, n) => !v.Depends(n.Args[0]) ? v.Prepend(n.Args[1], KroneckerFactorKind.Diagonal, n.Args[0])
                : !v.Depends(n.Args[1]) ? v.Prepend(n.Args[0], KroneckerFactorKind.Diagonal, n.Args[1]) : null,
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Hadamard(r.DA, r.B)), r.If(r.DB, () => r.Ir.Hadamard(r.A, r.DB))),
            // tr(C̄ᵀ(dA∘B)) = tr((C̄∘B)ᵀ dA)
            Adjoint = static r => new[] { r.Ir.Hadamard(r.Bar, r.B), r.Ir.Hadamard(r.Bar, r.A) },
            Shape = Linear.SameShapes,
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Unary)} ∘ {t.Arg(n, 1, Notation.Unary)}", Notation.Circ),
            // The runtime's SIMD pass (MathNet's PointwiseMultiply, same numbers).
            Emit = static (w, id, n) => ($"{Runtime}.Hadamard({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
            IsSymmetric = Linear.BothSymmetric,
        };

        /// <summary>u vᵀ.</summary>
        public static readonly Operation Outer = new(Op.Outer)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Vector, "OuterProduct", "V", static (ir, r, a) => ir.Outer(r, a[0])),
            },
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Outer(r.DA, r.B)), r.If(r.DB, () => r.Ir.Outer(r.A, r.DB))),
            Adjoint = static r => new[] { r.Ir.MatMul(r.Bar, r.B), r.Ir.MatMul(r.Ir.Transpose(r.Bar), r.A) },
            Shape = static (s, n) => new((s.Rows(n.Args[0]), s.Rows(n.Args[1]))),
            Notation = static (t, n) => ($"{t.Arg(n, 0)} {t.Arg(n, 1)}ᵀ", Notation.Product),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.OuterProduct({w.Text(n.Args[1])})", Primary),
            IsSymmetric = static (ir, id, n) => n.Args[0] == n.Args[1],
        };

        /// <summary>⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ.</summary>
        public static readonly Operation Inner = new(Op.Inner)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Vector, "DotProduct", "V", static (ir, r, a) => ir.Inner(r, a[0])),
            },
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Inner(r.DA, r.B)), r.If(r.DB, () => r.Ir.Inner(r.A, r.DB))),
            Adjoint = static r => new[] { r.Ir.Times(r.Bar, r.B), r.Ir.Times(r.Bar, r.A) },
            Shape = static (s, n) => Shaped.Check(s.SameShape(n.Args[0], n.Args[1], "the two operands")),
            Notation = static (t, n) => ($"⟨{t.Text(n.Args[0])}, {t.Text(n.Args[1])}⟩", Notation.Atom),
            Emit = static (w, id, n) => w.Nodes[n.Args[0].Index].Kind == ValueKind.Vector
                ? ($"{w.Arg(n, 0)}.DotProduct({w.Text(n.Args[1])})", Primary)
                : ($"{Runtime}.Inner({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
        };

        /// <summary>A ⊘ B.</summary>
        public static readonly Operation PointwiseDivide = new(Op.PointwiseDivide)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "PointwiseDivide", "M", static (ir, r, a) => ir.PointwiseDivide(r, a[0])),
                new MemberRow(Receiver.Vector, "PointwiseDivide", "V", static (ir, r, a) => ir.PointwiseDivide(r, a[0])),
            },
            SizeFrom = Operation.LikeFirst,
            // d(A⊘B) = dA⊘B − C∘dB⊘B
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.PointwiseDivide(r.DA, r.B)),
                r.If(r.DB, () => r.Ir.Neg(r.Ir.PointwiseDivide(r.Ir.Hadamard(r.Id, r.DB), r.B)))),
            Adjoint = static r => new[] { r.Ir.PointwiseDivide(r.Bar, r.B), r.Ir.Neg(r.Ir.PointwiseDivide(r.Ir.Hadamard(r.Bar, r.Id),
                r.B)) },
            Shape = Linear.SameShapes,
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Unary)} ⊘ {t.Arg(n, 1, Notation.Unary)}", Notation.Circ),
            Emit = static (w, id, n) => ($"{Runtime}.Divide({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
            IsSymmetric = Linear.BothSymmetric,
        };

        /// <summary>A / s.</summary>
        public static readonly Operation DivScalar = new(Op.DivScalar)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Divide", "S", static (ir, r, a) => ir.DivScalar(r, a[0])),
                new MemberRow(Receiver.Vector, "Divide", "S", static (ir, r, a) => ir.DivScalar(r, a[0])),
            },
            SizeFrom = Operation.LikeFirst,
            // d(A/s) = dA/s − C ds/s
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.DivScalar(r.DA, r.B)),
                r.If(r.DB, () => r.Ir.Neg(r.Ir.Times(r.Ir.Div(r.DB, r.B), r.Id)))),
            Adjoint = static r => new[] { r.Ir.DivScalar(r.Bar, r.B), r.Ir.Neg(r.Ir.Div(r.Ir.Inner(r.Bar, r.Id), r.B)) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Product)} / {t.Arg(n, 1, Notation.Unary)}", Notation.Product),
            Emit = QuotientEmit,
            IsSymmetric = Linear.FirstSymmetric,
        };

        /// <summary>s ⊘ A, elementwise (Args: s, A).</summary>
        public static readonly Operation ScalarDivide = new(Op.ScalarDivide)
        {
            SizeFrom = Operation.LikeSecond,
            // d(s⊘A) = ds⊘A − C∘dA⊘A
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.ScalarDivide(r.DA, r.B)),
                r.If(r.DB, () => r.Ir.Neg(r.Ir.PointwiseDivide(r.Ir.Hadamard(r.Id, r.DB), r.B)))),
            Adjoint = static r => new[]
            {
                r.Ir.SumAll(r.Ir.PointwiseDivide(r.Bar, r.B)), r.Ir.Neg(r.Ir.PointwiseDivide(r.Ir.Hadamard(r.Bar, r.Id), r.B)),
            },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[1])),
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Unary)} ⊘ {t.Arg(n, 1, Notation.Unary)}", Notation.Circ),
            Emit = QuotientEmit,
        };

        /// <summary>A ⊗ B.</summary>
        public static readonly Operation Kronecker = new(Op.Kronecker)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "KroneckerProduct", "M", static (ir, r, a) => ir.Kronecker(r, a[0])),
            },
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.Kronecker(r.DA, r.B)), r.If(r.DB, () => r.Ir.Kronecker(r.A, r.DB))),
            Adjoint = static r => new[] { r.Ir.KroneckerAdjointLeft(r.Bar, r.B), r.Ir.KroneckerAdjointRight(r.Bar, r.A) },
            Notation = static (t, n) => ($"{t.Arg(n, 0, Notation.Unary)} ⊗ {t.Arg(n, 1, Notation.Unary)}", Notation.Circ),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.KroneckerProduct({w.Text(n.Args[1])})", Primary),
        };

        /// <summary>Ā of C = A ⊗ B: Āᵢⱼ = ⟨C̄ block ij, B⟩ (Args: C̄, B).</summary>
        public static readonly Operation KroneckerAdjointLeft = new(Op.KroneckerAdjointLeft)
        {
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.KroneckerAdjointLeft(r.DA, r.B)), r.If(r.DB,
                () => r.Ir.KroneckerAdjointLeft(r.A, r.DB))),
            Adjoint = Operation.DerivativeOnly,
            Notation = static (t, n) => ($"⟨{t.Arg(n, 0)}, {t.Arg(n, 1)}⟩_blocks", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.KroneckerAdjointLeft({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
        };

        /// <summary>B̄ of C = A ⊗ B: B̄ = Σᵢⱼ Aᵢⱼ C̄ block ij (Args: C̄, A).</summary>
        public static readonly Operation KroneckerAdjointRight = new(Op.KroneckerAdjointRight)
        {
            Tangent = static r => r.Sum(r.If(r.DA, () => r.Ir.KroneckerAdjointRight(r.DA, r.B)), r.If(r.DB,
                () => r.Ir.KroneckerAdjointRight(r.A, r.DB))),
            Adjoint = Operation.DerivativeOnly,
            Notation = static (t, n) => ($"Σᵢⱼ {t.Arg(n, 1)}ᵢⱼ {t.Arg(n, 0)}ᵢⱼ", Notation.Product),
            Emit = static (w, id, n) => ($"{Runtime}.KroneckerAdjointRight({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
        };

        /// <summary>
        /// "2X" but "2 tr(X)" and "a·b": a coefficient is glued to a plain name and spaced from the rest. A quotient as a
        /// factor is bracketed: (a / 2)·b and 2 (a / 2), never a / 2·b, which reads as a / (2 b).
        /// </summary>
        internal static (string, int) ScaledNotation(Notation t, Node n) => t.Nodes[n.Args[0].Index].Op == Op.Const
            ? ($"{t.Arg(n, 0, Notation.Unary)}{t.Space(n.Args[1])}{Juxtaposed(Factor(t, n, 1))}", Notation.Product)
            : ($"{Factor(t, n, 0)}·{Factor(t, n, 1)}", Notation.Product);

        private static string Factor(Notation t, Node n, int i)
            => t.Nodes[n.Args[i].Index].Op is Op.Div or Op.ReciprocalOrZero && !t.IsNamed(n.Args[i])
                ? $"({t.Text(n.Args[i])})" : t.Arg(n, i, Notation.Product);

        /// <summary>
        /// An operand written right after a coefficient or a + or −: a leading minus gets brackets (2 (−a), A − (−B), never
        /// 2 −a or A − −B).
        /// </summary>
        internal static string Juxtaposed(string factor)
            => factor.StartsWith("−", System.StringComparison.Ordinal) ? $"({factor})" : factor;

        internal static (string, int) TimesEmit(BodyWriter w, NodeId id, Node n)
            => ($"{w.Wrap(n.Args[0], Multiplicative)} * {w.Wrap(n.Args[1], Unary)}", Multiplicative);

        private static (string, int) QuotientEmit(BodyWriter w, NodeId id, Node n)
            => ($"{w.Wrap(n.Args[0], Multiplicative)} / {w.Wrap(n.Args[1], Unary)}", Multiplicative);
    }
}

using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;
using GradGen.Generator.Lowering;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// What an LU factorisation gives: A⁻¹B, A⁻¹, |A| and log|A|, all on the runtime's LU, whose work is
    /// the kernel's products (MathNet's managed Inverse is ≈60× a product at n = 256, its LU ≈7×). Where a
    /// method takes two or more of them of one matrix, they share one factorisation (<see cref="Operation.OnFactors"/>).
    /// Of a matrix the user factors with S.Cholesky() (<see cref="Cholesky.PositiveDefinite"/>), they run on S = L Lᵀ.
    /// </summary>
    internal static class Lu
    {
        public static Operation[] All => new[] { Solve, Inverse, Det, LogDet, Adjugate };


        /// <summary>A⁻¹B by an LU factorisation, never an explicit inverse.</summary>
        public static readonly Operation Solve = new(Op.Solve)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Solve", "M", static (ir, r, a) => ir.Solve(r, a[0])),
                new MemberRow(Receiver.Matrix, "Solve", "V", static (ir, r, a) => ir.Solve(r, a[0])),
            },
            // C = A⁻¹B: dC = A⁻¹(dB − dA C)
            Tangent = static r => r.Ir.Solve(r.A, r.Sum(r.DB, r.If(r.DA, () => r.Ir.Neg(r.Ir.MatMul(r.DA, r.Id))))),
            Adjoint = static r =>
            {
                // B̄ = A⁻ᵀ C̄ (a second solve), Ā = −B̄ Cᵀ; no inverse is formed.
                NodeId bbar = r.Ir.Solve(r.Ir.Transpose(r.A), r.Bar);
                NodeId abar = r.Ir.KindOf(r.B) == ValueKind.Vector ? r.Ir.Outer(bbar, r.Id) : r.Ir.MatMul(bbar, r.Ir.Transpose(r.Id));
                return new[] { r.Ir.Neg(abar), bbar };
            },
            Shape = static (s, n) => new(
                n.Kind == ValueKind.Vector ? (s.Columns(n.Args[0]), null) : (s.Columns(n.Args[0]), s.Columns(n.Args[1])),
                s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]), "rows and columns of the system matrix")
                    ?? s.Equal(s.Rows(n.Args[0]), s.Rows(n.Args[1]), "rows of the system matrix and of the right-hand side")),
            Notation = static (t, n) => t.Nodes[n.Args[0].Index].Op == Op.Transpose && !t.IsNamed(n.Args[0])
                ? ($"{t.Wrap(t.Nodes[n.Args[0].Index].Args[0], Notation.Atom)}⁻ᵀ {t.Arg(n, 1, Notation.Product)}", Notation.Product)
                : ($"{t.Arg(n, 0)}⁻¹ {t.Arg(n, 1, Notation.Product)}", Notation.Product),
            Emit = static (w, id, n) => ($"{Runtime}.{On(w, n)}Solve({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.Solve({w.Text(n.Args[1])})", Primary),
                static (nodes, n) => n.Kind == ValueKind.Matrix),
        };

        /// <summary>A⁻¹.</summary>
        public static readonly Operation Inverse = new(Op.Inverse)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Inverse", "", static (ir, r, a) => ir.Inverse(r)),
            },
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA, () => r.Ir.Neg(r.Ir.MatMul(r.Ir.MatMul(r.Id, r.DA), r.Id))),   // dA⁻¹ = −A⁻¹ dA A⁻¹
            Adjoint = static r => new[] { r.Ir.Neg(r.Ir.MatMul(r.Ir.MatMul(r.Ir.Transpose(r.Id), r.Bar), r.Ir.Transpose(r.Id))) },
                // Ā = −Cᵀ C̄ Cᵀ
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the inverted matrix")),
            Notation = static (t, n) => t.Nodes[n.Args[0].Index].Op == Op.Transpose && !t.IsNamed(n.Args[0])
                ? ($"{t.Wrap(t.Nodes[n.Args[0].Index].Args[0], Notation.Atom)}⁻ᵀ", Notation.Atom)
                : ($"{t.Arg(n, 0)}⁻¹", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.{On(w, n)}Inverse({w.Text(n.Args[0])})", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.Inverse()", Primary), Operation.Cubic),
            IsSymmetric = Linear.FirstSymmetric,
        };

        /// <summary>|A|.</summary>
        public static readonly Operation Det = new(Op.Det)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Determinant", "", static (ir, r, a) => ir.Det(r)),
            },
            // d|A| = tr(adj(A) dA), Ā = s̄ adj(A)ᵀ: |A| A⁻¹ written as adj A, so a singular A (rank n − 1) gets its cofactors,
            // not 0·∞.
            Tangent = static r => r.If(r.DA, () => r.Ir.Inner(r.Ir.Transpose(r.Ir.Adjugate(r.A)), r.DA)),
            Adjoint = static r => new[] { r.Ir.Scale(r.Bar, r.Ir.Transpose(r.Ir.Adjugate(r.A))) },
            Shape = Square,
            Notation = static (t, n) => ($"|{t.Text(n.Args[0])}|", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.{On(w, n)}Determinant({w.Text(n.Args[0])})", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.Determinant()", Primary), Operation.NotCubic),
        };

        /// <summary>adj A = |A| A⁻¹, the transposed cofactors: only derivative graphs hold it (the gradient of |A|).</summary>
        public static readonly Operation Adjugate = new(Op.Adjugate)
        {
            SizeFrom = Operation.LikeFirst,
            // d adj A = tr(A⁻¹ dA) adj A − adj(A) dA A⁻¹ (where A is invertible: second order through |A|).
            Tangent = static r => r.If(r.DA, () => r.Ir.Sub(r.Ir.Scale(r.Ir.Trace(r.Ir.Solve(r.A, r.DA)), r.Id),
                r.Ir.MatMul(r.Ir.MatMul(r.Id, r.DA), r.Ir.Inverse(r.A)))),
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the matrix")),
            Notation = static (t, n) => ($"adj({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.{On(w, n)}Adjugate({w.Text(n.Args[0])})", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.Adjugate()", Primary), Operation.NotCubic),
        };

        /// <summary>log|A|, from the LU factorisation (no overflow).</summary>
        public static readonly Operation LogDet = new(Op.LogDet)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.Trace(r.Ir.Solve(r.A, r.DA))),                        // d log|A| = tr(A⁻¹ dA)
            Adjoint = static r => new[] { r.Ir.Scale(r.Bar, r.Ir.Transpose(r.Ir.Inverse(r.A))) },             // Ā = s̄ A⁻ᵀ
            Shape = Square,
            Notation = static (t, n) => ($"log|{t.Text(n.Args[0])}|", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.{On(w, n)}LogDeterminant({w.Text(n.Args[0])})", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.LogDeterminant()", Primary), Operation.NotCubic),
        };

        /// <summary>"Cholesky" where the factored matrix is one S.Cholesky() asserts positive definite, else "" (the LU).</summary>
        private static string On(BodyWriter w, Node n) => IsPositiveDefinite(w.Nodes, n.Args[0]) ? "Cholesky" : "";

        /// <summary>Is the matrix factored by Cholesky (a <see cref="Op.PositiveDefinite"/> fact) rather than by LU?</summary>
        public static bool IsPositiveDefinite(System.Collections.Generic.IReadOnlyList<Node> nodes, NodeId matrix)
            => nodes[matrix.Index].Op == Op.PositiveDefinite;

        private static Shaped Square(ShapeInference s, Node n)
            => Shaped.Check(s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]), "rows and columns of the matrix"));
    }
}

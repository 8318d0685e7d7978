using GradGen.Generator.Emit;
using GradGen.Generator.Lowering;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// The factors of A.LU() (MathNet's partial pivoting, P A = L U with L unit lower triangular), differentiated where
    /// the pivots are locally constant (no ties among the pivot candidates), with JAX's lu JVP: F = L⁻¹ P dA U⁻¹,
    /// dL = L tril₋(F), dU = triu(F) U, and its transpose, Ā = Pᵀ L⁻ᵀ (tril₋(Lᵀ L̄) + triu(Ū Uᵀ)) U⁻ᵀ. P itself is a
    /// permutation (MathNet's Permutation, not a matrix): it has no derivative; the rules read it through Pivot.
    /// The triangles are also what users write (X.UpperTriangle()).
    /// </summary>
    internal static class LuFactors
    {
        public static Operation[] All => new[] { L, U, Pivot, Triangle };

        /// <summary>L of A.LU() (n × n, unit lower triangular).</summary>
        public static readonly Operation L = new(Op.LuL)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA,
                () => r.Ir.MatMul(r.Id, r.Ir.Triangle(Normalised(r, r.Id, r.Ir.LuU(r.A)), Ir.Triangle.StrictlyLower))),
            Adjoint = static r => new[]
            {
                Back(r, r.Id, r.Ir.LuU(r.A), r.Ir.Triangle(r.Ir.MatMul(r.Ir.Transpose(r.Id), r.Bar), Ir.Triangle.StrictlyLower)),
            },
            Shape = SquareLike,
            Notation = static (t, n) => ($"L({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.PivotedLu({w.Text(n.Args[0])}).L", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.L", Primary), Operation.NotCubic, FactorKind.PivotedLu),
        };

        /// <summary>U of A.LU() (n × n, upper triangular).</summary>
        public static readonly Operation U = new(Op.LuU)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA,
                () => r.Ir.MatMul(r.Ir.Triangle(Normalised(r, r.Ir.LuL(r.A), r.Id), Ir.Triangle.Upper), r.Id)),
            Adjoint = static r => new[]
            {
                Back(r, r.Ir.LuL(r.A), r.Id, r.Ir.Triangle(r.Ir.MatMul(r.Bar, r.Ir.Transpose(r.Id)), Ir.Triangle.Upper)),
            },
            Shape = SquareLike,
            Notation = static (t, n) => ($"U({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.PivotedLu({w.Text(n.Args[0])}).U", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => ($"{lu}.U", Primary), Operation.NotCubic, FactorKind.PivotedLu),
        };

        /// <summary>P X, or Pᵀ X for Value 1, P the row pivots of A.LU() (Args: A, X): linear in X, constant in A.</summary>
        public static readonly Operation Pivot = new(Op.Pivot)
        {
            SizeFrom = Operation.LikeSecond,
            Tangent = static r => r.If(r.DB, () => r.Ir.Pivot(r.A, r.DB, r.Node.Value == 1)),
            Adjoint = static r => new[] { NodeId.None, r.Ir.Pivot(r.A, r.Bar, r.Node.Value != 1) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[1]), s.Equal(s.Rows(n.Args[0]), s.Rows(n.Args[1]),
                "rows of the pivoted matrix and of what its permutation is applied to")),
            Notation = static (t, n) => ($"P({t.Text(n.Args[0])}){(n.Value == 1 ? "ᵀ" : "")} {t.Arg(n, 1, Notation.Product)}",
                Notation.Product),
            Emit = static (w, id, n) => Permute(w, n, $"{Runtime}.PivotedLu({w.Text(n.Args[0])})"),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, lu, n) => Permute(w, n, lu), Operation.NotCubic, FactorKind.PivotedLu),
        };

        /// <summary>P X or Pᵀ X, P read off <paramref name="lu"/> (a shared factorisation's local, or the call that makes one).</summary>
        private static (string, int) Permute(BodyWriter w, Node n, string lu)
            => ($"{Runtime}.{(n.Value == 1 ? "UnpermuteRows" : "PermuteRows")}({w.Text(n.Args[1])}, {lu}.P)", Primary);

        /// <summary>A triangle of A (an orthogonal projection, so its own adjoint).</summary>
        public static readonly Operation Triangle = new(Op.Triangle)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "LowerTriangle", "", static (ir, r, a) => ir.Triangle(r, Ir.Triangle.Lower)),
                new MemberRow(Receiver.Matrix, "StrictlyLowerTriangle", "",
                    static (ir, r, a) => ir.Triangle(r, Ir.Triangle.StrictlyLower)),
                new MemberRow(Receiver.Matrix, "UpperTriangle", "", static (ir, r, a) => ir.Triangle(r, Ir.Triangle.Upper)),
                new MemberRow(Receiver.Matrix, "StrictlyUpperTriangle", "",
                    static (ir, r, a) => ir.Triangle(r, Ir.Triangle.StrictlyUpper)),
            },
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA, () => r.Ir.Triangle(r.DA, Part(r.Node))),
            Adjoint = static r => new[] { r.Ir.Triangle(r.Bar, Part(r.Node)) },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => ($"{Symbol(Part(n))}({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.{Part(n)}Triangle()", Primary),
        };

        private static Ir.Triangle Part(Node n) => (Ir.Triangle)(int)n.Value;

        private static string Symbol(Ir.Triangle part) => part switch
        {
            Ir.Triangle.Lower => "tril",
            Ir.Triangle.StrictlyLower => "tril₋",
            Ir.Triangle.Upper => "triu",
            _ => "triu₊",
        };

        private static Shaped SquareLike(ShapeInference s, Node n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]),
            s.Columns(n.Args[0]), "rows and columns of the matrix whose LU factors are read"));

        /// <summary>F = L⁻¹ P dA U⁻¹ (U⁻¹ as a solve with Uᵀ: (U⁻ᵀ Yᵀ)ᵀ).</summary>
        private static NodeId Normalised(Rule r, NodeId l, NodeId u)
        {
            var ir = r.Ir;
            NodeId left = ir.Solve(l, ir.Pivot(r.A, r.DA, transposed: false));
            return ir.Transpose(ir.Solve(ir.Transpose(u), ir.Transpose(left)));
        }

        /// <summary>Ā = Pᵀ L⁻ᵀ M U⁻ᵀ.</summary>
        private static NodeId Back(Rule r, NodeId l, NodeId u, NodeId m)
        {
            var ir = r.Ir;
            NodeId z = ir.Solve(ir.Transpose(l), m);
            return ir.Pivot(r.A, ir.Transpose(ir.Solve(u, ir.Transpose(z))), transposed: true);
        }
    }
}

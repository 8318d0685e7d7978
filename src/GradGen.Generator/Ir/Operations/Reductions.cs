using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;
using GradGen.Generator.Lowering;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>Traces, sums and norms: a matrix or vector to fewer numbers, in O(n²).</summary>
    internal static class Reductions
    {
        public static Operation[] All => new[] { Trace, ColumnSums, RowSums, Sum, FrobeniusNorm, IndexOf };

        /// <summary>tr(A).</summary>
        public static readonly Operation Trace = new(Op.Trace)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "Trace", "", static (ir, r, a) => ir.Trace(r)),
            },
            Tangent = static r => r.If(r.DA, () => r.Ir.Trace(r.DA)),                      // d tr(A) = tr(dA)
            Adjoint = static r => new[] { r.Ir.Scale(r.Bar, r.Ir.Identity(r.A, Axis.Rows)) }, // tr(I dA): Ā = s̄ I
            Shape = static (s, n) => Shaped.Check(s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the traced matrix")),
            Notation = static (t, n) => ($"tr({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.Trace()", Primary),
        };

        /// <summary>𝟙ᵀA as a vector.</summary>
        public static readonly Operation ColumnSums = new(Op.ColumnSums)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "ColumnSums", "", static (ir, r, a) => ir.ColumnSums(r)),
            },
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Columns),
            Tangent = static r => r.If(r.DA, () => r.Ir.ColumnSums(r.DA)),
            Adjoint = static r => new[] { r.Ir.Outer(r.Ir.Ones(r.A, Axis.Rows), r.Bar) },   // Ā = 𝟙 v̄ᵀ
            Shape = static (s, n) => new((s.Columns(n.Args[0]), null)),
            Notation = static (t, n) => ($"{t.Arg(n, 0)}ᵀ𝟙", Notation.Product),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.ColumnSums()", Primary),
        };

        /// <summary>A𝟙.</summary>
        public static readonly Operation RowSums = new(Op.RowSums)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "RowSums", "", static (ir, r, a) => ir.RowSums(r)),
            },
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Rows),
            Tangent = static r => r.If(r.DA, () => r.Ir.RowSums(r.DA)),
            Adjoint = static r => new[] { r.Ir.Outer(r.Bar, r.Ir.Ones(r.A, Axis.Columns)) }, // Ā = v̄ 𝟙ᵀ
            Shape = static (s, n) => new((s.Rows(n.Args[0]), null)),
            Notation = static (t, n) => ($"{t.Arg(n, 0)} 𝟙", Notation.Product),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.RowSums()", Primary),
        };

        /// <summary>Σᵢ vᵢ of a vector.</summary>
        public static readonly Operation Sum = new(Op.Sum)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Vector, "Sum", "", static (ir, r, a) => ir.Sum(r)),
            },
            Tangent = static r => r.If(r.DA, () => r.Ir.Sum(r.DA)),
            Adjoint = static r => new[] { r.Ir.Scale(r.Bar, r.Ir.Ones(r.A, Axis.Like)) },  // 𝟙ᵀv: v̄ = s̄ 𝟙
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) => t.Nodes[n.Args[0].Index].Op is Op.ColumnSums or Op.RowSums && !t.IsNamed(n.Args[0])
                ? ($"𝟙ᵀ{t.Wrap(t.Nodes[n.Args[0].Index].Args[0], Notation.Atom)}𝟙", Notation.Product)
                : ($"𝟙ᵀ{t.Arg(n, 0)}", Notation.Product),
            Emit = static (w, id, n) => SumCall(w, n.Args[0]),
        };

        /// <summary>‖A‖_F (‖v‖₂ for a vector).</summary>
        public static readonly Operation FrobeniusNorm = new(Op.FrobeniusNorm)
        {
            Members = new[]
            {
                new MemberRow(Receiver.Matrix, "FrobeniusNorm", "", static (ir, r, a) => ir.FrobeniusNorm(r)),
                new MemberRow(Receiver.Vector, "L2Norm", "", static (ir, r, a) => ir.FrobeniusNorm(r)),
            },
            // d‖A‖ = ⟨A, dA⟩/‖A‖, Ā = (s̄/‖A‖) A, with 0 for 1/‖A‖ at A = 0 (the least subgradient; 0/0 would be
            // NaN where A is 0 around the input, as in Y = B − B).
            Tangent = static r => r.If(r.DA, () => r.Ir.Mul(r.Ir.Inner(r.A, r.DA), r.Ir.ReciprocalOrZero(r.Id))),
            Adjoint = static r => new[] { r.Ir.Times(r.Ir.Mul(r.Bar, r.Ir.ReciprocalOrZero(r.Id)), r.A) },
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n)
                => ($"‖{t.Text(n.Args[0])}‖{(t.Nodes[n.Args[0].Index].Kind == ValueKind.Vector ? "" : "_F")}", Notation.Atom),
            // MathNet's managed Matrix.FrobeniusNorm forms A·Aᵀ; the runtime's is the O(n²) sum.
            Emit = static (w, id, n) => (w.Nodes[n.Args[0].Index].Kind == ValueKind.Vector
                ? $"{w.Arg(n, 0)}.L2Norm()"
                : $"{Runtime}.FrobeniusNorm({w.Text(n.Args[0])})", Primary),
        };

        /// <summary>
        /// The index of a vector's largest (smallest, largest absolute, …) entry, MathNet's first at a tie: an int that is
        /// piecewise constant in v, so a leaf of the derivative (v[argmax v] then has the subgradient e_argmax).
        /// </summary>
        public static readonly Operation IndexOf = new(Op.IndexOf)
        {
            IsLeaf = true,
            Members = new[]
            {
                new MemberRow(Receiver.Vector, "MaximumIndex", "", static (ir, r, a) => ir.IndexOf("MaximumIndex", r)),
                new MemberRow(Receiver.Vector, "MinimumIndex", "", static (ir, r, a) => ir.IndexOf("MinimumIndex", r)),
                new MemberRow(Receiver.Vector, "AbsoluteMaximumIndex", "", static (ir, r, a) => ir.IndexOf("AbsoluteMaximumIndex", r)),
                new MemberRow(Receiver.Vector, "AbsoluteMinimumIndex", "", static (ir, r, a) => ir.IndexOf("AbsoluteMinimumIndex", r)),
            },
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) => (n.Name switch
            {
                "MaximumIndex" => "argmax ",
                "MinimumIndex" => "argmin ",
                "AbsoluteMaximumIndex" => "argmax |·| ",
                _ => "argmin |·| ",
            } + t.Arg(n, 0), Notation.Product),
            Emit = static (w, id, n) => ($"{w.Arg(n, 0)}.{n.Name}()", Primary),
        };

        /// <summary>
        /// 𝟙ᵀv as one SIMD pass; 𝟙ᵀlog(v) and 𝟙ᵀexp(v) of an inline map fused with the map (chunk by chunk, in cache),
        /// so the mapped vector is never stored: the log-likelihoods' and log-sum-exp's reductions.
        /// </summary>
        private static (string, int) SumCall(BodyWriter w, NodeId v)
        {
            var m = w.Nodes[v.Index];
            if (w.IsInline(v) && m.Op == Op.Map && m.Kind == ValueKind.Vector && m.Function is Elementwise.Log or Elementwise.Exp)
            {
                return ($"{Runtime}.SumOf{m.Function}({w.Text(m.Args[0])})", Primary);
            }
            return ($"{Runtime}.Sum({w.Text(v)})", Primary);
        }
    }
}

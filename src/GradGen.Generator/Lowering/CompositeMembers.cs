using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// MathNet members that are compositions of IR operations rather than operations of their own: norms, extremes and
    /// normalisations, written in the operations their definitions use (‖v‖₁ = 𝟙ᵀ|v|, max v = v[argmax v], ‖v‖_p =
    /// (𝟙ᵀ|v|^∘p)^(1/p)), so their derivatives are the operations' (a subgradient at ties and kinks: MathNet's first index,
    /// sign 0 at 0). A rule returns -1 when an argument that must be a constant is not one.
    /// </summary>
    internal static class CompositeMembers
    {
        public static readonly MemberRow[] All =
        {
            new(Receiver.Vector, "Maximum", "", static (ir, v, a) => Extreme(ir, "MaximumIndex", v)),
            new(Receiver.Vector, "Minimum", "", static (ir, v, a) => Extreme(ir, "MinimumIndex", v)),
            new(Receiver.Vector, "AbsoluteMaximum", "", static (ir, v, a) => Absolute(ir, "AbsoluteMaximumIndex", v)),
            new(Receiver.Vector, "AbsoluteMinimum", "", static (ir, v, a) => Absolute(ir, "AbsoluteMinimumIndex", v)),
            new(Receiver.Vector, "InfinityNorm", "", static (ir, v, a) => Absolute(ir, "AbsoluteMaximumIndex", v)),
            new(Receiver.Vector, "L1Norm", "", static (ir, v, a) => ir.Sum(ir.Map(Elementwise.Abs, v))),
            new(Receiver.Vector, "Norm", "S", static (ir, v, a) => Constant(ir, a[0]) is double p ? VectorNorm(ir, v, p) : NodeId.None),
            new(Receiver.Vector, "Normalize", "S", static (ir, v, a) => Constant(ir, a[0]) is double p
                && VectorNorm(ir, v, p) is { Exists: true } norm ? ir.DivScalar(v, norm) : NodeId.None),
            // MathNet's matrix L1 and infinity norms are the induced ones: the largest absolute column and row sum.
            new(Receiver.Matrix, "L1Norm", "", static (ir, m, a) => Extreme(ir, "MaximumIndex", ir.ColumnSums(Abs(ir, m)))),
            new(Receiver.Matrix, "InfinityNorm", "", static (ir, m, a) => Extreme(ir, "MaximumIndex", ir.RowSums(Abs(ir, m)))),
            new(Receiver.Matrix, "RowNorms", "S",
                static (ir, m, a) => Constant(ir, a[0]) is double p ? Norms(ir, m, p, rows: true) : NodeId.None),
            new(Receiver.Matrix, "ColumnNorms", "S",
                static (ir, m, a) => Constant(ir, a[0]) is double p ? Norms(ir, m, p, rows: false) : NodeId.None),
            // Diag(1 ⊘ r) A and A Diag(1 ⊘ c): row and column scalings (no diagonal matrix is formed).
            new(Receiver.Matrix, "NormalizeRows", "S", static (ir, m, a) => Constant(ir, a[0]) is double p && Norms(ir, m, p, rows: true)
                is { Exists: true } r ? ir.MatMul(ir.DiagMatrix(ir.ScalarDivide(ir.Const(1), r)), m) : NodeId.None),
            new(Receiver.Matrix, "NormalizeColumns", "S", static (ir, m, a) => Constant(ir, a[0]) is double p
                && Norms(ir, m, p, rows: false) is { Exists: true } c
                    ? ir.MatMul(m, ir.DiagMatrix(ir.ScalarDivide(ir.Const(1), c))) : NodeId.None),
            // ‖A‖₂ = σ₁ and κ(A) = σ_max / σ_min, from the singular values.
            new(Receiver.Matrix, "L2Norm", "", static (ir, m, a) => ir.Element(ir.SingularValues(m), ir.Const(0))),
            new(Receiver.Matrix, "ConditionNumber", "", static (ir, m, a) => ir.SingularValues(m) is var s
                ? ir.Div(ir.Element(s, ir.Const(0)), ir.Element(s, ir.IndexOf("MinimumIndex", s))) : NodeId.None),
            // log_b x = log x / log b, the base differentiated too.
            new(Receiver.Math, "Log", "SS", static (ir, _, a) => ir.Div(ir.Map(Elementwise.Log, a[0]), ir.Map(Elementwise.Log, a[1]))),
            // log₂ x = log x / ln 2 (a scalar, or entrywise inside a lambda).
            new(Receiver.Math, "Log2", "S", static (ir, _, a) => ir.Mul(ir.Const(1 / System.Math.Log(2)), ir.Map(Elementwise.Log, a[0]))),
            new(Receiver.Math, "Log2", "M", static (ir, _, a) => ir.Scale(ir.Const(1 / System.Math.Log(2)), ir.Map(Elementwise.Log, a[0]))),
            new(Receiver.Math, "Log2", "V", static (ir, _, a) => ir.Scale(ir.Const(1 / System.Math.Log(2)), ir.Map(Elementwise.Log, a[0]))),
        };

        private static NodeId Extreme(IrBuilder ir, string index, NodeId v) => ir.Element(v, ir.IndexOf(index, v));

        private static NodeId Absolute(IrBuilder ir, string index, NodeId v) => ir.Map(Elementwise.Abs, Extreme(ir, index, v));

        private static NodeId Abs(IrBuilder ir, NodeId x) => ir.Map(Elementwise.Abs, x);

        private static double? Constant(IrBuilder ir, NodeId node) => ir[node].Op == Op.Const ? ir[node].Value : null;

        /// <summary>‖v‖_p for p ≥ 1 (∞ included); -1 for other p.</summary>
        private static NodeId VectorNorm(IrBuilder ir, NodeId v, double p)
        {
            if (double.IsPositiveInfinity(p)) return ir.Map(Elementwise.Abs, Extreme(ir, "AbsoluteMaximumIndex", v));
            if (!(p >= 1)) return NodeId.None;
            if (p == 1) return ir.Sum(ir.Map(Elementwise.Abs, v));
            if (p == 2) return ir.FrobeniusNorm(v);
            return ir.Pow(ir.Sum(ir.Map(Elementwise.Pow, ir.Map(Elementwise.Abs, v), p)), 1 / p);
        }

        /// <summary>The p-norms of the rows (or columns) of m, p ≥ 1 finite; -1 for other p.</summary>
        private static NodeId Norms(IrBuilder ir, NodeId m, double p, bool rows)
        {
            if (!(p >= 1) || double.IsInfinity(p)) return NodeId.None;
            NodeId Reduce(NodeId x) => rows ? ir.RowSums(x) : ir.ColumnSums(x);
            if (p == 1) return Reduce(ir.Map(Elementwise.Abs, m));
            if (p == 2) return ir.Map(Elementwise.Sqrt, Reduce(ir.Hadamard(m, m)));
            return ir.Map(Elementwise.Pow, Reduce(ir.Map(Elementwise.Pow, ir.Map(Elementwise.Abs, m), p)), 1 / p);
        }
    }
}

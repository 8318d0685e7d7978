using System.Collections.Generic;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Lowering
{
    /// <summary>What a member is called on: a matrix, a vector, <c>Matrix&lt;double&gt;.Build</c>, or <c>System.Math</c>.</summary>
    internal enum Receiver
    {
        Matrix,
        Vector,
        Builder,
        Math,
    }

    /// <summary>
    /// Lowers one known call, given the receiver's node (-1 for static calls) and the arguments' nodes.
    /// Returns -1 when an argument that must be a constant is not one.
    /// </summary>
    internal delegate int MemberRule(IrBuilder ir, int receiver, int[] args);

    /// <summary>
    /// The MathNet and System.Math members GradGen understands, each mapped to IR in one line.
    /// Key: receiver, member name, and the kinds of the arguments (M matrix, V vector, S scalar).
    /// Supporting a new member is one entry here plus, for a new IR kind, one rule in Calculus/Rules.cs.
    /// </summary>
    internal static class KnownMembers
    {
        private static readonly Dictionary<(Receiver, string, string), MemberRule> s_rules = new()
        {
            // Matrix: linear
            [(Receiver.Matrix, "Transpose", "")] = (ir, r, a) => ir.Transpose(r),
            [(Receiver.Matrix, "Add", "M")] = (ir, r, a) => ir.Add(r, a[0]),
            [(Receiver.Matrix, "Add", "S")] = (ir, r, a) => ir.AddScalar(a[0], r),
            [(Receiver.Matrix, "Subtract", "M")] = (ir, r, a) => ir.Sub(r, a[0]),
            [(Receiver.Matrix, "Subtract", "S")] = (ir, r, a) => ir.AddScalar(ir.Neg(a[0]), r),
            [(Receiver.Matrix, "Negate", "")] = (ir, r, a) => ir.Neg(r),
            [(Receiver.Matrix, "Multiply", "S")] = (ir, r, a) => ir.Scale(a[0], r),
            [(Receiver.Matrix, "Divide", "S")] = (ir, r, a) => ir.DivScalar(r, a[0]),
            [(Receiver.Matrix, "Trace", "")] = (ir, r, a) => ir.Trace(r),
            [(Receiver.Matrix, "Diagonal", "")] = (ir, r, a) => ir.Diagonal(r),
            [(Receiver.Matrix, "ColumnSums", "")] = (ir, r, a) => ir.ColumnSums(r),
            [(Receiver.Matrix, "RowSums", "")] = (ir, r, a) => ir.RowSums(r),
            [(Receiver.Matrix, "Column", "S")] = (ir, r, a) => ir.ColumnOf(r, a[0]),
            [(Receiver.Matrix, "Row", "S")] = (ir, r, a) => ir.RowOf(r, a[0]),
            // Matrix: products
            [(Receiver.Matrix, "Multiply", "M")] = (ir, r, a) => ir.MatMul(r, a[0]),
            [(Receiver.Matrix, "Multiply", "V")] = (ir, r, a) => ir.MatMul(r, a[0]),
            [(Receiver.Matrix, "TransposeThisAndMultiply", "M")] = (ir, r, a) => ir.MatMul(ir.Transpose(r), a[0]),
            [(Receiver.Matrix, "TransposeThisAndMultiply", "V")] = (ir, r, a) => ir.MatMul(ir.Transpose(r), a[0]),
            [(Receiver.Matrix, "TransposeAndMultiply", "M")] = (ir, r, a) => ir.MatMul(r, ir.Transpose(a[0])),
            [(Receiver.Matrix, "PointwiseMultiply", "M")] = (ir, r, a) => ir.Hadamard(r, a[0]),
            [(Receiver.Matrix, "PointwiseDivide", "M")] = (ir, r, a) => ir.PointwiseDivide(r, a[0]),
            [(Receiver.Matrix, "KroneckerProduct", "M")] = (ir, r, a) => ir.Kronecker(r, a[0]),
            // Matrix: nonlinear
            [(Receiver.Matrix, "FrobeniusNorm", "")] = (ir, r, a) => ir.FrobeniusNorm(r),
            [(Receiver.Matrix, "Inverse", "")] = (ir, r, a) => ir.Inverse(r),
            [(Receiver.Matrix, "Determinant", "")] = (ir, r, a) => ir.Det(r),
            [(Receiver.Matrix, "Solve", "M")] = (ir, r, a) => ir.Solve(r, a[0]),
            [(Receiver.Matrix, "Solve", "V")] = (ir, r, a) => ir.Solve(r, a[0]),

            // Vector
            [(Receiver.Vector, "Add", "V")] = (ir, r, a) => ir.Add(r, a[0]),
            [(Receiver.Vector, "Add", "S")] = (ir, r, a) => ir.AddScalar(a[0], r),
            [(Receiver.Vector, "Subtract", "V")] = (ir, r, a) => ir.Sub(r, a[0]),
            [(Receiver.Vector, "Subtract", "S")] = (ir, r, a) => ir.AddScalar(ir.Neg(a[0]), r),
            [(Receiver.Vector, "Negate", "")] = (ir, r, a) => ir.Neg(r),
            [(Receiver.Vector, "Multiply", "S")] = (ir, r, a) => ir.Scale(a[0], r),
            [(Receiver.Vector, "Divide", "S")] = (ir, r, a) => ir.DivScalar(r, a[0]),
            [(Receiver.Vector, "Sum", "")] = (ir, r, a) => ir.Sum(r),
            [(Receiver.Vector, "DotProduct", "V")] = (ir, r, a) => ir.Inner(r, a[0]),
            [(Receiver.Vector, "OuterProduct", "V")] = (ir, r, a) => ir.Outer(r, a[0]),
            [(Receiver.Vector, "PointwiseMultiply", "V")] = (ir, r, a) => ir.Hadamard(r, a[0]),
            [(Receiver.Vector, "PointwiseDivide", "V")] = (ir, r, a) => ir.PointwiseDivide(r, a[0]),
            [(Receiver.Vector, "L2Norm", "")] = (ir, r, a) => ir.FrobeniusNorm(r),
            [(Receiver.Vector, "ToColumnMatrix", "")] = (ir, r, a) => ir.AsColumn(r),
            [(Receiver.Vector, "ToRowMatrix", "")] = (ir, r, a) => ir.AsRow(r),

            // Matrix<double>.Build
            [(Receiver.Builder, "DiagonalOfDiagonalVector", "V")] = (ir, r, a) => ir.DiagMatrix(a[0]),
            [(Receiver.Builder, "DenseOfDiagonalVector", "V")] = (ir, r, a) => ir.DiagMatrix(a[0]),
        };

        /// <summary>Elementwise functions: MathNet's PointwiseF() on matrices and vectors, Math.F on scalars.</summary>
        private static readonly Dictionary<string, string> s_elementwise = new()
        {
            ["Exp"] = Elementwise.Exp,
            ["Log"] = Elementwise.Log,
            ["Tanh"] = Elementwise.Tanh,
            ["Sin"] = Elementwise.Sin,
            ["Cos"] = Elementwise.Cos,
            ["Sqrt"] = Elementwise.Sqrt,
            ["Abs"] = Elementwise.Abs,
        };

        /// <summary>Members that exist but have no derivative (or only a zero one): an error on the wrt path.</summary>
        private static readonly HashSet<string> s_notDifferentiable = new()
        {
            "PointwiseSign", "PointwiseRound", "PointwiseFloor", "PointwiseCeiling", "Rank", "Nullity",
            "ConditionNumber", "Sign", "Floor", "Ceiling", "Round", "Truncate", "At", "MaximumIndex", "MinimumIndex",
            "AbsoluteMaximumIndex", "AbsoluteMinimumIndex", "Maximum", "Minimum", "Max", "Min",
        };

        /// <summary>Members whose value does not depend on the entries (sizes): fine even on the wrt path.</summary>
        public static bool IsSize(string name) => name is "RowCount" or "ColumnCount" or "Count";

        public static bool IsNotDifferentiable(string name) => s_notDifferentiable.Contains(name);

        public static bool TryGet(Receiver receiver, string name, string argKinds, out MemberRule rule)
        {
            if (s_rules.TryGetValue((receiver, name, argKinds), out rule!)) return true;
            if (receiver is Receiver.Matrix or Receiver.Vector && argKinds.Length == 0
                && name.StartsWith("Pointwise", System.StringComparison.Ordinal)
                && s_elementwise.TryGetValue(name.Substring("Pointwise".Length), out var function))
            {
                rule = (ir, r, a) => ir.Map(function, r);
                return true;
            }
            if (receiver is Receiver.Matrix or Receiver.Vector && argKinds == "S" && name is "PointwisePower" or "PointwiseMaximum")
            {
                rule = (ir, r, a) => ir[a[0]].Op != Op.Const ? -1
                    : name == "PointwisePower" ? ir.Map(Elementwise.Pow, r, ir[a[0]].Value)
                    : ir[a[0]].Value == 0 ? ir.Map(Elementwise.Relu, r) : -1;
                return true;
            }
            if (receiver == Receiver.Math && argKinds == "S" && s_elementwise.TryGetValue(name, out var scalarFunction))
            {
                // log|A| written as Math.Log(A.Determinant()) is computed from the LU factorisation.
                rule = (ir, r, a) => scalarFunction == Elementwise.Log && ir[a[0]].Op == Op.Det ? ir.LogDet(ir[a[0]].Args[0])
                    : ir.Map(scalarFunction, a[0]);
                return true;
            }
            return false;
        }

        public static char Code(ValueKind kind) => kind switch
        {
            ValueKind.Matrix => 'M',
            ValueKind.Vector => 'V',
            _ => 'S',
        };
    }
}

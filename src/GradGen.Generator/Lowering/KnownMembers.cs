using System.Collections.Generic;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Lowering
{
    /// <summary>What a member is called on: a matrix, a vector, or <c>System.Math</c>.</summary>
    internal enum Receiver
    {
        Matrix,
        Vector,
        Math,
    }

    /// <summary>Lowers one known call, given the receiver's node (or -1 for static calls) and the arguments' nodes.</summary>
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
            [(Receiver.Matrix, "Transpose", "")] = (ir, r, a) => ir.Transpose(r),
            [(Receiver.Matrix, "Multiply", "M")] = (ir, r, a) => ir.MatMul(r, a[0]),
            [(Receiver.Matrix, "Multiply", "S")] = (ir, r, a) => ir.Scale(a[0], r),
            [(Receiver.Matrix, "TransposeThisAndMultiply", "M")] = (ir, r, a) => ir.MatMul(ir.Transpose(r), a[0]),
            [(Receiver.Matrix, "TransposeAndMultiply", "M")] = (ir, r, a) => ir.MatMul(r, ir.Transpose(a[0])),
            [(Receiver.Matrix, "Add", "M")] = (ir, r, a) => ir.Add(r, a[0]),
            [(Receiver.Matrix, "Subtract", "M")] = (ir, r, a) => ir.Sub(r, a[0]),
            [(Receiver.Matrix, "Negate", "")] = (ir, r, a) => ir.Neg(r),
            [(Receiver.Matrix, "Trace", "")] = (ir, r, a) => ir.Trace(r),
            [(Receiver.Matrix, "FrobeniusNorm", "")] = (ir, r, a) => ir.FrobeniusNorm(r),
            [(Receiver.Matrix, "PointwiseMultiply", "M")] = (ir, r, a) => ir.Hadamard(r, a[0]),
            [(Receiver.Matrix, "ColumnSums", "")] = (ir, r, a) => ir.ColumnSums(r),
            [(Receiver.Matrix, "RowSums", "")] = (ir, r, a) => ir.RowSums(r),
            [(Receiver.Vector, "Sum", "")] = (ir, r, a) => ir.Sum(r),
        };

        public static bool TryGet(Receiver receiver, string name, string argKinds, out MemberRule rule)
            => s_rules.TryGetValue((receiver, name, argKinds), out rule!);

        /// <summary>Scalar functions of System.Math. Math.Pow needs a constant exponent and is handled by the lowerer.</summary>
        public static bool IsMath(string name) => name == "Pow";

        public static char Code(ValueKind kind) => kind switch
        {
            ValueKind.Matrix => 'M',
            ValueKind.Vector => 'V',
            _ => 'S',
        };
    }
}

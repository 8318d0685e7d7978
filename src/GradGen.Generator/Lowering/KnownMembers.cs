using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;

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
    /// Lowers one known call, given the receiver's node (None for static calls) and the arguments' nodes.
    /// Returns -1 when an argument that must be a constant is not one.
    /// </summary>
    internal delegate NodeId MemberRule(IrBuilder ir, NodeId receiver, NodeId[] args);

    /// <summary>
    /// The MathNet and System.Math members GradGen understands. Most are rows of the operations they lower to
    /// (Ir/Operations: Members), gathered here by receiver, name and argument kinds (M matrix, V vector, S scalar);
    /// the elementwise families (PointwiseExp, Math.Exp, …) are matched by name below.
    /// </summary>
    internal static class KnownMembers
    {
        /// <summary>Every operation's members (Ir/Operations: Members), by receiver, name and argument kinds.</summary>
        private static readonly Dictionary<(Receiver, string, string), MemberRule> s_rules = Operations.All
            .SelectMany(o => o.Members)
            .Concat(CompositeMembers.All)
            .ToDictionary(m => (m.Receiver, m.Name, m.ArgKinds), m => m.Build);

        /// <summary>Elementwise functions: MathNet's PointwiseF() on matrices and vectors, Math.F on scalars.</summary>
        private static readonly Dictionary<string, Elementwise> s_elementwise = new()
        {
            ["Exp"] = Elementwise.Exp,
            ["Log"] = Elementwise.Log,
            ["Tanh"] = Elementwise.Tanh,
            ["Sin"] = Elementwise.Sin,
            ["Cos"] = Elementwise.Cos,
            ["Sqrt"] = Elementwise.Sqrt,
            ["Abs"] = Elementwise.Abs,
            ["Tan"] = Elementwise.Tan,
            ["Atan"] = Elementwise.Atan,
            ["Asin"] = Elementwise.Asin,
            ["Acos"] = Elementwise.Acos,
            ["Sinh"] = Elementwise.Sinh,
            ["Cosh"] = Elementwise.Cosh,
            ["Log10"] = Elementwise.Log10,
            ["Cbrt"] = Elementwise.Cbrt,
        };

        /// <summary>Members that exist but have no derivative (or only a zero one): an error on the wrt path.</summary>
        private static readonly HashSet<string> s_notDifferentiable = new()
        {
            "PointwiseSign", "PointwiseRound", "PointwiseFloor", "PointwiseCeiling", "Rank", "Nullity",
            "Sign", "Floor", "Ceiling", "Round", "Truncate", "At", "Max", "Min",
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
                // A constant power is the elementwise map; any other exponent is PowerOf's row (a value, differentiated or not).
                rule = (ir, r, a) => name == "PointwisePower" && ir[a[0]].Op != Op.Const ? ir.PowerOf(r, a[0])
                    : ir[a[0]].Op != Op.Const ? NodeId.None
                    : name == "PointwisePower" ? ir.Map(Elementwise.Pow, r, ir[a[0]].Value)
                    : ir[a[0]].Value == 0 ? ir.Map(Elementwise.Relu, r) : NodeId.None;
                return true;
            }
            // Math.Exp(v) inside a lifted lambda, v standing for a whole matrix or vector: the entrywise map.
            if (receiver == Receiver.Math && argKinds is "M" or "V" && s_elementwise.TryGetValue(name, out var lifted))
            {
                rule = (ir, r, a) => ir.Map(lifted, a[0]);
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

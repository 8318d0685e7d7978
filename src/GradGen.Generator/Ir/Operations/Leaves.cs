using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>Parameters, members, literals, sized constants (I, 𝟙, 0), what is kept as written: no operands.</summary>
    internal static class Leaves
    {
        public static Operation[] All => new[] { Param, Member, Const, Identity, Ones, Zero, Opaque };

        /// <summary>A parameter of the method (Name).</summary>
        public static readonly Operation Param = new(Op.Param)
        {
            IsLeaf = true,
            Notation = static (t, n) => (n.Name, Notation.Atom),
            Emit = static (w, id, n) => (n.Name, Primary),
            IsSymmetric = static (ir, id, n) => ir.IsSymmetricLeaf(id),
        };

        /// <summary>A field, property or constant of the containing type, held fixed (Name is its C# text).</summary>
        public static readonly Operation Member = new(Op.Member)
        {
            IsLeaf = true,
            Notation = static (t, n) => (Notation.ShortName(n.Name), Notation.Atom),
            Emit = static (w, id, n) => (n.Name, Primary),
            IsSymmetric = static (ir, id, n) => ir.IsSymmetricLeaf(id),
        };

        /// <summary>A scalar literal (Value).</summary>
        public static readonly Operation Const = new(Op.Const)
        {
            IsLeaf = true,
            Notation = static (t, n) => (Notation.Number(n.Value), n.Value < 0 ? Notation.Unary : Notation.Atom),
            Emit = static (w, id, n) => (Literal(n.Value), n.Value < 0 ? Unary : Primary),
        };

        /// <summary>I, square, sized by Args[0] (Axis: rows or columns of that node).</summary>
        public static readonly Operation Identity = new(Op.Identity)
        {
            IsLeaf = true,
            Shape = static (s, n) =>
            {
                Dim side = n.Axis == Axis.Columns ? s.Columns(n.Args[0]) : s.Rows(n.Args[0]);
                return new((side, side));
            },
            Notation = static (t, n) => ("I", Notation.Atom),
            Emit = static (w, id, n) => ($"{Matrix}.Build.DenseIdentity({w.SizeOf(n.Args[0], n.Axis)})", Primary),
            IsSymmetric = static (ir, id, n) => true,
        };

        /// <summary>𝟙 sized like Args[0]: a matrix (Axis.Like) or a vector of its rows or columns.</summary>
        public static readonly Operation Ones = new(Op.Ones)
        {
            IsLeaf = true,
            Shape = LikeItsOperand,
            Notation = static (t, n) => ("𝟙", Notation.Atom),
            Emit = static (w, id, n) => Filled(w, n, ", 1.0"),
        };

        /// <summary>0 shaped like Args[0].</summary>
        public static readonly Operation Zero = new(Op.Zero)
        {
            IsLeaf = true,
            Shape = LikeItsOperand,
            Notation = static (t, n) => ("0", Notation.Atom),
            Emit = static (w, id, n) => Filled(w, n, ""),
        };

        /// <summary>An expression off the wrt path, emitted as written (Name; Args: the locals it reads).</summary>
        public static readonly Operation Opaque = new(Op.Opaque)
        {
            IsLeaf = true,
            Notation = static (t, n) => (Unwidened(n.Name).Replace("global::", "").Replace("this.", "")
                .Replace("MathNet.Numerics.LinearAlgebra.", ""), Notation.Atom),
            Emit = static (w, id, n) => (n.Name, Primary),
        };

        /// <summary>A dense matrix or vector sized like the operand, filled by MathNet's Dense(…, <paramref name="fill"/>).</summary>
        private static (string, int) Filled(BodyWriter w, Node n, string fill) => n.Kind == ValueKind.Matrix
            ? ($"{Matrix}.Build.Dense({w.ShapeOf(n.Args[0])}{fill})", Primary)
            : ($"{Vector}.Build.Dense({w.SizeOf(n.Args[0], n.Axis)}{fill})", Primary);

        /// <summary>A matrix 𝟙 or 0 has its operand's shape; a vector one has a length GradGen does not track.</summary>
        private static Shaped LikeItsOperand(ShapeInference s, Node n)
            => n.Kind == ValueKind.Matrix ? new(s.ShapeOf(n.Args[0])) : new(s.FreshShape(n.Kind));
    }
}

using System;
using GradGen.Generator.Model;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// One IR node. Nodes live in a <see cref="Graph"/> and refer to their operands by index,
    /// which is always smaller than their own: index order is a topological order.
    /// </summary>
    /// <param name="Op">What the node computes.</param>
    /// <param name="Kind">Scalar, vector or matrix.</param>
    /// <param name="Args">Operand indices.</param>
    /// <param name="Value">The literal of a <see cref="Op.Const"/>, the exponent of a <see cref="Op.Pow"/>.</param>
    /// <param name="Name">The C# name of a leaf.</param>
    /// <param name="Axis">For sized constants: which dimension of Args[0] gives the size.</param>
    public sealed record Node(Op Op, ValueKind Kind, EquatableArray<int> Args, double Value = 0, string Name = "", int Axis = 0)
    {
        public int Arity => Args.Count;

        public bool IsLeaf => Operations.Operations.Of(Op).IsLeaf;

        public bool IsConst(double value) => Op == Op.Const && Value.Equals(value);

        public static Node Leaf(Op op, ValueKind kind, string name) => new(op, kind, EquatableArray<int>.Empty, Name: name);

        public static Node Of(Op op, ValueKind kind, params int[] args) => new(op, kind, new EquatableArray<int>(args));
    }

    /// <summary>Axis codes of sized constants.</summary>
    public static class Axis
    {
        public const int Rows = 0;
        public const int Columns = 1;
        public const int Like = 2;
    }
}

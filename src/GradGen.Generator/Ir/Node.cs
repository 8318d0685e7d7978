using System;
using GradGen.Generator.Model;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// One IR node. Nodes live in a <see cref="GraphBuilder"/> and refer to their operands by <see cref="NodeId"/>,
    /// always smaller than their own: id order is a topological order.
    /// </summary>
    /// <param name="Op">What the node computes.</param>
    /// <param name="Kind">Scalar, vector or matrix.</param>
    /// <param name="Args">Operand ids.</param>
    /// <param name="Value">The literal of a <see cref="Op.Const"/>, the exponent of a <see cref="Op.Pow"/>.</param>
    /// <param name="Name">The C# name of a leaf.</param>
    /// <param name="Axis">For sized constants: which dimension of Args[0] gives the size.</param>
    /// <param name="Item">For a custom rule's call: the tuple item it reads (1, 2, …), 0 for a single value.</param>
    /// <param name="Function">For an <see cref="Op.Map"/>: the elementwise function σ.</param>
    public sealed record Node(Op Op, ValueKind Kind, EquatableArray<NodeId> Args, double Value = 0, string Name = "",
        Axis Axis = Axis.Rows, int Item = 0, Elementwise? Function = null)
    {
        public int Arity => Args.Count;

        public bool IsLeaf => Operations.Operations.Of(Op).IsLeaf;

        public bool IsConst(double value) => Op == Op.Const && Value.Equals(value);

        public static Node Leaf(Op op, ValueKind kind, string name) => new(op, kind, EquatableArray<NodeId>.Empty, Name: name);

        public static Node Of(Op op, ValueKind kind, params NodeId[] args) => new(op, kind, new EquatableArray<NodeId>(args));
    }

    /// <summary>Which size of a node a sized constant or a size check takes: its rows, its columns, or all of its shape.</summary>
    public enum Axis
    {
        Rows,
        Columns,
        Like,
    }
}

using System;
using System.Collections.Generic;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// Builds IR nodes faithfully, as the user wrote them (only structural sharing, no algebra),
    /// so that the value computed by generated code is bit for bit the value of the user's method.
    /// <see cref="Simplify.AlgebraBuilder"/> overrides the constructors with algebraic simplification
    /// for the derivative nodes.
    /// </summary>
    public class IrBuilder
    {
        public IrBuilder(GraphBuilder graph) => Graph = graph;

        public GraphBuilder Graph { get; }

        public Node this[int id] => Graph[id];

        public ValueKind KindOf(int id) => Graph[id].Kind;

        protected int Make(Op op, ValueKind kind, params int[] args) => Graph.Add(Node.Of(op, kind, args));

        // Leaves
        public int Param(string name, ValueKind kind) => Graph.Add(Node.Leaf(Op.Param, kind, name));
        public int Member(string text, ValueKind kind) => Graph.Add(Node.Leaf(Op.Member, kind, text));
        public int Const(double value) => Graph.Add(new Node(Op.Const, ValueKind.Scalar, Model.EquatableArray<int>.Empty, Value: value));
        public int Identity(int sizeOf, int axis) => Graph.Add(new Node(Op.Identity, ValueKind.Matrix, new Model.EquatableArray<int>(new[] { sizeOf }), Axis: axis));
        public int Ones(int shapeOf, int axis) => Graph.Add(new Node(Op.Ones, axis == Ir.Axis.Like ? KindOf(shapeOf) : ValueKind.Vector, new Model.EquatableArray<int>(new[] { shapeOf }), Axis: axis));
        public int Zero(int shapeOf) => KindOf(shapeOf) == ValueKind.Scalar ? Const(0) : Make(Op.Zero, KindOf(shapeOf), shapeOf);

        // Linear
        public virtual int Add(int a, int b) => Make(Op.Add, KindOf(a), a, b);
        public virtual int Sub(int a, int b) => Make(Op.Sub, KindOf(a), a, b);
        public virtual int Neg(int a) => Make(Op.Neg, KindOf(a), a);
        public virtual int Scale(int s, int a) => Make(Op.Scale, KindOf(a), s, a);
        public virtual int Transpose(int a) => Make(Op.Transpose, KindOf(a), a);
        public virtual int Trace(int a) => Make(Op.Trace, ValueKind.Scalar, a);
        public virtual int ColumnSums(int a) => Make(Op.ColumnSums, ValueKind.Vector, a);
        public virtual int RowSums(int a) => Make(Op.RowSums, ValueKind.Vector, a);
        public virtual int Sum(int v) => Make(Op.Sum, ValueKind.Scalar, v);

        // Products
        public virtual int Mul(int a, int b) => Make(Op.Mul, ValueKind.Scalar, a, b);
        public virtual int Div(int a, int b) => Make(Op.Div, ValueKind.Scalar, a, b);
        public virtual int MatMul(int a, int b) => Make(Op.MatMul, KindOf(b), a, b);
        public virtual int Hadamard(int a, int b) => Make(Op.Hadamard, KindOf(a), a, b);
        public virtual int Outer(int u, int v) => Make(Op.Outer, ValueKind.Matrix, u, v);
        public virtual int Inner(int a, int b) => Make(Op.Inner, ValueKind.Scalar, a, b);

        // Nonlinear
        public virtual int Pow(int a, double exponent) => Graph.Add(new Node(Op.Pow, ValueKind.Scalar, new Model.EquatableArray<int>(new[] { a }), Value: exponent));
        public virtual int FrobeniusNorm(int a) => Make(Op.FrobeniusNorm, ValueKind.Scalar, a);

        /// <summary>Σ of terms (an empty sum is the zero shaped like <paramref name="shapeOf"/>).</summary>
        public virtual int SumOf(IReadOnlyList<int> terms, int shapeOf)
        {
            if (terms.Count == 0) return Zero(shapeOf);
            int acc = terms[0];
            for (int i = 1; i < terms.Count; i++) acc = Add(acc, terms[i]);
            return acc;
        }

        /// <summary>Rebuilds node <paramref name="id"/> of another graph's shape with new operands, through this builder's constructors.</summary>
        public int Rebuild(Node node, int[] args) => node.Op switch
        {
            Op.Add => Add(args[0], args[1]),
            Op.Sub => Sub(args[0], args[1]),
            Op.Neg => Neg(args[0]),
            Op.Scale => Scale(args[0], args[1]),
            Op.Transpose => Transpose(args[0]),
            Op.Trace => Trace(args[0]),
            Op.ColumnSums => ColumnSums(args[0]),
            Op.RowSums => RowSums(args[0]),
            Op.Sum => Sum(args[0]),
            Op.Mul => Mul(args[0], args[1]),
            Op.Div => Div(args[0], args[1]),
            Op.MatMul => MatMul(args[0], args[1]),
            Op.Hadamard => Hadamard(args[0], args[1]),
            Op.Outer => Outer(args[0], args[1]),
            Op.Inner => Inner(args[0], args[1]),
            Op.Pow => Pow(args[0], node.Value),
            Op.FrobeniusNorm => FrobeniusNorm(args[0]),
            _ => throw new ArgumentException($"Cannot rebuild {node.Op}"),
        };
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// Builds IR nodes faithfully, as the user wrote them (only structural sharing, no algebra),
    /// so that the value computed by generated code is the user's computation (the emitter only swaps
    /// a few reductions for cheaper forms of the same quantity, see <see cref="Emit.Peepholes"/>).
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
        public int Identity(int sizeOf, int axis) => Graph.Add(new Node(Op.Identity, ValueKind.Matrix,
            new Model.EquatableArray<int>(new[] { sizeOf }), Axis: axis));
        public int Ones(int shapeOf, int axis) => Graph.Add(new Node(Op.Ones, axis == Ir.Axis.Like ? KindOf(shapeOf) : ValueKind.Vector,
            new Model.EquatableArray<int>(new[] { shapeOf }), Axis: axis));
        public int Opaque(string text, ValueKind kind, int[] reads) => Graph.Add(new Node(Op.Opaque, kind,
            new Model.EquatableArray<int>(reads), Name: text));
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
        public virtual int AddScalar(int s, int a) => Make(Op.AddScalar, KindOf(a), s, a);
        public virtual int Diagonal(int a) => Make(Op.Diagonal, ValueKind.Vector, a);
        public virtual int DiagMatrix(int v) => Make(Op.DiagMatrix, ValueKind.Matrix, v);
        public virtual int DiagMatrix(int v, int shapeOf) => Make(Op.DiagMatrix, ValueKind.Matrix, v, shapeOf);
        public virtual int AsColumn(int v) => Make(Op.AsColumn, ValueKind.Matrix, v);
        public virtual int AsRow(int v) => Make(Op.AsRow, ValueKind.Matrix, v);
        public virtual int ColumnOf(int m, int j) => Make(Op.ColumnOf, ValueKind.Vector, m, j);
        public virtual int RowOf(int m, int i) => Make(Op.RowOf, ValueKind.Vector, m, i);
        public virtual int PlaceColumn(int v, int j, int like) => Make(Op.PlaceColumn, ValueKind.Matrix, v, j, like);
        public virtual int PlaceRow(int v, int i, int like) => Make(Op.PlaceRow, ValueKind.Matrix, v, i, like);
        /// <summary>v.MaximumIndex() and kin (<paramref name="method"/>): an index, piecewise constant in v.</summary>
        public int IndexOf(string method, int v) => Graph.Add(new Node(Op.IndexOf, ValueKind.Scalar,
            new Model.EquatableArray<int>(new[] { v }), Name: method));
        /// <summary>Aᵢⱼ (indices: j &lt; 0 for a vector's vᵢ).</summary>
        public virtual int Element(int a, int i, int j = -1) => j < 0 ? Make(Op.Element, ValueKind.Scalar, a, i)
            : Make(Op.Element, ValueKind.Scalar, a, i, j);
        public virtual int PlaceElement(int s, int i, int j, int like) => j < 0 ? Make(Op.PlaceElement, KindOf(like), s, i, like)
            : Make(Op.PlaceElement, KindOf(like), s, i, j, like);

        // Products
        public virtual int Mul(int a, int b) => Make(Op.Mul, ValueKind.Scalar, a, b);
        public virtual int Div(int a, int b) => Make(Op.Div, ValueKind.Scalar, a, b);
        public virtual int MatMul(int a, int b) => Make(Op.MatMul, KindOf(b), a, b);
        public virtual int Hadamard(int a, int b) => Make(Op.Hadamard, KindOf(a), a, b);
        public virtual int Outer(int u, int v) => Make(Op.Outer, ValueKind.Matrix, u, v);
        public virtual int Inner(int a, int b) => Make(Op.Inner, ValueKind.Scalar, a, b);
        public virtual int PointwiseDivide(int a, int b) => Make(Op.PointwiseDivide, KindOf(a), a, b);
        public virtual int DivScalar(int a, int s) => Make(Op.DivScalar, KindOf(a), a, s);
        public virtual int ScalarDivide(int s, int a) => Make(Op.ScalarDivide, KindOf(a), s, a);
        public virtual int Kronecker(int a, int b) => Make(Op.Kronecker, ValueKind.Matrix, a, b);
        public virtual int KroneckerAdjointLeft(int bar, int b) => Make(Op.KroneckerAdjointLeft, ValueKind.Matrix, bar, b);
        public virtual int KroneckerAdjointRight(int bar, int a) => Make(Op.KroneckerAdjointRight, ValueKind.Matrix, bar, a);
        public virtual int Solve(int a, int b) => Make(Op.Solve, KindOf(b), a, b);
        public int LeastSquares(int a, int b) => Make(Op.LeastSquares, KindOf(b), a, b);

        // Nonlinear
        public virtual int Pow(int a, double exponent) => Graph.Add(new Node(Op.Pow, ValueKind.Scalar,
            new Model.EquatableArray<int>(new[] { a }), Value: exponent));
        public virtual int FrobeniusNorm(int a) => Make(Op.FrobeniusNorm, ValueKind.Scalar, a);
        public virtual int PowerOf(int a, int p) => Make(Op.PowerOf, KindOf(a), a, p);
        public int ReciprocalOrZero(int a) => Make(Op.ReciprocalOrZero, ValueKind.Scalar, a);
        public virtual int Map(string function, int a, double exponent = 0) => Graph.Add(new Node(Op.Map, KindOf(a),
            new Model.EquatableArray<int>(new[] { a }), Value: exponent, Name: function));
        public virtual int Inverse(int a) => Make(Op.Inverse, ValueKind.Matrix, a);
        public virtual int Det(int a) => Make(Op.Det, ValueKind.Scalar, a);
        public virtual int Adjugate(int a) => Make(Op.Adjugate, ValueKind.Matrix, a);
        public virtual int LogDet(int a) => Make(Op.LogDet, ValueKind.Scalar, a);
        public int PositiveDefinite(int a) => Make(Op.PositiveDefinite, ValueKind.Matrix, a);
        public int CholeskyFactor(int a) => Make(Op.CholeskyFactor, ValueKind.Matrix, a);
        public int LowerHalf(int a) => Make(Op.LowerHalf, ValueKind.Matrix, a);
        public int Call(string function, ValueKind kind, int[] args)
            => Graph.Add(new Node(Op.Call, kind, new Model.EquatableArray<int>(args), Name: function));
        public int SubMatrix(int a, int[] indices) => Make(Op.SubMatrix, KindOf(a), new[] { a }.Concat(indices).ToArray());
        public int PlaceBlock(int block, int[] indices, int like)
            => Make(Op.PlaceBlock, KindOf(like), new[] { block }.Concat(indices).Concat(new[] { like }).ToArray());
        public int Append(int a, int b) => Make(Op.Append, ValueKind.Matrix, a, b);
        public int Stack(int a, int b) => Make(Op.Stack, ValueKind.Matrix, a, b);
        public int Dimension(int of, int axis) => Graph.Add(new Node(Op.Dimension, ValueKind.Scalar,
            new Model.EquatableArray<int>(new[] { of }), Axis: axis));
        public int Eigenvalues(int s) => Make(Op.Eigenvalues, ValueKind.Vector, s);
        public int Eigenvectors(int s) => Make(Op.Eigenvectors, ValueKind.Matrix, s);
        public int InverseGaps(int lambda) => Make(Op.InverseGaps, ValueKind.Matrix, lambda);
        public int SingularValues(int a) => Make(Op.SingularValues, ValueKind.Vector, a);
        public int LeftSingular(int a) => Make(Op.LeftSingular, ValueKind.Matrix, a);
        public int RightSingular(int a) => Make(Op.RightSingular, ValueKind.Matrix, a);
        public int IndexGrid(int like, int axis) => Graph.Add(new Node(Op.IndexGrid, KindOf(like),
            new Model.EquatableArray<int>(new[] { like }), Axis: axis));
        public int Cotangent(int call) => Make(Op.Cotangent, KindOf(call), call);
        public int RuleCall(string rule, ValueKind kind, int[] args, int item)
            => Graph.Add(new Node(Op.RuleCall, kind, new Model.EquatableArray<int>(args), Name: rule, Axis: item));

        /// <summary>Σ of terms (an empty sum is the zero shaped like <paramref name="shapeOf"/>).</summary>
        public virtual int SumOf(IReadOnlyList<int> terms, int shapeOf)
        {
            if (terms.Count == 0) return Zero(shapeOf);
            int acc = terms[0];
            for (int i = 1; i < terms.Count; i++) acc = Add(acc, terms[i]);
            return acc;
        }
    }
}

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

        public Node this[NodeId id] => Graph[id];

        public ValueKind KindOf(NodeId id) => Graph[id].Kind;

        protected NodeId Make(Op op, ValueKind kind, params NodeId[] args) => Graph.Add(Node.Of(op, kind, args));

        // Leaves
        public NodeId Param(string name, ValueKind kind) => Graph.Add(Node.Leaf(Op.Param, kind, name));
        public NodeId Member(string text, ValueKind kind) => Graph.Add(Node.Leaf(Op.Member, kind, text));
        public NodeId Const(double value)
            => Graph.Add(new Node(Op.Const, ValueKind.Scalar, Model.EquatableArray<NodeId>.Empty, Value: value));
        public NodeId Identity(NodeId sizeOf, Axis axis) => Graph.Add(new Node(Op.Identity, ValueKind.Matrix,
            new Model.EquatableArray<NodeId>(new[] { sizeOf }), Axis: axis));
        public NodeId Ones(NodeId shapeOf, Axis axis) => Graph.Add(new Node(Op.Ones, axis == Axis.Like ? KindOf(shapeOf) : ValueKind.Vector,
            new Model.EquatableArray<NodeId>(new[] { shapeOf }), Axis: axis));
        public NodeId Opaque(string text, ValueKind kind, NodeId[] reads) => Graph.Add(new Node(Op.Opaque, kind,
            new Model.EquatableArray<NodeId>(reads), Name: text));
        public NodeId Zero(NodeId shapeOf) => KindOf(shapeOf) == ValueKind.Scalar ? Const(0) : Make(Op.Zero, KindOf(shapeOf), shapeOf);

        // Linear
        public virtual NodeId Add(NodeId a, NodeId b) => Make(Op.Add, KindOf(a), a, b);
        public virtual NodeId Sub(NodeId a, NodeId b) => Make(Op.Sub, KindOf(a), a, b);
        public virtual NodeId Neg(NodeId a) => Make(Op.Neg, KindOf(a), a);
        public virtual NodeId Scale(NodeId s, NodeId a) => Make(Op.Scale, KindOf(a), s, a);
        public virtual NodeId Transpose(NodeId a) => Make(Op.Transpose, KindOf(a), a);
        public virtual NodeId Trace(NodeId a) => Make(Op.Trace, ValueKind.Scalar, a);
        public virtual NodeId ColumnSums(NodeId a) => Make(Op.ColumnSums, ValueKind.Vector, a);
        public virtual NodeId RowSums(NodeId a) => Make(Op.RowSums, ValueKind.Vector, a);
        public virtual NodeId Sum(NodeId v) => Make(Op.Sum, ValueKind.Scalar, v);
        public virtual NodeId AddScalar(NodeId s, NodeId a) => Make(Op.AddScalar, KindOf(a), s, a);
        public virtual NodeId Diagonal(NodeId a) => Make(Op.Diagonal, ValueKind.Vector, a);
        public virtual NodeId DiagMatrix(NodeId v) => Make(Op.DiagMatrix, ValueKind.Matrix, v);
        public virtual NodeId DiagMatrix(NodeId v, NodeId shapeOf) => Make(Op.DiagMatrix, ValueKind.Matrix, v, shapeOf);
        public virtual NodeId AsColumn(NodeId v) => Make(Op.AsColumn, ValueKind.Matrix, v);
        public virtual NodeId AsRow(NodeId v) => Make(Op.AsRow, ValueKind.Matrix, v);
        public virtual NodeId ColumnOf(NodeId m, NodeId j) => Make(Op.ColumnOf, ValueKind.Vector, m, j);
        public virtual NodeId RowOf(NodeId m, NodeId i) => Make(Op.RowOf, ValueKind.Vector, m, i);
        public virtual NodeId PlaceColumn(NodeId v, NodeId j, NodeId like) => Make(Op.PlaceColumn, ValueKind.Matrix, v, j, like);
        public virtual NodeId PlaceRow(NodeId v, NodeId i, NodeId like) => Make(Op.PlaceRow, ValueKind.Matrix, v, i, like);
        /// <summary>v.MaximumIndex() and kin (<paramref name="method"/>): an index, piecewise constant in v.</summary>
        public NodeId IndexOf(string method, NodeId v) => Graph.Add(new Node(Op.IndexOf, ValueKind.Scalar,
            new Model.EquatableArray<NodeId>(new[] { v }), Name: method));
        /// <summary>Aᵢⱼ (indices: no j for a vector's vᵢ).</summary>
        public virtual NodeId Element(NodeId a, NodeId i, NodeId? j = null)
            => j is { } column ? Make(Op.Element, ValueKind.Scalar, a, i, column) : Make(Op.Element, ValueKind.Scalar, a, i);
        public virtual NodeId PlaceElement(NodeId s, NodeId i, NodeId? j, NodeId like)
            => j is { } column ? Make(Op.PlaceElement, KindOf(like), s, i, column, like) : Make(Op.PlaceElement, KindOf(like), s, i, like);

        // Products
        public virtual NodeId Mul(NodeId a, NodeId b) => Make(Op.Mul, ValueKind.Scalar, a, b);
        public virtual NodeId Div(NodeId a, NodeId b) => Make(Op.Div, ValueKind.Scalar, a, b);
        public virtual NodeId MatMul(NodeId a, NodeId b) => Make(Op.MatMul, KindOf(b), a, b);
        public virtual NodeId Hadamard(NodeId a, NodeId b) => Make(Op.Hadamard, KindOf(a), a, b);
        public virtual NodeId Outer(NodeId u, NodeId v) => Make(Op.Outer, ValueKind.Matrix, u, v);
        public virtual NodeId Inner(NodeId a, NodeId b) => Make(Op.Inner, ValueKind.Scalar, a, b);
        public virtual NodeId PointwiseDivide(NodeId a, NodeId b) => Make(Op.PointwiseDivide, KindOf(a), a, b);
        public virtual NodeId DivScalar(NodeId a, NodeId s) => Make(Op.DivScalar, KindOf(a), a, s);
        public virtual NodeId ScalarDivide(NodeId s, NodeId a) => Make(Op.ScalarDivide, KindOf(a), s, a);
        public virtual NodeId Kronecker(NodeId a, NodeId b) => Make(Op.Kronecker, ValueKind.Matrix, a, b);
        public virtual NodeId KroneckerAdjointLeft(NodeId bar, NodeId b) => Make(Op.KroneckerAdjointLeft, ValueKind.Matrix, bar, b);
        public virtual NodeId KroneckerAdjointRight(NodeId bar, NodeId a) => Make(Op.KroneckerAdjointRight, ValueKind.Matrix, bar, a);
        public virtual NodeId Solve(NodeId a, NodeId b) => Make(Op.Solve, KindOf(b), a, b);
        public NodeId LeastSquares(NodeId a, NodeId b) => Make(Op.LeastSquares, KindOf(b), a, b);

        // Nonlinear
        public virtual NodeId Pow(NodeId a, double exponent) => Graph.Add(new Node(Op.Pow, ValueKind.Scalar,
            new Model.EquatableArray<NodeId>(new[] { a }), Value: exponent));
        public virtual NodeId FrobeniusNorm(NodeId a) => Make(Op.FrobeniusNorm, ValueKind.Scalar, a);
        public virtual NodeId PowerOf(NodeId a, NodeId p) => Make(Op.PowerOf, KindOf(a), a, p);
        public NodeId ReciprocalOrZero(NodeId a) => Make(Op.ReciprocalOrZero, ValueKind.Scalar, a);
        public virtual NodeId Map(Elementwise function, NodeId a, double exponent = 0) => Graph.Add(new Node(Op.Map, KindOf(a),
            new Model.EquatableArray<NodeId>(new[] { a }), Value: exponent, Function: function));
        public virtual NodeId Inverse(NodeId a) => Make(Op.Inverse, ValueKind.Matrix, a);
        public virtual NodeId Det(NodeId a) => Make(Op.Det, ValueKind.Scalar, a);
        public virtual NodeId Adjugate(NodeId a) => Make(Op.Adjugate, ValueKind.Matrix, a);
        public virtual NodeId LogDet(NodeId a) => Make(Op.LogDet, ValueKind.Scalar, a);
        public NodeId PositiveDefinite(NodeId a) => Make(Op.PositiveDefinite, ValueKind.Matrix, a);
        public NodeId CholeskyFactor(NodeId a) => Make(Op.CholeskyFactor, ValueKind.Matrix, a);
        public NodeId LowerHalf(NodeId a) => Make(Op.LowerHalf, ValueKind.Matrix, a);
        public NodeId Call(string function, ValueKind kind, NodeId[] args)
            => Graph.Add(new Node(Op.Call, kind, new Model.EquatableArray<NodeId>(args), Name: function));
        public NodeId SubMatrix(NodeId a, NodeId[] indices) => Make(Op.SubMatrix, KindOf(a), new[] { a }.Concat(indices).ToArray());
        public NodeId PlaceBlock(NodeId block, NodeId[] indices, NodeId like)
            => Make(Op.PlaceBlock, KindOf(like), new[] { block }.Concat(indices).Concat(new[] { like }).ToArray());
        public NodeId Append(NodeId a, NodeId b) => Make(Op.Append, ValueKind.Matrix, a, b);
        public NodeId Stack(NodeId a, NodeId b) => Make(Op.Stack, ValueKind.Matrix, a, b);
        public NodeId Dimension(NodeId of, Axis axis) => Graph.Add(new Node(Op.Dimension, ValueKind.Scalar,
            new Model.EquatableArray<NodeId>(new[] { of }), Axis: axis));
        public NodeId Eigenvalues(NodeId s) => Make(Op.Eigenvalues, ValueKind.Vector, s);
        public NodeId Eigenvectors(NodeId s) => Make(Op.Eigenvectors, ValueKind.Matrix, s);
        public NodeId InverseGaps(NodeId lambda) => Make(Op.InverseGaps, ValueKind.Matrix, lambda);
        public NodeId SingularValues(NodeId a) => Make(Op.SingularValues, ValueKind.Vector, a);
        public NodeId LeftSingular(NodeId a) => Make(Op.LeftSingular, ValueKind.Matrix, a);
        public NodeId RightSingular(NodeId a) => Make(Op.RightSingular, ValueKind.Matrix, a);
        public NodeId SvdU(NodeId a) => Make(Op.SvdU, ValueKind.Matrix, a);
        public NodeId SvdV(NodeId a) => Make(Op.SvdV, ValueKind.Matrix, a);
        public NodeId QrQ(NodeId a) => Make(Op.QrQ, ValueKind.Matrix, a);
        public NodeId QrR(NodeId a) => Make(Op.QrR, ValueKind.Matrix, a);
        public NodeId Square(NodeId a) => Make(Op.Square, ValueKind.Matrix, a);
        public NodeId GramSchmidtQ(NodeId a) => Make(Op.GramSchmidtQ, ValueKind.Matrix, a);
        public NodeId GramSchmidtR(NodeId a) => Make(Op.GramSchmidtR, ValueKind.Matrix, a);
        public NodeId LuL(NodeId a) => Make(Op.LuL, ValueKind.Matrix, a);
        public NodeId LuU(NodeId a) => Make(Op.LuU, ValueKind.Matrix, a);
        public NodeId Pivot(NodeId a, NodeId x, bool transposed) => Graph.Add(new Node(Op.Pivot, KindOf(x),
            new Model.EquatableArray<NodeId>(new[] { a, x }), Value: transposed ? 1 : 0));
        public NodeId Triangle(NodeId a, Triangle part) => Graph.Add(new Node(Op.Triangle, ValueKind.Matrix,
            new Model.EquatableArray<NodeId>(new[] { a }), Value: (int)part));
        public NodeId EntryProduct(NodeId x) => Make(Op.EntryProduct, ValueKind.Scalar, x);
        public NodeId ProductsOfOthers(NodeId x) => Make(Op.ProductsOfOthers, KindOf(x), x);
        public NodeId ProductsOfOthersTangent(NodeId x, NodeId dx) => Make(Op.ProductsOfOthersTangent, KindOf(x), x, dx);
        public NodeId IndexGrid(NodeId like, Axis axis) => Graph.Add(new Node(Op.IndexGrid, KindOf(like),
            new Model.EquatableArray<NodeId>(new[] { like }), Axis: axis));
        public NodeId Cotangent(NodeId call) => Make(Op.Cotangent, KindOf(call), call);
        public NodeId RuleCall(string rule, ValueKind kind, NodeId[] args, int item)
            => Graph.Add(new Node(Op.RuleCall, kind, new Model.EquatableArray<NodeId>(args), Name: rule, Item: item));

        /// <summary>Σ of terms (an empty sum is the zero shaped like <paramref name="shapeOf"/>).</summary>
        public virtual NodeId SumOf(IReadOnlyList<NodeId> terms, NodeId shapeOf)
        {
            if (terms.Count == 0) return Zero(shapeOf);
            NodeId acc = terms[0];
            for (int i = 1; i < terms.Count; i++) acc = Add(acc, terms[i]);
            return acc;
        }
    }
}

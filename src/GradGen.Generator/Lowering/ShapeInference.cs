using System.Collections.Generic;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// Symbolic shapes: every matrix gets a row and a column dimension, every vector a length, and
    /// each operation unifies what it needs equal (the inner sizes of a product, the shapes of a sum,
    /// the sides of a trace or an inverse). Sizes written as literals (Matrix&lt;double&gt;.Build.Dense(2, 3))
    /// are constants; two different constants meeting is a shape mismatch, reported at compile time
    /// (GG0011) instead of as MathNet's ArgumentException at run time.
    /// </summary>
    internal sealed class ShapeInference
    {
        private readonly List<int> _parent = new();
        private readonly List<int?> _value = new();
        private readonly Dictionary<int, (int Rows, int Columns)> _shapes = new();   // vector: Columns = -1

        private int Fresh(int? value = null)
        {
            _parent.Add(_parent.Count);
            _value.Add(value);
            return _parent.Count - 1;
        }

        private int Find(int d) => _parent[d] == d ? d : _parent[d] = Find(_parent[d]);

        /// <summary>Makes two dimensions one; false if they are different constants.</summary>
        private bool Unify(int a, int b, out (int, int) conflict)
        {
            conflict = default;
            a = Find(a);
            b = Find(b);
            if (a == b) return true;
            if (_value[a] is int va && _value[b] is int vb && va != vb)
            {
                conflict = (va, vb);
                return false;
            }
            _parent[a] = b;
            _value[b] ??= _value[a];
            return true;
        }

        public static List<DiagnosticInfo> Check(IReadOnlyList<Node> nodes, IReadOnlyDictionary<int, (int Rows, int Columns)> constants, IReadOnlyDictionary<int, SyntaxNode> origins)
        {
            var inference = new ShapeInference();
            var diagnostics = new List<DiagnosticInfo>();
            for (int id = 0; id < nodes.Count; id++)
            {
                if (inference.Visit(id, nodes[id], constants) is { } problem && origins.TryGetValue(id, out var syntax))
                {
                    // The first conflict is the cause; what follows from it would only repeat it.
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, syntax.GetLocation(), SyntaxText.Shorten(syntax.ToString()), problem));
                    break;
                }
            }
            return diagnostics;
        }

        /// <summary>Shapes of a whole graph (forward and derivative nodes), for decisions that depend on which sizes are equal.</summary>
        public static ShapeInference Infer(IReadOnlyList<Node> nodes)
        {
            var inference = new ShapeInference();
            var none = new Dictionary<int, (int Rows, int Columns)>();
            for (int id = 0; id < nodes.Count; id++) inference.Visit(id, nodes[id], none);
            return inference;
        }

        /// <summary>The dimension classes of a matrix node: equal classes mean sizes known to be equal.</summary>
        public (int Rows, int Columns) Dimensions(int node)
        {
            var shape = ShapeOf(node);
            return (Find(shape.Rows), shape.Columns >= 0 ? Find(shape.Columns) : -1);
        }


        /// <summary>Gives node <paramref name="id"/> its shape; returns a description of a mismatch, if any.</summary>
        private string? Visit(int id, Node n, IReadOnlyDictionary<int, (int Rows, int Columns)> constants)
        {
            if (n.Kind == ValueKind.Scalar)
            {
                return n.Op switch
                {
                    Op.Trace => Equal(Rows(n.Args[0]), Columns(n.Args[0]), "rows and columns of the traced matrix"),
                    Op.Det or Op.LogDet => Equal(Rows(n.Args[0]), Columns(n.Args[0]), "rows and columns of the matrix"),
                    Op.Inner => SameShape(n.Args[0], n.Args[1], "the two operands"),
                    _ => null,
                };
            }

            string? problem = null;
            (int, int) shape;
            int A(int i) => n.Args[i];
            switch (n.Op)
            {
                case Op.Opaque when constants.TryGetValue(id, out var known):
                    shape = (Fresh(known.Rows), known.Columns == -1 ? -1 : Fresh(known.Columns >= 0 ? known.Columns : null));
                    break;
                case Op.Add or Op.Sub or Op.Hadamard or Op.PointwiseDivide:
                    problem = SameShape(A(0), A(1), "the two operands");
                    shape = ShapeOf(A(0));
                    break;
                case Op.Neg or Op.Map:
                    shape = ShapeOf(A(0));
                    break;
                case Op.Scale or Op.AddScalar or Op.ScalarDivide:
                    shape = ShapeOf(A(1));
                    break;
                case Op.DivScalar:
                    shape = ShapeOf(A(0));
                    break;
                case Op.Transpose:
                    shape = n.Kind == ValueKind.Vector ? ShapeOf(A(0)) : (Columns(A(0)), Rows(A(0)));
                    break;
                case Op.MatMul:
                    problem = Equal(Columns(A(0)), Rows(A(1)), "columns of the left factor and rows of the right factor");
                    shape = n.Kind == ValueKind.Vector ? (Rows(A(0)), -1) : (Rows(A(0)), Columns(A(1)));
                    break;
                case Op.Inverse:
                    problem = Equal(Rows(A(0)), Columns(A(0)), "rows and columns of the inverted matrix");
                    shape = ShapeOf(A(0));
                    break;
                case Op.Solve:
                    problem = Equal(Rows(A(0)), Columns(A(0)), "rows and columns of the system matrix")
                        ?? Equal(Rows(A(0)), Rows(A(1)), "rows of the system matrix and of the right-hand side");
                    shape = n.Kind == ValueKind.Vector ? (Columns(A(0)), -1) : (Columns(A(0)), Columns(A(1)));
                    break;
                case Op.ColumnSums:
                    shape = (Columns(A(0)), -1);
                    break;
                case Op.RowSums:
                    shape = (Rows(A(0)), -1);
                    break;
                case Op.DiagMatrix when n.Arity == 1:
                    shape = (Rows(A(0)), Rows(A(0)));
                    break;
                case Op.Outer:
                    shape = (Rows(A(0)), Rows(A(1)));
                    break;
                case Op.AsColumn:
                    shape = (Rows(A(0)), Fresh(1));
                    break;
                case Op.AsRow:
                    shape = (Fresh(1), Rows(A(0)));
                    break;
                case Op.ColumnOf:
                    shape = (Rows(A(0)), -1);
                    break;
                case Op.RowOf:
                    shape = (Columns(A(0)), -1);
                    break;
                case Op.Identity:
                    int side = n.Axis == Axis.Columns ? Columns(A(0)) : Rows(A(0));
                    shape = (side, side);
                    break;
                case Op.Ones or Op.Zero when n.Kind == ValueKind.Matrix:
                    shape = ShapeOf(A(0));
                    break;
                case Op.DiagMatrix when n.Arity == 2:
                    shape = ShapeOf(A(1));
                    break;
                case Op.PlaceColumn or Op.PlaceRow:
                    shape = ShapeOf(A(2));
                    break;
                default:
                    // Leaves, Kronecker products, diagonals: sizes GradGen does not track.
                    shape = (Fresh(), n.Kind == ValueKind.Vector ? -1 : Fresh());
                    break;
            }
            _shapes[id] = shape;
            return problem;
        }

        /// <summary>The shape of a node (one not tracked, such as a scalar used oddly, gets fresh dimensions).</summary>
        private (int Rows, int Columns) ShapeOf(int node)
        {
            if (!_shapes.TryGetValue(node, out var shape)) _shapes[node] = shape = (Fresh(), Fresh());
            return shape;
        }

        private int Rows(int node) => ShapeOf(node).Rows;

        /// <summary>A matrix's column dimension; a vector (as a column) has one column.</summary>
        private int Columns(int node) => ShapeOf(node).Columns >= 0 ? ShapeOf(node).Columns : Fresh(1);

        private string? Equal(int a, int b, string what)
            => Unify(a, b, out var conflict) ? null : $"{what} are {conflict.Item1} and {conflict.Item2}";

        private string? SameShape(int a, int b, string what)
        {
            var (sa, sb) = (ShapeOf(a), ShapeOf(b));
            if (!Unify(sa.Rows, sb.Rows, out var rows)) return $"{what} have {rows.Item1} and {rows.Item2} rows";
            if (sa.Columns >= 0 && sb.Columns >= 0 && !Unify(sa.Columns, sb.Columns, out var columns)) return $"{what} have {columns.Item1} and {columns.Item2} columns";
            return null;
        }
    }
}

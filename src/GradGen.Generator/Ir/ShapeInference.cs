using System.Collections.Generic;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Ir.Operations;
using GradGen.Generator.Lowering;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// Symbolic shapes: every matrix gets a row and a column dimension, every vector a length, and
    /// each operation unifies what it needs equal (the inner sizes of a product, the shapes of a sum,
    /// the sides of a trace or an inverse). Sizes written as literals (Matrix&lt;double&gt;.Build.Dense(2, 3))
    /// are constants; two different constants meeting is a shape mismatch, reported at compile time
    /// (GG0011) instead of as MathNet's ArgumentException at run time.
    /// </summary>
    internal sealed partial class ShapeInference
    {
        private readonly List<int> _parent = new();
        private readonly List<int?> _value = new();
        private readonly Dictionary<NodeId, (Dim Rows, Dim? Columns)> _shapes = new();   // a vector has no Columns

        /// <summary>A new dimension, of a literal size if <paramref name="value"/> is given.</summary>
        internal Dim Fresh(int? value = null)
        {
            _parent.Add(_parent.Count);
            _value.Add(value);
            return new Dim(_parent.Count - 1);
        }

        private Dim Find(Dim d) => new(Find(d.Index));

        private int Find(int d) => _parent[d] == d ? d : _parent[d] = Find(_parent[d]);

        /// <summary>The literal size of a dimension, if it has one.</summary>
        private int? ValueOf(Dim d) => _value[Find(d.Index)];

        /// <summary>Makes two dimensions one; false if they are different constants.</summary>
        private bool Unify(Dim da, Dim db, out (int, int) conflict)
        {
            conflict = default;
            int a = Find(da.Index), b = Find(db.Index);
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

        public static List<DiagnosticInfo> Check(IReadOnlyList<Node> nodes, IReadOnlyDictionary<NodeId, LiteralShape> constants,
            IReadOnlyDictionary<NodeId, SyntaxNode> origins) => Check(nodes, constants, origins, out _);

        /// <summary>As the overload above, keeping the shapes found (complete where there is no diagnostic) for
        /// <see cref="ParameterChecks"/>.</summary>
        public static List<DiagnosticInfo> Check(IReadOnlyList<Node> nodes, IReadOnlyDictionary<NodeId, LiteralShape> constants,
            IReadOnlyDictionary<NodeId, SyntaxNode> origins, out ShapeInference inference)
        {
            inference = new ShapeInference();
            var diagnostics = new List<DiagnosticInfo>();
            for (int i = 0; i < nodes.Count; i++)
            {
                var id = new NodeId(i);
                if (inference.Visit(id, nodes[i], constants) is { } problem && origins.TryGetValue(id, out var syntax))
                {
                    // The first conflict is the cause; what follows from it would only repeat it.
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, syntax.GetLocation(),
                        SyntaxText.Shorten(syntax.ToString()), problem));
                    break;
                }
            }
            return diagnostics;
        }

        /// <summary>
        /// What the parameters' sizes must satisfy for the body to make sense, as checks generated methods make up front: each
        /// parameter size that shape inference found equal to an earlier parameter's size, or to a literal size, once; and the
        /// shapes in letters ("X is m×n, A m×m") for the check's documentation.
        /// </summary>
        public (List<ShapeCheckModel> Checks, string Shapes) ParameterChecks(IReadOnlyList<Node> nodes, IEnumerable<string> parameters)
        {
            var nodeOf = new Dictionary<string, NodeId>();
            for (int i = 0; i < nodes.Count; i++)
            {
                var n = nodes[i];
                if (n.Op == Op.Param && n.Kind != ValueKind.Scalar && !nodeOf.ContainsKey(n.Name)) nodeOf[n.Name] = new NodeId(i);
            }
            var read = new List<(string, (Dim, Dim?), bool)>();
            foreach (string name in parameters)
            {
                if (nodeOf.TryGetValue(name, out var id)) read.Add((name, Dimensions(id), nodes[id.Index].Kind == ValueKind.Vector));
            }
            return ChecksOf(read);
        }

        /// <summary>The checks and the shapes in letters of parameters with these dimension classes, in this order.</summary>
        private (List<ShapeCheckModel> Checks, string Shapes) ChecksOf(
            IEnumerable<(string Name, (Dim Rows, Dim? Columns) Shape, bool Vector)> read)
        {
            var checks = new List<ShapeCheckModel>();
            var first = new Dictionary<Dim, (string Parameter, Axis Axis)>();
            var letters = new Dictionary<Dim, string>();
            var shapes = new List<string>();
            // Literal sizes as numbers, the others as letters in order of appearance.
            string Letter(Dim? dimension) => dimension is not { } d ? "" : ValueOf(d) is int size
                ? size.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : letters.TryGetValue(d, out var l) ? l : letters[d] = "mnpqrstuvwxyz"[letters.Count % 13].ToString();
            foreach (var (name, (rows, columns), vector) in read)
            {
                shapes.Add(vector ? $"{name} {Letter(rows)}" : $"{name} {Letter(rows)}×{Letter(columns)}");
                foreach (var (size, axis) in new[] { ((Dim?)rows, vector ? Axis.Like : Axis.Rows), (columns, Axis.Columns) })
                {
                    if (size is not { } dimension) continue;
                    if (first.TryGetValue(dimension, out var earlier))
                    {
                        checks.Add(new ShapeCheckModel(name, axis, Reference: earlier.Parameter, ReferenceAxis: earlier.Axis, Size: 0));
                        continue;
                    }
                    first[dimension] = (name, axis);
                    if (ValueOf(dimension) is int literal)
                    {
                        checks.Add(new ShapeCheckModel(name, axis, Reference: "", ReferenceAxis: Axis.Rows, Size: literal));
                    }
                }
            }
            return (checks, string.Join(", ", shapes));
        }

        /// <summary>Shapes of a whole graph (forward and derivative nodes), for decisions that depend on which sizes are equal.</summary>
        public static ShapeInference Infer(IReadOnlyList<Node> nodes)
        {
            var inference = new ShapeInference();
            for (int i = 0; i < nodes.Count; i++) inference.Visit(new NodeId(i), nodes[i], s_noLiterals);
            return inference;
        }

        /// <summary>The dimension classes of a matrix node: equal classes mean sizes known to be equal.</summary>
        public (Dim Rows, Dim? Columns) Dimensions(NodeId node) => Classes(ShapeOf(node));

        /// <summary>A shape's dimensions as their classes (equal classes, sizes known to be equal).</summary>
        private (Dim Rows, Dim? Columns) Classes((Dim Rows, Dim? Columns) shape)
            => (Find(shape.Rows), shape.Columns is { } columns ? Find(columns) : null);

        /// <summary>For graphs without literal sizes (derivative graphs, statements' right-hand sides).</summary>
        private static readonly IReadOnlyDictionary<NodeId, LiteralShape> s_noLiterals = new Dictionary<NodeId, LiteralShape>();


        /// <summary>Gives node <paramref name="id"/> its shape by its operation's rule; returns a description of a mismatch, if
        /// any.</summary>
        private string? Visit(NodeId id, Node n, IReadOnlyDictionary<NodeId, LiteralShape> constants)
        {
            if (n.Op == Op.Opaque && n.Kind != ValueKind.Scalar && constants.TryGetValue(id, out var known))
            {
                // Sizes written as literals by the user (Build.Dense(2, 3)) are constant dimensions.
                _shapes[id] = (Fresh(known.Rows), known.IsVector ? null : Fresh(known.Columns));
                return null;
            }
            var shaped = Operations.Operations.Of(n.Op).Shape(this, n);
            if (n.Kind != ValueKind.Scalar) _shapes[id] = shaped.Shape;
            return shaped.Problem;
        }

        /// <summary>Fresh dimensions for a node whose sizes are not tracked (a vector has no Columns).</summary>
        internal (Dim Rows, Dim? Columns) FreshShape(ValueKind kind) => (Fresh(), kind == ValueKind.Vector ? null : Fresh());

        /// <summary>The shape of a node (one not tracked, such as a scalar used oddly, gets fresh dimensions).</summary>
        internal (Dim Rows, Dim? Columns) ShapeOf(NodeId node)
        {
            if (!_shapes.TryGetValue(node, out var shape)) _shapes[node] = shape = (Fresh(), Fresh());
            return shape;
        }

        internal Dim Rows(NodeId node) => ShapeOf(node).Rows;

        /// <summary>A matrix's column dimension; a vector (as a column) has one column.</summary>
        internal Dim Columns(NodeId node) => ShapeOf(node).Columns ?? Fresh(1);

        internal string? Equal(Dim a, Dim b, string what)
            => Unify(a, b, out var conflict) ? null : $"{what} are {conflict.Item1} and {conflict.Item2}";

        internal string? SameShape(NodeId a, NodeId b, string what)
        {
            var (sa, sb) = (ShapeOf(a), ShapeOf(b));
            if (!Unify(sa.Rows, sb.Rows, out var rows)) return $"{what} have {rows.Item1} and {rows.Item2} rows";
            if (sa.Columns is { } ca && sb.Columns is { } cb && !Unify(ca, cb, out var columns))
            {
                return $"{what} have {columns.Item1} and {columns.Item2} columns";
            }
            return null;
        }
    }
}

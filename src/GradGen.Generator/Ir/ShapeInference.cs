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
    internal sealed class ShapeInference
    {
        private readonly List<int> _parent = new();
        private readonly List<int?> _value = new();
        private readonly Dictionary<int, (int Rows, int Columns)> _shapes = new();   // vector: Columns = -1

        internal int Fresh(int? value = null)
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

        public static List<DiagnosticInfo> Check(IReadOnlyList<Node> nodes, IReadOnlyDictionary<int, LiteralShape> constants,
            IReadOnlyDictionary<int, SyntaxNode> origins) => Check(nodes, constants, origins, out _);

        /// <summary>As the overload above, keeping the shapes found (complete where there is no diagnostic) for
        /// <see cref="ParameterChecks"/>.</summary>
        public static List<DiagnosticInfo> Check(IReadOnlyList<Node> nodes, IReadOnlyDictionary<int, LiteralShape> constants,
            IReadOnlyDictionary<int, SyntaxNode> origins, out ShapeInference inference)
        {
            inference = new ShapeInference();
            var diagnostics = new List<DiagnosticInfo>();
            for (int id = 0; id < nodes.Count; id++)
            {
                if (inference.Visit(id, nodes[id], constants) is { } problem && origins.TryGetValue(id, out var syntax))
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
            var nodeOf = new Dictionary<string, int>();
            for (int id = 0; id < nodes.Count; id++)
            {
                var n = nodes[id];
                if (n.Op == Op.Param && n.Kind != ValueKind.Scalar && !nodeOf.ContainsKey(n.Name)) nodeOf[n.Name] = id;
            }
            var checks = new List<ShapeCheckModel>();
            var first = new Dictionary<int, (string Parameter, int Axis)>();
            var letters = new Dictionary<int, string>();
            var shapes = new List<string>();
            // Literal sizes as numbers, the others as letters in order of appearance.
            string Letter(int dimension) => _value[dimension] is int size
                ? size.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : letters.TryGetValue(dimension, out var l) ? l : letters[dimension] = "mnpqrstuvwxyz"[letters.Count % 13].ToString();
            foreach (string name in parameters)
            {
                if (!nodeOf.TryGetValue(name, out int id)) continue;
                var (rows, columns) = Dimensions(id);
                bool vector = nodes[id].Kind == ValueKind.Vector;
                shapes.Add(vector ? $"{name} {Letter(rows)}" : $"{name} {Letter(rows)}×{Letter(columns)}");
                foreach (var (dimension, axis) in new[] { (rows, vector ? Axis.Like : Axis.Rows), (columns, Axis.Columns) })
                {
                    if (dimension < 0) continue;
                    if (first.TryGetValue(dimension, out var earlier))
                    {
                        checks.Add(new ShapeCheckModel(name, axis, earlier.Parameter, earlier.Axis, 0));
                        continue;
                    }
                    first[dimension] = (name, axis);
                    if (_value[dimension] is int size) checks.Add(new ShapeCheckModel(name, axis, "", 0, size));
                }
            }
            return (checks, string.Join(", ", shapes));
        }

        /// <summary>Shapes of a whole graph (forward and derivative nodes), for decisions that depend on which sizes are equal.</summary>
        public static ShapeInference Infer(IReadOnlyList<Node> nodes)
        {
            var inference = new ShapeInference();
            var none = new Dictionary<int, LiteralShape>();
            for (int id = 0; id < nodes.Count; id++) inference.Visit(id, nodes[id], none);
            return inference;
        }

        /// <summary>The dimension classes of a matrix node: equal classes mean sizes known to be equal.</summary>
        public (int Rows, int Columns) Dimensions(int node)
        {
            var shape = ShapeOf(node);
            return (Find(shape.Rows), shape.Columns >= 0 ? Find(shape.Columns) : -1);
        }


        /// <summary>Gives node <paramref name="id"/> its shape by its operation's rule; returns a description of a mismatch, if
        /// any.</summary>
        private string? Visit(int id, Node n, IReadOnlyDictionary<int, LiteralShape> constants)
        {
            if (n.Op == Op.Opaque && n.Kind != ValueKind.Scalar && constants.TryGetValue(id, out var known))
            {
                // Sizes written as literals by the user (Build.Dense(2, 3)) are constant dimensions.
                _shapes[id] = (Fresh(known.Rows), known.IsVector ? -1 : Fresh(known.Columns));
                return null;
            }
            var shaped = Operations.Operations.Of(n.Op).Shape(this, n);
            if (n.Kind != ValueKind.Scalar) _shapes[id] = shaped.Shape;
            return shaped.Problem;
        }

        /// <summary>Fresh dimensions for a node whose sizes are not tracked (a vector has Columns = −1).</summary>
        internal (int Rows, int Columns) FreshShape(ValueKind kind) => (Fresh(), kind == ValueKind.Vector ? -1 : Fresh());

        /// <summary>The shape of a node (one not tracked, such as a scalar used oddly, gets fresh dimensions).</summary>
        internal (int Rows, int Columns) ShapeOf(int node)
        {
            if (!_shapes.TryGetValue(node, out var shape)) _shapes[node] = shape = (Fresh(), Fresh());
            return shape;
        }

        internal int Rows(int node) => ShapeOf(node).Rows;

        /// <summary>A matrix's column dimension; a vector (as a column) has one column.</summary>
        internal int Columns(int node) => ShapeOf(node).Columns >= 0 ? ShapeOf(node).Columns : Fresh(1);

        internal string? Equal(int a, int b, string what)
            => Unify(a, b, out var conflict) ? null : $"{what} are {conflict.Item1} and {conflict.Item2}";

        internal string? SameShape(int a, int b, string what)
        {
            var (sa, sb) = (ShapeOf(a), ShapeOf(b));
            if (!Unify(sa.Rows, sb.Rows, out var rows)) return $"{what} have {rows.Item1} and {rows.Item2} rows";
            bool matrices = sa.Columns >= 0 && sb.Columns >= 0;
            if (matrices && !Unify(sa.Columns, sb.Columns, out var columns)) return $"{what} have {columns.Item1} and {columns.Item2} "
                + $"columns";
            return null;
        }
    }
}

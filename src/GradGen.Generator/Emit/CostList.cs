using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// The derivation comment's cost line: the O(n³) operations a method computes (matrix products, LU
    /// factorisations and what stays cubic on them), so a reader can check its cost. Shared ones are
    /// listed once: they are computed once. It sees what the emitted code computes: a trace of a product
    /// read nowhere else never forms the product, and operations on one matrix share its factorisation
    /// as <see cref="BodyWriter"/> writes them.
    /// </summary>
    internal static class CostList
    {
        /// <summary>The longest list a cost line shows; the rest are counted (a long method has hundreds).</summary>
        private const int MaxListLength = 240;

        public static void Write(SourceWriter w, string method, Derivation d, Notation notation, IEnumerable<NodeId> roots)
        {
            var nodes = d.Graph.Nodes;
            var computed = roots.ToList();
            var peepholes = new Peepholes(nodes, computed, _ => false);
            var cubic = new List<(NodeId Order, string Text)>();
            var onFactors = new Dictionary<(NodeId Matrix, FactorKind Kind), List<NodeId>>();   // a factorisation → the operations on it
            var seen = new HashSet<NodeId>();
            var stack = new Stack<NodeId>(computed);
            while (stack.Count > 0)
            {
                NodeId id = stack.Pop();
                if (!seen.Add(id)) continue;
                var n = nodes[id.Index];
                var operation = Operations.Of(n.Op);
                if (operation.OnFactors is { } factored)
                {
                    var key = (n.Args[0], factored.Kind);
                    if (!onFactors.TryGetValue(key, out var list)) onFactors[key] = list = new List<NodeId>();
                    list.Add(id);
                }
                else if (operation.IsCubic(nodes, n)) cubic.Add((id, notation.Describe(id)));
                if (n.Op != Op.Opaque) foreach (NodeId a in peepholes.Operands(id)) stack.Push(a);
            }
            foreach (var pair in onFactors)
            {
                var uses = pair.Value.OrderBy(i => i).ToList();
                if (uses.Count == 1)
                {
                    cubic.Add((uses[0], notation.Describe(uses[0])));
                    continue;
                }
                // One factorisation for all of them, then what is still cubic on the factors (A⁻¹, A⁻¹B).
                string kind = pair.Key.Kind switch
                {
                    FactorKind.SymmetricEigen => "eigendecomposition",
                    FactorKind.Singular => "SVD",
                    FactorKind.Qr => "QR",
                    _ => Lu.IsPositiveDefinite(nodes, pair.Key.Matrix) ? "Cholesky" : "LU",
                };
                cubic.Add((uses[0], $"the {kind} of {notation.Operand(pair.Key.Matrix)}"));
                foreach (NodeId use in uses.Where(u => Operations.Of(nodes[u.Index].Op).OnFactors!.IsCubic(nodes, nodes[u.Index])))
                {
                    cubic.Add((use, notation.Describe(use)));
                }
            }
            var ordered = cubic.OrderBy(c => c.Order).Select(c => c.Text).ToList();
            string shown = ordered.Count > 0 ? ": " + Bounded(ordered) : "";
            w.Line($"//   {method}: {ordered.Count} O(n³) operation{(ordered.Count == 1 ? "" : "s")}{shown}");
        }

        private static string Bounded(IReadOnlyList<string> items)
        {
            var shown = new List<string>();
            int length = 0;
            foreach (var item in items)
            {
                if (shown.Count > 0 && length + item.Length > MaxListLength) break;
                shown.Add(item);
                length += item.Length + 2;
            }
            int rest = items.Count - shown.Count;
            return string.Join(", ", shown) + (rest > 0 ? $" and {rest} more" : "");
        }
    }
}

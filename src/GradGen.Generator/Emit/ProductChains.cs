using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Lowering;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Matrix-chain ordering at compile time where the shapes decide it, at run time where they do not.
    /// A chain F₁F₂…F_k costs Σ dᵢdⱼdₗ multiply-adds over its products, a polynomial in the symbolic
    /// sizes; when every association gives the same polynomial (square factors, as in g) the product is
    /// written as the IR associates it, otherwise <c>MatrixFunctions.Product</c> picks the cheapest order
    /// from the actual sizes (dynamic programming over the k − 1 split points).
    /// </summary>
    internal static class ProductChains
    {
        /// <summary>Associations are enumerated up to this many factors (Catalan(7) = 429); longer chains always go to run time.</summary>
        private const int MaxEnumerated = 8;

        /// <summary>The factors of the product <paramref name="id"/>, flattened through products <paramref name="inner"/>
        /// accepts.</summary>
        public static List<NodeId> Factors(IReadOnlyList<Node> nodes, NodeId id, Func<NodeId, bool> inner)
        {
            var factors = new List<NodeId>();
            void Flatten(NodeId node, bool root)
            {
                if (root || inner(node))
                {
                    Flatten(nodes[node.Index].Args[0], false);
                    Flatten(nodes[node.Index].Args[1], false);
                }
                else factors.Add(node);
            }
            Flatten(id, true);
            return factors;
        }

        /// <summary>Does every association of these factors cost the same, whatever the sizes?</summary>
        public static bool OrderIsFree(IReadOnlyList<Node> nodes, IReadOnlyList<NodeId> factors, ShapeInference shapes)
        {
            if (factors.Count < 3) return true;
            if (factors.Count > MaxEnumerated) return false;
            // d₀ … d_k: rows of each factor, then the columns of the last; null for a vector's missing dimension of size 1.
            var d = new Dim?[factors.Count + 1];
            for (int i = 0; i < factors.Count; i++)
            {
                var (rows, columns) = shapes.Dimensions(factors[i]);
                bool vector = nodes[factors[i].Index].Kind == ValueKind.Vector;
                Dim? r = rows, c = columns;
                if (vector && i == 0) (r, c) = (null, rows);                   // v M…: v is a row
                else if (vector) c = null;                                      // …M v: v is a column
                d[i] = r;
                d[i + 1] = c;
            }
            return Costs(d, 0, factors.Count, new Dictionary<(int, int), HashSet<string>>()).Count == 1;
        }

        /// <summary>The distinct cost polynomials of all associations of factors [i, j).</summary>
        private static HashSet<string> Costs(Dim?[] d, int i, int j, Dictionary<(int, int), HashSet<string>> memo)
        {
            if (memo.TryGetValue((i, j), out var known)) return known;
            var result = new HashSet<string>();
            if (j - i == 1) result.Add("");
            for (int s = i + 1; s < j; s++)
            {
                string top = Monomial(d[i], d[s], d[j]);
                foreach (var left in Costs(d, i, s, memo))
                {
                    foreach (var right in Costs(d, s, j, memo)) result.Add(Polynomial(left, right, top));
                }
            }
            memo[(i, j)] = result;
            return result;
        }

        /// <summary>A product of size classes, sorted, without the ones.</summary>
        private static string Monomial(params Dim?[] dims)
            => string.Join("·", dims.Where(x => x is not null).Select(x => x!.Value.Index).OrderBy(x => x));

        /// <summary>A sum of monomials in a canonical (sorted) order.</summary>
        private static string Polynomial(params string[] parts)
            => string.Join(" + ", parts.SelectMany(p => p.Split(new[] { " + " }, StringSplitOptions.RemoveEmptyEntries))
                .OrderBy(m => m, StringComparer.Ordinal));
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    internal sealed partial class BodyWriter
    {
        /// <summary>Factorisations of matrices a local holds (LU, or Cholesky where S.Cholesky() asserts S positive definite).</summary>
        private readonly Dictionary<(NodeId Matrix, FactorKind Kind), string> _factors = new();

        /// <summary>Factorisations this body takes once, each with the operations on it, the earliest first.</summary>
        private List<((NodeId Matrix, FactorKind Kind) Key, List<NodeId> Operations)> _pendingFactors = new();

        /// <summary>
        /// One factorisation per matrix: where the statements still to write take two or more of A⁻¹B, A⁻¹, |A|
        /// and log|A| of one matrix, it is factored once and each reads the factors (S⁻¹x then costs O(n²)).
        /// </summary>
        private void PlanFactorisations(IEnumerable<NodeId> roots)
        {
            var byMatrix = new Dictionary<(NodeId, FactorKind), List<NodeId>>();
            var seen = new HashSet<NodeId>();
            var stack = new Stack<NodeId>(roots);
            while (stack.Count > 0)
            {
                NodeId id = stack.Pop();
                if (!seen.Add(id) || _locals.ContainsKey(id)) continue;   // computed already: its operands are not written again
                var n = _nodes[id.Index];
                if (Operations.Of(n.Op).OnFactors is { } factored)
                {
                    var key = (n.Args[0], factored.Kind);
                    if (!byMatrix.TryGetValue(key, out var list)) byMatrix[key] = list = new List<NodeId>();
                    list.Add(id);
                }
                foreach (NodeId operand in Operands(id)) stack.Push(operand);
            }
            _pendingFactors = byMatrix
                .Where(m => !_factors.ContainsKey(m.Key) && m.Value.Count >= 2)
                .Select(m => (m.Key, m.Value.OrderBy(i => i).ToList()))
                .OrderBy(m => m.Item2[0])
                .ToList();
        }

        /// <summary>Declares, before the statement of node <paramref name="id"/>, the factors it is the first to need.</summary>
        private void WriteFactorisationsFor(SourceWriter w, NodeId id)
        {
            while (_pendingFactors.Count > 0 && _pendingFactors[0].Operations[0] <= id)
            {
                var (key, operations) = _pendingFactors[0];
                _pendingFactors.RemoveAt(0);
                NodeId matrix = key.Matrix;
                string uses = string.Join(", ", operations.Select(_notation.Describe));
                string of = _notation.Operand(matrix);
                var (prefix, function, formula) = key.Kind switch
                {
                    FactorKind.SymmetricEigen => ("evd", "SymmetricEigen", $"{of} = V Λ Vᵀ"),
                    FactorKind.Singular => ("svd", "SingularValueDecomposition", $"{of} = U Σ Vᵀ"),
                    FactorKind.Qr => ("qr", "QrDecomposition", $"{of} = Q R"),
                    FactorKind.PivotedLu => ("lu", "PivotedLu", $"P {of} = L U"),
                    FactorKind.GramSchmidt => ("gs", "GramSchmidtDecomposition", $"{of} = Q R (Gram–Schmidt)"),
                    _ when Lu.IsPositiveDefinite(_nodes, matrix) => ("chol", "FactorCholesky", $"{of} = L Lᵀ"),
                    _ => ("lu", "Factor", $"P {of} = L U"),
                };
                string name = Fresh(prefix + Label(matrix));
                w.Line($"var {name} = {Runtime}.{function}({Text(matrix)});  // {formula}, once for {uses}");
                _factors[key] = name;
            }
        }
    }
}

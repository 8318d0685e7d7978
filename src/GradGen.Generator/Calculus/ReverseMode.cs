using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Calculus
{
    /// <summary>
    /// Reverse mode on the matrix level: walk the DAG from the output back to the inputs in
    /// reverse topological (index) order, sum each node's adjoint contributions, and hand the
    /// sum to its operation's adjoint rule (Ir/Operations). Only nodes that depend on a wrt parameter take part.
    /// </summary>
    public static class ReverseMode
    {
        /// <summary>
        /// The gradient node of <paramref name="output"/> with respect to each of <paramref name="wrt"/>, in the same graph.
        /// </summary>
        public static NodeId[] Gradient(AlgebraBuilder ir, NodeId output, IReadOnlyList<NodeId> wrt,
            IDictionary<NodeId, NodeId>? adjointOf = null)
            => Adjoints(ir, output, ir.Const(1), wrt, adjointOf);

        /// <summary>
        /// The adjoints of <paramref name="wrt"/> given the output's adjoint <paramref name="seed"/>:
        /// for a matrix output F with seed F̄, the VJP G with tr(F̄ᵀ dF) = tr(Gᵀ dX).
        /// </summary>
        /// <param name="adjointOf">Filled with each adjoint node and the forward node whose adjoint it is (for local names).</param>
        public static NodeId[] Adjoints(AlgebraBuilder ir, NodeId output, NodeId seed, IReadOnlyList<NodeId> wrt,
            IDictionary<NodeId, NodeId>? adjointOf = null)
        {
            var active = new Dependence(ir.Graph.Nodes, wrt);

            var contributions = new Dictionary<NodeId, List<NodeId>> { [output] = new List<NodeId> { seed } };
            for (var id = output; id.Exists; id = new NodeId(id.Index - 1))
            {
                if (!active[id] || ir[id].IsLeaf || !contributions.TryGetValue(id, out var parts)) continue;
                NodeId bar = ir.SumOf(parts, id);
                if (adjointOf is not null && !adjointOf.ContainsKey(bar)) adjointOf[bar] = id;
                var operandAdjoints = Operations.Of(ir[id].Op).Adjoint!(new Rule(ir, id, bar: bar));
                for (int k = 0; k < ir[id].Arity; k++)
                {
                    NodeId operand = ir[id].Args[k];
                    if (!active[operand] || k >= operandAdjoints.Length || operandAdjoints[k].IsNone) continue;
                    if (!contributions.TryGetValue(operand, out var list)) contributions[operand] = list = new List<NodeId>();
                    list.Add(operandAdjoints[k]);
                }
            }

            return wrt.Select(w => ir.SumOf(contributions.TryGetValue(w, out var parts) ? parts : new List<NodeId>(), w)).ToArray();
        }
    }
}

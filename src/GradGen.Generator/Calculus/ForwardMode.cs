using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Calculus
{
    /// <summary>
    /// Forward mode: walk the DAG in topological (index) order and apply each node's differential
    /// rule (Ir/Operations), starting from the directions of the wrt parameters. The result is the differential dF
    /// as an expression in the same graph: a Jacobian-vector product.
    /// </summary>
    public static class ForwardMode
    {
        /// <summary>dF along <paramref name="directions"/> (wrt node → direction node); None if F does not depend on them.</summary>
        public static NodeId Tangent(AlgebraBuilder ir, NodeId output, IReadOnlyDictionary<NodeId, NodeId> directions)
        {
            var tangent = directions.ToDictionary(d => d.Key, d => d.Value);
            for (var id = new NodeId(0); id <= output; id = new NodeId(id.Index + 1))
            {
                var node = ir[id];
                if (node.IsLeaf || tangent.ContainsKey(id)) continue;
                var dot = node.Args.Select(a => tangent.TryGetValue(a, out NodeId t) ? t : NodeId.None).ToArray();
                if (dot.All(t => t.IsNone)) continue;
                NodeId result = Operations.Of(node.Op).Tangent!(new Rule(ir, id, dot: dot));
                if (result.Exists) tangent[id] = result;
            }
            return tangent.TryGetValue(output, out NodeId dF) ? dF : NodeId.None;
        }
    }
}

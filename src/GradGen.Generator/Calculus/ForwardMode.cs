using System.Collections.Generic;
using System.Linq;
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
        /// <summary>dF along <paramref name="directions"/> (wrt node → direction node); -1 if F does not depend on them.</summary>
        public static int Tangent(AlgebraBuilder ir, int output, IReadOnlyDictionary<int, int> directions)
        {
            var tangent = directions.ToDictionary(d => d.Key, d => d.Value);
            for (int id = 0; id <= output; id++)
            {
                var node = ir[id];
                if (node.IsLeaf || tangent.ContainsKey(id)) continue;
                var dot = node.Args.Select(a => tangent.TryGetValue(a, out int t) ? t : -1).ToArray();
                if (dot.All(t => t < 0)) continue;
                int result = Operations.Of(node.Op).Tangent!(new Rule(ir, id, dot: dot));
                if (result >= 0) tangent[id] = result;
            }
            return tangent.TryGetValue(output, out int dF) ? dF : -1;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Simplify
{
    /// <summary>
    /// A pass over finished derivative roots: where A⁻¹ is computed anyway (log-det and determinant
    /// gradients need it), a solve A⁻¹B or A⁻ᵀB becomes a product with it, O(n²k) instead of a
    /// second LU factorisation. The rest of the DAG is rebuilt only where an operand changed.
    /// </summary>
    public static class ReuseInverses
    {
        public static NodeId[] Apply(AlgebraBuilder ir, int forwardCount, IReadOnlyList<NodeId> roots)
        {
            var inverses = new Dictionary<NodeId, NodeId>();   // A → node of A⁻¹
            var seen = new HashSet<NodeId>();
            void Find(NodeId id)
            {
                if (!seen.Add(id)) return;
                var n = ir[id];
                if (n.Op == Op.Inverse) inverses[n.Args[0]] = id;
                if (n.Op != Op.Opaque) foreach (NodeId a in n.Args) Find(a);
            }
            foreach (NodeId root in roots) Find(root);
            if (inverses.Count == 0) return roots.ToArray();

            var rebuilt = new Dictionary<NodeId, NodeId>();
            NodeId Rebuild(NodeId id)
            {
                if (id.Index < forwardCount || ir[id].IsLeaf) return id;
                if (rebuilt.TryGetValue(id, out NodeId known)) return known;
                var n = ir[id];
                var args = n.Args.Select(Rebuild).ToArray();
                NodeId result;
                if (n.Op == Op.Solve && inverses.TryGetValue(args[0], out NodeId inverse))
                {
                    result = ir.MatMul(inverse, args[1]);                       // A⁻¹B
                }
                else if (n.Op == Op.Solve && ir[args[0]].Op == Op.Transpose && inverses.TryGetValue(ir[args[0]].Args[0],
                    out NodeId inverseOfTransposed))
                {
                    result = ir.MatMul(ir.Transpose(inverseOfTransposed), args[1]);   // A⁻ᵀB
                }
                else
                {
                    result = args.SequenceEqual(n.Args) ? id : ir.Graph.Add(n with { Args = new Model.EquatableArray<NodeId>(args) });
                }
                rebuilt[id] = result;
                return result;
            }
            return roots.Select(Rebuild).ToArray();
        }
    }
}

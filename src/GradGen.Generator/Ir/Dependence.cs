using System.Collections.Generic;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// Which nodes of a graph depend on a set of source leaves (the wrt parameters, a direction dX): the one dependency
    /// analysis of the IR. Ids are a topological order, so one sweep in id order decides each node from its operands;
    /// the sweep goes on lazily when asked about a node added since (derivative nodes are built while it is read).
    /// A leaf depends only if it is a source: the operand of a sized constant (𝟙 shaped like X) gives a size, not a value.
    /// </summary>
    internal sealed class Dependence
    {
        private readonly IReadOnlyList<Node> _nodes;
        private readonly HashSet<NodeId> _sources;
        private readonly List<bool> _depends = new();

        public Dependence(IReadOnlyList<Node> nodes, IEnumerable<NodeId> sources)
        {
            _nodes = nodes;
            _sources = new HashSet<NodeId>(sources);
        }

        public bool this[NodeId id]
        {
            get
            {
                for (int i = _depends.Count; i <= id.Index; i++) _depends.Add(Decide(new NodeId(i)));
                return _depends[id.Index];
            }
        }

        private bool Decide(NodeId id)
        {
            if (_sources.Contains(id)) return true;
            var n = _nodes[id.Index];
            if (n.IsLeaf) return false;
            foreach (NodeId operand in n.Args)
            {
                if (_depends[operand.Index]) return true;
            }
            return false;
        }
    }
}

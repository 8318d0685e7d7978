using System.Collections.Generic;
using GradGen.Generator.Model;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// A DAG of nodes in topological (index) order, hash-consed: a structurally equal node is
    /// stored once, which is common-subexpression elimination for free.
    /// </summary>
    public sealed class GraphBuilder
    {
        private readonly List<Node> _nodes = new();
        private readonly Dictionary<Node, int> _index = new();

        public GraphBuilder() { }

        public GraphBuilder(IEnumerable<Node> nodes)
        {
            foreach (var node in nodes) Add(node);
        }

        public IReadOnlyList<Node> Nodes => _nodes;

        public Node this[int id] => _nodes[id];

        public int Add(Node node)
        {
            if (_index.TryGetValue(node, out int existing)) return existing;
            _nodes.Add(node);
            _index[node] = _nodes.Count - 1;
            return _nodes.Count - 1;
        }

        /// <summary>The index of a node structurally equal to <paramref name="node"/>, if the graph has one.</summary>
        public bool TryFind(Node node, out int id) => _index.TryGetValue(node, out id);

        public EquatableArray<Node> ToArray() => new(_nodes);
    }
}

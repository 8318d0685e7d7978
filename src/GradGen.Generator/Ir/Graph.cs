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
        private readonly Dictionary<Node, NodeId> _index = new();

        public GraphBuilder() { }

        public GraphBuilder(IEnumerable<Node> nodes)
        {
            foreach (var node in nodes) Add(node);
        }

        public IReadOnlyList<Node> Nodes => _nodes;

        private bool _frozen;

        /// <summary>
        /// After Derive: finding an existing node still works, adding one throws (in every build: a stage that adds
        /// nodes after the derivation is a generator bug, reported as GG9999 rather than emitted silently).
        /// </summary>
        public void Freeze() => _frozen = true;

        public Node this[NodeId id] => _nodes[id.Index];

        public NodeId Add(Node node)
        {
            if (_index.TryGetValue(node, out var existing)) return existing;
            if (_frozen) throw new System.InvalidOperationException("The derivation is frozen: " + node.Op + " was added after Derive");
            var id = new NodeId(_nodes.Count);
            _nodes.Add(node);
            _index[node] = id;
            return id;
        }

        /// <summary>The index of a node structurally equal to <paramref name="node"/>, if the graph has one.</summary>
        public bool TryFind(Node node, out NodeId id) => _index.TryGetValue(node, out id);

        public EquatableArray<Node> ToArray() => new(_nodes);
    }
}

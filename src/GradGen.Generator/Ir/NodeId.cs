using System;
using System.Globalization;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// A node's index in its graph. A type of its own, so that an id cannot be passed where a size, a count or a
    /// loop index is meant (or the other way round); <see cref="None"/> is "no node", the zero derivative of rules.
    /// Operands always have smaller ids than the nodes that use them, so id order is a topological order.
    /// </summary>
    public readonly struct NodeId : IEquatable<NodeId>, IComparable<NodeId>
    {
        public NodeId(int index) => Index = index;

        /// <summary>The position in the graph's node list (for arrays indexed by node).</summary>
        public int Index { get; }

        /// <summary>No node: an absent operand, a derivative that is zero.</summary>
        public static NodeId None { get; } = new(-1);

        public bool IsNone => Index < 0;

        public bool Exists => Index >= 0;

        public bool Equals(NodeId other) => Index == other.Index;

        public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

        public override int GetHashCode() => Index;

        public int CompareTo(NodeId other) => Index.CompareTo(other.Index);

        public static bool operator ==(NodeId a, NodeId b) => a.Index == b.Index;
        public static bool operator !=(NodeId a, NodeId b) => a.Index != b.Index;
        public static bool operator <(NodeId a, NodeId b) => a.Index < b.Index;
        public static bool operator >(NodeId a, NodeId b) => a.Index > b.Index;
        public static bool operator <=(NodeId a, NodeId b) => a.Index <= b.Index;
        public static bool operator >=(NodeId a, NodeId b) => a.Index >= b.Index;

        /// <summary>The bare index, as the ids were printed before they had a type (names and keys built from ids keep it).</summary>
        public override string ToString() => Index.ToString(CultureInfo.InvariantCulture);
    }
}

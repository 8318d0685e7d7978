using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Emit
{
    internal sealed partial class BodyWriter
    {
        /// <summary>
        /// Which matrices of the body are still to be read, so that a temporary can go into the storage
        /// of one that is not (a dgemm with β = 0 into it) instead of a fresh allocation. A node is
        /// read by the statement that computes it: its own local's, or, for an inline node, that of the
        /// one node reading it. Only locals declared in this body, not returned and not hoisted, are reused.
        /// </summary>
        private sealed class Liveness
        {
            private readonly BodyWriter _writer;
            private readonly HashSet<NodeId> _results;
            private readonly Dictionary<NodeId, List<NodeId>> _readers = new();
            private readonly List<NodeId> _buffers = new();
            private readonly List<NodeId> _intoBuffers = new();   // products written into a taken buffer's storage
            private readonly HashSet<NodeId> _readSoFar = new();

            /// <param name="writer">The body being written (its uses are counted).</param>
            /// <param name="results">Roots and hoisted nodes: they outlive the body's statements.</param>
            public Liveness(BodyWriter writer, IEnumerable<NodeId> results)
            {
                _writer = writer;
                _results = new HashSet<NodeId>(results);
                foreach (NodeId id in writer._reached)
                {
                    if (writer._locals.ContainsKey(id)) continue;   // computed before this body: reads nothing here
                    foreach (NodeId operand in writer.Operands(id))
                    {
                        if (!_readers.TryGetValue(operand, out var list)) _readers[operand] = list = new List<NodeId>();
                        list.Add(id);
                    }
                }
            }

            /// <summary>Does node <paramref name="id"/> get a local: a user's local, a node read twice, or a result?</summary>
            public bool BecomesLocal(NodeId id)
            {
                var n = _writer._nodes[id.Index];
                if (_writer._locals.ContainsKey(id)) return true;
                bool named = _writer._userNames.ContainsKey(id) && id.Index < _writer._derivation.ForwardCount;
                bool shared = _writer._uses[id.Index] > 1 && !(n.Op is Op.Param or Op.Member or Op.Const or Op.Dimension);
                return named || shared || (_results.Contains(id) && !n.IsLeaf);
            }

            /// <summary>The one node reading <paramref name="id"/> in this body, if exactly one does.</summary>
            public NodeId? SoleReader(NodeId id) => _readers.TryGetValue(id, out var readers) && readers.Count == 1 ? readers[0] : null;

            /// <summary>A root or a hoisted node: computed for the caller, so it outlives the body's statements.</summary>
            public bool IsResult(NodeId id) => _results.Contains(id);

            /// <summary>
            /// A local was just written: a matrix or vector computed here into storage of its own becomes reusable once nothing
            /// reads it. Only operations that always build a fresh result qualify: a view (a factorisation's PositiveDefinite,
            /// the runtime's Require… checks) is its operand's storage, which may be an input or still read.
            /// </summary>
            public void Declared(NodeId id)
            {
                var n = _writer._nodes[id.Index];
                bool owned = n.Kind != ValueKind.Scalar && !n.IsLeaf && OwnsItsStorage(n.Op);
                if (owned && !_results.Contains(id) && !PassedToUserCode(id)) _buffers.Add(id);
            }

            /// <summary>
            /// Read by a custom rule's function: the user's code may keep the reference or return it as (part of) its result,
            /// so its storage is never reused or recycled.
            /// </summary>
            private bool PassedToUserCode(NodeId id)
                => _readers.TryGetValue(id, out var readers)
                    && readers.Any(r => _writer._nodes[r.Index].Op is Op.Call or Op.RuleCall);

            private static bool OwnsItsStorage(Op op) => op is Op.MatMul or Op.Map or Op.Hadamard or Op.PointwiseDivide or Op.AddScalar
                or Op.Add or Op.Sub or Op.Neg or Op.Scale or Op.Transpose;

            /// <summary>
            /// One of <paramref name="statement"/>'s own operands, a local of its shape, that nothing reads once the statement is
            /// written: every reader is written already or inside the statement's expression (C# evaluates all of a call's
            /// arguments before the call writes its result). It is taken. Only the operands are asked, so a long method does not
            /// scan every buffer at every statement (and the operand is the entries the pass has just read: in cache).
            /// </summary>
            public NodeId? DeadAfter(NodeId statement)
            {
                var node = _writer._nodes[statement.Index];
                var shape = _writer._derivation.Shapes.Dimensions(statement);
                foreach (NodeId operand in node.Args)
                {
                    int at = _buffers.IndexOf(operand);
                    if (at < 0 || _writer._nodes[operand.Index].Kind != node.Kind
                        || _writer._derivation.Shapes.Dimensions(operand) != shape) continue;
                    if (_readers.TryGetValue(operand, out var readers)
                        && readers.Select(Owner).Any(owner => owner != statement && !_writer._locals.ContainsKey(owner))) continue;
                    _buffers.RemoveAt(at);
                    return operand;
                }
                return null;
            }

            /// <summary>
            /// A product was written into the storage of a buffer <see cref="DeadBuffer"/> took: that storage is still this
            /// body's own, read by the one term the product is a factor of.
            /// </summary>
            public void WroteIntoBuffer(NodeId id) => _intoBuffers.Add(id);

            /// <summary>
            /// The matrices and vectors whose storage this body allocated and nothing reads once its statements are written: the
            /// buffers not taken, and the products written into taken ones (each storage once: a taken buffer is no longer
            /// listed).
            /// </summary>
            public IEnumerable<NodeId> DeadTemporaries() => _buffers.Concat(_intoBuffers);

            /// <summary>A term of the accumulation being written is done: what it read has been read.</summary>
            public void TermWritten(NodeId term)
            {
                var stack = new Stack<NodeId>();
                stack.Push(term);
                while (stack.Count > 0)
                {
                    NodeId id = stack.Pop();
                    if (!_readSoFar.Add(id) || _writer._locals.ContainsKey(id)) continue;
                    foreach (NodeId operand in _writer.Operands(id)) stack.Push(operand);
                }
            }

            /// <summary>
            /// A local shaped like <paramref name="node"/> (same symbolic rows and columns) that nothing reads
            /// any more: not a statement still to come, nor a term of <paramref name="accumulation"/> not yet written. It is taken.
            /// </summary>
            public NodeId? DeadBuffer(NodeId node, NodeId accumulation)
            {
                var shape = _writer._derivation.Shapes.Dimensions(node);
                foreach (NodeId buffer in _buffers)
                {
                    if (_writer._derivation.Shapes.Dimensions(buffer) != shape || !IsDead(buffer, accumulation)) continue;
                    _buffers.Remove(buffer);
                    return buffer;
                }
                return null;
            }

            private bool IsDead(NodeId buffer, NodeId accumulation)
            {
                if (!_readers.TryGetValue(buffer, out var readers)) return true;
                foreach (NodeId reader in readers)
                {
                    NodeId owner = Owner(reader);
                    bool done = owner == accumulation ? _readSoFar.Contains(reader) : _writer._locals.ContainsKey(owner);
                    if (!done) return false;
                }
                return true;
            }

            /// <summary>The node whose statement computes <paramref name="id"/>: itself if it gets a local, else its reader's.</summary>
            private NodeId Owner(NodeId id)
            {
                while (!BecomesLocal(id) && _readers.TryGetValue(id, out var readers) && readers.Count == 1) id = readers[0];
                return id;
            }
        }
    }
}

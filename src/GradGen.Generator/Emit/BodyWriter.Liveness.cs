using System.Collections.Generic;
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
            private readonly HashSet<int> _results;
            private readonly Dictionary<int, List<int>> _readers = new();
            private readonly List<int> _buffers = new();
            private readonly HashSet<int> _readSoFar = new();

            /// <param name="writer">The body being written (its uses are counted).</param>
            /// <param name="results">Roots and hoisted nodes: they outlive the body's statements.</param>
            public Liveness(BodyWriter writer, IEnumerable<int> results)
            {
                _writer = writer;
                _results = new HashSet<int>(results);
                foreach (int id in writer._uses.Keys)
                {
                    if (writer._locals.ContainsKey(id)) continue;   // computed before this body: reads nothing here
                    foreach (int operand in writer.Operands(id))
                    {
                        if (!_readers.TryGetValue(operand, out var list)) _readers[operand] = list = new List<int>();
                        list.Add(id);
                    }
                }
            }

            /// <summary>Does node <paramref name="id"/> get a local: a user's local, a node read twice, or a result?</summary>
            public bool BecomesLocal(int id)
            {
                var n = _writer._nodes[id];
                if (_writer._locals.ContainsKey(id)) return true;
                bool named = _writer._userNames.ContainsKey(id) && id < _writer._derivation.ForwardCount;
                bool shared = _writer._uses[id] > 1 && !(n.Op is Op.Param or Op.Member or Op.Const or Op.Dimension);
                return named || shared || (_results.Contains(id) && !n.IsLeaf);
            }

            /// <summary>The one node reading <paramref name="id"/> in this body, if exactly one does.</summary>
            public int? SoleReader(int id) => _readers.TryGetValue(id, out var readers) && readers.Count == 1 ? readers[0] : null;

            /// <summary>A root or a hoisted node: computed for the caller, so it outlives the body's statements.</summary>
            public bool IsResult(int id) => _results.Contains(id);

            /// <summary>A local was just written: a matrix computed here becomes reusable once nothing reads it.</summary>
            public void Declared(int id)
            {
                var n = _writer._nodes[id];
                if (!_results.Contains(id) && n.Kind == ValueKind.Matrix && !n.IsLeaf) _buffers.Add(id);
            }

            /// <summary>A term of the accumulation being written is done: what it read has been read.</summary>
            public void TermWritten(int term)
            {
                var stack = new Stack<int>();
                stack.Push(term);
                while (stack.Count > 0)
                {
                    int id = stack.Pop();
                    if (!_readSoFar.Add(id) || _writer._locals.ContainsKey(id)) continue;
                    foreach (int operand in _writer.Operands(id)) stack.Push(operand);
                }
            }

            /// <summary>
            /// A local shaped like <paramref name="node"/> (same symbolic rows and columns) that nothing reads
            /// any more: not a statement still to come, nor a term of <paramref name="accumulation"/> not yet written. It is taken.
            /// </summary>
            public int? DeadBuffer(int node, int accumulation)
            {
                var shape = _writer._derivation.Shapes.Dimensions(node);
                foreach (int buffer in _buffers)
                {
                    if (_writer._derivation.Shapes.Dimensions(buffer) != shape || !IsDead(buffer, accumulation)) continue;
                    _buffers.Remove(buffer);
                    return buffer;
                }
                return null;
            }

            private bool IsDead(int buffer, int accumulation)
            {
                if (!_readers.TryGetValue(buffer, out var readers)) return true;
                foreach (int reader in readers)
                {
                    int owner = Owner(reader);
                    bool done = owner == accumulation ? _readSoFar.Contains(reader) : _writer._locals.ContainsKey(owner);
                    if (!done) return false;
                }
                return true;
            }

            /// <summary>The node whose statement computes <paramref name="id"/>: itself if it gets a local, else its reader's.</summary>
            private int Owner(int id)
            {
                while (!BecomesLocal(id) && _readers.TryGetValue(id, out var readers) && readers.Count == 1) id = readers[0];
                return id;
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;

namespace GradGen.Generator.Emit
{
    internal sealed partial class BodyWriter
    {
        /// <summary>Items of a custom VJP's tuple (Op.RuleCall with Item > 0) whose call a local holds, and that local.</summary>
        private readonly Dictionary<NodeId, string> _tuples = new();

        /// <summary>VJP calls two or more items of which the statements still to write read: the items, the earliest first.</summary>
        private List<List<NodeId>> _pendingTuples = new();

        /// <summary>One call per custom VJP: where two adjoints read items of one tuple, the rule is called once into a local.</summary>
        private void PlanTuples(IEnumerable<NodeId> roots)
        {
            if (_customRules.Count == 0) return;   // no custom rule, no tuple: no walk
            var byCall = new Dictionary<(string, Model.EquatableArray<NodeId>), List<NodeId>>();
            var seen = new HashSet<NodeId>();
            var stack = new Stack<NodeId>(roots);
            while (stack.Count > 0)
            {
                NodeId id = stack.Pop();
                if (!seen.Add(id) || _locals.ContainsKey(id)) continue;
                var n = _nodes[id.Index];
                if (n is { Op: Op.RuleCall, Item: > 0 } && !_tuples.ContainsKey(id))
                {
                    var key = (n.Name, n.Args);
                    if (!byCall.TryGetValue(key, out var items)) byCall[key] = items = new List<NodeId>();
                    items.Add(id);
                }
                foreach (NodeId operand in Operands(id)) stack.Push(operand);
            }
            _pendingTuples = byCall.Values.Where(items => items.Count >= 2).Select(items => items.OrderBy(i => i).ToList())
                .OrderBy(items => items[0]).ToList();
        }

        /// <summary>Declares, before the statement of node <paramref name="id"/>, the tuples it is the first to read.</summary>
        private void WriteTuplesFor(SourceWriter w, NodeId id)
        {
            while (_pendingTuples.Count > 0 && _pendingTuples[0][0] <= id)
            {
                var items = _pendingTuples[0];
                _pendingTuples.RemoveAt(0);
                var call = _nodes[items[0].Index];
                string rule = Notation.ShortName(call.Name);
                string name = Fresh(rule.Length <= 12 ? char.ToLowerInvariant(rule[0]) + rule.Substring(1) : "adjoints");
                string text = CustomRules.Invoke(this, call.Name, call.Args, CustomRuleOf(call.Name));
                string described = _notation.Describe(items[0]).TrimEnd("₀₁₂₃₄₅₆₇₈₉".ToCharArray());
                w.Line($"var {name} = {text};  // {described}: {items.Count} adjoints in one call");
                foreach (var item in items) _tuples[item] = name;
            }
        }
    }
}

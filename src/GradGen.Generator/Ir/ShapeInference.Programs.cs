using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Ir
{
    internal sealed partial class ShapeInference
    {
        /// <summary>
        /// The up-front checks of a body with statements, from what it always runs: the statements outside every loop and
        /// branch, and the returned value. A local assigned once has its initializer's shape wherever it is read; one assigned
        /// again (in a loop, in a branch) may change shape, so each read of it is a shape of its own. Loops and branches
        /// require nothing up front: a loop may run no time, a branch may not be taken. Null where a return inside a loop or
        /// a branch may skip what follows, or where literal sizes disagree (MathNet then says so at run time).
        /// </summary>
        public static (List<ShapeCheckModel> Checks, string Shapes)? ProgramChecks(ProgramModel program,
            IReadOnlyList<ParameterModel> parameters, bool returnsEarly)
        {
            if (returnsEarly) return null;
            var assignments = new Dictionary<string, int>();
            CountAssignments(program.Body, assignments);
            var inference = new ShapeInference();
            var locals = new Dictionary<string, (Dim Rows, Dim? Columns)>();
            var isParameter = new HashSet<string>(parameters.Select(p => p.Name));
            // A parameter assigned anywhere, or a local assigned more than once, has no one shape.
            bool Fixed(string name) => !assignments.TryGetValue(name, out int count) || (count == 1 && !isParameter.Contains(name));
            int offset = 0;
            // Gives a right-hand side's nodes their shapes; false on a conflict of literal sizes. Its value's shape, if not a scalar.
            bool Visit(ExpressionModel e, out (Dim Rows, Dim? Columns)? result)
            {
                result = null;
                for (int i = 0; i < e.Nodes.Count; i++)
                {
                    var n = e.Nodes[i];
                    var id = new NodeId(offset + i);
                    if (n.Op == Op.Param && n.Kind != ValueKind.Scalar && Fixed(n.Name))
                    {
                        if (!locals.TryGetValue(n.Name, out var shape)) locals[n.Name] = shape = inference.FreshShape(n.Kind);
                        inference._shapes[id] = shape;
                        continue;
                    }
                    var remapped = n.Arity == 0 ? n
                        : n with { Args = new EquatableArray<NodeId>(n.Args.Select(a => new NodeId(offset + a.Index)).ToArray()) };
                    if (inference.Visit(id, remapped, s_noLiterals) is not null) return false;
                }
                if (e.Nodes[e.Output.Index].Kind != ValueKind.Scalar) result = inference.ShapeOf(new NodeId(offset + e.Output.Index));
                offset += e.Nodes.Count;
                return true;
            }
            foreach (var statement in program.Body)
            {
                switch (statement)
                {
                    case AssignModel assign:
                        if (!Visit(assign.Value, out var shape)) return null;
                        if (shape is { } value && Fixed(assign.Target) && !locals.ContainsKey(assign.Target)) locals[assign.Target] = value;
                        break;
                    case ElementWriteModel write:
                        if (!Visit(write.Value, out _)) return null;
                        break;
                }
            }
            if (!Visit(program.Result, out _)) return null;
            var read = parameters.Where(p => p.Kind != ValueKind.Scalar && Fixed(p.Name) && locals.ContainsKey(p.Name))
                .Select(p => (p.Name, inference.Classes(locals[p.Name]), p.Kind == ValueKind.Vector));
            return inference.ChecksOf(read);
        }

        private static void CountAssignments(IEnumerable<StatementModel> statements, Dictionary<string, int> into)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case AssignModel assign:
                        into[assign.Target] = into.TryGetValue(assign.Target, out int count) ? count + 1 : 1;
                        break;
                    case LoopModel loop:
                        CountAssignments(loop.Init, into);
                        CountAssignments(loop.Body, into);
                        CountAssignments(loop.Step, into);
                        break;
                    case ForEachIntModel each:
                        CountAssignments(each.Body, into);
                        break;
                    case BranchModel branch:
                        CountAssignments(branch.Then, into);
                        CountAssignments(branch.Else, into);
                        break;
                }
            }
        }
    }
}

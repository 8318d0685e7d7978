using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>The forward and reverse passes of a body with statements, statement by statement.</summary>
    internal sealed partial class ProgramEmitter
    {
        private void Forward(SourceWriter w, IEnumerable<StatementModel> statements, int depth)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case AssignModel a:
                        w.MapTo(a.Value.Span);
                        if (!a.First && _tapes.TryGetValue(a.Target, out var tape)) Record(w, $"{tape}.Push({a.Target});");
                        if (!a.First && _tangentTapes.TryGetValue(a.Target, out var dtape)) Record(w,
                            $"{dtape}.Push({_tangents[a.Target]});");
                        // Forward mode: the tangent first, from the values e reads (v's own old value included).
                        bool zeroTangent = _tangentMode && _active.Contains(a.Target)
                            && !WriteTangent(w, a.Value, e => $"{_tangents[a.Target]} = {e};");
                        var d = _derivations[a];
                        WriteRoot(w, d.Derivation, d.Model, NotationOf(d), d.Root, e => $"{a.Target} = {e};");
                        if (zeroTangent) w.Line($"{_tangents[a.Target]} = {ZeroLike(a.Target, KindOf(a.Target))};");
                        w.MapTo(null);
                        break;
                    case IntAssignModel i:
                        if (!i.First && _tapes.TryGetValue(i.Target, out var intTape)) Record(w, $"{intTape}.Push({i.Target});");
                        w.Line($"{i.Target} = {i.Text};");
                        break;
                    case ElementWriteModel e:
                        w.MapTo(e.Value.Span);
                        ForwardWrite(w, e);
                        w.MapTo(null);
                        break;
                    case LoopModel loop:
                        ForwardLoop(w, loop, depth);
                        break;
                    case ForEachIntModel each:
                        ForwardForEach(w, each, depth);
                        break;
                    case BranchModel branch:
                        string took = _controls[branch];
                        w.Line($"{(depth > 0 ? "bool " : "")}{took} = {branch.Condition};");
                        if (depth > 0) Record(w, $"{took}Tape.Push({took});");
                        w.Open($"if ({took})");
                        Forward(w, branch.Then, depth);
                        w.Close();
                        if (branch.Else.Count > 0)
                        {
                            w.Open("else");
                            Forward(w, branch.Else, depth);
                            w.Close();
                        }
                        break;
                }
            }
        }

        private void ForwardLoop(SourceWriter w, LoopModel loop, int depth)
        {
            string trips = _controls[loop];
            // Init in the header unless it keeps an old value; Step always in the header: loop variables are kept per iteration.
            bool initInHeader = InitInHeader(loop);
            if (!initInHeader) Forward(w, loop.Init, depth);
            w.Line($"{(depth > 0 ? "int " : "")}{trips} = 0;");
            string init = initInHeader ? string.Join(", ", loop.Init.Cast<IntAssignModel>().Select(i => $"{i.Target} = {i.Text}")) : "";
            string step = string.Join(", ", loop.Step.Cast<IntAssignModel>().Select(i => $"{i.Target} = {i.Text}"));
            w.Open(loop.Init.Count == 0 && loop.Step.Count == 0 ? $"while ({loop.Condition})" : $"for ({init}; {loop.Condition}; {step})");
            bool recording = _recording;
            if (depth == 0 && Checkpointed(loop))
            {
                WriteCheckpoint(w, loop, trips);
                _recording = false;   // between checkpoints the loop keeps nothing
            }
            w.Line($"{trips}++;");
            foreach (var variable in LoopVariables(loop)) Record(w, $"{_tapes[variable]}.Push({variable});");
            Forward(w, loop.Body, depth + 1);
            _recording = recording;
            w.Close();
            if (depth > 0) Record(w, $"{trips}Tape.Push({trips});");
        }

        private void ForwardForEach(SourceWriter w, ForEachIntModel each, int depth)
        {
            string trips = _controls[each];
            w.Line($"{(depth > 0 ? "int " : "")}{trips} = 0;");
            w.Open($"foreach (var {each.Variable}Item in {each.Collection})");
            w.Line($"{trips}++;");
            w.Line($"{each.Variable} = {each.Variable}Item;");
            if (_tapes.TryGetValue(each.Variable, out var tape)) Record(w, $"{tape}.Push({each.Variable});");
            Forward(w, each.Body, depth + 1);
            w.Close();
            if (depth > 0) Record(w, $"{trips}Tape.Push({trips});");
        }

        /// <summary>Is the loop's init written in its header: int assignments that keep no old value?</summary>
        private bool InitInHeader(LoopModel loop)
            => loop.Init.All(s => s is IntAssignModel i && (i.First || !_tapes.ContainsKey(i.Target)));

        /// <summary>The loop variables the reverse pass reads: kept at the start of each iteration.</summary>
        private IEnumerable<string> LoopVariables(LoopModel loop)
            => loop.Step.Cast<IntAssignModel>().Select(s => s.Target).Distinct().Where(_tapes.ContainsKey);

        private void Reverse(SourceWriter w, IReadOnlyList<StatementModel> statements, int depth)
        {
            for (int k = statements.Count - 1; k >= 0; k--)
            {
                switch (statements[k])
                {
                    case AssignModel a:
                        ReverseAssign(w, a);
                        break;
                    case IntAssignModel i:
                        if (!i.First && _tapes.TryGetValue(i.Target, out var intTape)) w.Line($"{i.Target} = {intTape}.Pop();");
                        break;
                    case ElementWriteModel e:
                        ReverseWrite(w, e);
                        break;
                    case LoopModel loop when depth == 0 && Checkpointed(loop):
                        ReverseCheckpointed(w, loop);
                        if (!InitInHeader(loop)) Reverse(w, loop.Init, depth);
                        break;
                    case LoopModel loop:
                        ReverseLoop(w, _controls[loop], depth, LoopVariables(loop), loop.Body);
                        if (!InitInHeader(loop)) Reverse(w, loop.Init, depth);
                        break;
                    case ForEachIntModel each:
                        var item = _tapes.ContainsKey(each.Variable) ? new[] { each.Variable } : new string[0];
                        ReverseLoop(w, _controls[each], depth, item, each.Body);
                        break;
                    case BranchModel branch:
                        string took = _controls[branch];
                        w.Open(depth > 0 ? $"if ({took}Tape.Pop())" : $"if ({took})");
                        Reverse(w, branch.Then, depth);
                        w.Close();
                        if (branch.Else.Count > 0)
                        {
                            w.Open("else");
                            Reverse(w, branch.Else, depth);
                            w.Close();
                        }
                        break;
                }
            }
        }

        private void ReverseLoop(SourceWriter w, string trips, int depth, IEnumerable<string> variables, IReadOnlyList<StatementModel> body,
            string? iterations = null)
        {
            string count = iterations ?? (depth > 0 ? trips + "Tape.Pop()" : trips);
            w.Open($"for (int {trips}Left = {count}; {trips}Left > 0; {trips}Left--)");
            foreach (var variable in variables) w.Line($"{variable} = {_tapes[variable]}.Pop();");
            Reverse(w, body, depth + 1);
            w.Close();
        }

        /// <summary>
        /// v = e backwards: restore v's old value if it was kept, take v̄ as the seed and clear it (the old v is another value),
        /// then add ⟨v̄, de⟩'s adjoints into those of the variables e reads.
        /// </summary>
        private void ReverseAssign(SourceWriter w, AssignModel a)
        {
            if (!a.First && _tapes.TryGetValue(a.Target, out var tape)) w.Line($"{a.Target} = {tape}.Pop();");
            if (!a.First && _tangentTapes.TryGetValue(a.Target, out var dtape)) w.Line($"{_tangents[a.Target]} = {dtape}.Pop();");
            if (!_bars.TryGetValue(a.Target, out var bar)) return;
            var d = _derivations[a];
            var kind = _variables[a.Target].Kind;
            string zero = kind == ValueKind.Scalar ? "0.0" : "null";
            var adjoints = Contributions(d);
            string? dbar = _secondOrder ? _barTangents[a.Target] : null;
            if (adjoints.Count == 0)
            {
                w.Line($"{bar} = {zero};  // {a.Target} = {a.Value.Source} does not depend on the differentiated values");
                if (dbar is not null) w.Line($"{dbar} = {zero};");
                return;
            }
            w.Line($"// {a.Target} = {NotationOf(d).Describe(d.Root)}");
            w.Open(kind == ValueKind.Scalar ? $"if ({bar} != 0.0{(dbar is null ? "" : $" || {dbar} != 0.0")})" : $"if ({bar} is not null)");
            w.Line($"var {StatementDerivation.SeedName} = {bar};");
            w.Line($"{bar} = {zero};");
            if (dbar is not null)
            {
                // The seed's tangent: zero where no tangent was added yet.
                w.Line(kind == ValueKind.Scalar ? $"var {StatementDerivation.SeedTangentName} = {dbar};"
                    : $"var {StatementDerivation.SeedTangentName} = {Adjoints}.OrZero({dbar}, {a.Target});");
                w.Line($"{dbar} = {zero};");
            }
            WriteAdjoints(w, d, adjoints);
            w.Close();
        }

        /// <summary>v[i] = e in place: the old entry kept first if the reverse pass reads v; in forward mode dv[i] = de first.</summary>
        private void ForwardWrite(SourceWriter w, ElementWriteModel e)
        {
            if (_partTapes.TryGetValue(e.Target + e.Part, out var tape)) Record(w, $"{tape}.Push({Part(e.Target, e)});");
            if (_tangentMode && _active.Contains(e.Target))
            {
                string dv = _tangents[e.Target];
                if (!WriteTangent(w, e.Value, x => SetPart(dv, e, x) + ";")) w.Line(Clear(dv, e) + ";");
            }
            var d = _derivations[e];
            WriteRoot(w, d.Derivation, d.Model, NotationOf(d), d.Root, x => SetPart(e.Target, e, x) + ";");
        }

        /// <summary>v[i] = e backwards: the old entry restored; its adjoint is the seed of e, and the entry's adjoint is cleared.</summary>
        private void ReverseWrite(SourceWriter w, ElementWriteModel e)
        {
            if (_partTapes.TryGetValue(e.Target + e.Part, out var tape)) w.Line(SetPart(e.Target, e, tape + ".Pop()") + ";");
            if (!_bars.TryGetValue(e.Target, out var bar)) return;
            var d = _derivations[e];
            var adjoints = Contributions(d);
            w.Line($"// {Part(e.Target, e)} = {NotationOf(d).Describe(d.Root)}");
            w.Open($"if ({bar} is not null)");
            if (adjoints.Count > 0) w.Line($"var {StatementDerivation.SeedName} = {Part(bar, e)};");
            w.Line(Clear(bar, e) + ";");
            if (adjoints.Count > 0) WriteAdjoints(w, d, adjoints);
            w.Close();
        }

        private static string Part(string of, ElementWriteModel e) => e.Part switch
        {
            WritePart.Entry => $"{of}[{string.Join(", ", e.Indices)}]",
            WritePart.Row => $"{of}.Row({e.Indices[0]})",
            _ => $"{of}.Column({e.Indices[0]})",
        };

        private static string SetPart(string of, ElementWriteModel e, string value) => e.Part switch
        {
            WritePart.Entry => $"{of}[{string.Join(", ", e.Indices)}] = {value}",
            WritePart.Row => $"{of}.SetRow({e.Indices[0]}, {value})",
            _ => $"{of}.SetColumn({e.Indices[0]}, {value})",
        };

        private static string Clear(string of, ElementWriteModel e) => e.Part switch
        {
            WritePart.Entry => $"{of}[{string.Join(", ", e.Indices)}] = 0.0",
            WritePart.Row => $"{of}.ClearRow({e.Indices[0]})",
            _ => $"{of}.ClearColumn({e.Indices[0]})",
        };

        /// <summary>The returned value backwards: its seed is 1, or F̄ for a matrix- or vector-valued F.</summary>
        private void ReverseResult(SourceWriter w, string? seed)
        {
            var adjoints = Contributions(_result);
            if (adjoints.Count == 0) return;
            w.Line($"// {GradientEmitter.FunctionName(_model)} = {NotationOf(_result).Describe(_result.Root)}");
            if (seed is null)
            {
                WriteAdjoints(w, _result, adjoints, braces: true);
                return;
            }
            w.OpenBlock();
            w.Line($"var {StatementDerivation.SeedName} = {seed};");
            WriteAdjoints(w, _result, adjoints);
            w.Close();
        }

        /// <summary>The tangent of e along the tangents of what it reads, written by <paramref name="statement"/>; false where it is
        /// zero (nothing is written).</summary>
        private bool WriteTangent(SourceWriter w, ExpressionModel value, System.Func<string, string> statement)
        {
            var (model, d) = StatementDerivation.Tangent(_model, value, _active, _tangents, _taken);
            if (d.Jvp.Tangent.IsNone) return false;
            WriteRoot(w, d, model, new Notation(d.Graph.Nodes, new Dictionary<NodeId, string>()), d.Jvp.Tangent, statement);
            return true;
        }

        /// <summary>One node of a statement's derivation as a statement of its own, in a block if it needs temporaries.</summary>
        private static void WriteRoot(SourceWriter w, Derivation d, MethodModel model, Notation notation, NodeId root,
            System.Func<string, string> statement)
        {
            var assign = new Dictionary<NodeId, System.Func<string, string>> { [root] = statement };
            Block(w, sub => new BodyWriter(d, model, notation).Write(sub, new List<(NodeId, string?)> { (root, null) }, header: null,
                statementFor: assign));
        }

        /// <summary>A zero shaped like the value <paramref name="of"/>.</summary>
        private static string ZeroLike(string of, ValueKind kind) => kind switch
        {
            ValueKind.Scalar => "0.0",
            ValueKind.Vector => $"{Vector}.Build.Dense({of}.Count)",
            _ => $"{Matrix}.Build.Dense({of}.RowCount, {of}.ColumnCount)",
        };

        /// <summary>The adjoints a statement adds, without the ones that are zero.</summary>
        private static List<(string Variable, NodeId Adjoint)> Contributions(StatementDerivation d)
            => d.Adjoints.Where(a => !(d.Derivation.Graph[a.Adjoint] is { Op: Op.Zero }
                || d.Derivation.Graph[a.Adjoint].IsConst(0))).ToList();

        private void WriteAdjoints(SourceWriter w, StatementDerivation d, List<(string Variable, NodeId Adjoint)> adjoints,
            bool braces = false)
        {
            var nodes = d.Derivation.Graph.Nodes;
            var statements = new Dictionary<NodeId, System.Func<string, string>>();
            var roots = new List<(NodeId, string?)>();
            var later = new List<(int Index, System.Func<string, string> Statement)>();
            // Second order: each adjoint's tangent goes into the adjoint's tangent (d{v}bar) beside it.
            var all = adjoints.Select(a => (a.Variable, a.Adjoint, _bars[a.Variable])).ToList();
            if (_secondOrder)
            {
                var tangents = d.AdjointTangents;
                for (int i = 0; i < d.Adjoints.Count; i++)
                {
                    var (variable, node) = d.Adjoints[i];
                    if (tangents[i].Exists && adjoints.Any(a => a.Variable == variable) && !IsZero(nodes, tangents[i]))
                    {
                        all.Add((variable, tangents[i], _barTangents[variable]));
                    }
                }
            }
            foreach (var (variable, node, bar) in all)
            {
                var (root, statement, scatters) = Contribution(nodes, variable, node, bar);
                // A node two adjoints share is added by the second as a copy (an adjoint owns its storage).
                if (statements.ContainsKey(root)) later.Add((roots.Count, scatters ? statement : e => Accumulate(variable, e,
                    fresh: false, bar)));
                else statements[root] = statement;
                roots.Add((root, null));
            }
            Block(w, sub =>
            {
                var exprs = new BodyWriter(d.Derivation, d.Model, NotationOf(d)).Write(sub, roots, header: null, statementFor: statements);
                foreach (var (index, statement) in later) sub.Line(statement(exprs[index]));
            }, braces);
        }

        /// <summary>
        /// How a statement adds its adjoint of <paramref name="variable"/>: an element, row or column read (s e_i e_jᵀ, e_i vᵀ)
        /// is added into that entry, row or column of the adjoint, never as a dense one-hot matrix; anything else is added whole.
        /// </summary>
        private (NodeId Root, System.Func<string, string> Statement, bool Scatters) Contribution(IReadOnlyList<Node> nodes, string variable,
            NodeId node, string bar)
        {
            var n = nodes[node.Index];
            string? Leaf(NodeId id) => nodes[id.Index] switch
            {
                { Op: Op.Param or Op.Opaque } leaf => leaf.Name,
                { Op: Op.Const } c => ((int)c.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (n.Op is Op.PlaceElement or Op.PlaceRow or Op.PlaceColumn && n.Args.Skip(1).Select(Leaf).ToList() is var leaves
                && leaves.All(l => l is not null) && leaves[leaves.Count - 1] == variable)
            {
                string like = leaves[leaves.Count - 1]!, at = string.Join(", ", leaves.Take(leaves.Count - 1));
                string method = n.Op switch { Op.PlaceElement => "AddAt", Op.PlaceRow => "AddToRow", _ => "AddToColumn" };
                return (n.Args[0], e => $"{bar} = {Adjoints}.{method}({bar}, {like}, {at}, {e});", true);
            }
            bool fresh = !(n.IsLeaf || n.Op == Op.Opaque);
            return (node, e => Accumulate(variable, e, fresh, bar), false);
        }

        private static bool IsZero(IReadOnlyList<Node> nodes, NodeId id)
            => nodes[id.Index] is { Op: Op.Zero } || nodes[id.Index].IsConst(0);

        private string Accumulate(string variable, string contribution, bool fresh, string bar)
        {
            if (KindOf(variable) == ValueKind.Scalar) return $"{bar} += {contribution};";
            return $"{bar} = {Adjoints}.{(fresh ? "Add" : "AddCopy")}({bar}, {contribution});";
        }

        /// <summary>
        /// Writes what <paramref name="write"/> writes; in braces of its own if it declares temporaries (sibling blocks reuse names).
        /// </summary>
        private static void Block(SourceWriter w, System.Action<SourceWriter> write, bool braces = true)
        {
            var sub = new SourceWriter();
            write(sub);
            var lines = sub.ToString().Split('\n').Where(l => l.Length > 0).ToList();
            bool block = braces && lines.Count > 1;
            if (block) w.OpenBlock();
            foreach (var line in lines) w.Line(line);
            if (block) w.Close();
        }

        private readonly Dictionary<StatementDerivation, Notation> _notations = new();

        private Notation NotationOf(StatementDerivation d)
        {
            if (!_notations.TryGetValue(d, out var notation))
            {
                _notations[d] = notation = new Notation(d.Derivation.Graph.Nodes, new Dictionary<NodeId, string>());
            }
            return notation;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// [Differentiable(CheckpointEvery = k)]: a top-level loop keeps the variables it assigns every k iterations and
    /// nothing in between; the reverse pass takes the segments last to first, restores a segment's state, runs its k
    /// iterations again keeping what they overwrite, and reverses them. Storage: T/k states and one segment's tape.
    /// </summary>
    internal sealed partial class ProgramEmitter
    {
        /// <summary>False between checkpoints: tape pushes and records are left out.</summary>
        private bool _recording = true;

        private void Record(SourceWriter w, string push)
        {
            if (_recording) w.Line(push);
        }

        private bool Checkpointed(LoopModel loop) => _model.CheckpointEvery > 0 && !_tangentMode && Assigned(loop).Any();

        /// <summary>The variables a loop assigns (its state), and whether each is written in place (kept as a copy).</summary>
        private List<(string Name, bool InPlace)> Assigned(LoopModel loop)
        {
            var names = new SortedDictionary<string, bool>(System.StringComparer.Ordinal);
            void Visit(IEnumerable<StatementModel> statements)
            {
                foreach (var statement in statements)
                {
                    switch (statement)
                    {
                        case AssignModel a: names[a.Target] = names.TryGetValue(a.Target, out bool p) && p; break;
                        case IntAssignModel i: names[i.Target] = false; break;
                        case ElementWriteModel e: names[e.Target] = true; break;
                        case ForEachIntModel f: names[f.Variable] = false; Visit(f.Body); break;
                        case LoopModel l: Visit(l.Init); Visit(l.Body); Visit(l.Step); break;
                        case BranchModel b: Visit(b.Then); Visit(b.Else); break;
                    }
                }
            }
            Visit(loop.Body);
            Visit(loop.Step);
            return names.Select(n => (n.Key, n.Value)).ToList();
        }

        private string CheckpointsOf(string name) => name + "Checkpoints";

        /// <summary>At an iteration that starts a segment: the loop's state, copied where it is written in place.</summary>
        private void WriteCheckpoint(SourceWriter w, LoopModel loop, string trips)
        {
            w.Open($"if ({trips} % {_model.CheckpointEvery} == 0)");
            foreach (var (name, inPlace) in Assigned(loop)) w.Line($"{CheckpointsOf(name)}.Push({name}{(inPlace ? ".Clone()" : "")});");
            w.Close();
        }

        /// <summary>The stacks of every checkpointed loop's state.</summary>
        private IEnumerable<(string Name, string Type)> CheckpointStacks()
        {
            if (_model.CheckpointEvery <= 0) return Enumerable.Empty<(string, string)>();
            return _program.Body.OfType<LoopModel>().Where(Checkpointed).SelectMany(Assigned).Select(a => a.Name).Distinct()
                .Select(name => (CheckpointsOf(name), TypeOfVariable(name)));
        }

        private void ReverseCheckpointed(SourceWriter w, LoopModel loop)
        {
            string trips = _controls[loop], end = Claim(trips + "End"), start = Claim(trips + "Start");
            int k = _model.CheckpointEvery;
            w.Line($"// {loop.Header}: segments of {k} iterations, last first, each run again from its checkpoint, then reversed.");
            w.Line($"int {end} = {trips};");
            w.Open($"while ({end} > 0)");
            w.Line($"int {start} = ({end} - 1) / {k} * {k};");
            foreach (var (name, _) in Assigned(loop)) w.Line($"{name} = {CheckpointsOf(name)}.Pop();");
            w.Open($"for (int {trips}Again = {start}; {trips}Again < {end}; {trips}Again++)");
            foreach (var variable in LoopVariables(loop)) w.Line($"{_tapes[variable]}.Push({variable});");
            Forward(w, loop.Body, 1);
            foreach (var step in loop.Step.Cast<IntAssignModel>()) w.Line($"{step.Target} = {step.Text};");
            w.Close();
            ReverseLoop(w, trips, 0, LoopVariables(loop), loop.Body, $"{end} - {start}");
            w.Line($"{end} = {start};");
            w.Close();
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// GradF and ValueAndGradF for a body with statements, by source transformation (as Tapenade does it, on matrices):
    /// a forward pass runs the body as written and pushes onto a tape each value an assignment overwrites that the
    /// reverse pass will read; the reverse pass runs the statements backwards (loops backwards over their recorded trip
    /// counts, branches by their recorded outcome), restores each overwritten value and adds each statement's adjoint
    /// (<see cref="StatementDerivation"/>) into the adjoints of the variables it reads.
    /// </summary>
    internal sealed partial class ProgramEmitter
    {
        private const string Stack = "global::System.Collections.Generic.Stack";
        private const string Adjoints = "global::GradGen.Runtime.Adjoints";

        private readonly MethodModel _model;
        private readonly ProgramModel _program;
        private readonly Dictionary<string, VariableModel> _variables;
        private readonly HashSet<string> _active;
        private readonly HashSet<string> _taken;
        private readonly Dictionary<StatementModel, StatementDerivation> _derivations = new(new IdentityComparer());
        private StatementDerivation _result = null!;
        private readonly HashSet<string> _readInReverse = new();
        private readonly Dictionary<string, string> _bars = new();
        private readonly Dictionary<string, string> _tapes = new();
        private readonly Dictionary<StatementModel, string> _controls = new(new IdentityComparer());

        /// <summary>Forward mode (JvpF): each active variable's tangent is written before its value, and nothing is taped.</summary>
        private bool _tangentMode;
        private readonly Dictionary<string, string> _tangents = new();

        /// <summary>Second order (HvpF): tangents beside values, and the tangent of each adjoint (d{v}bar) beside it.</summary>
        private readonly bool _secondOrder;
        private readonly Dictionary<string, string> _barTangents = new();
        private readonly Dictionary<string, string> _tangentTapes = new();

        private ProgramEmitter(MethodModel model, bool secondOrder = false)
        {
            _secondOrder = secondOrder;
            _model = model;
            _program = model.Program!;
            _variables = _program.Variables.ToDictionary(v => v.Name);
            _active = new HashSet<string>(_program.Variables.Where(v => v.Active).Select(v => v.Name).Concat(model.Wrt));
            _taken = new HashSet<string>(model.ReservedNames.Concat(_program.Variables.Select(v => v.Name)));
            _taken.Add(StatementDerivation.SeedName);
            foreach (var name in _active) _bars[name] = Claim(Notation.ShortName(name) + "bar");
            if (secondOrder)
            {
                _tangentMode = true;
                _tangents[model.Wrt[0]] = Claim(Calculus.Derivation.FreeName(model, "V"));
                foreach (var v in _program.Variables.Where(v => v.Active)) _tangents[v.Name] = Claim("d" + v.Name);
                foreach (var name in _active) _barTangents[name] = Claim("d" + Notation.ShortName(name) + "bar");
            }
            Plan(_program.Body, depth: 0);
            // A matrix- or vector-valued F is seeded with F̄ (its VJP); a scalar one with 1.
            _result = StatementDerivation.Of(_model, _program.Result, _active, _taken, seeded: model.ReturnKind != ValueKind.Scalar,
                differentiate: true, tangentOf: secondOrder ? _tangents : null);
            _readInReverse.UnionWith(_result.ReadsInReverse());
            // Second order keeps every overwritten value and tangent (the tangents of the adjoints read both).
            var kept = secondOrder ? _variables.Keys : (IEnumerable<string>)_readInReverse;
            foreach (var name in kept.OrderBy(n => n, System.StringComparer.Ordinal))
            {
                if (_variables.ContainsKey(name) && Overwritten(_program.Body, name)) _tapes[name] = Claim(name + "Tape");
                if (secondOrder && _tapes.ContainsKey(name) && _tangents.ContainsKey(name)) _tangentTapes[name] = Claim("d" + name
                    + "Tape");
            }
            // A local written in place that the reverse pass reads keeps each entry, row or column a write replaces.
            foreach (var e in Writes(_program.Body).Where(e => _readInReverse.Contains(e.Target)))
            {
                string key = e.Target + e.Part;
                if (!_partTapes.ContainsKey(key)) _partTapes[key] = Claim(e.Target + e.Part + "Tape");
            }
        }

        /// <summary>The .g.cs of a method with statements.</summary>
        public static string Emit(MethodModel model) => new ProgramEmitter(model).Write(
            model.Order == 2 ? new ProgramEmitter(model, secondOrder: true) : null);

        private string Claim(string name)
        {
            string fresh = FreshNames.FirstNumbered(name, _taken.Contains);
            _taken.Add(fresh);
            return fresh;
        }

        /// <summary>
        /// Derives every statement once, names the loops' and branches' records, and collects what the reverse pass reads.
        /// </summary>
        private void Plan(IEnumerable<StatementModel> statements, int depth)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case AssignModel a:
                        bool active = _active.Contains(a.Target);
                        var d = StatementDerivation.Of(_model, a.Value, _active, _taken, seeded: true, differentiate: active,
                            tangentOf: _secondOrder ? _tangents : null);
                        _derivations[a] = d;
                        _readInReverse.UnionWith(d.ReadsInReverse());
                        break;
                    case ElementWriteModel e:
                        var written = StatementDerivation.Of(_model, e.Value, _active, _taken, seeded: true,
                            differentiate: _active.Contains(e.Target));
                        _derivations[e] = written;
                        _readInReverse.UnionWith(written.ReadsInReverse());
                        _readInReverse.UnionWith(e.IndexReads);
                        break;
                    case LoopModel loop:
                        _controls[loop] = Claim("trips" + (_controls.Count + 1));
                        Plan(loop.Init, depth);
                        Plan(loop.Body, depth + 1);
                        Plan(loop.Step, depth + 1);
                        break;
                    case ForEachIntModel each:
                        _controls[each] = Claim("trips" + (_controls.Count + 1));
                        Plan(each.Body, depth + 1);
                        break;
                    case BranchModel branch:
                        _controls[branch] = Claim("took" + (_controls.Count + 1));
                        Plan(branch.Then, depth);
                        Plan(branch.Else, depth);
                        break;
                }
            }
        }

        /// <summary>Every element write of the body.</summary>
        private static IEnumerable<ElementWriteModel> Writes(IEnumerable<StatementModel> statements)
            => statements.SelectMany(s => s switch
            {
                ElementWriteModel e => new[] { e },
                LoopModel l => Writes(l.Init.Concat(l.Body).Concat(l.Step)),
                ForEachIntModel f => Writes(f.Body),
                BranchModel b => Writes(b.Then.Concat(b.Else)),
                _ => Enumerable.Empty<ElementWriteModel>(),
            });

        /// <summary>The tape of the entries (rows, columns) written into a local, by target and part.</summary>
        private readonly Dictionary<string, string> _partTapes = new();

        /// <summary>
        /// Is <paramref name="name"/> assigned anywhere but at its first declaration outside loops (so its old value is lost)?
        /// </summary>
        private static bool Overwritten(IEnumerable<StatementModel> statements, string name)
            => statements.Any(s => s switch
            {
                AssignModel a => a.Target == name && !a.First,
                IntAssignModel i => i.Target == name && !i.First,
                LoopModel l => Overwritten(l.Init, name) || Overwritten(l.Body, name) || Overwritten(l.Step, name),
                ForEachIntModel e => e.Variable == name || Overwritten(e.Body, name),
                BranchModel b => Overwritten(b.Then, name) || Overwritten(b.Else, name),
                _ => false,
            });

        private sealed class IdentityComparer : IEqualityComparer<StatementModel>
        {
            public bool Equals(StatementModel? x, StatementModel? y) => ReferenceEquals(x, y);
            public int GetHashCode(StatementModel obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}

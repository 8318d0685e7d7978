using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// break, continue, an early return and switch, as structured statements: a jump sets an int flag, the statements
    /// after it run under "no flag set", and a loop's condition also stops on its break flag. The reverse pass then needs
    /// nothing new: the flags are ints kept like any other, the guards are branches recorded like any other.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>The early-return flag and the variable every return assigns; null when the body returns only at its end.</summary>
        private (string Returned, string Result)? _return;

        /// <summary>Does the body return from inside a loop or a branch (so what follows may not run)?</summary>
        public bool ReturnsEarly => _return is not null;

        /// <summary>The flags of the loops being lowered, innermost last (null names: the loop has no such jump).</summary>
        private readonly Stack<(string? Broke, string? Continued)> _loops = new();

        private static bool IsLoop(SyntaxNode node) => node is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax
            or DoStatementSyntax;

        /// <summary>The break or continue statements of a loop body that leave this loop (not a nested loop or switch).</summary>
        private static IEnumerable<StatementSyntax> JumpsOf(StatementSyntax body, bool breaks)
            => body.DescendantNodesAndSelf(n => n == body || !(IsLoop(n) || breaks && n is SwitchStatementSyntax)
                    && n is not (LambdaExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<StatementSyntax>().Where(s => breaks ? s is BreakStatementSyntax : s is ContinueStatementSyntax);

        /// <summary>Can control leave <paramref name="statement"/> early (a return, or a jump out of the loop being lowered)?</summary>
        private bool MayJump(StatementSyntax statement)
        {
            if (_return is not null && statement.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any()) return true;
            if (_loops.Count == 0 || IsLoop(statement)) return false;
            // A switch's own breaks end its sections, not the loop.
            return statement is not SwitchStatementSyntax && JumpsOf(statement, breaks: true).Any()
                || JumpsOf(statement, breaks: false).Any();
        }

        /// <summary>"No jump has happened": the early-return flag and the innermost loop's flags, all zero.</summary>
        private string Guard()
        {
            var flags = new List<string>();
            if (_return is { } r) flags.Add(r.Returned);
            if (_loops.Count > 0 && _loops.Peek() is var (broke, continued))
            {
                if (broke is not null) flags.Add(broke);
                if (continued is not null) flags.Add(continued);
            }
            return string.Join(" && ", flags.Select(f => f + " == 0"));
        }

        /// <summary>Statements in order; after one that may jump, the rest run under <see cref="Guard"/>.</summary>
        private void LowerSequence(IReadOnlyList<StatementSyntax> statements, List<StatementModel> into)
        {
            for (int i = 0; i < statements.Count; i++)
            {
                LowerStatement(statements[i], into);
                if (i + 1 < statements.Count && MayJump(statements[i]) && Guard().Length > 0)
                {
                    var rest = new List<StatementModel>();
                    LowerSequence(statements.Skip(i + 1).ToList(), rest);
                    if (rest.Count > 0) into.Add(new BranchModel(Guard(), rest.ToEquatableArray(), EquatableArray<StatementModel>.Empty,
                        "(unless a jump above was taken)"));
                    return;
                }
            }
        }

        private void LowerJump(StatementSyntax jump, List<StatementModel> into)
        {
            switch (jump)
            {
                case BreakStatementSyntax when _loops.Count > 0 && _loops.Peek().Broke is { } broke:
                    into.Add(new IntAssignModel(broke, "1", false));
                    return;
                case ContinueStatementSyntax when _loops.Count > 0 && _loops.Peek().Continued is { } continued:
                    into.Add(new IntAssignModel(continued, "1", false));
                    return;
                case ReturnStatementSyntax { Expression: { } value } when _return is { } r:
                    AssignTo(r.Result, KindOfResult(), value, into, first: false);
                    into.Add(new IntAssignModel(r.Returned, "1", false));
                    return;
                default:
                    ReportStatement(jump);
                    return;
            }
        }

        private ValueKind KindOfResult() => _hidden.First(v => v.Name == _return!.Value.Result).Kind;

        /// <summary>Flags for a loop whose body breaks or continues; the condition stops on break (and on an early return).</summary>
        private (string? Broke, string? Continued) LoopFlags(StatementSyntax body)
        {
            string? broke = JumpsOf(body, breaks: true).Any() ? Unique("broke") : null;
            string? continued = JumpsOf(body, breaks: false).Any() ? Unique("continued") : null;
            if (broke is not null) _hidden.Add(new VariableModel(broke, ValueKind.Scalar, true, false));
            if (continued is not null) _hidden.Add(new VariableModel(continued, ValueKind.Scalar, true, false));
            return (broke, continued);
        }

        /// <summary>"cond && broke == 0 && returned == 0": the loop stops at a break or an early return.</summary>
        private string StopOn(string condition, (string? Broke, string? Continued) flags, bool returns)
            => Running(flags, returns) is { } running ? $"({condition}) && {running}" : condition;

        /// <summary>"broke == 0 && returned == 0": no break (or early return) has stopped the loop; null if it cannot stop.</summary>
        private string? Running((string? Broke, string? Continued) flags, bool returns)
        {
            var stops = new List<string>();
            if (flags.Broke is not null) stops.Add(flags.Broke + " == 0");
            if (returns && _return is { } r) stops.Add(r.Returned + " == 0");
            return stops.Count == 0 ? null : string.Join(" && ", stops);
        }

        /// <summary>The body of a loop with its jumps: continue's flag cleared first, break's set to 0 before the loop.</summary>
        private EquatableArray<StatementModel> LowerJumpingBody(StatementSyntax body, (string? Broke, string? Continued) flags,
            bool guardWhole)
        {
            _loopDepth++;
            _loops.Push(flags);
            var statements = new List<StatementModel>();
            if (flags.Continued is { } continued) statements.Add(new IntAssignModel(continued, "0", false));
            var inner = new List<StatementModel>();
            LowerSequence(body is BlockSyntax block ? block.Statements : new SyntaxList<StatementSyntax>(body), inner);
            // A foreach has no condition to stop on: after a break (or a return) its remaining iterations do nothing.
            bool stops = flags.Broke is not null || _return is not null && body.DescendantNodes().OfType<ReturnStatementSyntax>().Any();
            _loops.Pop();
            string guard = string.Join(" && ", new[] { flags.Broke, _return?.Returned }.Where(f => f is not null).Select(f => f + " == 0"));
            if (guardWhole && stops && guard.Length > 0)
            {
                statements.Add(new BranchModel(guard, inner.ToEquatableArray(), EquatableArray<StatementModel>.Empty,
                    "(unless it stopped)"));
            }
            else statements.AddRange(inner);
            _loopDepth--;
            return statements.ToEquatableArray();
        }

        /// <summary>switch (g) { case 1: case 2: …; break; default: …; break; } as if/else on g == 1 || g == 2.</summary>
        private void LowerSwitch(SwitchStatementSyntax @switch, List<StatementModel> into)
        {
            if (ConditionText(@switch.Expression) is not { } governing) return;
            var sections = new List<(string? Condition, List<StatementModel> Body)>();
            foreach (var section in @switch.Sections)
            {
                var tests = new List<string>();
                bool isDefault = false;
                foreach (var label in section.Labels)
                {
                    switch (label)
                    {
                        case CaseSwitchLabelSyntax { Value: var value } when ConditionText(value) is { } text:
                            tests.Add($"{governing} == {text}");
                            break;
                        case DefaultSwitchLabelSyntax:
                            isDefault = true;
                            break;
                        default:
                            Report(DiagnosticDescriptors.UnsupportedStatement, label.GetLocation(), "A pattern case label",
                                "use constant case labels, or if/else");
                            return;
                    }
                }
                var statements = section.Statements.ToList();
                if (statements.LastOrDefault() is BreakStatementSyntax) statements.RemoveAt(statements.Count - 1);
                if (statements.SelectMany(s => s.DescendantNodesAndSelf(n => !IsLoop(n) && n is not SwitchStatementSyntax))
                    .OfType<BreakStatementSyntax>().FirstOrDefault() is { } early)
                {
                    Report(DiagnosticDescriptors.UnsupportedStatement, early.GetLocation(), "A 'break' before the end of a switch section",
                        "put the rest of the section under an 'if'");
                    return;
                }
                var body = new List<StatementModel>();
                LowerSequence(statements, body);
                sections.Add((isDefault ? null : string.Join(" || ", tests), body));
            }
            // The default section is the last else, wherever it is written.
            var otherwise = sections.FirstOrDefault(s => s.Condition is null).Body ?? new List<StatementModel>();
            var chain = otherwise;
            foreach (var (condition, body) in sections.Where(s => s.Condition is not null).Reverse())
            {
                chain = new List<StatementModel>
                {
                    new BranchModel(condition!, body.ToEquatableArray(), chain.ToEquatableArray(), $"case {condition}"),
                };
            }
            into.AddRange(chain);
        }

        /// <summary>g switch { 1 => a, &lt; 0 => b, _ => c } as branches that assign the choice's variable.</summary>
        private List<StatementModel> SwitchChoice(SwitchExpressionSyntax @switch, string name, ValueKind kind)
        {
            string? governing = ConditionText(@switch.GoverningExpression);
            var arms = new List<(string? Test, List<StatementModel> Body)>();
            foreach (var arm in @switch.Arms)
            {
                string? test = arm.Pattern switch
                {
                    DiscardPatternSyntax => null,
                    ConstantPatternSyntax constant => ConditionText(constant.Expression) is { } c ? $"{governing} == {c}" : "",
                    RelationalPatternSyntax relational => ConditionText(relational.Expression) is { } r
                        ? $"{governing} {relational.OperatorToken.Text} {r}" : "",
                    _ => "",
                };
                if (test == "" || arm.WhenClause is not null)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, arm.GetLocation(), SyntaxText.Shorten(arm.ToString()),
                        "use constant or relational patterns (1 =>, < 0 =>, _ =>) without 'when'");
                    return new List<StatementModel>();
                }
                var body = new List<StatementModel>();
                AssignTo(name, kind, arm.Expression, body);
                arms.Add((test, body));
            }
            var chain = arms.FirstOrDefault(a => a.Test is null).Body ?? new List<StatementModel>();
            foreach (var (test, body) in arms.Where(a => a.Test is not null).Reverse())
            {
                chain = new List<StatementModel> { new BranchModel(test!, body.ToEquatableArray(), chain.ToEquatableArray(),
                    "switch " + test) };
            }
            return governing is null ? new List<StatementModel>() : chain;
        }
    }
}

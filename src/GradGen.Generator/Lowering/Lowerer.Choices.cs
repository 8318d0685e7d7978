using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// Choices inside an expression on the differentiated path: c ? a : b, Math.Max, Min, Abs and Clamp. Each becomes a
    /// branch that assigns a variable of its own, placed before the statement that reads it, so that its derivative is that
    /// of the branch taken (the derivative of Max at a tie is the first argument's; of Abs at 0, +1).
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>Statements a right-hand side needs before it (its choices), while it is being lowered.</summary>
        private List<StatementModel> _pending = new();

        private static readonly HashSet<string> s_choices = new() { "Max", "Min", "Abs", "Clamp" };

        /// <summary>Does this syntax choose between values (so a straight-line body with it needs statements)?</summary>
        private static bool IsChoice(SyntaxNode node) => node is ConditionalExpressionSyntax or SwitchExpressionSyntax
            || node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } }
                && s_choices.Contains(name)
            || node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var bare } }
                && s_choices.Contains(bare);

        /// <summary>
        /// A choice on the differentiated path, as a variable assigned by branches before the statement (Failed if it cannot be);
        /// null for an expression that is no such choice.
        /// </summary>
        private NodeId? LowerChoice(ExpressionSyntax expression)
        {
            // Inside a lifted lambda a choice on an entry is elementwise (Math.Abs, ReLU), not a branch.
            if (_variables is null || !IsChoice(expression) || !DependsOnWrt(expression) || ReadsLifted(expression)) return null;
            if (expression is InvocationExpressionSyntax call
                && !(_semantics.GetSymbolInfo(call, _cancellation).Symbol is IMethodSymbol { IsStatic: true } m
                    && TypeClassifier.IsSystemMath(m.ContainingType)))
            {
                return null;
            }
            if (TypeClassifier.Classify(_semantics.GetTypeInfo(expression, _cancellation).Type) is not { } kind) return null;

            // The enclosing right-hand side's graph is set aside while the choice's operands get graphs of their own.
            var saved = SetAside();
            string name = Unique(expression is InvocationExpressionSyntax invoked
                ? invoked.Expression.ToString().Split('.').Last().ToLowerInvariant() : "choice");
            AddHidden(name, kind, active: true);
            int before = Diagnostics.Count;
            var statements = expression switch
            {
                ConditionalExpressionSyntax conditional => Conditional(conditional, name, kind),
                SwitchExpressionSyntax @switch => SwitchChoice(@switch, name, kind),
                _ => MathChoice((InvocationExpressionSyntax)expression, name, kind),
            };
            Resume(saved);
            if (Diagnostics.Count > before) return Failed;
            _pending.AddRange(statements);
            return _ir.Param(name, kind);
        }

        /// <summary>A right-hand side's graph and what is known of its nodes, set aside while statements are lowered before it.</summary>
        private readonly struct GraphState
        {
            public readonly IrBuilder Ir;
            public readonly Dictionary<ISymbol, NodeId> Locals;
            public readonly Dictionary<NodeId, bool> Active;
            public readonly Dictionary<NodeId, SyntaxNode> Origins;
            public readonly Dictionary<NodeId, LiteralShape> Shapes;

            public GraphState(IrBuilder ir, Dictionary<ISymbol, NodeId> locals, Dictionary<NodeId, bool> active,
                Dictionary<NodeId, SyntaxNode> origins, Dictionary<NodeId, LiteralShape> shapes)
            {
                Ir = ir;
                Locals = locals;
                Active = active;
                Origins = origins;
                Shapes = shapes;
            }
        }

        private GraphState SetAside() => new(_ir, new Dictionary<ISymbol, NodeId>(_locals, SymbolEqualityComparer.Default),
            new Dictionary<NodeId, bool>(_active), new Dictionary<NodeId, SyntaxNode>(Origins),
            new Dictionary<NodeId, LiteralShape>(ConstantShapes));

        private void Resume(GraphState saved)
        {
            _ir = saved.Ir;
            Restore(_locals, saved.Locals);
            Restore(_active, saved.Active);
            Restore(Origins, saved.Origins);
            Restore(ConstantShapes, saved.Shapes);
        }

        private static void Restore<TKey, TValue>(Dictionary<TKey, TValue> target, Dictionary<TKey, TValue> from)
        {
            target.Clear();
            foreach (var pair in from) target[pair.Key] = pair.Value;
        }

        private void AddHidden(string name, ValueKind kind, bool active) => Declare(new VariableModel(name, kind, false, active));

        private List<StatementModel> Conditional(ConditionalExpressionSyntax conditional, string name, ValueKind kind)
        {
            var then = new List<StatementModel>();
            var otherwise = new List<StatementModel>();
            string? condition = ConditionText(conditional.Condition);
            AssignTo(name, kind, conditional.WhenTrue, then);
            AssignTo(name, kind, conditional.WhenFalse, otherwise);
            if (condition is null) return new List<StatementModel>();
            return new List<StatementModel>
            {
                new BranchModel(condition, then.ToEquatableArray(), otherwise.ToEquatableArray(),
                    SyntaxText.Shorten(conditional.Condition.ToString()) + " ?"),
            };
        }

        /// <summary>Math.Max(a, b), Min, Abs(a), Clamp(x, lo, hi): operands into variables, then a branch that picks one.</summary>
        private List<StatementModel> MathChoice(InvocationExpressionSyntax call, string name, ValueKind kind)
        {
            var result = new List<StatementModel>();
            var operands = new List<string>();
            foreach (var argument in call.ArgumentList.Arguments)
            {
                string operand = Unique(name + "Arg");
                AddHidden(operand, kind, DependsOnWrt(argument.Expression));
                AssignTo(operand, kind, argument.Expression, result);
                operands.Add(operand);
            }
            StatementModel Pick(string from) => new AssignModel(name, Leaf(from, kind, negate: false), First: _loopDepth == 0);
            EquatableArray<StatementModel> One(StatementModel s) => new(new[] { s });
            string method = call.Expression.ToString().Split('.').Last();
            string header = SyntaxText.Shorten(call.ToString());
            switch (method)
            {
                case "Max" when operands.Count == 2:
                case "Min" when operands.Count == 2:
                    string test = method == "Max" ? ">=" : "<=";
                    result.Add(new BranchModel($"{operands[0]} {test} {operands[1]}", One(Pick(operands[0])),
                        One(Pick(operands[1])), header));
                    break;
                case "Abs" when operands.Count == 1:
                    var negated = new AssignModel(name, Leaf(operands[0], kind, negate: true), First: _loopDepth == 0);
                    result.Add(new BranchModel($"{operands[0]} >= 0", One(Pick(operands[0])), One(negated), header));
                    break;
                case "Clamp" when operands.Count == 3:
                    var inner = new BranchModel($"{operands[0]} > {operands[2]}", One(Pick(operands[2])), One(Pick(operands[0])), header);
                    result.Add(new BranchModel($"{operands[0]} < {operands[1]}", One(Pick(operands[1])), One(inner), header));
                    break;
                default:
                    Unsupported(call, "Max and Min take two values, Abs one, Clamp three");
                    break;
            }
            return result;
        }

        /// <summary>name = value, after the statements value's own choices need.</summary>
        private void AssignTo(string name, ValueKind kind, ExpressionSyntax value, List<StatementModel> into, bool? first = null)
        {
            var lowered = LowerWithChoices(into, value, kind);
            if (lowered is not null) into.Add(new AssignModel(name, lowered, First: first ?? _loopDepth == 0));
        }

        /// <summary>A right-hand side (see <see cref="LowerRightHandSide"/>), the branches its choices need added to
        /// <paramref name="into"/> first.</summary>
        private ExpressionModel? LowerWithChoices(List<StatementModel> into, ExpressionSyntax value, ValueKind? kind = null,
            System.Func<NodeId, NodeId>? wrap = null)
        {
            var saved = _pending;
            _pending = new List<StatementModel>();
            var lowered = LowerRightHandSide(value, kind, wrap);
            into.AddRange(_pending);
            _pending = saved;
            return lowered;
        }

        private static ExpressionModel Leaf(string name, ValueKind kind, bool negate)
        {
            var ir = new IrBuilder(new GraphBuilder());
            NodeId node = ir.Param(name, kind);
            if (negate) node = ir.Neg(node);
            return new ExpressionModel(ir.Graph.ToArray(), node, negate ? "-" + name : name);
        }
    }
}

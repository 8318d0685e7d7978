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
    /// Bodies with statements (loops, branches, reassignment) lower to a <see cref="ProgramModel"/>: every local is a
    /// variable, every right-hand side its own graph over the variables it reads. Which variables are active (depend on a
    /// differentiated parameter) is a fixpoint over all assignments, since a loop can carry a dependence backwards.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>The body's locals (non-null only while lowering a body with statements).</summary>
        private Dictionary<ISymbol, VariableModel>? _variables;
        private readonly HashSet<string> _activeVariables = new();
        private int _loopDepth;

        /// <summary>Locals generated code adds (the index of a foreach over rows).</summary>
        private readonly List<VariableModel> _hidden = new();
        private readonly HashSet<string> _reserved = new();
        private SyntaxNode? _body;

        private bool IsActiveVariable(string name) => _activeVariables.Contains(name);

        /// <summary>Does the body need statements: anything but 'var' locals and a final 'return'?</summary>
        public static bool NeedsStatements(MethodDeclarationSyntax method)
        {
            // Choices and Math.Sign are lowered by the statements path (as branches, and as a constant); inside a lambda a
            // choice is elementwise (a mask, ReLU, abs) and needs no statements.
            if (method.DescendantNodes().Any(n => (IsChoice(n) && !n.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax))
                || n is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sign" } }))
            {
                return true;
            }
            if (method.Body is not { } body) return false;
            var statements = body.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                bool straight = statements[i] is LocalDeclarationStatementSyntax
                    || statements[i] is ReturnStatementSyntax && i == statements.Count - 1;
                if (!straight) return true;
            }
            return false;
        }

        public ProgramModel? LowerProgram(MethodDeclarationSyntax method, IEnumerable<string> reserved)
        {
            int before = Diagnostics.Count;
            _body = method;
            _reserved.UnionWith(reserved);
            _variables = CollectVariables(method, new HashSet<string>(reserved));
            if (Diagnostics.Count > before) return null;
            MarkActive(method);

            // An expression body (with a choice in it) is a body of one return.
            var statements = method.Body?.Statements ?? default;
            var returned = method.ExpressionBody?.Expression ?? (statements.LastOrDefault() as ReturnStatementSyntax)?.Expression;
            if (returned is null)
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, (statements.LastOrDefault() ?? (SyntaxNode)method).GetLocation(),
                    "A body that does not end in 'return'", "end the body with one 'return' of the value");
                return null;
            }
            var body = statements.Take(System.Math.Max(0, statements.Count - 1)).ToList();
            var lowered = new List<StatementModel>();
            if (body.Any(s => s.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any())
                && TypeClassifier.Classify(_semantics.GetTypeInfo(returned, _cancellation).Type) is { } resultKind)
            {
                // Early returns: each assigns the result and sets a flag; what follows runs only while the flag is 0.
                _return = (Unique("returned"), Unique("result"));
                _hidden.Add(new VariableModel(_return.Value.Returned, ValueKind.Scalar, true, false));
                AddHidden(_return.Value.Result, resultKind, active: true);
                lowered.Add(new IntAssignModel(_return.Value.Returned, "0", true));
                LowerSequence(body, lowered);
                var last = new List<StatementModel>();
                AssignTo(_return.Value.Result, resultKind, returned, last, first: false);
                lowered.Add(new BranchModel(_return.Value.Returned + " == 0", last.ToEquatableArray(), EquatableArray<StatementModel>.Empty,
                    "(unless it returned early)"));
                if (Diagnostics.Count > before) return null;
                return new ProgramModel(_variables.Values.Concat(_hidden).ToEquatableArray(), lowered.ToEquatableArray(),
                    Leaf(_return.Value.Result, resultKind, negate: false));
            }
            LowerSequence(body, lowered);
            var result = LowerWithChoices(lowered, returned);
            if (Diagnostics.Count > before || result is null) return null;
            return new ProgramModel(_variables.Values.Concat(_hidden).ToEquatableArray(), lowered.ToEquatableArray(), result);
        }

        /// <summary>Every local of the body, with a name unique in the method (generated code declares them all at the top).</summary>
        private Dictionary<ISymbol, VariableModel> CollectVariables(SyntaxNode body, HashSet<string> taken)
        {
            var variables = new Dictionary<ISymbol, VariableModel>(SymbolEqualityComparer.Default);
            var used = new HashSet<string>();
            void Add(SyntaxNode declaration)
            {
                if (_semantics.GetDeclaredSymbol(declaration, _cancellation) is not ILocalSymbol symbol) return;
                var kind = TypeClassifier.Classify(symbol.Type);
                if (kind is null && TypeClassifier.IsCholesky(symbol.Type))
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, declaration.GetLocation(),
                        "A Cholesky local in a body with loops or branches",
                        "read the factorisation where it is made (S.Cholesky().DeterminantLn, S.Cholesky().Solve(b))");
                    return;
                }
                if (kind is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, declaration.GetLocation(),
                        $"A local of type {symbol.Type.ToDisplayString()}", "locals must be Matrix<double>, Vector<double>, double or int");
                    return;
                }
                string name = symbol.Name;
                for (int i = 2; !used.Add(name) || (name != symbol.Name && taken.Contains(name)); i++) name = symbol.Name + i;
                variables[symbol] = new VariableModel(name, kind.Value, symbol.Type.SpecialType == SpecialType.System_Int32, false);
            }
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator:
                        Add(declarator);
                        break;
                    case ForEachStatementSyntax loop:
                        Add(loop);
                        break;
                }
            }
            return variables;
        }

        /// <summary>A variable is active if any assignment to it reads a differentiated parameter or an active variable.</summary>
        private void MarkActive(SyntaxNode body)
        {
            var assignments = new List<(ISymbol Target, ExpressionSyntax Value)>();
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer: { } init } d when _semantics.GetDeclaredSymbol(d, _cancellation) is { } s:
                        assignments.Add((s, init.Value));
                        break;
                    case AssignmentExpressionSyntax a when _semantics.GetSymbolInfo(a.Left, _cancellation).Symbol is ILocalSymbol
                        or IParameterSymbol:
                        assignments.Add((_semantics.GetSymbolInfo(a.Left, _cancellation).Symbol!, a.Right));
                        break;
                    case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax e } a
                        when _semantics.GetSymbolInfo(e.Expression, _cancellation).Symbol is ILocalSymbol s:
                        assignments.Add((s, a.Right));
                        break;
                    case InvocationExpressionSyntax
                        {
                            Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetRow" or "SetColumn" } set,
                            ArgumentList.Arguments.Count: 2,
                        } call when _semantics.GetSymbolInfo(set.Expression, _cancellation).Symbol is ILocalSymbol s:
                        assignments.Add((s, call.ArgumentList.Arguments[1].Expression));
                        break;
                    case ForEachStatementSyntax f when _semantics.GetDeclaredSymbol(f, _cancellation) is { } s:
                        assignments.Add((s, f.Expression));
                        break;
                }
            }
            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (var (target, value) in assignments)
                {
                    if (!_variables!.TryGetValue(target, out var v) || v.Active || v.IsInt || !DependsOnWrt(value)) continue;
                    _variables[target] = v with { Active = true };
                    _activeVariables.Add(v.Name);
                    changed = true;
                }
            }
        }

        private void LowerStatement(StatementSyntax statement, List<StatementModel> into)
        {
            _cancellation.ThrowIfCancellationRequested();
            switch (statement)
            {
                case BlockSyntax block:
                    LowerSequence(block.Statements, into);
                    return;
                case BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax:
                    LowerJump(statement, into);
                    return;
                case SwitchStatementSyntax @switch:
                    LowerSwitch(@switch, into);
                    return;
                case EmptyStatementSyntax:
                    return;
                case LabeledStatementSyntax labeled:
                    LowerStatement(labeled.Statement, into);   // harmless without a goto, and a goto is reported
                    return;
                case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.None)
                    && local.AwaitKeyword.IsKind(SyntaxKind.None) && !local.IsConst:
                    foreach (var declarator in local.Declaration.Variables)
                    {
                        if (declarator.Initializer is null) continue;
                        if (_semantics.GetDeclaredSymbol(declarator, _cancellation) is ILocalSymbol symbol
                            && _variables!.TryGetValue(symbol, out var variable))
                        {
                            Assign(variable, declarator.Initializer.Value, first: _loopDepth == 0, into);
                        }
                    }
                    return;
                case LocalDeclarationStatementSyntax { IsConst: true }:
                    return;   // a const is folded where it is read
                case ExpressionStatementSyntax { Expression: var expression }:
                    LowerExpressionStatement(expression, into);
                    return;
                case ForStatementSyntax loop:
                    LowerFor(loop, into);
                    return;
                case WhileStatementSyntax loop:
                    if (LoopCondition(loop.Condition) is not { } whileCondition) return;
                    var flags = LoopFlags(loop.Statement);
                    if (flags.Broke is { } broke) into.Add(new IntAssignModel(broke, "0", false));
                    var whileBody = LowerJumpingBody(loop.Statement, flags, guardWhole: false);
                    into.Add(new LoopModel(EquatableArray<StatementModel>.Empty, StopOn(whileCondition, flags, Returns(loop)),
                        EquatableArray<StatementModel>.Empty, whileBody,
                        InHelper("while (" + SyntaxText.Shorten(loop.Condition.ToString()) + ")")));
                    return;
                case ForEachStatementSyntax loop:
                    LowerForEach(loop, into);
                    return;
                case IfStatementSyntax branch:
                    LowerIf(branch, into);
                    return;
                default:
                    ReportStatement(statement);
                    return;
            }
        }

        private void ReportStatement(StatementSyntax statement)
        {
            var (what, hint) = statement switch
            {
                ReturnStatementSyntax => ("A 'return' inside a loop or branch", "assign the value to a local and return it at the end"),
                BreakStatementSyntax or ContinueStatementSyntax => ("'" + statement.ToString().TrimEnd(';') + "'",
                    "put the rest of the iteration under an 'if', or make the loop condition say when to stop"),
                DoStatementSyntax => ("A do-while loop", "write it as a while or for loop"),
                SwitchStatementSyntax => ("A switch statement", "write it as if/else"),
                GotoStatementSyntax => ("'goto'", "write the jump as a loop or a branch"),
                TryStatementSyntax => ("A try statement", "check inputs before the call instead"),
                LockStatementSyntax => ("A lock statement", "the generated methods are pure: no lock is needed"),
                ThrowStatementSyntax => ("A throw statement", "check inputs before the call instead"),
                LocalFunctionStatementSyntax => ("A local function",
                    "make it a static method (helpers are not yet differentiated through)"),
                _ => ($"The statement '{SyntaxText.Shorten(statement.ToString())}'", "see the README for the statements GradGen takes"),
            };
            Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), what, hint);
            if (statement is LocalFunctionStatementSyntax function && _semantics.GetDeclaredSymbol(function, _cancellation) is { } symbol)
            {
                _reported.Add(symbol);
            }
        }

        private void Assign(VariableModel variable, ExpressionSyntax value, bool first, List<StatementModel> into)
        {
            if (variable.IsInt)
            {
                if (IntText(value) is { } text) into.Add(new IntAssignModel(variable.Name, text, first));
                return;
            }
            AssignTo(variable.Name, variable.Kind, value, into, first);
        }

        private void LowerExpressionStatement(ExpressionSyntax expression, List<StatementModel> into)
        {
            switch (expression)
            {
                case AssignmentExpressionSyntax assignment when Target(assignment.Left, parameters: true) is { } variable:
                    if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        Assign(variable, assignment.Right, first: false, into);
                        return;
                    }
                    LowerCompound(assignment, variable, into);
                    return;
                case PostfixUnaryExpressionSyntax { Operand: var operand } step
                    when Target(operand, parameters: true) is { IsInt: true } counter:
                    into.Add(new IntAssignModel(counter.Name, counter.Name + (step.IsKind(SyntaxKind.PostIncrementExpression)
                        ? " + 1" : " - 1"), false));
                    return;
                case PrefixUnaryExpressionSyntax { Operand: var operand } step
                    when Target(operand, parameters: true) is { IsInt: true } counter
                    && step.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression:
                    into.Add(new IntAssignModel(counter.Name, counter.Name + (step.IsKind(SyntaxKind.PreIncrementExpression)
                        ? " + 1" : " - 1"), false));
                    return;
                case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } assignment
                    when Target(element.Expression) is { IsInt: false, Kind: not ValueKind.Scalar } written:
                    LowerElementWrite(written, element.ArgumentList.Arguments.Select(a => a.Expression).ToList(),
                        WritePart.Entry, assignment, into);
                    return;
                case InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetRow" or "SetColumn" } set,
                        ArgumentList.Arguments.Count: 2,
                    } call when Target(set.Expression) is { Kind: ValueKind.Matrix } written:
                    LowerElementWrite(written, new List<ExpressionSyntax> { call.ArgumentList.Arguments[0].Expression },
                        set.Name.Identifier.ValueText == "SetRow" ? WritePart.Row : WritePart.Column, call, into);
                    return;
                case AssignmentExpressionSyntax assignment:
                    ReportWrite(assignment.Left);
                    return;
                default:
                    Report(DiagnosticDescriptors.UnsupportedStatement, expression.GetLocation(),
                        $"The expression statement '{SyntaxText.Shorten(expression.ToString())}'",
                        "a [Differentiable] body computes values: assign them to locals");
                    return;
            }
        }

        /// <summary>x op= e as x = x op e, through the same rules as the binary operator.</summary>
        private void LowerCompound(AssignmentExpressionSyntax assignment, VariableModel variable, List<StatementModel> into)
        {
            var op = Compound(assignment);
            string symbol = assignment.OperatorToken.Text.TrimEnd('=');
            if (op == SyntaxKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, assignment.GetLocation(),
                    $"The assignment '{assignment.OperatorToken.Text}'",
                    "use =, +=, -=, *= or /=");
                return;
            }
            if (variable.IsInt)
            {
                if (IntText(assignment.Right) is { } text)
                {
                    into.Add(new IntAssignModel(variable.Name, $"{variable.Name} {symbol} ({text})", false));
                }
                return;
            }
            var value = LowerWithChoices(into, assignment.Right, variable.Kind,
                right => Combine(op, _ir.Param(variable.Name, variable.Kind), right, assignment, symbol, integerDivision: false));
            if (value is not null) into.Add(new AssignModel(variable.Name, value, First: false));
        }

        /// <summary>
        /// The variable an assignment writes, or null (a parameter, field, property or element: reported by the caller). With
        /// <paramref name="parameters"/>, also a parameter of a helper with statements (a variable given its argument's value;
        /// never written in place, since it may share the caller's storage).
        /// </summary>
        private VariableModel? Target(ExpressionSyntax left, bool parameters = false)
            => _semantics.GetSymbolInfo(left, _cancellation).Symbol is { } symbol
                && (symbol is ILocalSymbol || parameters && symbol is IParameterSymbol)
                && _variables!.TryGetValue(symbol, out var v) ? v : null;

        private void ReportWrite(ExpressionSyntax left)
        {
            var (what, hint) = _semantics.GetSymbolInfo(left, _cancellation).Symbol switch
            {
                IParameterSymbol p => ($"Assigning to the parameter '{p.Name}'", "assign to a local copy instead"),
                IFieldSymbol or IPropertySymbol => ($"Assigning to the member '{left}'", "a [Differentiable] method must not change state"),
                _ when left is ElementAccessExpressionSyntax => ($"Writing the element '{SyntaxText.Shorten(left.ToString())}'",
                    "write elements of a local vector or matrix built in the method (Vector<double>.Build.Dense(n))"),
                _ => ($"Assigning to '{SyntaxText.Shorten(left.ToString())}'", "assign to a local"),
            };
            Report(DiagnosticDescriptors.UnsupportedStatement, left.Parent!.GetLocation(), what, hint);
        }

        private void LowerFor(ForStatementSyntax loop, List<StatementModel> into)
        {
            var init = new List<StatementModel>();
            if (loop.Declaration is { } declaration)
            {
                foreach (var d in declaration.Variables)
                {
                    if (d.Initializer is { } value && _semantics.GetDeclaredSymbol(d, _cancellation) is ILocalSymbol s
                        && _variables!.TryGetValue(s, out var v))
                    {
                        if (!v.IsInt)
                        {
                            Report(DiagnosticDescriptors.UnsupportedStatement, d.GetLocation(), "A loop variable that is not an int",
                                "count with an int and compute the value in the body");
                            continue;
                        }
                        Assign(v, value.Value, first: _loopDepth == 0, init);
                    }
                }
            }
            foreach (var initializer in loop.Initializers) LowerLoopStep(initializer, init);
            var step = new List<StatementModel>();
            foreach (var incrementor in loop.Incrementors) LowerLoopStep(incrementor, step);
            string condition = loop.Condition is null ? "true" : LoopCondition(loop.Condition) ?? "";
            var flags = LoopFlags(loop.Statement);
            if (flags.Broke is { } broke) init.Add(new IntAssignModel(broke, "0", false));
            var body = LowerJumpingBody(loop.Statement, flags, guardWhole: false);
            if (condition.Length == 0) return;
            if (Running(flags, Returns(loop)) is { } running)
            {
                // C# skips the step after a break (or a return): so does the loop, to leave its variable as C# leaves it.
                step = step.Select(s => s is IntAssignModel i ? i with { Text = $"{running} ? ({i.Text}) : {i.Target}" } : s).ToList();
            }
            condition = StopOn(condition, flags, Returns(loop));
            string header = "for (" + SyntaxText.Shorten(loop.Declaration?.ToString() ?? string.Join(", ", loop.Initializers)) + "; "
                + SyntaxText.Shorten(loop.Condition?.ToString() ?? "") + "; " + string.Join(", ", loop.Incrementors) + ")";
            into.Add(new LoopModel(init.ToEquatableArray(), condition, step.ToEquatableArray(), body, InHelper(header)));
        }

        /// <summary>A for loop's initializer or incrementor: an assignment of an int (i++, i += 2, i = n - 1).</summary>
        private void LowerLoopStep(ExpressionSyntax expression, List<StatementModel> into)
        {
            var target = expression switch
            {
                AssignmentExpressionSyntax a => Target(a.Left),
                PostfixUnaryExpressionSyntax p => Target(p.Operand),
                PrefixUnaryExpressionSyntax p => Target(p.Operand),
                _ => null,
            };
            if (target is not { IsInt: true })
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, expression.GetLocation(), $"The loop step '{expression}'",
                    "a loop counts with int locals (i++, i += 2)");
                return;
            }
            LowerExpressionStatement(expression, into);
        }

        /// <summary>A foreach body: it cannot stop early, so after a break its remaining iterations do nothing.</summary>
        private EquatableArray<StatementModel> LowerLoopBody(StatementSyntax body, List<StatementModel> before)
        {
            var flags = LoopFlags(body);
            if (flags.Broke is { } broke) before.Add(new IntAssignModel(broke, "0", false));
            return LowerJumpingBody(body, flags, guardWhole: true);
        }

        private bool Returns(StatementSyntax loop) => _return is not null && loop.DescendantNodes().OfType<ReturnStatementSyntax>().Any();

        /// <summary>A loop condition, as generated code writes it; null (reported) if it reads a differentiated value.</summary>
        private string? LoopCondition(ExpressionSyntax condition)
        {
            if (DependsOnWrt(condition))
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, condition.GetLocation(),
                    $"A loop whose trip count depends on the differentiated values ('{SyntaxText.Shorten(condition.ToString())}')",
                    "loop a fixed number of times (an int parameter) and stop changing the value with an 'if' inside");
                return null;
            }
            return ConditionText(condition);
        }

        private string? ConditionText(ExpressionSyntax condition)
        {
            var rewriter = Rewriter(_ => new NodeId(0));
            var rewritten = (ExpressionSyntax)rewriter.Visit(condition);
            if (rewriter.Failed)
            {
                Unsupported(condition, "a condition may read parameters, locals, sizes and constants");
                return null;
            }
            // On one line: NormalizeWhitespace spreads an array initializer over several.
            string text = rewritten.NormalizeWhitespace().ToFullString();
            return string.Join(" ", text.Split(new[] { '\n', '\r' }, System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        }

        private string? IntText(ExpressionSyntax value) => ConditionText(value);

        private void LowerForEach(ForEachStatementSyntax loop, List<StatementModel> into)
        {
            if (_semantics.GetDeclaredSymbol(loop, _cancellation) is not ILocalSymbol symbol
                || !_variables!.TryGetValue(symbol, out var item))
            {
                return;   // its type was reported
            }
            string header = InHelper($"foreach ({loop.Type} {loop.Identifier.Text} in {SyntaxText.Shorten(loop.Expression.ToString())})");
            if (item.IsInt)
            {
                if (ConditionText(loop.Expression) is not { } collection) return;
                var intBody = LowerLoopBody(loop.Statement, into);
                into.Add(new ForEachIntModel(item.Name, collection, intBody, header));
                return;
            }
            // foreach (var row in X.EnumerateRows()): a loop over a hidden index, whose body starts with row = X.Row(index).
            bool rows = loop.Expression is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnumerateRows" or "EnumerateColumns" } access,
                ArgumentList.Arguments.Count: 0,
            } && access.Name.Identifier.ValueText == "EnumerateRows";
            if (loop.Expression is not InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnumerateRows" or "EnumerateColumns" } members,
                    ArgumentList.Arguments.Count: 0,
                } || item.Kind != ValueKind.Vector)
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, loop.Expression.GetLocation(),
                    $"A foreach over '{SyntaxText.Shorten(loop.Expression.ToString())}'",
                    "loop over X.EnumerateRows(), X.EnumerateColumns(), an int array or a range, or index with a for loop");
                return;
            }
            // The collection is evaluated once, before the first iteration, as C# does: kept in a variable of its own.
            string index = Unique(item.Name + "Index");
            _hidden.Add(new VariableModel(index, ValueKind.Scalar, true, false));
            string source = Unique(item.Name + "Source");
            var matrixValue = LowerRightHandSide(members.Expression, ValueKind.Matrix);
            if (matrixValue is null) return;
            bool active = DependsOnWrt(members.Expression);
            _hidden.Add(new VariableModel(source, ValueKind.Matrix, false, active));
            if (active) _activeVariables.Add(source);
            into.Add(new AssignModel(source, matrixValue, First: _loopDepth == 0));
            _loopDepth++;
            _ir = new IrBuilder(new GraphBuilder());
            NodeId matrix = _ir.Param(source, ValueKind.Matrix), i = _ir.Param(index, ValueKind.Scalar);
            NodeId read = rows ? _ir.RowOf(matrix, i) : _ir.ColumnOf(matrix, i);
            var element = new ExpressionModel(_ir.Graph.ToArray(), read, loop.Expression + " item");
            var body = new List<StatementModel>();
            body.Add(new AssignModel(item.Name, element, First: false));
            _loopDepth--;
            var flags = LoopFlags(loop.Statement);
            if (flags.Broke is { } broke) into.Add(new IntAssignModel(broke, "0", false));
            body.AddRange(LowerJumpingBody(loop.Statement, flags, guardWhole: false));
            string size = rows ? "RowCount" : "ColumnCount";
            var init = new StatementModel[] { new IntAssignModel(index, "0", _loopDepth == 0) };
            var step = new StatementModel[] { new IntAssignModel(index, index + " + 1", false) };
            into.Add(new LoopModel(init.ToEquatableArray(), StopOn($"{index} < {source}.{size}", flags, Returns(loop)),
                step.ToEquatableArray(), body.ToEquatableArray(), header));
        }

        private string Unique(string name)
        {
            var names = new HashSet<string>(_variables!.Values.Concat(_hidden).Select(v => v.Name).Concat(_reserved));
            return FreshNames.FirstNumbered(name, names.Contains);
        }

        private void LowerIf(IfStatementSyntax branch, List<StatementModel> into)
        {
            string? condition = ConditionText(branch.Condition);
            var then = new List<StatementModel>();
            LowerStatement(branch.Statement, then);
            var otherwise = new List<StatementModel>();
            if (branch.Else is { } clause) LowerStatement(clause.Statement, otherwise);
            if (condition is null) return;
            into.Add(new BranchModel(condition, then.ToEquatableArray(), otherwise.ToEquatableArray(),
                "if (" + SyntaxText.Shorten(branch.Condition.ToString()) + ")"));
        }

        /// <summary>A right-hand side in a graph of its own; <paramref name="wrap"/> builds on its root (x += e is x + e).</summary>
        private ExpressionModel? LowerRightHandSide(ExpressionSyntax value, ValueKind? kind = null,
            System.Func<NodeId, NodeId>? wrap = null)
        {
            _ir = new IrBuilder(new GraphBuilder());
            _locals.Clear();
            _active.Clear();
            Origins.Clear();
            ConstantShapes.Clear();
            int before = Diagnostics.Count;
            NodeId node = Lower(value);
            if (node != Failed && wrap is not null) node = wrap(node);
            if (node == Failed || Diagnostics.Count > before) return null;
            if (kind is { } expected && _ir.KindOf(node) != expected)
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, value.GetLocation(), SyntaxText.Shorten(value.ToString()),
                    $"it is a {_ir.KindOf(node).ToString().ToLowerInvariant()} assigned to a {expected.ToString().ToLowerInvariant()}");
                return null;
            }
            Diagnostics.AddRange(ShapeInference.Check(_ir.Graph.Nodes, ConstantShapes, Origins));
            if (Diagnostics.Count > before) return null;
            var statement = value.FirstAncestorOrSelf<StatementSyntax>();
            return new ExpressionModel(_ir.Graph.ToArray(), node, SyntaxText.Shorten(value.ToString()),
                statement is null ? null : SourceSpans.Of(statement));
        }

    }
}

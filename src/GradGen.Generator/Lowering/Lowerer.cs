using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// Turns the body of a [Differentiable] method into IR. Each supported syntax form has a case
    /// here; everything else gets one GG diagnostic at its own syntax (and lowering goes on, so a
    /// user sees every problem at once).
    /// </summary>
    internal sealed partial class Lowerer
    {
        private static readonly NodeId Failed = NodeId.None;

        /// <summary>The model of the tree being lowered: the method's, or an inlined helper's while its body is.</summary>
        private SemanticModel _semantics;
        private readonly CancellationToken _cancellation;
        private IrBuilder _ir;
        private readonly Dictionary<ISymbol, NodeId> _locals = new(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _wrt;
        private readonly Dictionary<NodeId, bool> _active = new();

        /// <summary>Locals and local functions whose declaration was reported: their uses are echoes, not new problems.</summary>
        private readonly HashSet<ISymbol> _reported = new(SymbolEqualityComparer.Default);

        public Lowerer(SemanticModel semantics, IrBuilder ir, IEnumerable<string> wrt, CancellationToken cancellation)
        {
            _semantics = semantics;
            _ir = ir;
            _wrt = new HashSet<string>(wrt);
            _cancellation = cancellation;
        }

        public List<DiagnosticInfo> Diagnostics { get; } = new();

        public List<LocalModel> Locals { get; } = new();

        /// <summary>The nodes <see cref="Locals"/> name: the first local of a value names it (a set, for long methods).</summary>
        private readonly HashSet<NodeId> _namedNodes = new();

        /// <summary>The syntax each IR node was first lowered from, for diagnostics found after lowering (shapes).</summary>
        public Dictionary<NodeId, SyntaxNode> Origins { get; } = new();

        /// <summary>Sizes known at compile time: constants such as Matrix&lt;double&gt;.Build.Dense(2, 3) (a vector has Columns =
        /// -1).</summary>
        public Dictionary<NodeId, LiteralShape> ConstantShapes { get; } = new();

        /// <summary>Lowers the method body; returns the node of the returned value, or None.</summary>
        public NodeId LowerBody(MethodDeclarationSyntax method)
        {
            if (method.ExpressionBody is { } arrow)
            {
                var value = Lower(arrow.Expression);
                Mapped(arrow.Expression);
                return value;
            }
            if (method.Body is not { } body)
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, method.Identifier.GetLocation(), "A method without a body",
                    "give it a body");
                return Failed;
            }

            NodeId result = Failed;
            var statements = body.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                _cancellation.ThrowIfCancellationRequested();
                var statement = statements[i];
                switch (statement)
                {
                    case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.None)
                        && local.AwaitKeyword.IsKind(SyntaxKind.None):
                        LowerLocal(local.Declaration);
                        Mapped(statement);
                        break;
                    case ReturnStatementSyntax { Expression: { } returned } when i == statements.Count - 1:
                        result = Lower(returned);
                        Mapped(statement);
                        break;
                    case ReturnStatementSyntax:
                        Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), "A 'return' before the last statement",
                            "return once, at the end");
                        break;
                    default:
                        Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), Describe(statement),
                            "see the README for the statements GradGen takes");
                        if (statement is LocalFunctionStatementSyntax function
                            && _semantics.GetDeclaredSymbol(function, _cancellation) is { } symbol)
                        {
                            _reported.Add(symbol);
                        }
                        break;
                }
            }
            return result;
        }

        /// <summary>
        /// A straight-line body's statements and where their nodes end (<see cref="SourceMap"/>); null when the file has
        /// no path a #line directive can name.
        /// </summary>
        public SourceMap? Map => _mapped.Count > 0 && _mapped.TrueForAll(m => m.Span is not null)
            ? new SourceMap(_mapped.Select(m => m.Span!).ToEquatableArray(), _mapped.Select(m => m.End).ToEquatableArray())
            : null;

        private readonly List<(SourceSpan? Span, int End)> _mapped = new();

        /// <summary>The nodes added since the last statement were lowered from <paramref name="statement"/>.</summary>
        private void Mapped(SyntaxNode statement) => _mapped.Add((SourceSpans.Of(statement), _ir.Graph.Nodes.Count));

        private void LowerLocal(VariableDeclarationSyntax declaration)
        {
            foreach (var variable in declaration.Variables)
            {
                if (variable.Initializer is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedStatement, variable.GetLocation(),
                        $"Local '{variable.Identifier.Text}' without an initializer", "give it a value where it is declared");
                    continue;
                }
                if (_semantics.GetDeclaredSymbol(variable, _cancellation) is not ILocalSymbol symbol) continue;
                if (TypeClassifier.IsDecomposition(symbol.Type))
                {
                    NodeId factored = FactoredMatrix(variable.Initializer.Value);
                    if (factored == Failed) _reported.Add(symbol);
                    else _factorisations[symbol] = factored;
                    continue;
                }
                if (TypeClassifier.Classify(symbol.Type) is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, variable.GetLocation(),
                        $"A local of type {symbol.Type.ToDisplayString()}", "locals must be Matrix<double>, Vector<double>, double or int");
                    _reported.Add(symbol);
                    continue;
                }
                NodeId node = Lower(variable.Initializer.Value);
                if (node == Failed)
                {
                    _reported.Add(symbol);
                    continue;
                }
                _locals[symbol] = node;
                // A helper's locals are not the method's: generated code does not name them.
                if (_inlining.Count == 0 && _namedNodes.Add(node)) Locals.Add(new LocalModel(symbol.Name, node));
            }
        }

        private NodeId Lower(ExpressionSyntax expression) => Locate(LowerCore(expression), expression);

        /// <summary>Where a node's shape conflict is reported: the first syntax that built it (hash-consing shares nodes).</summary>
        private NodeId Locate(NodeId node, SyntaxNode at)
        {
            if (node.Exists && !Origins.ContainsKey(node)) Origins[node] = at;
            return node;
        }

        private NodeId LowerCore(ExpressionSyntax expression)
        {
            _cancellation.ThrowIfCancellationRequested();
            // Integer arithmetic off the wrt path (sizes, indices: k + 1, X.RowCount * 2) has no derivative
            // and must stay integer arithmetic in generated code, so it is kept as written.
            if (expression is not (LiteralExpressionSyntax or IdentifierNameSyntax or ParenthesizedExpressionSyntax)
                && _semantics.GetTypeInfo(expression, _cancellation).Type?.SpecialType == SpecialType.System_Int32
                && !DependsOnWrt(expression)
                && TryOpaque(expression) is { Exists: true } integer)
            {
                return integer;
            }
            // Math.Sign(x) is piecewise constant: its derivative is 0 wherever it exists, so it is a constant as written.
            if (_variables is not null && expression is InvocationExpressionSyntax sign
                && _semantics.GetSymbolInfo(sign, _cancellation).Symbol is IMethodSymbol { Name: "Sign", IsStatic: true } m
                && TypeClassifier.IsSystemMath(m.ContainingType) && TryOpaque(expression) is { Exists: true } signed)
            {
                return signed;
            }
            if (LowerChoice(expression) is { } choice) return choice;
            if (TryLowerFactorisation(expression, out NodeId factorisation)) return factorisation;
            switch (expression)
            {
                case ParenthesizedExpressionSyntax p:
                    return Lower(p.Expression);
                case CastExpressionSyntax cast when IsPrecisionCast(cast):
                    return Lower(cast.Expression);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                    return LowerConstant(literal);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus:
                    return Unary(minus.Operand, _ir.Neg);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryPlusExpression } plus:
                    return Lower(plus.Operand);
                case BinaryExpressionSyntax binary:
                    return LowerBinary(binary);
                case IdentifierNameSyntax or MemberAccessExpressionSyntax
                    when _semantics.GetSymbolInfo(expression, _cancellation).Symbol is { } symbol
                         && symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.Field or SymbolKind.Property:
                    return LowerReference(expression, symbol);
                case InvocationExpressionSyntax invocation:
                    return LowerInvocation(invocation);
                case ConditionalExpressionSyntax conditional when ReadsLifted(conditional):
                    return LiftedConditional(conditional);
                case ElementAccessExpressionSyntax element when ReadsIndex(element):
                    return LowerIndexedElement(element);
                case ElementAccessExpressionSyntax element when DependsOnWrt(element):
                    return LowerElement(element);
                default:
                    return Fallback(expression, Noun(expression));
            }
        }

        /// <summary>
        /// (float)x or (double)x of a double, float or int: the same real number to the derivation (generated bodies compute
        /// in double, and the float facade rounds once at the end).
        /// </summary>
        private bool IsPrecisionCast(CastExpressionSyntax cast)
            => TypeClassifier.IsFloatingScalar(_semantics.GetTypeInfo(cast.Type, _cancellation).Type)
                && TypeClassifier.Classify(_semantics.GetTypeInfo(cast.Expression, _cancellation).Type) == ValueKind.Scalar;

        private NodeId LowerConstant(ExpressionSyntax expression)
        {
            var constant = _semantics.GetConstantValue(expression, _cancellation);
            // A float literal is the float's exact value (0.1f is 0.100000001490116…): the function the user wrote.
            if (constant.HasValue && constant.Value is int or double or float)
            {
                return _ir.Const(System.Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            return Unsupported(expression, "use a double, float or int literal");
        }

        private NodeId LowerReference(ExpressionSyntax expression, ISymbol symbol)
        {
            if (expression is MemberAccessExpressionSyntax access
                && access.Expression is not ThisExpressionSyntax
                && _semantics.GetSymbolInfo(access.Expression, _cancellation).Symbol is not ITypeSymbol)
            {
                if (BoundSize(access) is { } size) return size;
                // A member of a value (X.RowCount, a field of another object): a constant unless it reads the wrt path.
                return Fallback(expression, "only sizes such as RowCount can be read from a differentiated value");
            }
            // A parameter of a helper with statements is a variable of the program, as a local is.
            if (symbol is IParameterSymbol argument && _variables is not null && _variables.ContainsKey(argument))
            {
                return ResolveVariable(argument);
            }
            if (symbol is IParameterSymbol bound && _bound.TryGetValue(bound, out NodeId entries)) return entries;
            if (symbol is IParameterSymbol index && _indices.TryGetValue(index, out var axis)) return IndexGrid(axis);
            // double.PositiveInfinity, double.Epsilon and kin: a literal (a norm's p must be one).
            if (symbol is IFieldSymbol { IsConst: true, ContainingType.SpecialType: SpecialType.System_Double
                or SpecialType.System_Single or SpecialType.System_Int32 })
            {
                return LowerConstant(expression);
            }
            if (symbol is ILocalSymbol local)
            {
                if (_locals.TryGetValue(local, out NodeId node)) return node;
                // A body with statements: each right-hand side is its own graph, and a variable it reads is a leaf.
                if (_variables is not null && _variables.TryGetValue(local, out var variable))
                {
                    return _locals[local] = _ir.Param(variable.Name, variable.Kind);
                }
                return Failed;
            }
            var type = symbol switch
            {
                IParameterSymbol p => p.Type,
                IFieldSymbol f => f.Type,
                IPropertySymbol pr => pr.Type,
                _ => null,
            };
            if (TypeClassifier.Classify(type) is not { } kind)
            {
                return Unsupported(expression, $"its type {type?.ToDisplayString()} is not a Matrix or Vector of double or float, "
                    + "double, float or int");
            }
            if (symbol is IParameterSymbol parameter) return _ir.Param(parameter.Name, kind);
            if (symbol is IPropertySymbol { Parameters.Length: > 0 }) return Fallback(expression, "indexers cannot be differentiated");
            // Generated bodies compute in double: a float field or property is widened where it is read.
            string text = MemberAccessText(symbol);
            return _ir.Member(TypeClassifier.PrecisionOf(type) == Precision.Single ? Emit.MathNetSyntax.Widened(text, kind) : text, kind);
        }

        /// <summary>How generated code reads a field or property: <c>this.A</c>, or the fully qualified static.</summary>
        private static string MemberAccessText(ISymbol symbol)
        {
            if (!symbol.IsStatic) return "this." + symbol.Name;
            return symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + symbol.Name;
        }

        private NodeId LowerBinary(BinaryExpressionSyntax binary)
        {
            NodeId left = Lower(binary.Left);
            NodeId right = Lower(binary.Right);
            if (left == Failed || right == Failed) return Failed;
            // Inside a lifted lambda, v * w of two entries is the Hadamard product of the matrices they stand for.
            if (IsLiftedOperand(binary.Left, left) && IsLiftedOperand(binary.Right, right))
            {
                if (binary.IsKind(SyntaxKind.MultiplyExpression)) return _ir.Hadamard(left, right);
                if (binary.IsKind(SyntaxKind.DivideExpression)) return _ir.PointwiseDivide(left, right);
            }
            return Combine(binary.Kind(), left, right, binary, binary.OperatorToken.Text, IsIntegerDivision(binary));
        }

        /// <summary>left ∘ right for a binary operator (also the compound assignments: x += e is x + e).</summary>
        private NodeId Combine(SyntaxKind kind, NodeId left, NodeId right, ExpressionSyntax at, string operatorText, bool integerDivision)
        {
            var lk = _ir.KindOf(left);
            var rk = _ir.KindOf(right);
            bool scalars = lk == ValueKind.Scalar && rk == ValueKind.Scalar;
            switch (kind)
            {
                case SyntaxKind.AddExpression when lk == rk:
                    return _ir.Add(left, right);
                case SyntaxKind.AddExpression when lk == ValueKind.Scalar:
                    return _ir.AddScalar(left, right);                 // s + A: s added to every entry
                case SyntaxKind.AddExpression when rk == ValueKind.Scalar:
                    return _ir.AddScalar(right, left);
                case SyntaxKind.SubtractExpression when lk == rk:
                    return _ir.Sub(left, right);
                case SyntaxKind.SubtractExpression when rk == ValueKind.Scalar:
                    return _ir.AddScalar(_ir.Neg(right), left);        // A − s = A + (−s) exactly
                case SyntaxKind.SubtractExpression when lk == ValueKind.Scalar:
                    return _ir.AddScalar(left, _ir.Neg(right));        // s − A = (−A) + s exactly
                case SyntaxKind.MultiplyExpression when scalars:
                    return _ir.Mul(left, right);
                case SyntaxKind.MultiplyExpression when lk == ValueKind.Scalar:
                    return _ir.Scale(left, right);
                case SyntaxKind.MultiplyExpression when rk == ValueKind.Scalar:
                    return _ir.Scale(right, left);
                case SyntaxKind.MultiplyExpression when lk == ValueKind.Matrix:
                    return _ir.MatMul(left, right);
                case SyntaxKind.MultiplyExpression when lk == ValueKind.Vector && rk == ValueKind.Matrix:
                    return _ir.MatMul(_ir.Transpose(right), left);    // vᵀA, as the vector Aᵀv
                case SyntaxKind.MultiplyExpression when lk == ValueKind.Vector && rk == ValueKind.Vector:
                    return _ir.Inner(left, right);
                case SyntaxKind.DivideExpression when scalars && !integerDivision:
                    return _ir.Div(left, right);
                case SyntaxKind.DivideExpression when rk == ValueKind.Scalar && lk != ValueKind.Scalar:
                    return _ir.DivScalar(left, right);
                case SyntaxKind.DivideExpression when lk == ValueKind.Scalar && rk != ValueKind.Scalar:
                    return _ir.ScalarDivide(left, right);              // s ⊘ A elementwise
                default:
                    return Fallback(at, $"the operator '{operatorText}' on {Noun(lk)} and {Noun(rk)}");
            }
        }

        private bool IsIntegerDivision(BinaryExpressionSyntax binary)
            => _semantics.GetTypeInfo(binary, _cancellation).Type?.SpecialType == SpecialType.System_Int32;

        private NodeId Unary(ExpressionSyntax operand, System.Func<NodeId, NodeId> make)
        {
            NodeId node = Lower(operand);
            return node == Failed ? Failed : make(node);
        }

        private readonly Dictionary<SyntaxNode, ISymbol?> _enclosingSymbols = new();

        /// <summary>
        /// The method, local function or lambda an expression is in, asked of Roslyn once per such body: its lookup starts from
        /// the member and costs in proportion to a long method's length, and every call of the body asked it again.
        /// </summary>
        private ISymbol? EnclosingSymbol(SyntaxNode node)
        {
            var body = node.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
                or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
            if (body is null) return _semantics.GetEnclosingSymbol(node.SpanStart, _cancellation);
            if (!_enclosingSymbols.TryGetValue(body, out var symbol))
            {
                _enclosingSymbols[body] = symbol = _semantics.GetEnclosingSymbol(node.SpanStart, _cancellation);
            }
            return symbol;
        }

        private NodeId LowerInvocation(InvocationExpressionSyntax invocation)
        {
            if (_semantics.GetSymbolInfo(invocation, _cancellation).Symbol is not IMethodSymbol method)
            {
                return Fallback(invocation, "only MathNet members and System.Math functions can be differentiated");
            }

            if (SymbolEqualityComparer.Default.Equals(method, EnclosingSymbol(invocation)))
            {
                return Unsupported(invocation, "recursion cannot be differentiated: write it as a loop");
            }
            if (TryLowerLifted(invocation, method, out NodeId lifted)) return lifted;
            if (TryLowerCustomCall(invocation, method, out NodeId custom)) return custom;
            if (TryInline(invocation, method, out NodeId inlined)) return inlined;
            int before = Diagnostics.Count;
            Receiver? receiver = null;
            NodeId target = NodeId.None;
            var access = invocation.Expression as MemberAccessExpressionSyntax;
            if (method.IsStatic && TypeClassifier.IsSystemMath(method.ContainingType))
            {
                // Math.Exp(x), or Exp(x) under 'using static System.Math'.
                if (method.Name == "Pow") return LowerPow(invocation);
                receiver = Receiver.Math;
            }
            else if (access is null)
            {
                return Fallback(invocation, "only MathNet members and System.Math functions can be differentiated");
            }
            else if (!method.IsStatic && TypeClassifier.IsMatrixBuilder(method.ContainingType))
            {
                receiver = Receiver.Builder;
            }
            else if (!method.IsStatic && method.ReducedFrom is null)
            {
                target = Lower(access!.Expression);
                receiver = target == Failed ? null : _ir.KindOf(target) switch
                {
                    ValueKind.Matrix => Receiver.Matrix,
                    ValueKind.Vector => Receiver.Vector,
                    _ => null,
                };
            }

            var args = receiver is null ? null : LowerArguments(invocation.ArgumentList);
            if (receiver is { } r && args is not null)
            {
                string argKinds = new string(args.Select(a => KnownMembers.Code(_ir.KindOf(a))).ToArray());
                if (KnownMembers.TryGet(r, method.Name, argKinds, out var rule))
                {
                    NodeId node = rule(_ir, target, args);
                    if (node.Exists) return node;
                    return Fallback(invocation, $"{method.Name} needs a constant argument here (PointwiseMaximum only 0, norms p ≥ 1)",
                        method.Name, before);
                }
            }
            return Fallback(invocation,
                $"{method.ContainingType.Name}.{method.Name} is not among the members GradGen knows (see the README)", method.Name, before);
        }

        /// <summary>X[i, j] or v[i] of a differentiated value, with int indices.</summary>
        private NodeId LowerElement(ElementAccessExpressionSyntax element)
        {
            var arguments = element.ArgumentList.Arguments;
            NodeId target = Lower(element.Expression);
            if (target == Failed) return Failed;
            var kind = _ir.KindOf(target);
            bool ints = arguments.All(a => _semantics.GetTypeInfo(a.Expression,
                _cancellation).Type?.SpecialType == SpecialType.System_Int32);
            if (!ints || (kind, arguments.Count) is not ((ValueKind.Matrix, 2) or (ValueKind.Vector, 1)))
            {
                return Unsupported(element, "index a matrix as X[i, j] and a vector as v[i], with int indices");
            }
            var indices = arguments.Select(a => Lower(a.Expression)).ToList();
            if (indices.Any(i => i == Failed)) return Failed;
            return indices.Count == 2 ? _ir.Element(target, indices[0], indices[1]) : _ir.Element(target, indices[0]);
        }

        private NodeId LowerPow(InvocationExpressionSyntax invocation)
        {
            var arguments = invocation.ArgumentList.Arguments;
            var exponent = _semantics.GetConstantValue(arguments[1].Expression, _cancellation);
            if (!exponent.HasValue || exponent.Value is not (int or double))
            {
                // An exponent that is a value: a^p, differentiated in a and (where it is on the wrt path) in p.
                if (!DependsOnWrt(invocation)) return Fallback(invocation, "Math.Pow of constants is kept as written");
                NodeId a = Lower(arguments[0].Expression), p = Lower(arguments[1].Expression);
                return a == Failed || p == Failed ? Failed : _ir.PowerOf(a, p);
            }
            NodeId @base = Lower(arguments[0].Expression);
            if (@base == Failed) return Failed;
            double k = System.Convert.ToDouble(exponent.Value, System.Globalization.CultureInfo.InvariantCulture);
            // A lifted lambda's Math.Pow(v, k) is the entrywise power.
            return _ir.KindOf(@base) == ValueKind.Scalar ? _ir.Pow(@base, k) : _ir.Map(Elementwise.Pow, @base, k);
        }

        private NodeId[]? LowerArguments(ArgumentListSyntax list)
        {
            var result = new NodeId[list.Arguments.Count];
            bool ok = true;
            for (int i = 0; i < result.Length; i++)
            {
                var argument = list.Arguments[i];
                if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    Unsupported(argument);
                    ok = false;
                    continue;
                }
                result[i] = Lower(argument.Expression);
                ok &= result[i] != Failed;
            }
            return ok ? result : null;
        }

        private NodeId Unsupported(SyntaxNode node, string hint = "rewrite it with the operations listed in the README")
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, node.GetLocation(), SyntaxText.Shorten(node.ToString()), hint);
            return Failed;
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, params string[] args)
            => Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

        private static string Noun(ExpressionSyntax expression) => expression switch
        {
            ConditionalExpressionSyntax => "a conditional cannot be differentiated",
            ElementAccessExpressionSyntax => "indexing cannot be differentiated",
            LambdaExpressionSyntax => "lambdas cannot be differentiated",
            _ => "rewrite it with the operations listed in the README",
        };

        private static string Noun(ValueKind kind) => kind switch
        {
            ValueKind.Matrix => "a matrix",
            ValueKind.Vector => "a vector",
            _ => "a scalar",
        };


        private static string Describe(StatementSyntax statement) => statement switch
        {
            ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax => "A loop",
            IfStatementSyntax or SwitchStatementSyntax => "A branch",
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax } => "An assignment",
            ExpressionStatementSyntax => "An expression statement",
            LocalFunctionStatementSyntax => "A local function",
            TryStatementSyntax => "A try statement",
            ThrowStatementSyntax => "A throw statement",
            _ => $"The statement '{SyntaxText.Shorten(statement.ToString())}'",
        };
    }
}

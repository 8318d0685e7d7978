using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// The user's own methods, inlined: a call to a static helper (or an instance one on this) whose body is in the compilation
    /// lowers that body in place, its parameters bound to the arguments' nodes, so the helper is differentiated with the rest
    /// of the objective and the derivation comment shows its formula. Other [Differentiable] methods are helpers like any
    /// other (differentiated with respect to whichever arguments carry the wrt values). A helper of locals and one return is
    /// inlined into the expression that calls it; one with statements (loops, branches, reassignment) joins the caller's
    /// program at the call (Lowerer.HelperStatements.cs). The generated file's header lists the methods inlined.
    /// </summary>
    internal sealed partial class Lowerer
    {
        private readonly List<IMethodSymbol> _inlining = new();

        /// <summary>The helpers inlined, as the header names them (Type.Method).</summary>
        public List<string> Inlined { get; } = new();

        private bool TryInline(InvocationExpressionSyntax invocation, IMethodSymbol method, out NodeId node)
        {
            node = Failed;
            if (HelperDeclaration(method) is not { } declaration) return false;
            if (!method.IsStatic && invocation.Expression is MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax })
            {
                node = Unsupported(invocation, "GradGen inlines static helpers and instance helpers called on this");
                return true;
            }
            if (HelperBody(declaration) is null && declaration.Body is not null)
            {
                if (_variables is null || _bound.Count > 0 || _indices.Count > 0)
                {
                    // Its statements must run before the caller's statement: a helper's expression or a lambda has none.
                    node = Unsupported(invocation, $"{method.Name} has statements (a loop, a branch): call it from the "
                        + "[Differentiable] method's own body, not from inside another helper or a lambda");
                }
                else if (CanInline(invocation, method.OriginalDefinition, declaration, statements: true))
                {
                    node = InlineStatements(invocation, method.OriginalDefinition, declaration);
                }
                return true;
            }
            if (!CanInline(invocation, method.OriginalDefinition, declaration)) return true;
            if (BindArguments(invocation, method) is { } arguments) node = Inline(method.OriginalDefinition, declaration, arguments);
            return true;
        }

        /// <summary>A method group of the user's passed to Map: v ↦ Helper(v), each entry of the values.</summary>
        private NodeId InlineGroup(ExpressionSyntax group, IMethodSymbol method, NodeId[] values)
        {
            if (HelperDeclaration(method) is not { } declaration || method.Parameters.Length != values.Length)
            {
                return Unsupported(group, "pass a lambda (v => …), a System.Math function or a helper of yours with a body");
            }
            var original = method.OriginalDefinition;
            return CanInline(group, original, declaration) ? Inline(original, declaration, values) : Failed;
        }

        /// <summary>The source declaration of an ordinary method of the user's, or null.</summary>
        private MethodDeclarationSyntax? HelperDeclaration(IMethodSymbol method) => DeclarationOf(method, _cancellation);

        private static MethodDeclarationSyntax? DeclarationOf(IMethodSymbol method, System.Threading.CancellationToken cancellation)
            => method.MethodKind == MethodKind.Ordinary && method.DeclaringSyntaxReferences.Length == 1
                ? method.DeclaringSyntaxReferences[0].GetSyntax(cancellation) as MethodDeclarationSyntax : null;

        /// <summary>Whether the helper can be inlined here; if not, one diagnostic at the call.</summary>
        /// <param name="statements">The helper joins a program as statements: its body may have any statements GradGen takes.</param>
        private bool CanInline(SyntaxNode at, IMethodSymbol method, MethodDeclarationSyntax declaration, bool statements = false)
        {
            if (_inlining.Contains(method, SymbolEqualityComparer.Default))
            {
                Unsupported(at, "recursion cannot be differentiated: write it as a loop");
                return false;
            }
            if (method.IsGenericMethod || method.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams
                    || TypeClassifier.Classify(p.Type) is null) || TypeClassifier.Classify(method.ReturnType) is null)
            {
                Unsupported(at, "a helper GradGen inlines takes and returns Matrix<double>, Vector<double>, double or int");
                return false;
            }
            if (!statements && HelperBody(declaration) is null)
            {
                // Only where a method group is mapped entry by entry: there the helper is an elementwise function.
                Unsupported(at, $"{method.Name}'s body has statements, and a function mapped entry by entry must be locals and "
                    + "one return: call the helper on the whole vector instead");
                return false;
            }
            return true;
        }

        /// <summary>The helper's body lowered in place, in its own tree's semantic model, its parameters bound to the arguments.</summary>
        private NodeId Inline(IMethodSymbol method, MethodDeclarationSyntax declaration, NodeId[] arguments)
        {
            var body = HelperBody(declaration)!.Value;
            var saved = EnterHelper(method, declaration);
            for (int i = 0; i < arguments.Length; i++) _bound[method.Parameters[i]] = arguments[i];
            NodeId node = LowerHelperBody(body.Locals, body.Returned);
            foreach (var parameter in method.Parameters) _bound.Remove(parameter);
            LeaveHelper(saved);
            return node;
        }

        /// <summary>
        /// Lowering moves into a helper's body: the header will name it, recursion into it is refused, and its tree's
        /// semantic model answers; returns the caller's model, for <see cref="LeaveHelper"/>.
        /// </summary>
        private SemanticModel EnterHelper(IMethodSymbol method, MethodDeclarationSyntax declaration)
        {
            var caller = _semantics;
            _semantics = SemanticsOf(declaration);
            string name = method.ContainingType.Name + "." + method.Name;
            if (!Inlined.Contains(name)) Inlined.Add(name);
            _inlining.Add(method);
            return caller;
        }

        private void LeaveHelper(SemanticModel caller)
        {
            _inlining.RemoveAt(_inlining.Count - 1);
            _semantics = caller;
        }

        /// <summary>The semantic model of the tree a method of the user's is declared in (the current one where it is the same).</summary>
        private SemanticModel SemanticsOf(MethodDeclarationSyntax declaration) => declaration.SyntaxTree == _semantics.SyntaxTree
            ? _semantics : _semantics.Compilation.GetSemanticModel(declaration.SyntaxTree);

        /// <summary>
        /// A size of a bound parameter whose argument has no name in generated code (v.Count of v = 2x): 𝟙ᵀ𝟙 over that axis,
        /// a constant of the shape; null where the parameter is not bound or its argument can be read as written.
        /// </summary>
        private NodeId? BoundSize(MemberAccessExpressionSyntax access)
        {
            if (!KnownMembers.IsSize(access.Name.Identifier.ValueText)
                || _semantics.GetSymbolInfo(access.Expression, _cancellation).Symbol is not IParameterSymbol parameter
                || !_bound.TryGetValue(parameter, out NodeId node) || BoundText(parameter) is not null) return null;
            var axis = access.Name.Identifier.ValueText switch { "RowCount" => Axis.Rows, "ColumnCount" => Axis.Columns, _ => Axis.Like };
            return _ir.Sum(_ir.Ones(node, _ir.KindOf(node) == ValueKind.Vector ? Axis.Like : axis));
        }

        /// <summary>The argument nodes, one per parameter (defaults where the call leaves them out); null after a diagnostic.</summary>
        private NodeId[]? BindArguments(InvocationExpressionSyntax invocation, IMethodSymbol method)
        {
            var given = invocation.ArgumentList.Arguments;
            if (given.Any(a => a.NameColon is not null) || given.Count > method.Parameters.Length)
            {
                Unsupported(invocation, "pass a helper's arguments in order, without names");
                return null;
            }
            var nodes = new NodeId[method.Parameters.Length];
            for (int i = 0; i < nodes.Length; i++)
            {
                var parameter = method.Parameters[i];
                if (i < given.Count) nodes[i] = Lower(given[i].Expression);
                else if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is int or double)
                {
                    var culture = System.Globalization.CultureInfo.InvariantCulture;
                    nodes[i] = _ir.Const(System.Convert.ToDouble(parameter.ExplicitDefaultValue, culture));
                }
                else
                {
                    Unsupported(invocation, $"give {parameter.Name} a value");
                    return null;
                }
            }
            return nodes.Any(n => n == Failed) ? null : nodes;
        }

        /// <summary>A body of locals then one return (or an expression body), or null.</summary>
        private static (IReadOnlyList<VariableDeclarationSyntax> Locals, ExpressionSyntax Returned)? HelperBody(
            MethodDeclarationSyntax declaration)
        {
            if (declaration.ExpressionBody is { } arrow) return (System.Array.Empty<VariableDeclarationSyntax>(), arrow.Expression);
            if (declaration.Body is not { Statements: { Count: > 0 } statements }
                || statements.Last() is not ReturnStatementSyntax { Expression: { } returned }) return null;
            var locals = new List<VariableDeclarationSyntax>();
            foreach (var statement in statements.Take(statements.Count - 1))
            {
                if (statement is not LocalDeclarationStatementSyntax local || !local.UsingKeyword.IsKind(SyntaxKind.None)) return null;
                locals.Add(local.Declaration);
            }
            return (locals, returned);
        }

        private NodeId LowerHelperBody(IReadOnlyList<VariableDeclarationSyntax> locals, ExpressionSyntax returned)
        {
            int before = Diagnostics.Count;
            foreach (var declaration in locals) LowerLocal(declaration);
            return Diagnostics.Count > before ? Failed : Lower(returned);
        }
    }
}

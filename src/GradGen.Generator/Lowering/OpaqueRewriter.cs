using System.Collections.Generic;
using GradGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// Rewrites an expression that does not depend on the wrt parameters so that it compiles in the
    /// generated file, which has none of the user's usings: types and static members become
    /// <c>global::</c>-qualified, instance members <c>this.</c>-qualified, and the user's locals it reads
    /// are recorded (generated code declares them under the same names). Extension-method calls
    /// cannot be re-bound without the user's usings, so they make it fail.
    /// </summary>
    internal sealed class OpaqueRewriter : CSharpSyntaxRewriter
    {
        private static readonly SymbolDisplayFormat s_qualified = SymbolDisplayFormat.FullyQualifiedFormat;

        private readonly SemanticModel _semantics;
        private readonly System.Func<ILocalSymbol, NodeId> _resolve;
        private readonly System.Func<ILocalSymbol, string?> _rename;

        private readonly System.Func<IParameterSymbol, (bool Bound, string? Text, NodeId Node)> _parameter;

        /// <param name="resolve">The IR node of a local the expression reads, or None if generated code has no such local.</param>
        /// <param name="rename">The name generated code gives a local, where it is not its own.</param>
        /// <param name="parameter">For a parameter bound to an argument (an inlined helper's): the text that reads the argument
        /// and its node, or no text where nothing can.</param>
        public OpaqueRewriter(
            SemanticModel semantics, System.Func<ILocalSymbol, NodeId> resolve, System.Func<ILocalSymbol, string?> rename,
            System.Func<IParameterSymbol, (bool Bound, string? Text, NodeId Node)> parameter)
        {
            _semantics = semantics;
            _resolve = resolve;
            _rename = rename;
            _parameter = parameter;
        }

        public bool Failed { get; private set; }

        public List<NodeId> Reads { get; } = new();

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (IsMemberName(node)) return node;
            return Qualify(node, _semantics.GetSymbolInfo(node).Symbol) ?? node;
        }

        public override SyntaxNode? VisitGenericName(GenericNameSyntax node)
        {
            if (IsMemberName(node)) return base.VisitGenericName(node);
            var symbol = _semantics.GetSymbolInfo(node).Symbol;
            return symbol is INamespaceOrTypeSymbol ? Qualify(node, symbol) : base.VisitGenericName(node);
        }

        public override SyntaxNode? VisitQualifiedName(QualifiedNameSyntax node)
            => Qualify(node, _semantics.GetSymbolInfo(node).Symbol) ?? base.VisitQualifiedName(node);

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            if (_semantics.GetSymbolInfo(node).Symbol is INamespaceOrTypeSymbol type) return Qualify(node, type);
            return base.VisitMemberAccessExpression(node);
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (_semantics.GetSymbolInfo(node).Symbol is not IMethodSymbol { ReducedFrom: not null } extension)
            {
                return base.VisitInvocationExpression(node);
            }
            if (node.Expression is not MemberAccessExpressionSyntax access)
            {
                Failed = true;
                return node;
            }
            // An extension method (LINQ's Sum or Aggregate): the generated file has none of the user's usings, so it is called in
            // its static form, on the type that declares it.
            var receiver = (ExpressionSyntax)Visit(access.Expression)!;
            var arguments = (ArgumentListSyntax)Visit(node.ArgumentList)!;
            var name = access.Name is GenericNameSyntax generic ? (SimpleNameSyntax)base.VisitGenericName(generic)! : access.Name;
            var callee = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseExpression(extension.ContainingType.ToDisplayString(s_qualified)), name);
            return SyntaxFactory.InvocationExpression(callee, arguments.WithArguments(arguments.Arguments.Insert(0,
                SyntaxFactory.Argument(receiver)))).WithTriviaFrom(node);
        }

        private static bool IsMemberName(SimpleNameSyntax node)
            => node.Parent is MemberAccessExpressionSyntax access && access.Name == node
            || node.Parent is QualifiedNameSyntax qualified && qualified.Right == node;

        private SyntaxNode? Qualify(SyntaxNode node, ISymbol? symbol)
        {
            switch (symbol)
            {
                case INamespaceOrTypeSymbol type when type is not ITypeParameterSymbol:
                    return SyntaxFactory.ParseExpression(type.ToDisplayString(s_qualified)).WithTriviaFrom(node);
                case ILocalSymbol local:
                    NodeId read = _resolve(local);
                    if (read.Exists) Reads.Add(read);
                    else Failed = true;
                    return _rename(local) is { } renamed ? SyntaxFactory.IdentifierName(renamed).WithTriviaFrom(node) : null;
                case IParameterSymbol parameter when _parameter(parameter) is { Bound: true } bound:
                    if (bound.Text is null)
                    {
                        Failed = true;
                        return null;
                    }
                    Reads.Add(bound.Node);
                    return SyntaxFactory.ParseExpression(bound.Text).WithTriviaFrom(node);
                case IParameterSymbol or IRangeVariableSymbol:
                    return null;
                case IFieldSymbol or IPropertySymbol or IMethodSymbol when symbol.IsStatic:
                    return SyntaxFactory.ParseExpression(symbol.ContainingType.ToDisplayString(s_qualified) + "."
                        + symbol.Name).WithTriviaFrom(node);
                case IFieldSymbol or IPropertySymbol or IMethodSymbol:
                    return SyntaxFactory.ParseExpression("this." + symbol.Name).WithTriviaFrom(node);
                case null when node is IdentifierNameSyntax { Identifier.ValueText: "nameof" }:
                    return null;
                default:
                    Failed = true;
                    return null;
            }
        }
    }
}

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
    /// Writes into a local vector or matrix built in the method: v[i] = e (and v[i] += e), M[i, j] = e, M.SetRow(i, r),
    /// M.SetColumn(j, c). The write is in place, so the local must own its storage: every value it is given is built
    /// (Build.Dense, a product, …), never another variable, and no variable is given it.
    /// </summary>
    internal sealed partial class Lowerer
    {
        private void LowerElementWrite(VariableModel target, List<ExpressionSyntax> indices, WritePart part, ExpressionSyntax write,
            List<StatementModel> into)
        {
            if (Aliased(target) is { } alias)
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, alias.GetLocation(),
                    $"'{SyntaxText.Shorten(alias.ToString())}' shares the storage of '{target.Name}', which is written in place",
                    "give the local a value of its own (Clone() it, or build it with Vector<double>.Build.Dense)");
                return;
            }
            bool entry = part == WritePart.Entry;
            if (entry && indices.Count != (target.Kind == ValueKind.Matrix ? 2 : 1))
            {
                Unsupported(write, "index a matrix as M[i, j] and a vector as v[i]");
                return;
            }
            var texts = new List<string>();
            var reads = new List<string>();
            foreach (var index in indices)
            {
                if (_semantics.GetTypeInfo(index, _cancellation).Type?.SpecialType != SpecialType.System_Int32
                    || ConditionText(index) is not { } text)
                {
                    Unsupported(index, "an index is an int");
                    return;
                }
                texts.Add(text);
                foreach (var name in index.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (_semantics.GetSymbolInfo(name, _cancellation).Symbol is ILocalSymbol l && _variables!.TryGetValue(l, out var v))
                    {
                        reads.Add(v.Name);
                    }
                }
            }
            var kind = entry ? ValueKind.Scalar : ValueKind.Vector;
            var (source, wrap) = write switch
            {
                AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.SimpleAssignmentExpression) => (a.Right, null),
                AssignmentExpressionSyntax a => (a.Right, (System.Func<NodeId, NodeId>?)(right => Combine(Compound(a),
                    Element(target, indices), right, a, a.OperatorToken.Text.TrimEnd('='), integerDivision: false))),
                _ => (((InvocationExpressionSyntax)write).ArgumentList.Arguments[1].Expression, null),
            };
            var value = LowerWithChoices(into, source, kind, wrap);
            if (value is null) return;
            into.Add(new ElementWriteModel(target.Name, part, texts.ToEquatableArray(), reads.Distinct().ToEquatableArray(), value));
        }

        /// <summary>v[i] (the old entry, read by v[i] += e) in the right-hand side's graph.</summary>
        private NodeId Element(VariableModel target, List<ExpressionSyntax> indices)
        {
            NodeId v = _ir.Param(target.Name, target.Kind);
            var at = indices.Select(Lower).ToList();
            return at.Count == 2 ? _ir.Element(v, at[0], at[1]) : _ir.Element(v, at[0]);
        }

        private static SyntaxKind Compound(AssignmentExpressionSyntax a) => a.Kind() switch
        {
            SyntaxKind.AddAssignmentExpression => SyntaxKind.AddExpression,
            SyntaxKind.SubtractAssignmentExpression => SyntaxKind.SubtractExpression,
            SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.MultiplyExpression,
            SyntaxKind.DivideAssignmentExpression => SyntaxKind.DivideExpression,
            _ => SyntaxKind.None,
        };

        /// <summary>An assignment that would make the written local share storage: x = y between locals, either way round.</summary>
        private SyntaxNode? Aliased(VariableModel target)
        {
            foreach (var node in _body!.DescendantNodes())
            {
                var (left, right) = node switch
                {
                    AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } a => (a.Left, a.Right),
                    VariableDeclaratorSyntax { Initializer: { } init } d => ((SyntaxNode)d, init.Value),
                    _ => ((SyntaxNode?)null, (ExpressionSyntax?)null),
                };
                if (left is null || right is null) continue;
                var assigned = left is VariableDeclaratorSyntax d2 ? _semantics.GetDeclaredSymbol(d2, _cancellation)
                    : _semantics.GetSymbolInfo(left, _cancellation).Symbol;
                while (right is ParenthesizedExpressionSyntax p) right = p.Expression;
                if (right is not IdentifierNameSyntax) continue;
                var source = _semantics.GetSymbolInfo(right, _cancellation).Symbol;
                bool targetIsAssigned = assigned is ILocalSymbol a1 && _variables!.TryGetValue(a1, out var v1) && v1.Name == target.Name;
                bool targetIsRead = source is ILocalSymbol a2 && _variables!.TryGetValue(a2, out var v2) && v2.Name == target.Name;
                if ((targetIsAssigned && source is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol)
                    || (targetIsRead && assigned is ILocalSymbol))
                {
                    return node;
                }
            }
            return null;
        }
    }
}

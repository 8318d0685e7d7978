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
    /// What lowering does with code outside its table: off the wrt path it is a constant, kept as
    /// written (an Opaque leaf, with literal sizes recorded for shape checks); on the path it is an error.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>
        /// For syntax GradGen cannot differentiate: off the wrt path it is a constant, emitted as
        /// written; on the path it is an error (GG0010 where the operation has no derivative).
        /// </summary>
        private NodeId Fallback(ExpressionSyntax expression, string hint, string? memberName = null, int? since = null)
        {
            int before = since ?? Diagnostics.Count;
            if (!DependsOnWrt(expression))
            {
                // A constant: whatever failed inside it does not matter if it can be emitted as written.
                NodeId opaque = TryOpaque(expression);
                if (opaque.Exists)
                {
                    Diagnostics.RemoveRange(before, Diagnostics.Count - before);
                    return opaque;
                }
            }
            // Problems already reported inside this expression, or at a declaration it reads, stand for it.
            if (Diagnostics.Count > before || ReadsReported(expression)) return Failed;
            // A chain read off a decomposition GradGen does not differentiate (A.Evd().EigenValues.Real()): the cause is the call.
            if (UndifferentiatedDecomposition(expression) is { } decomposition)
            {
                return Unsupported(decomposition, "of MathNet's decompositions GradGen differentiates S.Cholesky(), the symmetric "
                    + "S.Evd(), A.Svd(), A.QR() and A.GramSchmidt() (Q, R, Solve) and A.LU() (L, U, Determinant, Solve, Inverse)");
            }
            if ((memberName is not null && KnownMembers.IsNotDifferentiable(memberName))
                || expression is ElementAccessExpressionSyntax or ConditionalExpressionSyntax
                || expression is BinaryExpressionSyntax
                    { RawKind: (int)SyntaxKind.GreaterThanExpression or (int)SyntaxKind.LessThanExpression })
            {
                Report(DiagnosticDescriptors.NotDifferentiable, expression.GetLocation(), SyntaxText.Shorten(expression.ToString()),
                    string.Join(", ", _wrt));
                return Failed;
            }
            return Unsupported(expression, hint);
        }

        private NodeId TryOpaque(ExpressionSyntax expression)
        {
            var type = _semantics.GetTypeInfo(expression, _cancellation).Type;
            if (TypeClassifier.Classify(type) is not { } kind) return Failed;
            // Inside a lifted Build.Dense an index is a whole grid, never text of its own (the lambda itself is not emitted).
            if (ReadsIndex(expression)) return Failed;
            var rewriter = Rewriter(ResolveVariable);
            var rewritten = (ExpressionSyntax)rewriter.Visit(expression);
            if (rewriter.Failed) return Failed;
            string text = rewritten.NormalizeWhitespace().ToFullString();
            if (!(rewritten is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax))
            {
                text = "(" + text + ")";
            }
            // Generated bodies compute in double: a float value kept as written is widened where it is read.
            if (TypeClassifier.PrecisionOf(type) == Precision.Single) text = Emit.MathNetSyntax.Widened(text, kind);
            NodeId node = _ir.Opaque(text, kind, rewriter.Reads.Distinct().ToArray());
            if (ConstantShape(expression) is { } shape) ConstantShapes[node] = shape;
            return node;
        }

        /// <summary>The size of a MathNet builder call with literal sizes: DenseIdentity(n), Dense(r, c, ...), Random(r, c, ...), a
        /// vector's Dense(n, ...).</summary>
        private LiteralShape? ConstantShape(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax p) expression = p.Expression;
            if (expression is not InvocationExpressionSyntax call) return null;
            if (_semantics.GetSymbolInfo(call, _cancellation).Symbol is not IMethodSymbol method) return null;
            int? Int(int i) => i < call.ArgumentList.Arguments.Count && i < method.Parameters.Length
                && method.Parameters[i].Type.SpecialType == SpecialType.System_Int32
                && _semantics.GetConstantValue(call.ArgumentList.Arguments[i].Expression, _cancellation) is { HasValue: true, Value: int v }
                    ? v : null;
            string builder = method.ContainingType.OriginalDefinition.ToDisplayString();
            if (builder == "MathNet.Numerics.LinearAlgebra.MatrixBuilder<T>"
                && method.Name is "DenseIdentity" or "SparseIdentity" or "Dense" or "Random" or "Sparse" or "DenseDiagonal")
            {
                if (Int(0) is int rows) return new LiteralShape(rows, method.Name.EndsWith("Identity", System.StringComparison.Ordinal)
                    && Int(1) is null ? rows : Int(1), IsVector: false);
            }
            if (builder == "MathNet.Numerics.LinearAlgebra.VectorBuilder<T>" && method.Name is "Dense" or "Random" or "Sparse"
                && Int(0) is int length) return new LiteralShape(length, null, IsVector: true);
            return null;
        }

        /// <summary>Does the expression read a wrt parameter, or a local computed from one (sizes such as X.RowCount do not
        /// count)?</summary>
        private bool DependsOnWrt(ExpressionSyntax expression)
        {
            foreach (var name in expression.DescendantNodesAndSelf(n => !IsSizeAccess(n)).OfType<IdentifierNameSyntax>())
            {
                switch (_semantics.GetSymbolInfo(name, _cancellation).Symbol)
                {
                    case IParameterSymbol p when _variables is not null && _variables.TryGetValue(p, out var argument):
                        if (argument.Active) return true;   // a parameter of a helper with statements, a variable of the program
                        break;
                    case IParameterSymbol p when _bound.TryGetValue(p, out NodeId entries):
                        if (IsActive(entries)) return true;
                        break;
                    case IParameterSymbol p when _wrt.Contains(p.Name) && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol,
                        EnclosingSymbol(expression)):
                        return true;
                    case ILocalSymbol local when _variables is not null && _variables.TryGetValue(local, out var variable):
                        if (variable.Active) return true;
                        break;
                    case ILocalSymbol local when _locals.TryGetValue(local, out NodeId node) && IsActive(node):
                        return true;
                }
            }
            return false;
        }

        /// <summary>A rewriter for code kept as written, reading locals through <paramref name="resolve"/> and bound parameters
        /// through their arguments.</summary>
        private OpaqueRewriter Rewriter(System.Func<ISymbol, NodeId> resolve) => new(_semantics, local => resolve(local), RenameLocal,
            p => _variables is not null && _variables.TryGetValue(p, out var argument) ? (true, argument.Name, resolve(p))
                : !_bound.ContainsKey(p) ? (false, null, Failed)
                : BoundText(p) is { } bound ? (true, bound.Text, bound.Node) : (true, null, Failed));

        /// <summary>
        /// The node of a local an opaque expression reads (a leaf, in a body with statements; so is a parameter of a helper with
        /// statements), or None.
        /// </summary>
        private NodeId ResolveVariable(ISymbol symbol)
        {
            if (_locals.TryGetValue(symbol, out NodeId node)) return node;
            if (_variables is not null && _variables.TryGetValue(symbol, out var variable))
            {
                return _locals[symbol] = _ir.Param(variable.Name, variable.Kind);
            }
            return Failed;
        }

        /// <summary>The name generated code gives a local: its own, or a unique one where a body reuses a name in two scopes.</summary>
        private string? RenameLocal(ILocalSymbol local)
            => _variables is not null && _variables.TryGetValue(local, out var v) && v.Name != local.Name ? v.Name : null;

        private bool ReadsReported(ExpressionSyntax expression)
            => _reported.Count > 0 && expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Any(name => _semantics.GetSymbolInfo(name, _cancellation).Symbol is { } symbol && _reported.Contains(symbol));

        private static bool IsSizeAccess(SyntaxNode node) => node is MemberAccessExpressionSyntax access
            && KnownMembers.IsSize(access.Name.Identifier.ValueText);

        private bool IsActive(NodeId node)
        {
            if (_active.TryGetValue(node, out bool known)) return known;
            var n = _ir[node];
            bool active = n.Op == Op.Param ? _wrt.Contains(n.Name) || IsActiveVariable(n.Name) : n.Op != Op.Opaque && n.Args.Any(IsActive);
            _active[node] = active;
            return active;
        }
    }
}

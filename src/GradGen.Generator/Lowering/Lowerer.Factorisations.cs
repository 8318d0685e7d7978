using System.Collections.Generic;
using GradGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// S.Cholesky() and what is read of it. The factorisation is not a value GradGen differentiates but a fact about S
    /// (Op.PositiveDefinite): <c>.Determinant</c>, <c>.DeterminantLn</c> and <c>.Solve(B)</c> lower to |S|, log|S| and S⁻¹B
    /// of that fact, <c>.Factor</c> to L, whether called on the chain or on a local holding the factorisation.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>Locals holding S.Cholesky(): the PositiveDefinite node of their S.</summary>
        private readonly Dictionary<ISymbol, int> _factorisations = new(SymbolEqualityComparer.Default);

        private bool TryLowerFactorisation(ExpressionSyntax expression, out int node)
        {
            node = Failed;
            var (receiver, member, arguments) = expression switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                    => (access.Expression, access.Name.Identifier.ValueText, call.ArgumentList),
                MemberAccessExpressionSyntax access => (access.Expression, access.Name.Identifier.ValueText, null),
                _ => ((ExpressionSyntax?)null, "", (ArgumentListSyntax?)null),
            };
            if (receiver is null || !TypeClassifier.IsCholesky(_semantics.GetTypeInfo(receiver, _cancellation).Type)) return false;
            int before = Diagnostics.Count;
            int s = FactoredMatrix(receiver);
            if (s == Failed) return true;
            switch (member, arguments?.Arguments.Count)
            {
                case ("Determinant", null):
                    node = _ir.Det(s);
                    return true;
                case ("DeterminantLn", null):
                    node = _ir.LogDet(s);
                    return true;
                case ("Factor", null):
                    node = _ir.CholeskyFactor(s);
                    return true;
                case ("Solve", 1):
                    int b = Lower(arguments!.Arguments[0].Expression);
                    if (b == Failed) return true;
                    if (_ir.KindOf(b) == ValueKind.Scalar) break;
                    node = _ir.Solve(s, b);
                    return true;
            }
            node = Diagnostics.Count > before ? Failed : Unsupported(expression,
                "of a Cholesky factorisation GradGen differentiates Determinant, DeterminantLn, Factor and Solve(B) or Solve(b)");
            return true;
        }

        private static readonly HashSet<string> s_decompositions = new() { "Evd", "Svd", "QR", "LU", "GramSchmidt" };

        /// <summary>The call A.Evd(), A.Svd(), … that the receivers of <paramref name="expression"/> are read from, if any.</summary>
        private InvocationExpressionSyntax? UndifferentiatedDecomposition(ExpressionSyntax expression)
        {
            for (var e = expression; ;)
            {
                switch (e)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call:
                        if (s_decompositions.Contains(access.Name.Identifier.ValueText)
                            && TypeClassifier.Classify(_semantics.GetTypeInfo(access.Expression, _cancellation).Type) == ValueKind.Matrix)
                        {
                            return call;
                        }
                        e = access.Expression;
                        break;
                    case MemberAccessExpressionSyntax access:
                        e = access.Expression;
                        break;
                    case ElementAccessExpressionSyntax element:
                        e = element.Expression;
                        break;
                    default:
                        return null;
                }
            }
        }

        /// <summary>The PositiveDefinite node of S for <c>S.Cholesky()</c> or a local holding it; Failed (reported) otherwise.</summary>
        private int FactoredMatrix(ExpressionSyntax factorisation)
        {
            if (factorisation is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Cholesky" } access,
                    ArgumentList.Arguments.Count: 0,
                }
                && TypeClassifier.Classify(_semantics.GetTypeInfo(access.Expression, _cancellation).Type) == ValueKind.Matrix)
            {
                int s = Lower(access.Expression);
                return s == Failed ? Failed : _ir.PositiveDefinite(s);
            }
            var symbol = _semantics.GetSymbolInfo(factorisation, _cancellation).Symbol;
            if (symbol is not null && _factorisations.TryGetValue(symbol, out int known)) return known;
            if (symbol is not null && _reported.Contains(symbol)) return Failed;
            return Unsupported(factorisation, "factor the matrix where the factorisation is read (S.Cholesky()) or in a local");
        }
    }
}

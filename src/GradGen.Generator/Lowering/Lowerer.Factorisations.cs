using System.Collections.Generic;
using GradGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// The decompositions GradGen reads, on the chain or through a local holding one. S.Cholesky() is a fact about S
    /// (Op.PositiveDefinite): <c>.Determinant</c>, <c>.DeterminantLn</c> and <c>.Solve(B)</c> lower to |S|, log|S| and S⁻¹B of
    /// that fact, <c>.Factor</c> to L. S.Evd() gives the symmetric eigenvalues (<c>EigenValues.Real()</c>), eigenvectors and
    /// <c>D</c>; A.Svd() the singular values <c>S</c>, the singular vectors <c>U</c> and <c>VT</c>, <c>W</c>, <c>L2Norm</c> and
    /// <c>ConditionNumber</c>; A.QR() the least-squares <c>Solve(B)</c>, <c>Q</c> and <c>R</c>.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>Locals holding a decomposition: the node it decomposes (for Cholesky, the PositiveDefinite node of S).</summary>
        private readonly Dictionary<ISymbol, NodeId> _factorisations = new(SymbolEqualityComparer.Default);

        private bool TryLowerFactorisation(ExpressionSyntax expression, out NodeId node)
        {
            node = Failed;
            // evd.EigenValues.Real(): the eigenvalues are complex in MathNet's type, real for a symmetric S.
            if (expression is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax
                    {
                        Name.Identifier.ValueText: "Real",
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EigenValues" } values,
                    },
                    ArgumentList.Arguments.Count: 0,
                } && TypeClassifier.IsEvd(_semantics.GetTypeInfo(values.Expression, _cancellation).Type))
            {
                NodeId decomposed = FactoredMatrix(values.Expression);
                node = decomposed == Failed ? Failed : _ir.Eigenvalues(decomposed);
                return true;
            }
            var (receiver, member, arguments) = expression switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                    => (access.Expression, access.Name.Identifier.ValueText, call.ArgumentList),
                MemberAccessExpressionSyntax access => (access.Expression, access.Name.Identifier.ValueText, null),
                _ => ((ExpressionSyntax?)null, "", (ArgumentListSyntax?)null),
            };
            // Only a decomposition call or a local can be one: the semantic model is asked nothing for other expressions.
            if (!(receiver is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax
                    { Name.Identifier.ValueText: "Cholesky" or "Evd" or "Svd" or "QR" or "LU" or "GramSchmidt" } }
                  || receiver is IdentifierNameSyntax && _factorisations.Count > 0)) return false;
            var type = _semantics.GetTypeInfo(receiver, _cancellation).Type;
            if (!TypeClassifier.IsDecomposition(type)) return false;
            int before = Diagnostics.Count;
            NodeId s = FactoredMatrix(receiver);
            if (s == Failed) return true;
            (NodeId Node, string Differentiated) Read()
            {
                if (TypeClassifier.IsCholesky(type))
                {
                    return (Cholesky(member, arguments, s),
                        "of a Cholesky factorisation GradGen differentiates Determinant, DeterminantLn, Factor and Solve(B) or Solve(b)");
                }
                if (TypeClassifier.IsEvd(type))
                {
                    return (Eigen(member, arguments, s),
                        "of a symmetric Evd GradGen differentiates EigenValues.Real(), EigenVectors, D and Determinant");
                }
                if (TypeClassifier.IsGramSchmidt(type))
                {
                    return (GramSchmidt(member, arguments, s),
                        "of a Gram–Schmidt factorisation GradGen differentiates Q, R and Solve(B) or Solve(b) (least squares)");
                }
                if (TypeClassifier.IsQr(type))
                {
                    return (Qr(member, arguments, s, thin: IsThinQr(receiver), receiver),
                        "of a QR factorisation GradGen differentiates Q, R and Solve(B) or Solve(b) (least squares)");
                }
                if (TypeClassifier.IsLu(type))
                {
                    return (Lu(member, arguments, s),
                        "of an LU factorisation GradGen differentiates L, U, Determinant, Solve(B), Solve(b) and Inverse(); P is a "
                        + "permutation, not a value: read P A as L U");
                }
                return (Singular(member, arguments, s),
                    "of an Svd GradGen differentiates S (the singular values), U, VT, W, L2Norm and ConditionNumber");
            }
            var (read, differentiated) = Read();
            node = read == Failed && Diagnostics.Count == before ? Unsupported(expression, differentiated) : read;
            return true;
        }

        /// <summary>The B or b of a Solve(B): lowered, and Failed for a scalar (which no solve takes) or a failed lowering.</summary>
        private NodeId RightHandSide(ArgumentListSyntax arguments)
        {
            NodeId b = Lower(arguments.Arguments[0].Expression);
            return b == Failed || _ir.KindOf(b) == ValueKind.Scalar ? Failed : b;
        }

        private NodeId Cholesky(string member, ArgumentListSyntax? arguments, NodeId s)
        {
            switch (member, arguments?.Arguments.Count)
            {
                case ("Determinant", null): return _ir.Det(s);
                case ("DeterminantLn", null): return _ir.LogDet(s);
                case ("Factor", null): return _ir.CholeskyFactor(s);
                case ("Solve", 1): return RightHandSide(arguments!) is var b && b != Failed ? _ir.Solve(s, b) : Failed;
                default: return Failed;
            }
        }

        /// <summary>
        /// A.QR().Solve(B), the least-squares solution A⁺B (A⁻¹B for a square A), and Q and R: the thin factors of
        /// A.QR(QRMethod.Thin), or of MathNet's default full QR for a square A (a tall A's full Q is not determined by A).
        /// </summary>
        private NodeId Qr(string member, ArgumentListSyntax? arguments, NodeId a, bool thin, ExpressionSyntax factorisation)
        {
            NodeId Factored()
            {
                if (thin) return a;
                // The full QR needs a square A: a mismatch of literal sizes is reported at the factorisation.
                return Locate(_ir.Square(a), factorisation);
            }
            switch (member, arguments?.Arguments.Count)
            {
                case ("Q", null): return _ir.QrQ(Factored());
                case ("R", null): return _ir.QrR(Factored());
                case ("Solve", 1): return RightHandSide(arguments!) is var b && b != Failed ? _ir.LeastSquares(a, b) : Failed;
                default: return Failed;
            }
        }

        /// <summary>A.GramSchmidt()'s thin Q and R (A tall or square), and its least-squares Solve(B), A⁺B as QR's.</summary>
        private NodeId GramSchmidt(string member, ArgumentListSyntax? arguments, NodeId a) => (member, arguments?.Arguments.Count) switch
        {
            ("Q", null) => _ir.GramSchmidtQ(a),
            ("R", null) => _ir.GramSchmidtR(a),
            ("Solve", 1) => RightHandSide(arguments!) is var b && b != Failed ? _ir.LeastSquares(a, b) : Failed,
            _ => Failed,
        };

        /// <summary>
        /// A.LU()'s determinant, solves and inverse: the Lu family's operations on A itself, so they share one factorisation
        /// with every other solve of A in the method; its factors L and U (LuFactors.cs). P, a permutation, is not a value.
        /// </summary>
        private NodeId Lu(string member, ArgumentListSyntax? arguments, NodeId a)
        {
            switch (member, arguments?.Arguments.Count)
            {
                case ("L", null): return _ir.LuL(a);
                case ("U", null): return _ir.LuU(a);
                case ("Determinant", null): return _ir.Det(a);
                case ("Inverse", 0): return _ir.Inverse(a);
                case ("Solve", 1): return RightHandSide(arguments!) is var b && b != Failed ? _ir.Solve(a, b) : Failed;
                default: return Failed;
            }
        }

        /// <summary>Is this A.QR(QRMethod.Thin), or a local initialised with one?</summary>
        private bool IsThinQr(ExpressionSyntax factorisation) => factorisation switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "QR" } } call
                => call.ArgumentList.Arguments.Count == 1 && _semantics.GetSymbolInfo(call.ArgumentList.Arguments[0].Expression,
                    _cancellation).Symbol is IFieldSymbol { Name: "Thin", ContainingType.Name: "QRMethod" },
            IdentifierNameSyntax => _semantics.GetSymbolInfo(factorisation, _cancellation).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax(_cancellation) is VariableDeclaratorSyntax { Initializer.Value: var value }
                && IsThinQr(value),
            _ => false,
        };

        private NodeId Eigen(string member, ArgumentListSyntax? arguments, NodeId s) => (member, arguments) switch
        {
            ("EigenVectors", null) => _ir.Eigenvectors(s),
            ("D", null) => _ir.DiagMatrix(_ir.Eigenvalues(s)),
            ("Determinant", null) => _ir.Det(s),
            _ => Failed,
        };

        /// <summary>
        /// σ, U, Vᵀ and W (Σ shaped like A) of A.Svd(), L2Norm and ConditionNumber. MathNet's U and VT are the full ones: U
        /// is differentiated for an A with no more rows than columns, VT for one with no more columns than rows, where A
        /// determines all of them (the run time refuses the rest).
        /// </summary>
        private NodeId Singular(string member, ArgumentListSyntax? arguments, NodeId a)
        {
            if (arguments is not null) return Failed;
            return member switch
            {
                "S" => _ir.SingularValues(a),
                "U" => _ir.SvdU(a),
                "VT" => _ir.Transpose(_ir.SvdV(a)),
                "W" => _ir.DiagMatrix(_ir.SingularValues(a), a),
                "L2Norm" => SpectralNorm(_ir.SingularValues(a)),
                "ConditionNumber" => ConditionNumber(_ir.SingularValues(a)),
                _ => Failed,
            };
        }

        /// <summary>σ₁, the largest singular value (MathNet's matrix L2Norm).</summary>
        private NodeId SpectralNorm(NodeId sigma) => _ir.Element(sigma, _ir.Const(0));

        /// <summary>σ_max / σ_min (smooth where both are simple and σ_min &gt; 0).</summary>
        private NodeId ConditionNumber(NodeId sigma)
            => _ir.Div(SpectralNorm(sigma), _ir.Element(sigma, _ir.IndexOf("MinimumIndex", sigma)));

        private static readonly HashSet<string> s_decompositions = new() { "Evd", "Svd", "QR", "LU", "GramSchmidt" };

        /// <summary>The call A.QR(), A.LU(), … that the receivers of <paramref name="expression"/> are read from, if any.</summary>
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

        /// <summary>
        /// The node a decomposition expression decomposes: S.Cholesky() (its PositiveDefinite node), S.Evd(…), A.Svd(…), or a
        /// local holding one; Failed (reported) otherwise.
        /// </summary>
        private NodeId FactoredMatrix(ExpressionSyntax factorisation)
        {
            if (factorisation is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax
                    {
                        Name.Identifier.ValueText: "Cholesky" or "Evd" or "Svd" or "QR" or "LU" or "GramSchmidt",
                    } access,
                    ArgumentList.Arguments.Count: 0 or 1,
                } call
                && TypeClassifier.Classify(_semantics.GetTypeInfo(access.Expression, _cancellation).Type) == ValueKind.Matrix
                && TypeClassifier.IsDecomposition(_semantics.GetTypeInfo(call, _cancellation).Type)
                && (access.Name.Identifier.ValueText is not ("Cholesky" or "LU" or "GramSchmidt")
                    || call.ArgumentList.Arguments.Count == 0))
            {
                NodeId s = Lower(access.Expression);
                if (s == Failed) return Failed;
                // A non-square S of literal sizes is reported at S.Cholesky(), in Cholesky's words.
                return access.Name.Identifier.ValueText == "Cholesky" ? Locate(_ir.PositiveDefinite(s), call) : s;
            }
            var symbol = _semantics.GetSymbolInfo(factorisation, _cancellation).Symbol;
            if (symbol is not null && _factorisations.TryGetValue(symbol, out NodeId known)) return known;
            if (symbol is not null && _reported.Contains(symbol)) return Failed;
            return Unsupported(factorisation,
                "decompose the matrix where the decomposition is read (S.Cholesky(), S.Evd()) or in a local");
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// Lambdas and LINQ over entries, lowered by lifting: a function v ↦ e(v) applied to every entry of A is e with v bound
    /// to A and each scalar operation read as its elementwise form (v * v is A ∘ A, Math.Exp(v) is exp(A), 1 / v is 1 ⊘ A).
    /// The lambda is thus differentiated once, at compile time, by the elementwise rules every other objective uses, and
    /// the derivation comment shows it as a matrix formula. Covers <c>Map</c>, <c>Map2</c>, method groups of System.Math
    /// (<c>Map(Math.Exp)</c>), and the sums <c>X.Enumerate().Sum()</c>, <c>.Sum(f)</c>, <c>.Select(f).Sum()</c>, <c>v.Sum(f)</c>.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>
        /// Parameters bound to nodes while a body is lowered in place: a lambda's (each standing for every entry of a matrix or
        /// vector at once: entrywise) and an inlined helper's (its arguments; entrywise too where a lifted entry is passed).
        /// </summary>
        private readonly Dictionary<IParameterSymbol, int> _bound = new(SymbolEqualityComparer.Default);

        /// <summary>A call that lifting lowers; false leaves it to the member table (or, off the wrt path, to be kept as
        /// written).</summary>
        private bool TryLowerLifted(InvocationExpressionSyntax invocation, IMethodSymbol method, out int node)
        {
            node = Failed;
            if (!DependsOnWrt(invocation)) return false;
            var arguments = invocation.ArgumentList.Arguments;
            var access = invocation.Expression as MemberAccessExpressionSyntax;
            if (TypeClassifier.IsSystemMath(method.ContainingType) && method.Name is "Max" or "Min" && ReadsLifted(invocation))
            {
                node = LiftedMaximum(invocation, method.Name);
                return true;
            }
            if (access is null) return false;
            bool onValue = !method.IsStatic && method.ReducedFrom is null && IsMathNetValue(method.ContainingType);
            switch (method.Name)
            {
                case "Map" when onValue && !method.ReturnsVoid && arguments.Count is 1 or 2
                    && (arguments.Count == 1 || IsZeros(arguments[1])):
                    node = Lift(arguments[0].Expression, Lower(access.Expression));
                    return true;
                case "Map2" when onValue && !method.ReturnsVoid && arguments.Count is 2 or 3
                    && (arguments.Count == 2 || IsZeros(arguments[2])):
                    node = Lift(arguments[0].Expression, Lower(access.Expression), Lower(arguments[1].Expression));
                    return true;
                case "MapIndexed" or "MapIndexedInplace" or "MapInplace" or "Map2" or "Map" when onValue:
                    node = Unsupported(invocation, method.Name.StartsWith("MapIndexed", System.StringComparison.Ordinal)
                        ? "a lambda that reads the indices: write it as a loop over X[i, j] (loops are supported)"
                        : "use the form that returns a new value, A.Map(v => …) or A.Map2((a, b) => …, B)");
                    return true;
                case "Sum" when IsEnumerable(method) && arguments.Count <= 1 && EntriesOf(access.Expression) is int entries:
                    node = entries == Failed ? Failed
                        : SumOfEntries(arguments.Count == 0 ? entries : Lift(arguments[0].Expression, entries));
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The matrix or vector whose entries a LINQ source enumerates (X.Enumerate(), S.Select(f), a vector), or null.</summary>
        private int? EntriesOf(ExpressionSyntax source)
        {
            if (TypeClassifier.Classify(_semantics.GetTypeInfo(source, _cancellation).Type) == ValueKind.Vector) return Lower(source);
            if (source is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                || _semantics.GetSymbolInfo(call, _cancellation).Symbol is not IMethodSymbol method) return null;
            var arguments = call.ArgumentList.Arguments;
            if (method.Name == "Enumerate" && IsMathNetValue(method.ContainingType) && (arguments.Count == 0 || IsZeros(arguments[0])))
            {
                return Lower(access.Expression);
            }
            if (method.Name == "Select" && IsEnumerable(method) && arguments.Count == 1 && EntriesOf(access.Expression) is int inner)
            {
                return inner == Failed ? Failed : Lift(arguments[0].Expression, inner);
            }
            return null;
        }

        /// <summary>f applied to every entry of the values (one per parameter of f), by lifting its body.</summary>
        private int Lift(ExpressionSyntax function, params int[] values)
        {
            if (values.Any(v => v == Failed)) return Failed;
            if (function is not LambdaExpressionSyntax lambda)
            {
                // A method group: Map(Math.Exp) is Map(v => Math.Exp(v)).
                if (_semantics.GetSymbolInfo(function, _cancellation).Symbol is IMethodSymbol { IsStatic: true } group
                    && TypeClassifier.IsSystemMath(group.ContainingType) && values.Length == 1
                    && KnownMembers.TryGet(Receiver.Math, group.Name, KnownMembers.Code(_ir.KindOf(values[0])).ToString(), out var rule))
                {
                    return rule(_ir, -1, values);
                }
                if (_semantics.GetSymbolInfo(function, _cancellation).Symbol is IMethodSymbol helper)
                {
                    return InlineGroup(function, helper, values);
                }
                return Unsupported(function, "pass a lambda (v => …) or a System.Math function such as Math.Exp");
            }
            var parameters = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
                _ => System.Array.Empty<ParameterSyntax>(),
            };
            var body = lambda.ExpressionBody ?? (lambda.Block?.Statements is [ReturnStatementSyntax { Expression: { } returned }]
                ? returned : null);
            if (body is null || parameters.Length != values.Length)
            {
                return Unsupported(lambda, "GradGen lifts a lambda whose body is one expression of its parameters: v => e(v)");
            }
            var symbols = parameters.Select(p => _semantics.GetDeclaredSymbol(p, _cancellation)).ToArray();
            if (symbols.Any(s => s is null)) return Unsupported(lambda);
            for (int i = 0; i < symbols.Length; i++) _bound[symbols[i]!] = values[i];
            int result = Lower(body);
            foreach (var symbol in symbols) _bound.Remove(symbol!);
            if (result == Failed || _ir.KindOf(result) != ValueKind.Scalar) return result;
            // A body that reads no parameter is one value for every entry: c + 0·A, shaped like A.
            return _ir.AddScalar(result, _ir.Scale(_ir.Const(0), values[0]));
        }

        /// <summary>Math.Max(v, 0) or Math.Min(v, 0) inside a lifted lambda: ReLU, or −ReLU(−v).</summary>
        private int LiftedMaximum(InvocationExpressionSyntax invocation, string name)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count != 2) return Unsupported(invocation);
            int a = Lower(arguments[0].Expression), b = Lower(arguments[1].Expression);
            if (a == Failed || b == Failed) return Failed;
            bool IsZero(int n) => _ir[n].Op == Op.Const && _ir[n].Value == 0;
            int? other = IsZero(b) ? a : IsZero(a) ? b : null;
            if (other is not int v || _ir.KindOf(v) == ValueKind.Scalar)
            {
                return Unsupported(invocation,
                    $"inside a lambda, Math.{name} only against 0 (ReLU); write other choices as a loop with if");
            }
            return name == "Max" ? _ir.Map(Elementwise.Relu, v) : _ir.Neg(_ir.Map(Elementwise.Relu, _ir.Neg(v)));
        }

        /// <summary>Σ of all entries: 𝟙ᵀv for a vector, 𝟙ᵀA𝟙 for a matrix.</summary>
        private int SumOfEntries(int node) => node == Failed ? Failed
            : _ir.KindOf(node) == ValueKind.Matrix ? _ir.Sum(_ir.RowSums(node)) : _ir.Sum(node);

        /// <summary>Whether a parameter standing for entries occurs in the expression (it cannot be kept as written: it is a
        /// matrix).</summary>
        private bool ReadsLifted(ExpressionSyntax expression)
            => _bound.Count > 0 && expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Any(n => _semantics.GetSymbolInfo(n, _cancellation).Symbol is IParameterSymbol p && IsEntrywise(p));

        /// <summary>A bound parameter whose C# type is double but whose node is a matrix or vector: it stands for every entry.</summary>
        private bool IsEntrywise(IParameterSymbol parameter)
            => _bound.TryGetValue(parameter, out int node) && TypeClassifier.Classify(parameter.Type) != _ir.KindOf(node);

        /// <summary>An operand of a scalar operator that stands for a whole matrix or vector (a lifted entry).</summary>
        private bool IsLiftedOperand(ExpressionSyntax operand, int node)
            => _bound.Count > 0 && _ir.KindOf(node) != ValueKind.Scalar
                && _semantics.GetTypeInfo(operand, _cancellation).Type?.SpecialType == SpecialType.System_Double;

        /// <summary>
        /// How an expression kept as written reads a bound parameter: by the name or text of its argument where that is a
        /// parameter or itself kept as written (a helper's n or x.Count), else not at all (null).
        /// </summary>
        private (string Text, int Node)? BoundText(IParameterSymbol parameter)
        {
            if (!_bound.TryGetValue(parameter, out int node) || IsEntrywise(parameter)) return null;
            var n = _ir[node];
            return n.Op switch
            {
                Op.Param => (n.Name, node),
                Op.Opaque => ("(" + n.Name + ")", node),
                _ => null,
            };
        }

        private bool IsZeros(ArgumentSyntax argument)
            => _semantics.GetTypeInfo(argument.Expression, _cancellation).Type is { Name: "Zeros" } type
                && type.ContainingNamespace?.ToDisplayString() == "MathNet.Numerics.LinearAlgebra";

        private static bool IsMathNetValue(INamedTypeSymbol? type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.OriginalDefinition.ToDisplayString() is "MathNet.Numerics.LinearAlgebra.Matrix<T>"
                    or "MathNet.Numerics.LinearAlgebra.Vector<T>") return true;
            }
            return false;
        }

        private static bool IsEnumerable(IMethodSymbol method)
            => (method.ReducedFrom ?? method).ContainingType.ToDisplayString() == "System.Linq.Enumerable";
    }
}

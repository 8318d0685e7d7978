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
        private readonly Dictionary<IParameterSymbol, NodeId> _bound = new(SymbolEqualityComparer.Default);

        /// <summary>A call that lifting lowers; false leaves it to the member table (or, off the wrt path, to be kept as
        /// written).</summary>
        private bool TryLowerLifted(InvocationExpressionSyntax invocation, IMethodSymbol method, out NodeId node)
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
            if (method.Name == "Dense" && IsBuilder(method.ContainingType) && arguments.Count is 2 or 3
                && arguments[arguments.Count - 1].Expression is LambdaExpressionSyntax indexed)
            {
                node = LiftIndexed(indexed, arguments.Take(arguments.Count - 1).Select(a => a.Expression).ToList());
                return true;
            }
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
                case "MapIndexed" when onValue && !method.ReturnsVoid && arguments.Count is 1 or 2
                    && (arguments.Count == 1 || IsZeros(arguments[1])) && arguments[0].Expression is LambdaExpressionSyntax indexedMap:
                    node = LiftMapIndexed(indexedMap, Lower(access.Expression));
                    return true;
                case "MapIndexed" or "MapIndexedInplace" or "MapInplace" or "Map2" or "Map" when onValue:
                    node = Unsupported(invocation, "use the form that returns a new value with a lambda: A.Map(v => …), "
                        + "A.MapIndexed((i, j, v) => …) or A.Map2((a, b) => …, B)");
                    return true;
                case "Aggregate" when IsEnumerable(method) && arguments.Count == 2 && EntriesOf(access.Expression) is NodeId source:
                    node = source == Failed ? Failed : LiftAggregate(invocation, arguments[0].Expression, arguments[1].Expression, source);
                    return true;
                case "Sum" when IsEnumerable(method) && arguments.Count == 1 && arguments[0].Expression is LambdaExpressionSyntax term
                    && RangeLength(access.Expression) is { } length:
                    // Enumerable.Range(0, n).Sum(i => e): the entries of Vector.Build.Dense(n, i => e), summed.
                    node = SumOfEntries(LiftIndexed(term, new[] { length }));
                    return true;
                case "Sum" when IsEnumerable(method) && arguments.Count <= 1 && EntriesOf(access.Expression) is NodeId entries:
                    node = entries == Failed ? Failed
                        : SumOfEntries(arguments.Count == 0 ? entries : Lift(arguments[0].Expression, entries));
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// source.Aggregate(seed, (acc, v) => acc + e(v)) (or e(v) + acc): a sum, seed + Σ e(v) over the entries, e lifted; with
        /// acc * e(v), a product, seed · Π e(v). Any other accumulation (a maximum, acc read inside e) is a fold GradGen does
        /// not lift: a loop takes it.
        /// </summary>
        private NodeId LiftAggregate(InvocationExpressionSyntax invocation, ExpressionSyntax seed, ExpressionSyntax function, NodeId source)
        {
            if (function is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2 } lambda
                && Parts(lambda) is ({ } parameters, BinaryExpressionSyntax sum)
                && sum.Kind() is SyntaxKind.AddExpression or SyntaxKind.MultiplyExpression
                && _semantics.GetDeclaredSymbol(parameters[0], _cancellation) is IParameterSymbol accumulator
                && _semantics.GetDeclaredSymbol(parameters[1], _cancellation) is IParameterSymbol entry)
            {
                bool IsAccumulator(ExpressionSyntax e) => e is IdentifierNameSyntax
                    && SymbolEqualityComparer.Default.Equals(_semantics.GetSymbolInfo(e, _cancellation).Symbol, accumulator);
                bool Reads(ExpressionSyntax e) => e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                    .Any(IsAccumulator);
                var term = IsAccumulator(sum.Left) ? sum.Right : IsAccumulator(sum.Right) ? sum.Left : null;
                if (term is not null && !Reads(term))
                {
                    NodeId start = Lower(seed);
                    if (start == Failed) return Failed;
                    _bound[entry] = source;
                    NodeId lifted = Lower(term);
                    _bound.Remove(entry);
                    if (lifted == Failed) return Failed;
                    if (_ir.KindOf(lifted) == ValueKind.Scalar) lifted = Everywhere(lifted, source);
                    return sum.IsKind(SyntaxKind.AddExpression) ? _ir.Add(start, SumOfEntries(lifted))
                        : _ir.Mul(start, _ir.EntryProduct(lifted));
                }
            }
            return Unsupported(invocation, "GradGen lifts Aggregate(seed, (acc, v) => acc + e(v)) and acc * e(v), a sum and a "
                + "product; write other folds (a running maximum) as a loop");
        }

        /// <summary>n of Enumerable.Range(0, n), or null (a start other than 0 would shift every index: not lifted).</summary>
        private ExpressionSyntax? RangeLength(ExpressionSyntax source)
            => source is InvocationExpressionSyntax { ArgumentList.Arguments: [var start, var count] } call
                && _semantics.GetSymbolInfo(call, _cancellation).Symbol is IMethodSymbol { Name: "Range" } range
                && range.ContainingType.ToDisplayString() == "System.Linq.Enumerable"
                && _semantics.GetConstantValue(start.Expression, _cancellation) is { HasValue: true, Value: 0 }
                ? count.Expression : null;

        /// <summary>The matrix or vector whose entries a LINQ source enumerates (X.Enumerate(), S.Select(f), a vector), or null.</summary>
        private NodeId? EntriesOf(ExpressionSyntax source)
        {
            if (TypeClassifier.Classify(_semantics.GetTypeInfo(source, _cancellation).Type) == ValueKind.Vector) return Lower(source);
            if (source is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                || _semantics.GetSymbolInfo(call, _cancellation).Symbol is not IMethodSymbol method) return null;
            var arguments = call.ArgumentList.Arguments;
            if (method.Name == "Enumerate" && IsMathNetValue(method.ContainingType) && (arguments.Count == 0 || IsZeros(arguments[0])))
            {
                return Lower(access.Expression);
            }
            if (method.Name == "Select" && IsEnumerable(method) && arguments.Count == 1 && EntriesOf(access.Expression) is NodeId inner)
            {
                return inner == Failed ? Failed : Lift(arguments[0].Expression, inner);
            }
            return null;
        }

        /// <summary>f applied to every entry of the values (one per parameter of f), by lifting its body.</summary>
        private NodeId Lift(ExpressionSyntax function, params NodeId[] values)
        {
            if (values.Any(v => v == Failed)) return Failed;
            if (function is not LambdaExpressionSyntax lambda)
            {
                // A method group: Map(Math.Exp) is Map(v => Math.Exp(v)).
                if (_semantics.GetSymbolInfo(function, _cancellation).Symbol is IMethodSymbol { IsStatic: true } group
                    && TypeClassifier.IsSystemMath(group.ContainingType) && values.Length == 1
                    && KnownMembers.TryGet(Receiver.Math, group.Name, KnownMembers.Code(_ir.KindOf(values[0])).ToString(), out var rule))
                {
                    return rule(_ir, NodeId.None, values);
                }
                if (_semantics.GetSymbolInfo(function, _cancellation).Symbol is IMethodSymbol helper)
                {
                    return InlineGroup(function, helper, values);
                }
                return Unsupported(function, "pass a lambda (v => …) or a System.Math function such as Math.Exp");
            }
            var (parameters, body) = Parts(lambda);
            if (body is null || parameters.Length != values.Length)
            {
                return Unsupported(lambda, "GradGen lifts a lambda whose body is one expression of its parameters: v => e(v)");
            }
            var symbols = parameters.Select(p => _semantics.GetDeclaredSymbol(p, _cancellation)).ToArray();
            if (symbols.Any(s => s is null)) return Unsupported(lambda);
            for (int i = 0; i < symbols.Length; i++) _bound[symbols[i]!] = values[i];
            NodeId result = Lower(body);
            foreach (var symbol in symbols) _bound.Remove(symbol!);
            if (result == Failed || _ir.KindOf(result) != ValueKind.Scalar) return result;
            // A body that reads no parameter is one value for every entry: c + 0·A, shaped like A.
            return Everywhere(result, values[0]);
        }

        /// <summary>
        /// The int parameters of a Build.Dense(r, c, (i, j) => …) or Build.Dense(n, i => …) lambda while its body is lifted: i
        /// stands for the row index of every entry at once, j for the column index, so x[i] is x 𝟙ᵀ, x[j] is 𝟙 xᵀ, X[i, j] is X
        /// and X[j, i] is Xᵀ (a kernel matrix exp(−(xᵢ − xⱼ)² / 2ℓ²) lifts to
        /// exp(−(x𝟙ᵀ − 𝟙xᵀ)∘(x𝟙ᵀ − 𝟙xᵀ) / 2ℓ²)).
        /// </summary>
        private readonly Dictionary<IParameterSymbol, Axis> _indices = new(SymbolEqualityComparer.Default);

        /// <summary>The ones vectors along the rows and columns of the matrix being built (Columns: -1 for a vector).</summary>
        private (NodeId Rows, NodeId Columns, string RowsText, string ColumnsText) _grid;

        private NodeId LiftIndexed(LambdaExpressionSyntax lambda, IReadOnlyList<ExpressionSyntax> sizes)
        {
            var (parameters, body) = Parts(lambda);
            if (body is null || parameters.Length != sizes.Count || _indices.Count > 0)
            {
                return Unsupported(lambda, "GradGen lifts Build.Dense(r, c, (i, j) => e) with one expression e of i and j (not nested)");
            }
            var texts = new List<string>();
            var reads = new List<NodeId>();
            foreach (var size in sizes)
            {
                var rewriter = Rewriter(ResolveVariable);
                var rewritten = (ExpressionSyntax)rewriter.Visit(size);
                if (rewriter.Failed || _semantics.GetTypeInfo(size, _cancellation).Type?.SpecialType != SpecialType.System_Int32)
                {
                    return Unsupported(size,
                        "the sizes of a lifted Build.Dense must be ints GradGen can read (parameters, sizes, constants)");
                }
                texts.Add(rewritten.NormalizeWhitespace().ToFullString());
                reads.AddRange(rewriter.Reads);
            }
            // 𝟙 of a size: sized like the value whose Count, RowCount or ColumnCount it is (the comment then reads 𝟙), else
            // kept as written.
            NodeId Ones(int k)
            {
                if (sizes[k] is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } access
                    && member is "Count" or "RowCount" or "ColumnCount"
                    && Lower(access.Expression) is { Exists: true } like && (_ir.KindOf(like), member) is (ValueKind.Vector, "Count")
                        or (ValueKind.Matrix, "RowCount") or (ValueKind.Matrix, "ColumnCount"))
                {
                    return _ir.Ones(like, member == "ColumnCount" ? Axis.Columns : member == "RowCount" ? Axis.Rows : Axis.Like);
                }
                return _ir.Opaque($"{Emit.MathNetSyntax.Vector}.Build.Dense({texts[k]}, 1.0)", ValueKind.Vector, reads.ToArray());
            }
            var saved = (_grid, _gridLike);
            _gridLike = NodeId.None;
            _grid = texts.Count == 2 ? (Ones(0), Ones(1), texts[0], texts[1]) : (Ones(0), NodeId.None, texts[0], "");
            var symbols = parameters.Select(p => _semantics.GetDeclaredSymbol(p, _cancellation)).ToArray();
            for (int k = 0; k < symbols.Length; k++) _indices[symbols[k]!] = k == 0 ? Axis.Rows : Axis.Columns;
            NodeId result = Lower(body);
            foreach (var symbol in symbols) _indices.Remove(symbol!);
            if (result != Failed && _ir.KindOf(result) == ValueKind.Scalar)
            {
                // A body that reads no index is one value for every entry.
                NodeId like = _grid.Columns.IsNone ? _grid.Rows : _ir.Outer(_grid.Rows, _grid.Columns);
                result = Everywhere(result, like);
            }
            (_grid, _gridLike) = saved;
            return result;
        }

        /// <summary>
        /// X.MapIndexed((i, j, v) => e) (v.MapIndexed((i, x) => e) for a vector): e lifted with v bound to X and i, j to the
        /// index grids of X's shape, as Build.Dense binds them (so w[i] is w 𝟙ᵀ, i as a number the grid of row indices).
        /// </summary>
        private NodeId LiftMapIndexed(LambdaExpressionSyntax lambda, NodeId target)
        {
            if (target == Failed) return Failed;
            var (parameters, body) = Parts(lambda);
            bool matrix = _ir.KindOf(target) == ValueKind.Matrix;
            if (body is null || parameters.Length != (matrix ? 3 : 2) || _indices.Count > 0)
            {
                return Unsupported(lambda, "GradGen lifts MapIndexed((i, j, v) => e) with one expression e of i, j and v (not nested)");
            }
            var symbols = parameters.Select(p => _semantics.GetDeclaredSymbol(p, _cancellation)).ToArray();
            if (symbols.Any(s => s is null)) return Unsupported(lambda);
            var saved = (_grid, _gridLike);
            _grid = matrix ? (_ir.Ones(target, Axis.Rows), _ir.Ones(target, Axis.Columns), "", "")
                : (_ir.Ones(target, Axis.Like), NodeId.None, "", "");
            _gridLike = target;
            for (int k = 0; k < symbols.Length - 1; k++) _indices[symbols[k]!] = k == 0 ? Axis.Rows : Axis.Columns;
            _bound[symbols[symbols.Length - 1]!] = target;
            NodeId result = Lower(body);
            foreach (var symbol in symbols) _indices.Remove(symbol!);
            _bound.Remove(symbols[symbols.Length - 1]!);
            (_grid, _gridLike) = saved;
            if (result == Failed || _ir.KindOf(result) != ValueKind.Scalar) return result;
            return Everywhere(result, target);   // a body that reads neither: one value everywhere
        }

        /// <summary>The value whose shape the index grids have while a MapIndexed lambda is lifted (−1: Build.Dense's sizes).</summary>
        private NodeId _gridLike = NodeId.None;

        /// <summary>x[i], x[j], X[i, j] or X[j, i] inside a lifted Build.Dense lambda, as a whole matrix (or vector).</summary>
        private NodeId LowerIndexedElement(ElementAccessExpressionSyntax element)
        {
            var axes = element.ArgumentList.Arguments
                .Select(a => _semantics.GetSymbolInfo(a.Expression, _cancellation).Symbol is IParameterSymbol p
                    && _indices.TryGetValue(p, out var axis) ? axis : (Axis?)null).ToList();
            if (axes.Any(a => a is null)) return Unsupported(element, "inside a lifted Build.Dense, index with the lambda's own i and j");
            NodeId target = Lower(element.Expression);
            if (target == Failed) return Failed;
            bool matrix = _grid.Columns.Exists;
            switch (_ir.KindOf(target), axes.Count)
            {
                case (ValueKind.Vector, 1) when !matrix:
                    return target;
                case (ValueKind.Vector, 1):
                    return axes[0] == Axis.Rows ? _ir.Outer(target, _grid.Columns) : _ir.Outer(_grid.Rows, target);
                case (ValueKind.Matrix, 2) when matrix && axes[0] != axes[1]:
                    return axes[0] == Axis.Rows ? target : _ir.Transpose(target);
                default:
                    return Unsupported(element, "lift v[i], v[j], X[i, j] or X[j, i]");
            }
        }

        /// <summary>An index used as a number (i * 0.1): the grid of row (or column) indices, kept as written.</summary>
        private NodeId IndexGrid(Axis axis)
        {
            if (_gridLike.Exists) return _ir.IndexGrid(_gridLike, _grid.Columns.IsNone ? Axis.Like : axis);
            // Build.Dense sized by values (X.RowCount, v.Count): the grid shaped like 𝟙𝟙ᵀ, which the comment reads
            // as ι 𝟙ᵀ or 𝟙 ιᵀ (a builder kept as written would be elided there).
            if (_ir[_grid.Rows].Op == Op.Ones && (_grid.Columns.IsNone || _ir[_grid.Columns].Op == Op.Ones))
            {
                return _grid.Columns.IsNone ? _ir.IndexGrid(_grid.Rows, Axis.Like)
                    : _ir.IndexGrid(_ir.Outer(_grid.Rows, _grid.Columns), axis);
            }
            string builder = _grid.Columns.IsNone ? $"{Emit.MathNetSyntax.Vector}.Build.Dense({_grid.RowsText}, a => (double)a)"
                : $"{Emit.MathNetSyntax.Matrix}.Build.Dense({_grid.RowsText}, {_grid.ColumnsText}, "
                    + $"(a, b) => (double){(axis == Axis.Rows ? "a" : "b")})";
            return _ir.Opaque(builder, _grid.Columns.IsNone ? ValueKind.Vector : ValueKind.Matrix, System.Array.Empty<NodeId>());
        }

        private bool ReadsIndex(SyntaxNode node) => _indices.Count > 0 && node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(n => _semantics.GetSymbolInfo(n, _cancellation).Symbol is IParameterSymbol p && _indices.ContainsKey(p));

        private static bool IsBuilder(INamedTypeSymbol? type) => type?.OriginalDefinition.ToDisplayString()
            is "MathNet.Numerics.LinearAlgebra.MatrixBuilder<T>" or "MathNet.Numerics.LinearAlgebra.VectorBuilder<T>";

        /// <summary>A lambda's parameters and its one expression (an expression body, or a block of one return), or null.</summary>
        private static (ParameterSyntax[] Parameters, ExpressionSyntax? Body) Parts(LambdaExpressionSyntax lambda)
        {
            var parameters = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
                _ => System.Array.Empty<ParameterSyntax>(),
            };
            var body = lambda.ExpressionBody ?? (lambda.Block?.Statements is [ReturnStatementSyntax { Expression: { } returned }]
                ? returned : null);
            return (parameters, body);
        }

        /// <summary>
        /// Math.Max(a, b) and Math.Min(a, b) of entries: max(a, b) = a + relu(b − a), min(a, b) = a − relu(a − b), exactly,
        /// so the derivative at a tie is the first argument's (as for the branch form outside lambdas); against 0, ReLU itself.
        /// </summary>
        private NodeId LiftedMaximum(InvocationExpressionSyntax invocation, string name)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count != 2) return Unsupported(invocation);
            NodeId a = Lower(arguments[0].Expression), b = Lower(arguments[1].Expression);
            if (a == Failed || b == Failed) return Failed;
            if ((_ir[b].IsConst(0) ? a : _ir[a].IsConst(0) ? b : NodeId.None) is { Exists: true } v && _ir.KindOf(v) != ValueKind.Scalar)
            {
                return name == "Max" ? _ir.Map(Elementwise.Relu, v) : _ir.Neg(_ir.Map(Elementwise.Relu, _ir.Neg(v)));
            }
            NodeId gap = name == "Max" ? Combine(SyntaxKind.SubtractExpression, b, a, invocation, "-", false)
                : Combine(SyntaxKind.SubtractExpression, a, b, invocation, "-", false);
            if (gap == Failed) return Failed;
            NodeId relu = _ir.Map(Elementwise.Relu, gap);
            return name == "Max" ? Combine(SyntaxKind.AddExpression, a, relu, invocation, "+", false)
                : Combine(SyntaxKind.SubtractExpression, a, relu, invocation, "-", false);
        }

        /// <summary>
        /// c ? t : f on entries, c a comparison l OP r (OP one of &gt; &lt; &gt;= &lt;= == !=) or comparisons joined by
        /// &amp;&amp;, || and !: m ∘ t + (𝟙 − m) ∘ f with a mask m built of steps 𝟙[x &gt; 0], whose derivative is 0 wherever
        /// it exists; so dt where the condition holds and df elsewhere.
        /// </summary>
        private NodeId LiftedConditional(ConditionalExpressionSyntax conditional)
        {
            // The comparisons' operands first, then the branches, then the masks (the order the nodes have always had).
            var operands = new Dictionary<BinaryExpressionSyntax, (NodeId Left, NodeId Right)>();
            bool lowered = LowerComparisons(conditional.Condition, operands);
            NodeId t = Lower(conditional.WhenTrue), f = Lower(conditional.WhenFalse);
            if (!lowered || t == Failed || f == Failed) return Failed;
            // Both branches are computed at every entry and masked: one that can be infinite or NaN where it is not taken
            // would turn the mask's 0 into NaN (0 · ∞), in the value and in the gradient.
            var partials = new[] { (t, conditional.WhenTrue), (f, conditional.WhenFalse) }
                .Select(b => (b.Item2, Partial: PartialFunctionIn(b.Item1),
                    OnlyOverflows: PartialFunctionIn(b.Item1, overflowIsTotal: true) is null))
                .ToList();
            foreach (var (syntax, partial, onlyOverflows) in partials)
            {
                if (partial is not null && !(onlyOverflows && CanMaskEntries()))
                {
                    return Unsupported(syntax, "inside a lambda, both branches of a conditional are evaluated at every entry, and "
                        + $"{partial} can be infinite or undefined where its branch is not taken; write it as a loop with if (only "
                        + "the branch taken runs there), or move the function out of the conditional");
                }
            }
            var (holds, fails) = Mask(conditional.Condition, operands);
            // A branch whose only partial functions overflow (exp, sinh, cosh: ELU's exp(z) − 1) is evaluated again at the
            // entries masked to 0 where it is not taken (JAX's "double where"): exp(0) there, the user's entries where it is.
            if (partials[0].Partial is not null) t = LowerAtMaskedEntries(conditional.WhenTrue, holds, conditional);
            if (partials[1].Partial is not null) f = LowerAtMaskedEntries(conditional.WhenFalse, fails, conditional);
            if (t == Failed || f == Failed) return Failed;
            NodeId whenTrue = _ir[t].IsConst(0) ? NodeId.None : Entrywise(holds, t, conditional);
            NodeId whenFalse = _ir[f].IsConst(0) ? NodeId.None : Entrywise(fails, f, conditional);
            if (whenTrue.IsNone && whenFalse.IsNone) return Everywhere(_ir.Const(0), holds);
            if (whenTrue.IsNone || whenFalse.IsNone) return whenTrue.IsNone ? whenFalse : whenTrue;
            return Combine(SyntaxKind.AddExpression, whenTrue, whenFalse, conditional, "+", false);
        }

        /// <summary>Strips parentheses; null for anything but a comparison, a negation, a conjunction or a disjunction.</summary>
        private static ExpressionSyntax? Condition(ExpressionSyntax condition)
        {
            while (condition is ParenthesizedExpressionSyntax p) condition = p.Expression;
            return condition.Kind() is SyntaxKind.LogicalNotExpression or SyntaxKind.LogicalAndExpression
                or SyntaxKind.LogicalOrExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.LessThanExpression
                or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.EqualsExpression
                or SyntaxKind.NotEqualsExpression ? condition : null;
        }

        /// <summary>Lowers the operands of every comparison in a lifted condition, left to right; false (reported) if any fails.</summary>
        private bool LowerComparisons(ExpressionSyntax condition, Dictionary<BinaryExpressionSyntax, (NodeId, NodeId)> operands)
        {
            switch (Condition(condition))
            {
                case PrefixUnaryExpressionSyntax not:
                    return LowerComparisons(not.Operand, operands);
                case BinaryExpressionSyntax joined when joined.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression:
                    return LowerComparisons(joined.Left, operands) & LowerComparisons(joined.Right, operands);
                case BinaryExpressionSyntax comparison:
                    NodeId l = Lower(comparison.Left), r = Lower(comparison.Right);
                    operands[comparison] = (l, r);
                    return l != Failed && r != Failed;
                default:
                    Unsupported(condition, "inside a lambda, a condition is a comparison (a > b, a <= b, i == j, …) of numbers, "
                        + "or comparisons joined by &&, || and !; write other choices as a loop with if");
                    return false;
            }
        }

        /// <summary>
        /// Where a lifted condition holds and where it fails, as masks of steps, each written once (l &gt;= r fails where
        /// 𝟙[r &gt; l]); a &amp;&amp; b holds where both masks do (their product), a || b fails where both fail, !a swaps.
        /// </summary>
        private (NodeId Holds, NodeId Fails) Mask(ExpressionSyntax condition,
            Dictionary<BinaryExpressionSyntax, (NodeId Left, NodeId Right)> operands)
        {
            condition = Condition(condition)!;
            NodeId one = _ir.Const(1);
            NodeId Minus(NodeId x, NodeId y) => _ir[y].IsConst(0) ? x : _ir[x].IsConst(0) ? _ir.Neg(y)
                : Combine(SyntaxKind.SubtractExpression, x, y, condition, "-", false);
            switch (condition)
            {
                case PrefixUnaryExpressionSyntax not:
                    var (h, f) = Mask(not.Operand, operands);
                    return (f, h);
                case BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression):
                {
                    NodeId holds = Entrywise(Mask(both.Left, operands).Holds, Mask(both.Right, operands).Holds, both);
                    return (holds, Minus(one, holds));
                }
                case BinaryExpressionSyntax either when either.IsKind(SyntaxKind.LogicalOrExpression):
                {
                    NodeId fails = Entrywise(Mask(either.Left, operands).Fails, Mask(either.Right, operands).Fails, either);
                    return (Minus(one, fails), fails);
                }
                default:
                {
                    var comparison = (BinaryExpressionSyntax)condition;
                    var (l, r) = operands[comparison];
                    NodeId above = _ir.Map(Elementwise.Step, Minus(l, r)), below = _ir.Map(Elementwise.Step, Minus(r, l));
                    NodeId Sum(NodeId x, NodeId y) => Combine(SyntaxKind.AddExpression, x, y, comparison, "+", false);
                    return comparison.Kind() switch
                    {
                        SyntaxKind.GreaterThanExpression => (above, Minus(one, above)),
                        SyntaxKind.LessThanExpression => (below, Minus(one, below)),
                        SyntaxKind.GreaterThanOrEqualExpression => (Minus(one, below), below),
                        SyntaxKind.LessThanOrEqualExpression => (Minus(one, above), above),
                        SyntaxKind.EqualsExpression => (Minus(Minus(one, above), below), Sum(above, below)),
                        _ => (Sum(above, below), Minus(Minus(one, above), below)),
                    };
                }
            }
        }

        /// <summary>
        /// Can a branch be evaluated at masked entries: is every value it may read entry by entry a bound lambda parameter
        /// (a Map or Map2 lambda; not Build.Dense's indices, whose x[i] reads another vector's entries)?
        /// </summary>
        private bool CanMaskEntries() => _indices.Count == 0 && _bound.Count > 0 && _bound.Keys.All(IsEntrywise);

        /// <summary>A branch lowered again with each entry parameter v bound to m ∘ v: v where it is taken, 0 elsewhere.</summary>
        private NodeId LowerAtMaskedEntries(ExpressionSyntax branch, NodeId mask, ExpressionSyntax at)
        {
            var saved = _bound.ToList();
            foreach (var pair in saved) _bound[pair.Key] = Entrywise(mask, pair.Value, at);
            NodeId lowered = Lower(branch);
            foreach (var pair in saved) _bound[pair.Key] = pair.Value;
            return lowered;
        }

        /// <summary>
        /// The first function of the entries in a branch that is not finite everywhere (exp may overflow, log, sqrt, a division
        /// by entries, a negative or fractional power…), or null. Scalars are closures computed once, as the user's code does.
        /// With <paramref name="overflowIsTotal"/>, functions finite at every finite number but for overflow (exp, sinh, cosh)
        /// count as finite.
        /// </summary>
        private string? PartialFunctionIn(NodeId branch, bool overflowIsTotal = false)
        {
            var seen = new HashSet<NodeId>();
            var stack = new Stack<NodeId>();
            stack.Push(branch);
            while (stack.Count > 0)
            {
                NodeId id = stack.Pop();
                if (!seen.Add(id)) continue;
                var n = _ir[id];
                if (n.Kind != ValueKind.Scalar)
                {
                    if (n.Op is Op.PointwiseDivide or Op.ScalarDivide) return "a division by entries";
                    if (n.Op == Op.PowerOf) return "a power with a variable exponent";
                    if (n.Op == Op.Map && !IsTotal(n) && !(overflowIsTotal && n.Function is Elementwise.Exp or Elementwise.Sinh
                        or Elementwise.Cosh))
                    {
                        return n.Function == Elementwise.Pow ? $"the power {n.Value}" : n.Function?.Symbol();
                    }
                }
                foreach (NodeId a in n.Args) stack.Push(a);
            }
            return null;
        }

        /// <summary>Elementwise functions finite, with a finite derivative, at every finite number.</summary>
        private static bool IsTotal(Node n) => n.Function switch
        {
            Elementwise.Tanh or Elementwise.Sin or Elementwise.Cos or Elementwise.Abs or Elementwise.Relu or Elementwise.Step
                or Elementwise.Sign or Elementwise.Atan => true,
            Elementwise.Pow => n.Value >= 0 && n.Value == System.Math.Floor(n.Value),
            _ => false,
        };

        /// <summary>x ∘ y of entries, a scalar scaling the other where one of them is a scalar.</summary>
        private NodeId Entrywise(NodeId x, NodeId y, ExpressionSyntax at)
            => _ir.KindOf(x) != ValueKind.Scalar && _ir.KindOf(y) != ValueKind.Scalar ? _ir.Hadamard(x, y)
                : Combine(SyntaxKind.MultiplyExpression, x, y, at, "*", false);

        /// <summary>A lifted body that read no entry or index: its one value at every entry, c + 0·A shaped like A.</summary>
        private NodeId Everywhere(NodeId value, NodeId like) => _ir.AddScalar(value, _ir.Scale(_ir.Const(0), like));

        /// <summary>Σ of all entries: 𝟙ᵀv for a vector, 𝟙ᵀA𝟙 for a matrix.</summary>
        private NodeId SumOfEntries(NodeId node) => node == Failed ? Failed
            : _ir.KindOf(node) == ValueKind.Matrix ? _ir.Sum(_ir.RowSums(node)) : _ir.Sum(node);

        /// <summary>Whether a parameter standing for entries occurs in the expression (it cannot be kept as written: it is a
        /// matrix).</summary>
        private bool ReadsLifted(ExpressionSyntax expression)
            => (_bound.Count > 0 || _indices.Count > 0) && expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Any(n => _semantics.GetSymbolInfo(n, _cancellation).Symbol is IParameterSymbol p
                    && (IsEntrywise(p) || _indices.ContainsKey(p)));

        /// <summary>A bound parameter whose C# type is double but whose node is a matrix or vector: it stands for every entry.</summary>
        private bool IsEntrywise(IParameterSymbol parameter)
            => _bound.TryGetValue(parameter, out NodeId node) && TypeClassifier.Classify(parameter.Type) != _ir.KindOf(node);

        /// <summary>An operand of a scalar operator that stands for a whole matrix or vector (a lifted entry).</summary>
        private bool IsLiftedOperand(ExpressionSyntax operand, NodeId node)
            => (_bound.Count > 0 || _indices.Count > 0) && _ir.KindOf(node) != ValueKind.Scalar
                && _semantics.GetTypeInfo(operand, _cancellation).Type?.SpecialType
                    is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32;

        /// <summary>
        /// How an expression kept as written reads a bound parameter: by the name or text of its argument where that is a
        /// parameter or itself kept as written (a helper's n or x.Count), else not at all (null).
        /// </summary>
        private (string Text, NodeId Node)? BoundText(IParameterSymbol parameter)
        {
            if (!_bound.TryGetValue(parameter, out NodeId node) || IsEntrywise(parameter)) return null;
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

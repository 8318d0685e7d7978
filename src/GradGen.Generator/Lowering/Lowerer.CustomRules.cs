using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// Calls of a user's function F that has custom rules ([VjpOf(nameof(F))], [JvpOf(nameof(F))] on static methods of F's
    /// type): F's body is never read; the call lowers to an Op.Call node whose derivatives call the rules. A rule whose
    /// signature does not fit F is one GG0012 at the rule; a rule missing for a mode the method needs, one at the call.
    /// </summary>
    internal sealed partial class Lowerer
    {
        private const string VjpAttribute = "GradGen.VjpOfAttribute";
        private const string JvpAttribute = "GradGen.JvpOfAttribute";

        /// <summary>The functions called through their rules, by callee text, each with the first call (for mode checks).</summary>
        public Dictionary<string, (CustomRuleModel Rule, Location At, string Name)> CustomCalls { get; } = new();

        private bool TryLowerCustomCall(InvocationExpressionSyntax invocation, IMethodSymbol method, out NodeId node)
        {
            node = Failed;
            var function = method.OriginalDefinition;
            // Rules live beside F in the user's source: MathNet's and System's members are never asked for attributes.
            if (function.MethodKind != MethodKind.Ordinary || function.DeclaringSyntaxReferences.Length == 0) return false;
            var vjp = RuleOf(function, VjpAttribute);
            var jvp = RuleOf(function, JvpAttribute);
            if (vjp is null && jvp is null) return false;
            string callee = Callee(function);
            if (!CustomCalls.TryGetValue(callee, out var known))
            {
                if (CustomRule(invocation, function, vjp, jvp) is not { } rule) return true;
                CustomCalls[callee] = known = (rule, invocation.GetLocation(), function.ContainingType.Name + "." + function.Name);
            }
            if (BindArguments(invocation, method) is not { } arguments) return true;
            var kind = TypeClassifier.Classify(function.ReturnType)!.Value;
            NodeId call = node = _ir.Call(callee, kind, arguments);
            // Second order differentiates the gradient, so the VJP rule must be code GradGen reads: its body, in place. A call
            // inside a rule's body needs only its JVP (the gradient holds it; no adjoint of it is taken).
            if (SecondOrder && _ruleBodyDepth == 0 && vjp is not null && !RuleBodies.Any(b => b.Call == call))
            {
                if (_unreadableRules.Contains(callee)) return true;   // reported at the rule already: one cause, one diagnostic
                var body = LowerRuleBody(vjp, arguments, call, known.Rule);
                if (body is null) _unreadableRules.Add(callee);
                else RuleBodies.Add(body);
            }
            return true;
        }

        /// <summary>Set for Order = 2: each call's VJP rule is lowered in place (<see cref="RuleBodies"/>).</summary>
        public bool SecondOrder { get; set; }

        /// <summary>The VJP rule bodies lowered in place, for the model.</summary>
        public List<RuleBodyModel> RuleBodies { get; } = new();

        private int _ruleBodyDepth;

        /// <summary>Functions whose VJP body GradGen could not read (reported once, at the rule).</summary>
        private readonly HashSet<string> _unreadableRules = new();

        /// <summary>
        /// The VJP rule's body lowered with F's parameters bound to the call's arguments, result to the call and resultBar to a
        /// Cotangent leaf; null (one GG0012 at the rule, its body's own problems as the reason) if GradGen cannot read it.
        /// </summary>
        private RuleBodyModel? LowerRuleBody(IMethodSymbol vjp, NodeId[] arguments, NodeId call, CustomRuleModel rule)
        {
            NodeId cotangent = _ir.Cotangent(call);
            int before = Diagnostics.Count;
            var declaration = HelperDeclaration(vjp);
            var body = declaration is null ? null : HelperBody(declaration);
            var adjoints = new List<NodeId>();
            if (declaration is not null && body is { } helper)
            {
                var saved = _semantics;
                _semantics = SemanticsOf(declaration);
                _ruleBodyDepth++;
                var bound = arguments.Concat(new[] { call, cotangent }).ToArray();
                for (int i = 0; i < bound.Length; i++) _bound[vjp.Parameters[i]] = bound[i];
                foreach (var local in helper.Locals) LowerLocal(local);
                var returned = helper.Returned is TupleExpressionSyntax tuple ? tuple.Arguments.Select(a => a.Expression).ToList()
                    : new List<ExpressionSyntax> { helper.Returned };
                if (Diagnostics.Count == before) adjoints.AddRange(returned.Select(Lower));
                foreach (var parameter in vjp.Parameters) _bound.Remove(parameter);
                _ruleBodyDepth--;
                _semantics = saved;
            }
            int expected = rule.Differentiable.Count(d => d);
            if (Diagnostics.Count == before && adjoints.Count == expected && adjoints.All(a => a != Failed))
            {
                string name = vjp.ContainingType.Name + "." + vjp.Name;
                if (!Inlined.Contains(name)) Inlined.Add(name);
                return new RuleBodyModel(call, cotangent, adjoints.ToEquatableArray());
            }
            string why = Diagnostics.Count > before ? Diagnostics[before].Arguments.LastOrDefault() ?? "" : "";
            Diagnostics.RemoveRange(before, Diagnostics.Count - before);
            RuleProblem(Declared(vjp), vjp.Name, "Hessians (Order = 2) differentiate the gradient, so the VJP rule's body must be "
                + "one GradGen can read (locals and a return of a value or a tuple)" + (why.Length > 0 ? ": " + why : ""));
            return null;
        }

        /// <summary>The static method of F's type marked [attribute(nameof(F))] whose leading parameters are F's, if any.</summary>
        private static IMethodSymbol? RuleOf(IMethodSymbol function, string attribute)
            => function.ContainingType.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.GetAttributes().Any(a
                => a.AttributeClass?.ToDisplayString() == attribute && a.ConstructorArguments.Length == 1
                   && a.ConstructorArguments[0].Value as string == function.Name)
                && m.Parameters.Length >= function.Parameters.Length
                && function.Parameters.Select((p, i) => SymbolEqualityComparer.Default.Equals(p.Type, m.Parameters[i].Type)).All(b => b));

        private static string Callee(IMethodSymbol method)
            => method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;

        /// <summary>The rules' model after checking F and each rule's signature; null after a diagnostic.</summary>
        private CustomRuleModel? CustomRule(InvocationExpressionSyntax invocation, IMethodSymbol function, IMethodSymbol? vjp,
            IMethodSymbol? jvp)
        {
            string name = function.Name;
            if (!function.IsStatic || function.IsGenericMethod || function.Parameters.Any(p => p.RefKind != RefKind.None
                    || TypeClassifier.Classify(p.Type) is null) || function.ReturnType.SpecialType == SpecialType.System_Int32
                || TypeClassifier.Classify(function.ReturnType) is null)
            {
                return RuleProblem(invocation.GetLocation(), name, "a function with custom rules is a static, non-generic method "
                    + "taking and returning Matrix<double>, Vector<double> or double (int parameters are held fixed)");
            }
            var differentiable = function.Parameters.Select(p => TypeClassifier.IsDifferentiable(p.Type)).ToList();
            var types = function.Parameters.Where(p => TypeClassifier.IsDifferentiable(p.Type)).Select(p => p.Type).ToList();
            var enclosing = EnclosingSymbol(invocation)?.ContainingType;
            foreach (var rule in new[] { vjp, jvp })
            {
                if (rule is not null && enclosing is not null && !_semantics.Compilation.IsSymbolAccessibleWithin(rule, enclosing))
                {
                    return RuleProblem(Declared(rule), rule.Name, $"the rule must be accessible where {name} is called");
                }
            }
            if (vjp is not null)
            {
                var returned = vjp.ReturnType;
                bool returns = types.Count == 1 ? SymbolEqualityComparer.Default.Equals(returned, types[0])
                    : returned is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == types.Count
                      && tuple.TupleElements.Select((e, i) => SymbolEqualityComparer.Default.Equals(e.Type, types[i])).All(b => b);
                bool takes = vjp.Parameters.Length == function.Parameters.Length + 2
                    && vjp.Parameters.Skip(function.Parameters.Length).All(p => SymbolEqualityComparer.Default.Equals(p.Type,
                        function.ReturnType));
                if (!vjp.IsStatic || !takes || !returns || vjp.Parameters.Any(p => p.RefKind != RefKind.None))
                {
                    string adjoints = types.Count == 1 ? Display(types[0]) : $"({string.Join(", ", types.Select(Display))})";
                    return RuleProblem(Declared(vjp), vjp.Name, $"a [VjpOf({name})] rule is static, takes {name}'s parameters, then "
                        + $"result and resultBar ({Display(function.ReturnType)}), and returns {adjoints}");
                }
            }
            if (jvp is not null)
            {
                bool takes = jvp.Parameters.Length == function.Parameters.Length + types.Count
                    && jvp.Parameters.Skip(function.Parameters.Length).Select((p, i) => SymbolEqualityComparer.Default.Equals(p.Type,
                        types[i])).All(b => b);
                if (!jvp.IsStatic || !takes || !SymbolEqualityComparer.Default.Equals(jvp.ReturnType, function.ReturnType)
                    || jvp.Parameters.Any(p => p.RefKind != RefKind.None))
                {
                    return RuleProblem(Declared(jvp), jvp.Name, $"a [JvpOf({name})] rule is static, takes {name}'s parameters, then "
                        + $"one tangent per differentiable parameter ({string.Join(", ", types.Select(Display))}), and returns "
                        + Display(function.ReturnType));
                }
            }
            return new CustomRuleModel(Callee(function), vjp is null ? "" : Callee(vjp), jvp is null ? "" : Callee(jvp),
                differentiable.ToEquatableArray(), types.Count > 1);
        }

        private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private Location Declared(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellation) is MethodDeclarationSyntax declaration
                ? declaration.Identifier.GetLocation() : method.Locations.FirstOrDefault() ?? Location.None;

        private CustomRuleModel? RuleProblem(Location at, string name, string why)
        {
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CustomRule, at, name, why));
            return null;
        }
    }
}

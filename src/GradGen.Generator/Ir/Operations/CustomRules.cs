using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Emit;
using GradGen.Generator.Model;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// A user's function F with [VjpOf]/[JvpOf] rules (<see cref="CustomRuleModel"/>): its value is a call of F, its adjoint a
    /// call of the VJP rule, its differential a call of the JVP rule. GradGen never reads F's body, and trusts the rules.
    /// </summary>
    internal static class CustomRules
    {
        public static Operation[] All => new[] { Call, RuleCall, Cotangent };

        /// <summary>F̄, the adjoint a VJP rule's body lowered in place is written against; replaced before anything reads it.</summary>
        public static readonly Operation Cotangent = new(Op.Cotangent)
        {
            IsLeaf = true,
            SizeFrom = Operation.LikeFirst,
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => (t.Wrap(n.Args[0], Notation.Atom) + "̄", Notation.Atom),
            Emit = static (w, id, n) => throw new InvalidOperationException("a VJP rule's F̄ is replaced by its adjoint before emission"),
        };

        /// <summary>F(args).</summary>
        public static readonly Operation Call = new(Op.Call)
        {
            // dF = JvpOf(F)(args, dx₁, …, dx_k), one tangent per differentiable parameter (a zero one where it is constant here).
            Tangent = static r =>
            {
                var rule = r.Ir.CustomRules[r.Node.Name];
                var args = r.Node.Args.ToList();
                if (Enumerable.Range(0, args.Count).All(i => r.Dot(i).IsNone)) return NodeId.None;
                var tangents = Enumerable.Range(0, args.Count).Where(i => rule.Differentiable[i])
                    .Select(i => r.Dot(i).Exists ? r.Dot(i) : r.Ir.Zero(args[i]));
                return r.Ir.RuleCall(rule.Jvp, r.Node.Kind, args.Concat(tangents).ToArray(), item: 0);
            },
            // x̄ᵢ = VjpOf(F)(args, F, F̄), item i of its tuple where F has two or more differentiable parameters.
            // With Order = 2 the VJP rule's body was lowered in place (RuleBodyModel): its F̄ becomes C̄, so forward mode can
            // differentiate the gradient through it.
            Adjoint = static r =>
            {
                var rule = r.Ir.CustomRules[r.Node.Name];
                var args = r.Node.Args.ToList();
                if (r.Ir.RuleBodies.TryGetValue(r.Id, out var body))
                {
                    var inlined = new NodeId[args.Count];
                    int k = 0;
                    for (int i = 0; i < args.Count; i++)
                    {
                        inlined[i] = rule.Differentiable[i] ? r.Ir.Substitute(body.Adjoints[k++], body.Cotangent, r.Bar) : NodeId.None;
                    }
                    return inlined;
                }
                var call = args.Concat(new[] { r.Id, r.Bar }).ToArray();
                var adjoints = new NodeId[args.Count];
                int item = 0;
                for (int i = 0; i < args.Count; i++)
                {
                    adjoints[i] = rule.Differentiable[i]
                        ? r.Ir.RuleCall(rule.Vjp, r.Ir.KindOf(args[i]), call, rule.VjpTuple ? ++item : 0) : NodeId.None;
                }
                return adjoints;
            },
            Notation = static (t, n) => (Write(t, n.Name, n.Args), Notation.Atom),
            Emit = static (w, id, n) => (Invoke(w, n.Name, n.Args, w.CustomRuleOf(n.Name)), MathNetSyntax.Primary),
        };

        /// <summary>A call of F's VJP or JVP rule (only derivative graphs hold one).</summary>
        public static readonly Operation RuleCall = new(Op.RuleCall)
        {
            Tangent = static r => throw new NotSupportedException(
                $"{r.Node.Name} is a custom rule: its own derivative is not taken (second order through it is reported at lowering)"),
            Adjoint = Operation.DerivativeOnly,
            Notation = static (t, n) => (Write(t, n.Name, n.Args) + (n.Item > 0 ? Subscript(n.Item) : ""), Notation.Atom),
            Emit = static (w, id, n) => (Invoke(w, n.Name, n.Args, w.CustomRuleOf(n.Name)) + (n.Item > 0 ? $".Item{n.Item}" : ""),
                MathNetSyntax.Primary),
        };

        /// <summary>Item k of a tuple in the derivation comment: CgSolveVjp(…)₂.</summary>
        private static string Subscript(int k) => string.Concat(k.ToString(System.Globalization.CultureInfo.InvariantCulture)
            .Select(c => "₀₁₂₃₄₅₆₇₈₉"[c - '0']));

        private static string Write(Notation t, string callee, IReadOnlyList<NodeId> args)
            => $"{Notation.ShortName(callee)}({string.Join(", ", args.Select(t.Text))})";

        /// <summary>callee(args), F's int parameters (the first arguments of each of its rules too) written as ints.</summary>
        internal static string Invoke(BodyWriter w, string callee, IReadOnlyList<NodeId> args, CustomRuleModel rule)
            => $"{callee}({string.Join(", ", args.Select((a, i) => IsInt(rule, i) ? w.Index(a) : w.Text(a)))})";

        private static bool IsInt(CustomRuleModel rule, int argument)
            => argument < rule.Differentiable.Count && !rule.Differentiable[argument];
    }
}

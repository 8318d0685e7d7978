using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Writes the .g.cs for one [Differentiable] method: a header with the derivation in the
    /// notation of the seed notes, then, in the same partial type, GradF and ValueAndGradF for a
    /// scalar F, or JvpF, VjpF and JacobianF for a matrix- or vector-valued F.
    /// </summary>
    public static class GradientEmitter
    {
        public const string Version = "0.1.0";

        /// <summary>The .g.cs of one method from its model and its (frozen) derivation: text only.</summary>
        /// <summary>
        /// Opens a generated method; where the body needs its parameters' sizes to fit together, its first line checks them
        /// (<see cref="WriteShapeCheck"/>), so that a mismatch names this method and the caller's parameters.
        /// </summary>
        public static void OpenMethod(SourceWriter w, MethodModel model, string signature)
        {
            w.OpenSignature(signature);  // the one place a generated method is opened
            if (model.ShapeChecks.Count == 0) return;
            string name = signature.Substring(0, signature.LastIndexOf('(')).Split(' ').Last();
            w.Line($"{ShapeCheckName(model)}(\"{name}\", {string.Join(", ", ShapeCheckParameters(model))});");
        }

        /// <summary>The method every generated method of this file calls first: the size equalities the body needs.</summary>
        public static void WriteShapeCheck(SourceWriter w, MethodModel model)
        {
            if (model.ShapeChecks.Count == 0) return;
            w.Line();
            var parameters = ShapeCheckParameters(model).Select(p => $"{TypeOf(model.Parameters.First(q => q.Name == p).Kind)} {p}");
            w.Line($"/// <summary>The sizes {model.MethodName}'s body needs: {model.Shapes}. A mismatch names the caller's method and "
                + "parameter.</summary>");
            w.OpenSignature($"private static void {ShapeCheckName(model)}(string method, {string.Join(", ", parameters)})");
            foreach (var check in model.ShapeChecks)
            {
                bool constant = check.Reference.Length == 0, square = check.Reference == check.Parameter;
                string size = SizeText(check.Parameter, check.Axis);
                string expected = constant ? check.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : SizeText(check.Reference, check.ReferenceAxis);
                string rule = constant ? $"{check.Parameter} must have {check.Size} {Noun(check.Axis)}"
                    : square ? $"{check.Parameter} must be square"
                    : $"{check.Parameter} must have as many {Noun(check.Axis)} as {check.Reference} has {Noun(check.ReferenceAxis)}";
                var shown = constant || square ? new[] { check.Parameter } : new[] { check.Reference, check.Parameter };
                w.Line($"if ({size} != {expected})");
                w.Line($"    throw {ShapeErrors}.Mismatch(method, nameof({check.Parameter}), \"{rule}\", "
                    + $"{string.Join(", ", shown.Select(p => $"(\"{p}\", {p})"))});");
            }
            w.Close();
        }

        private static string ShapeCheckName(MethodModel model) => $"Check{model.MethodName}Shapes";

        private static IEnumerable<string> ShapeCheckParameters(MethodModel model) => model.Parameters.Select(p => p.Name)
            .Where(p => model.ShapeChecks.Any(c => c.Parameter == p || c.Reference == p));

        private static string SizeText(string parameter, int axis)
            => parameter + (axis == Axis.Rows ? ".RowCount" : axis == Axis.Columns ? ".ColumnCount" : ".Count");

        private static string Noun(int axis) => axis == Axis.Rows ? "rows" : axis == Axis.Columns ? "columns" : "entries";

        /// <summary>Which of the user's methods the derivation went through, inlined (their bodies are part of the formulas).</summary>
        public static void WriteInlined(SourceWriter w, MethodModel model)
        {
            if (model.Inlined.Count > 0)
            {
                w.Line($"// Inlined (differentiated in place, as if written here): {string.Join(", ", model.Inlined)}.");
            }
            foreach (var rule in model.CustomRules)
            {
                var rules = new[] { (rule.Vjp, "reverse mode"), (rule.Jvp, "forward mode") }.Where(r => r.Item1.Length > 0)
                    .Select(r => $"{Short(r.Item1)} ({r.Item2})");
                w.Line($"// Called through its custom rules, its body not read: {Short(rule.Function)} by {string.Join(" and ", rules)}.");
            }
        }

        /// <summary>Type.Method of a callee's C# text (global::N.Type.Method).</summary>
        private static string Short(string callee)
        {
            var parts = callee.Split('.');
            return parts.Length >= 2 ? parts[parts.Length - 2].Replace("global::", "") + "." + parts[parts.Length - 1] : callee;
        }

        public static string Emit(MethodModel model, Derivation derivation)
        {
            var userNames = model.Locals.ToDictionary(l => l.Node, l => l.Name);
            var notation = new Notation(derivation.Graph.Nodes, userNames);
            var wrt = model.Wrt.Select(name => model.Parameters.First(p => p.Name == name)).ToList();

            var w = new SourceWriter();
            w.Line("// <auto-generated/>");
            w.Line("// Generated by GradGen from the [Differentiable] method " + TypeName(model) + "." + model.MethodName + ".");
            WriteInlined(w, model);
            w.Line("//");
            if (model.ReturnKind == ValueKind.Scalar) WriteGradientDerivation(w, model, derivation, notation, wrt);
            else JacobianEmitter.WriteDerivation(w, model, derivation, notation, wrt[0]);
            w.Line("#nullable enable");
            w.Line();

            if (model.Namespace.Length > 0) w.Open("namespace " + model.Namespace);
            foreach (var type in model.ContainingTypes) w.Open($"partial {type.Keyword} {type.NameWithTypeParameters}");

            if (model.ReturnKind == ValueKind.Scalar) WriteGradientMethods(w, model, derivation, notation, wrt);
            else JacobianEmitter.WriteMethods(w, model, derivation, notation, wrt[0]);
            if (model.Order == 2) HessianEmitter.WriteMethods(w, model, derivation, notation, wrt[0]);
            WriteShapeCheck(w, model);

            foreach (var _ in model.ContainingTypes) w.Close();
            if (model.Namespace.Length > 0) w.Close();
            return w.ToString();
        }

        private static void WriteGradientMethods(SourceWriter w, MethodModel model, Derivation derivation, Notation notation,
            List<ParameterModel> wrt)
        {
            string f = model.MethodName;
            string gradientType = wrt.Count == 1
                ? TypeOf(wrt[0].Kind)
                : "(" + string.Join(", ", wrt.Select(p => $"{TypeOf(p.Kind)} {p.Name}")) + ")";
            // A gradient that is a forward intermediate (∇ Σ A∘exp(X) = A∘exp(X)) keeps its forward name.
            var gradientRoots = wrt.Select((p, i) => (derivation.Gradients[i], derivation.Gradients[i] >= derivation.ForwardCount
                ? "grad" + p.Name : null)).ToList();

            string shapedLike = wrt.Count == 1 ? "the parameter" : "each parameter";
            WriteDoc(w, $"The gradient of <see cref=\"{f}\"/> with respect to {WrtList(wrt)}, shaped like {shapedLike}"
                + $" (d{FunctionName(model)} = tr(∇ᵀ dX) for a matrix X).");
            OpenMethod(w, model, $"{Modifiers(model)} {gradientType} Grad{f}({Parameters(model)})");
            WriteSymmetryChecks(w, model);
            var grads = new BodyWriter(derivation, model, notation).Write(w, gradientRoots);
            w.Line($"return {Tuple(grads.Select((g, i) => Owned(derivation, gradientRoots[i].Item1, g)).ToList())};");
            w.Close();
            w.Line();

            WriteDoc(w, $"The value of <see cref=\"{f}\"/> and its gradient with respect to {WrtList(wrt)}, sharing the forward pass. "
                + $"Value is what {f} returns, to rounding (traces of products and squared norms are summed in O(n²) here).");
            OpenMethod(w, model, $"{Modifiers(model)} (double Value, {gradientType} Gradient) ValueAndGrad{f}({Parameters(model)})");
            WriteSymmetryChecks(w, model);
            var roots = new List<(int, string?)> { (derivation.Value, "value") };
            roots.AddRange(gradientRoots);
            var exprs = new BodyWriter(derivation, model, notation).Write(w, roots);
            var gradientExprs = exprs.Skip(1).Select((g, i) => Owned(derivation, gradientRoots[i].Item1, g)).ToList();
            w.Line($"return ({exprs[0]}, {Tuple(gradientExprs)});");
            w.Close();

            if (GeneratedMembers.WritesInto(model.ReturnKind, wrt.Select(p => p.Kind)))
            {
                WriteIntoMethods(w, model, derivation, notation, wrt);
            }
        }

        /// <summary>
        /// GradFInto and ValueAndGradFInto: the same bodies, with each gradient written into a caller's
        /// matrix or vector (checked first: its shape, and that it is none of the inputs), so a loop that
        /// evaluates F many times allocates no result.
        /// </summary>
        private static void WriteIntoMethods(SourceWriter w, MethodModel model, Derivation derivation, Notation notation,
            List<ParameterModel> wrt)
        {
            string f = model.MethodName;
            // Not a parameter, a member (a static field read by name would be shadowed) or any identifier of the body.
            var taken = new HashSet<string>(model.ReservedNames);
            var results = wrt.Select(p => Unique("grad" + p.Name, taken)).ToList();
            string extra = string.Concat(wrt.Select((p, i) => $", {TypeOf(p.Kind)} {results[i]}"));
            var into = wrt.Select((p, i) => (derivation.Gradients[i], results[i])).ToList();
            string described = string.Join(", ",
                wrt.Select((p, i) => $"<paramref name=\"{results[i]}\"/> (like <paramref name=\"{p.Name}\"/>)"));
            w.Line();

            WriteDoc(w, $"The gradient of <see cref=\"{f}\"/> written into {described}, which must not be any of the inputs.");
            OpenMethod(w, model, $"{Modifiers(model)} void Grad{f}Into({Parameters(model, extra)})");
            WriteResultChecks(w, model, wrt, results);
            WriteSymmetryChecks(w, model);
            new BodyWriter(derivation, model, notation).Write(w, into.Select(t => (t.Item1, (string?)null)).ToList(), into: into);
            w.Close();
            w.Line();

            WriteDoc(w, $"The value of <see cref=\"{f}\"/> (as ValueAndGrad{f} computes it), with its gradient written "
                + $"into {described}, which must not be any of the inputs.");
            OpenMethod(w, model, $"{Modifiers(model)} double ValueAndGrad{f}Into({Parameters(model, extra)})");
            WriteResultChecks(w, model, wrt, results);
            WriteSymmetryChecks(w, model);
            var roots = new List<(int, string?)> { (derivation.Value, "value") };
            roots.AddRange(into.Select(t => (t.Item1, (string?)null)));
            var value = new BodyWriter(derivation, model, notation).Write(w, roots, into: into);
            w.Line($"return {value[0]};");
            w.Close();
        }

        /// <summary>Each result is shaped like its parameter and is none of the matrix or vector inputs, nor another result.</summary>
        internal static void WriteResultChecks(SourceWriter w, MethodModel model, List<ParameterModel> wrt, List<string> results)
        {
            var inputs = model.Parameters.Where(p => p.Kind != ValueKind.Scalar).Select(p => p.Name)
                .Concat(model.Nodes.Where(n => n.Op == Op.Member && n.Kind != ValueKind.Scalar).Select(n => n.Name).Distinct())
                .ToList();
            for (int i = 0; i < wrt.Count; i++)
            {
                var others = inputs.Concat(results.Where((_, j) => j != i));
                w.Line($"{Runtime}.RequireResult({results[i]}, {wrt[i].Name}, nameof({results[i]}), {string.Join(", ", others)});");
            }
        }

        private static string Unique(string name, HashSet<string> taken)
        {
            string candidate = name;
            while (!taken.Add(candidate)) candidate += "_";
            return candidate;
        }

        private static void WriteGradientDerivation(SourceWriter w, MethodModel model, Derivation d, Notation notation,
            List<ParameterModel> wrt)
        {
            string f = FunctionName(model);
            w.Line($"//   {f}({string.Join(", ", wrt.Select(p => p.Name))}) = {notation.Describe(d.Value)}");
            WriteLocals(w, model, notation);
            w.Line("//");
            w.Line($"//   d{f} = {string.Join(" + ", wrt.Select(p => Differential(p)))}, with");
            for (int i = 0; i < wrt.Count; i++)
            {
                w.Line($"//   ∇_{wrt[i].Name} {f} = {notation.Describe(d.Gradients[i])}");
            }
            if (model.Order == 2) HessianEmitter.WriteDerivation(w, model, d, notation, wrt[0]);
            w.Line("//");
            CostList.Write(w, $"Grad{model.MethodName}", d, notation, d.Gradients);
            CostList.Write(w, $"ValueAndGrad{model.MethodName}", d, notation, d.Gradients.Concat(new[] { d.Value }));
            w.Line("//");
        }

        internal static void WriteLocals(SourceWriter w, MethodModel model, Notation notation)
        {
            foreach (var local in model.Locals) w.Line($"//     where {local.Name} = {notation.Describe(local.Node)}");
        }

        /// <summary>The seed notes write g(X) for a method G: one-letter names go lower case, longer ones stay.</summary>
        internal static string FunctionName(MethodModel model)
            => model.MethodName.Length == 1 ? model.MethodName.ToLowerInvariant() : model.MethodName;

        private static string Differential(ParameterModel p) => p.Kind switch
        {
            ValueKind.Scalar => $"∇_{p.Name}·d{p.Name}",
            ValueKind.Vector => $"(∇_{p.Name})ᵀ d{p.Name}",
            _ => $"tr((∇_{p.Name})ᵀ d{p.Name})",
        };

        /// <summary>Debug-build checks that [Symmetric] inputs are symmetric: the simplifications rely on it.</summary>
        internal static void WriteSymmetryChecks(SourceWriter w, MethodModel model)
        {
            foreach (var name in model.Symmetric)
            {
                string shown = Notation.ShortName(name);
                w.Line($"global::System.Diagnostics.Debug.Assert(global::GradGen.Runtime.MatrixFunctions.IsSymmetric({name}), "
                    + $"\"{shown} is declared [Symmetric] but is not symmetric\");");
            }
        }

        internal static string Modifiers(MethodModel model) => model.Accessibility + (model.IsStatic ? " static" : "");

        internal static string Parameters(MethodModel model, string extra = "")
            => string.Join(", ", model.Parameters.Select(p => $"{p.TypeName} {p.Name}")) + extra;

        /// <summary>A result that is an input itself is cloned, so callers never alias their arguments.</summary>
        internal static string Owned(Derivation d, int node, string expr)
            => d.Graph[node].Op is Op.Param or Op.Member && d.Graph[node].Kind != ValueKind.Scalar ? expr + ".Clone()" : expr;

        private static string Tuple(IReadOnlyList<string> items) => items.Count == 1 ? items[0] : "(" + string.Join(", ", items) + ")";

        private static string WrtList(List<ParameterModel> wrt) => string.Join(", ", wrt.Select(p => $"<paramref name=\"{p.Name}\"/>"));

        private static string TypeName(MethodModel model) => string.Join(".", model.ContainingTypes.Select(t => t.NameWithTypeParameters));

        internal static void WriteDoc(SourceWriter w, params string[] summary)
        {
            w.Line("/// <summary>");
            foreach (var line in summary)
            {
                foreach (var part in w.Wrap(line, prefixLength: 4)) w.Line("/// " + part);
            }
            w.Line("/// </summary>");
            w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"GradGen\", \"{Version}\")]");
        }
    }
}

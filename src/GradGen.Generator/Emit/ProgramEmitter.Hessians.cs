using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// HvpF and HessianF of a body with statements: forward over reverse. The forward pass carries a tangent beside each
    /// active variable (along V) and keeps both on the tape; the reverse pass carries, beside each adjoint v̄, its tangent
    /// dv̄, each statement adding the tangents of its adjoint terms (the derivative of ⟨v̄, de⟩'s VJP along the reads'
    /// tangents and dv̄). The tangent of X̄ is ∇²f[V].
    /// </summary>
    internal sealed partial class ProgramEmitter
    {
        internal void WriteHessianMethods(SourceWriter w)
        {
            var x = _model.Parameters.First(p => p.Name == _model.Wrt[0]);
            string f = _model.MethodName, xType = TypeOf(x.Kind), v = _tangents[x.Name], modifiers = GradientEmitter.Modifiers(_model);
            w.Line();
            GradientEmitter.WriteDoc(w, $"The Hessian of <see cref=\"{f}\"/> applied to <paramref name=\"{v}\"/>: the derivative of "
                + $"Grad{f} along {v}, by forward mode over the reverse pass through its statements.");
            GradientEmitter.OpenMethod(w, _model, $"{modifiers} {xType} Hvp{f}({GradientEmitter.Parameters(_model, $", {xType} {v}")})");
            GradientEmitter.WriteSymmetryChecks(w, _model);
            WriteDeclarations(w, "// The body's variables with their tangents along V, their adjoints with theirs (dv̄), and the tape.",
                tangents: true, adjoints: true);
            w.Line();
            w.Line("// Forward pass: each statement's differential along V, then the statement, keeping both.");
            Forward(w, _program.Body, 0);
            w.Line();
            w.Line("// Reverse pass: each statement's adjoint and the adjoint's tangent, last statement first.");
            ReverseResult(w, null);
            Reverse(w, _program.Body, 0);
            string dbar = _barTangents[x.Name];
            w.Line($"return {(x.Kind == ValueKind.Scalar ? dbar : $"{Adjoints}.OrZero({dbar}, {x.Name})")};");
            w.Close();
            w.Line();

            GradientEmitter.WriteDoc(w, $"The Hessian of <see cref=\"{f}\"/> with respect to <paramref name=\"{x.Name}\"/>: the mn×mn "
                + $"matrix H with vec(Hvp{f}(V)) = H·vec(V), from mn calls of Hvp{f}.");
            GradientEmitter.OpenMethod(w, _model, $"{modifiers} {Matrix} Hessian{f}({GradientEmitter.Parameters(_model)})");
            string arguments = string.Join(", ", _model.Parameters.Select(p => p.Name));
            string inputs = Claim("inputs"), hessian = Claim("hessian"), k = Claim("k");
            const string jacobians = "global::GradGen.Runtime.Jacobians";
            w.Line($"int {inputs} = {Count(x.Name, x.Kind)};");
            w.Line($"var {hessian} = {Matrix}.Build.Dense({inputs}, {inputs});");
            w.Open($"for (int {k} = 0; {k} < {inputs}; {k}++)");
            w.Line($"{hessian}.SetColumn({k}, {jacobians}.Vec(Hvp{f}({arguments}, {jacobians}.Unit({x.Name}, {k}))));");
            w.Close();
            w.Line($"return {hessian};");
            w.Close();
        }
    }
}

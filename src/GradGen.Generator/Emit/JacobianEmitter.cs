using System.Collections.Generic;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// The methods of a matrix- or vector-valued F(X): JvpF (forward mode: dF along dX), VjpF (reverse
    /// mode: G with tr(F̄ᵀ dF) = tr(Gᵀ dX)), and JacobianF, the pq×mn matrix J with vec(dF) = J vec(dX)
    /// (vec stacks columns), built from whichever of mn JVPs or pq VJPs is fewer. None of them forms
    /// a Kronecker product: each JVP or VJP costs about as much as F.
    /// </summary>
    internal static class JacobianEmitter
    {
        public static void WriteDerivation(SourceWriter w, MethodModel model, Derivation d, Notation notation, ParameterModel x)
        {
            string f = GradientEmitter.FunctionName(model);
            string dX = d.Graph[d.Jvp.Direction].Name, fbar = d.Graph[d.Vjp.Seed].Name;
            w.Line($"//   {f}({x.Name}) = {notation.Describe(d.Value)}");
            GradientEmitter.WriteLocals(w, model, notation);
            w.Line("//");
            w.Line($"//   d{f} = {notation.Describe(d.Jvp.Tangent)}");
            if (KroneckerForm.Write(d.Kronecker, notation) is { } k)
            {
                w.Line($"//   vec(d{f}) = J vec({dX}) with J = {k.J}");
                w.Line($"//   ∂{f}/∂{x.Name} = Jᵀ = {k.Transposed}   (the tables' layout)");
            }
            w.Line($"//   tr({fbar}ᵀ d{f}) = tr(Gᵀ {dX}) with G = {notation.Describe(d.Vjp.Adjoint)}");
            w.Line("//");
        }

        public static void WriteMethods(SourceWriter w, MethodModel model, Derivation d, Notation notation, ParameterModel x)
        {
            string f = model.MethodName;
            string resultType = TypeOf(model.ReturnKind), xType = TypeOf(x.Kind);
            string dX = d.Graph[d.Jvp.Direction].Name, fbar = d.Graph[d.Vjp.Seed].Name;
            const string forwardMode = "// Forward mode: the differential rules, d(XY) = dX Y + X dY.";

            GradientEmitter.WriteDoc(w,
                $"The directional derivative of <see cref=\"{f}\"/> along <paramref name=\"{dX}\"/>: dF = J·vec(d{x.Name}) reshaped "
                    + $"like F (a Jacobian-vector product).");
            string jvpParameters = GradientEmitter.Parameters(model, $", {xType} {dX}");
            GradientEmitter.OpenMethod(w, model, $"{GradientEmitter.Modifiers(model)} {resultType} Jvp{f}({jvpParameters})");
            GradientEmitter.WriteSymmetryChecks(w, model);
            var jvpBody = new BodyWriter(d, model, notation);
            var jvp = jvpBody.Write(w, new List<(NodeId, string?)> { (d.Jvp.Tangent, "d" + f) }, derivativeHeader: forwardMode);
            jvpBody.WriteRecycling(w);
            w.Line($"return {GradientEmitter.Owned(d, d.Jvp.Tangent, jvp[0])};");
            w.Close();
            w.Line();

            GradientEmitter.WriteDoc(w,
                $"The vector-Jacobian product of <see cref=\"{f}\"/>: the G shaped like <paramref name=\"{x.Name}\"/> with tr({fbar}ᵀ "
                    + $"dF) = tr(Gᵀ d{x.Name}), i.e. vec(G) = Jᵀ vec({fbar}).");
            string vjpParameters = GradientEmitter.Parameters(model, $", {resultType} {fbar}");
            GradientEmitter.OpenMethod(w, model, $"{GradientEmitter.Modifiers(model)} {xType} Vjp{f}({vjpParameters})");
            GradientEmitter.WriteSymmetryChecks(w, model);
            var vjpBody = new BodyWriter(d, model, notation);
            var vjp = vjpBody.Write(w, new List<(NodeId, string?)> { (d.Vjp.Adjoint, "grad" + x.Name) });
            vjpBody.WriteRecycling(w);
            w.Line($"return {GradientEmitter.Owned(d, d.Vjp.Adjoint, vjp[0])};");
            w.Close();
            w.Line();

            GradientEmitter.WriteDoc(w,
                $"The Jacobian of <see cref=\"{f}\"/> with respect to <paramref name=\"{x.Name}\"/>: the pq×mn matrix J with vec(dF) = "
                    + $"J·vec(d{x.Name}),",
                "vec stacking columns (MathNet's storage order). Its transpose is the derivative ∂F/∂X in the layout of Magnus and "
                    + "Neudecker's tables.",
                "Built from mn JVPs or pq VJPs, whichever are fewer, sharing one forward pass.");
            GradientEmitter.OpenMethod(w, model,
                $"{GradientEmitter.Modifiers(model)} {Matrix} Jacobian{f}({GradientEmitter.Parameters(model)})");
            GradientEmitter.WriteSymmetryChecks(w, model);
            var body = new BodyWriter(d, model, notation);
            var hoist = body.ForwardFrontier(new[] { d.Jvp.Tangent, d.Vjp.Adjoint });
            string value = body.Write(w, new List<(NodeId, string?)> { (d.Value, "value") }, hoist)[0];
            string inputs = Count(x.Name, x.Kind), outputs = Count(value, model.ReturnKind);
            w.Line($"int inputs = {inputs}, outputs = {outputs};");
            w.Line($"var jacobian = {Matrix}.Build.Dense(outputs, inputs);");
            w.Open("if (inputs <= outputs)");
            body.WriteDirectionLoop(w, "inputs", dX, x.Name, d.Jvp.Tangent, "d" + f, "jacobian", "SetColumn",
                "// column k: the JVP along the k-th unit direction");
            w.Close();
            w.Open("else");
            body.WriteDirectionLoop(w, "outputs", fbar, value, d.Vjp.Adjoint, "grad" + x.Name, "jacobian", "SetRow",
                "// row k: the VJP of the k-th unit output");
            w.Close();
            w.Line("return jacobian;");
            w.Close();
        }
    }
}

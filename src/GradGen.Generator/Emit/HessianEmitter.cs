using System.Collections.Generic;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Second order, with [Differentiable(Order = 2)]: HvpF, the derivative of the generated gradient
    /// along V (forward mode over reverse mode, no tape and no Kronecker product), and HessianF,
    /// the mn×mn matrix H with vec(HvpF(V)) = H vec(V), built from mn HVPs after one forward pass.
    /// </summary>
    internal static class HessianEmitter
    {
        public static void WriteDerivation(SourceWriter w, MethodModel model, Derivation d, Notation notation, ParameterModel x)
        {
            string f = GradientEmitter.FunctionName(model);
            string v = d.Graph[d.Hvp.Direction].Name;
            w.Line($"//   ∇²{f}[{v}] = d(∇_{x.Name} {f}) along d{x.Name} = {v}: {notation.Describe(d.Hvp.Product)}");
            if (KroneckerForm.Write(d.Kronecker, notation) is { } k)
            {
                w.Line($"//   vec(∇²{f}[{v}]) = H vec({v}) with H = {k.J}");
            }
        }

        public static void WriteMethods(SourceWriter w, MethodModel model, Derivation d, Notation notation, ParameterModel x)
        {
            string f = model.MethodName;
            string xType = TypeOf(x.Kind);
            string v = d.Graph[d.Hvp.Direction].Name;
            const string secondOrder = "// Second order: the differential rules applied to the gradient, along V.";
            w.Line();

            GradientEmitter.WriteDoc(w,
                $"The Hessian of <see cref=\"{f}\"/> applied to <paramref name=\"{v}\"/>: the derivative of Grad{f} along {v}, shaped "
                    + $"like <paramref name=\"{x.Name}\"/>.");
            GradientEmitter.OpenMethod(w, model,
                $"{GradientEmitter.Modifiers(model)} {xType} Hvp{f}({GradientEmitter.Parameters(model, $", {xType} {v}")})");
            GradientEmitter.WriteSymmetryChecks(w, model);
            var hvpBody = new BodyWriter(d, model, notation);
            var hvp = hvpBody.Write(w, new List<(NodeId, string?)> { (d.Hvp.Product, "hvp") }, derivativeHeader: secondOrder);
            hvpBody.WriteRecycling(w);
            w.Line($"return {GradientEmitter.Owned(d, d.Hvp.Product, hvp[0])};");
            w.Close();
            w.Line();

            GradientEmitter.WriteDoc(w,
                $"The Hessian of <see cref=\"{f}\"/> with respect to <paramref name=\"{x.Name}\"/>: the mn×mn matrix H with "
                    + $"vec(Hvp{f}(V)) = H·vec(V),",
                "vec stacking columns; symmetric up to rounding. Built from mn HVPs sharing one forward pass.");
            GradientEmitter.OpenMethod(w, model,
                $"{GradientEmitter.Modifiers(model)} {Matrix} Hessian{f}({GradientEmitter.Parameters(model)})");
            GradientEmitter.WriteSymmetryChecks(w, model);
            var body = new BodyWriter(d, model, notation);
            body.Write(w, new List<(NodeId, string?)>(), body.ForwardFrontier(new[] { d.Hvp.Product }));
            w.Line($"int inputs = {Count(x.Name, x.Kind)};");
            w.Line($"var hessian = {Matrix}.Build.Dense(inputs, inputs);");
            body.WriteDirectionLoop(w, "inputs", v, x.Name, d.Hvp.Product, "hvp", "hessian", "SetColumn",
                "// column k: the HVP along the k-th unit direction");
            w.Line("return hessian;");
            w.Close();
        }
    }
}

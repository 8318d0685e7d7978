using System;
using System.Linq;
using System.Reflection;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Precision
{
    /// <summary>
    /// Methods written in float: each float objective has a double twin with the same body in the same assembly. The float
    /// gradient must equal the double twin's at the same (float-representable) data to float rounding, and the double twin
    /// is checked against central differences, so the float members differentiate the function the user wrote.
    /// </summary>
    public class SinglePrecisionTests
    {
        private const string Objectives = @"
public static partial class F32
{
    [Differentiable]
    public static float Cvpr(Matrix<float> X, Matrix<float> A, Matrix<float> B, Matrix<float> Xu)
    {
        var Y = A - X * B * X.Transpose();
        return (float)(Y.FrobeniusNorm() * Y.FrobeniusNorm()) - (Xu.Transpose() * X).Trace();
    }

    [Differentiable(nameof(w), nameof(X), nameof(lambda))]
    public static float Logistic(Vector<float> w, Matrix<float> X, float lambda)
        => X.Multiply(w).Map(z => MathF.Log(1f + MathF.Exp(z))).Sum() + 0.5f * lambda * w.DotProduct(w);

    [Differentiable(nameof(x))]
    public static float Loop(Vector<float> x, Matrix<float> A)
    {
        float loss = 0f;
        for (int i = 0; i < A.RowCount; i++)
        {
            var r = (float)Math.Tanh(A.Row(i).DotProduct(x));
            loss += r * r;
        }
        return loss;
    }

    [Differentiable]
    public static Matrix<float> Layer(Matrix<float> X, Matrix<float> A) => A * X.PointwiseTanh();

    [Differentiable(Order = 2)]
    public static float Quartic(Vector<float> x) => x.PointwisePower(4f).Sum() + (float)Math.Sqrt(1 + x.DotProduct(x));
}

public static partial class F64
{
    [Differentiable]
    public static double Cvpr(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
    {
        var Y = A - X * B * X.Transpose();
        return Y.FrobeniusNorm() * Y.FrobeniusNorm() - (Xu.Transpose() * X).Trace();
    }

    [Differentiable(nameof(w), nameof(X), nameof(lambda))]
    public static double Logistic(Vector<double> w, Matrix<double> X, double lambda)
        => X.Multiply(w).Map(z => Math.Log(1.0 + Math.Exp(z))).Sum() + 0.5 * lambda * w.DotProduct(w);

    [Differentiable(nameof(x))]
    public static double Loop(Vector<double> x, Matrix<double> A)
    {
        double loss = 0.0;
        for (int i = 0; i < A.RowCount; i++)
        {
            var r = Math.Tanh(A.Row(i).DotProduct(x));
            loss += r * r;
        }
        return loss;
    }

    [Differentiable]
    public static Matrix<double> Layer(Matrix<double> X, Matrix<double> A) => A * X.PointwiseTanh();

    [Differentiable(Order = 2)]
    public static double Quartic(Vector<double> x) => x.PointwisePower(4.0).Sum() + Math.Sqrt(1 + x.DotProduct(x));
}";

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Objectives));

        private static object? Call(string type, string method, params object?[] args) => s_assembly.Value.Static(type, method)(args);

        /// <summary>Random data that float holds exactly, as float and as the same values in double.</summary>
        private static (Matrix<float> Single, Matrix<double> Double) Data(RandomMatrices r, int rows, int columns)
        {
            var single = r.Matrix(rows, columns).Map(v => (float)v);
            return (single, single.Map(v => (double)v));
        }

        private static (Vector<float> Single, Vector<double> Double) Data(RandomMatrices r, int length)
        {
            var single = r.Vector(length).Map(v => (float)v);
            return (single, single.Map(v => (double)v));
        }

        private static double Error(Matrix<float> actual, Matrix<double> expected)
            => (actual.Map(v => (double)v) - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), 1e-12);

        private static double Error(Vector<float> actual, Vector<double> expected)
            => (actual.Map(v => (double)v) - expected).L2Norm() / Math.Max(expected.L2Norm(), 1e-12);

        // A float result is the double result rounded once: 2⁻²⁴ relative per entry, ≈ 6e-8 in norm.
        private const double FloatRounding = 2e-7;

        [Fact]
        public void The_CVPR_gradient_in_float_is_the_double_gradient_rounded_once_and_the_double_one_matches_central_differences()
        {
            var r = new RandomMatrices(32);
            var (x, x64) = Data(r, 6, 4);
            var (a, a64) = Data(r, 6, 6);
            var (b, b64) = Data(r, 4, 4);
            var (xu, xu64) = Data(r, 6, 4);

            var grad = (Matrix<float>)Call("F32", "GradCvpr", x, a, b, xu)!;
            var grad64 = (Matrix<double>)Call("F64", "GradCvpr", x64, a64, b64, xu64)!;
            Assert.True(Error(grad, grad64) < FloatRounding, $"float against double: {Error(grad, grad64):E2}");

            var y = a64 - x64 * b64 * x64.Transpose();
            var closedForm = -2 * (y * x64 * b64.Transpose() + y.Transpose() * x64 * b64) - xu64;
            Assert.True(Compare.RelativeError(grad64, closedForm) < 1e-12);
            var numerical = GradientCheck.Numerical(v => (double)Call("F64", "Cvpr", v, a64, b64, xu64)!, x64, step: 1e-6);
            Assert.True(Compare.RelativeError(grad64, numerical) < 1e-7);

            var (value, gradient) = ((float, Matrix<float>))Call("F32", "ValueAndGradCvpr", x, a, b, xu)!;
            float expected = (float)Call("F32", "Cvpr", x, a, b, xu)!;
            Assert.True(Math.Abs(value - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{value} against {expected}");
            Assert.Equal(grad, gradient);
        }

        [Fact]
        public void The_float_members_recycle_their_widened_inputs_without_touching_a_result_the_caller_holds()
        {
            const int n = 40;   // above Scratch.MinEntries
            var r = new RandomMatrices(33);
            object[] Draw() => new object[] { Data(r, n, n).Item1, Data(r, n, n).Item1, Data(r, n, n).Item1, Data(r, n, n).Item1 };
            var (first, second) = (Draw(), Draw());
            Scratch.Release();
            var grad = (Matrix<float>)Call("F32", "GradCvpr", first)!;
            var kept = grad.Clone();
            Assert.True(Scratch.Held >= 4, $"{Scratch.Held} matrices recycled");   // X, A, B, Xu widened, and more
            var into = Matrix<float>.Build.Dense(n, n);
            Call("F32", "GradCvprInto", second.Append(into).ToArray());
            Assert.Equal(kept, grad);
            Scratch.Release();
            Assert.Equal((Matrix<float>)Call("F32", "GradCvpr", second)!, into);
        }

        [Fact]
        public void Float_lambdas_MathF_literals_and_scalars_differentiate_like_their_double_twin()
        {
            var r = new RandomMatrices(33);
            var (w, w64) = Data(r, 5);
            var (x, x64) = Data(r, 9, 5);
            var (gw, gx, gl) = ((Vector<float>, Matrix<float>, float))Call("F32", "GradLogistic", w, x, 0.25f)!;
            var (gw64, gx64, gl64) = ((Vector<double>, Matrix<double>, double))Call("F64", "GradLogistic", w64, x64, (double)0.25f)!;
            Assert.True(Error(gw, gw64) < FloatRounding, $"w: {Error(gw, gw64):E2}");
            Assert.True(Error(gx, gx64) < FloatRounding, $"X: {Error(gx, gx64):E2}");
            Assert.True(Math.Abs(gl - gl64) <= 1e-6 * Math.Abs(gl64), $"lambda: {gl} against {gl64}");
            var numerical = GradientCheck.Numerical(v => (double)Call("F64", "Logistic", v, x64, 0.25)!, w64, step: 1e-6);
            Assert.True((gw64 - numerical).L2Norm() / numerical.L2Norm() < 1e-7);
        }

        [Fact]
        public void A_float_loop_and_its_Into_form_differentiate_like_their_double_twin()
        {
            var r = new RandomMatrices(34);
            var (x, x64) = Data(r, 4);
            var (a, a64) = Data(r, 7, 4);
            var grad = (Vector<float>)Call("F32", "GradLoop", x, a)!;
            var grad64 = (Vector<double>)Call("F64", "GradLoop", x64, a64)!;
            Assert.True(Error(grad, grad64) < FloatRounding, $"{Error(grad, grad64):E2}");
            var numerical = GradientCheck.Numerical(v => (double)Call("F64", "Loop", v, a64)!, x64, step: 1e-6);
            Assert.True((grad64 - numerical).L2Norm() / numerical.L2Norm() < 1e-7);

            var into = Vector<float>.Build.Dense(4);
            float value = (float)Call("F32", "ValueAndGradLoopInto", x, a, into)!;
            Assert.Equal(grad, into);
            Assert.True(Math.Abs(value - (float)Call("F32", "Loop", x, a)!) < 1e-5);
        }

        [Fact]
        public void Float_Jacobians_JVPs_VJPs_and_Hessians_are_the_double_ones_rounded()
        {
            var r = new RandomMatrices(35);
            var (x, x64) = Data(r, 3, 2);
            var (a, a64) = Data(r, 4, 3);
            var (dx, dx64) = Data(r, 3, 2);
            var (bar, bar64) = Data(r, 4, 2);
            var jacobian = (Matrix<float>)Call("F32", "JacobianLayer", x, a)!;
            Assert.True(Error(jacobian, (Matrix<double>)Call("F64", "JacobianLayer", x64, a64)!) < FloatRounding);
            var jvp = (Matrix<float>)Call("F32", "JvpLayer", x, a, dx)!;
            Assert.True(Error(jvp, (Matrix<double>)Call("F64", "JvpLayer", x64, a64, dx64)!) < FloatRounding);
            var vjp = (Matrix<float>)Call("F32", "VjpLayer", x, a, bar)!;
            Assert.True(Error(vjp, (Matrix<double>)Call("F64", "VjpLayer", x64, a64, bar64)!) < FloatRounding);

            var (v, v64) = Data(r, 3);
            var (p, p64) = Data(r, 3);
            var hessian = (Matrix<float>)Call("F32", "HessianQuartic", v)!;
            var hessian64 = (Matrix<double>)Call("F64", "HessianQuartic", v64)!;
            Assert.True(Error(hessian, hessian64) < FloatRounding, $"{Error(hessian, hessian64):E2}");
            var hvp = (Vector<float>)Call("F32", "HvpQuartic", v, p)!;
            Assert.True(Error(hvp, hessian64 * p64) < 1e-6);
        }

        [Fact]
        public void A_float_Into_result_of_the_wrong_shape_names_the_method_and_the_argument()
        {
            var r = new RandomMatrices(36);
            var (x, _) = Data(r, 6, 4);
            var (a, _) = Data(r, 6, 6);
            var (b, _) = Data(r, 4, 4);
            var wrong = Matrix<float>.Build.Dense(4, 6);
            var e = Assert.Throws<TargetInvocationException>(() => Call("F32", "GradCvprInto", x, a, b, x, wrong));
            var argument = Assert.IsType<ArgumentException>(e.InnerException);
            Assert.Equal("gradX", argument.ParamName);
            Assert.StartsWith("GradCvprInto: gradX must be shaped like X (X is 6×4, gradX is 4×6)", argument.Message);
        }

        [Fact]
        public void The_generated_file_of_a_float_method_keeps_the_double_members_private_and_reads_the_derivation_once()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Objectives);
            Assert.Empty(run.Errors);
            string file = run.Files.Values.Single(f => f.Contains("method F32.Cvpr "));
            Assert.Contains("private static global::MathNet.Numerics.LinearAlgebra.Matrix<double> GradCvpr(", file);
            Assert.Contains("public static global::MathNet.Numerics.LinearAlgebra.Matrix<float> GradCvpr(", file);
            Assert.DoesNotContain("private static void GradCvprInto(", file);
            Assert.Single(file.Split('\n'), l => l.Contains("∇_X Cvpr ="));
            Snapshot.Verify("Precision.CvprFloat", file);
        }

        [Fact]
        public void A_float_method_beside_a_double_overload_is_GG0009_and_the_double_one_still_generates()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + @"public static partial class Objectives
{
    [Differentiable] public static float F(Matrix<float> X) => X.Trace();
    [Differentiable] public static double F(Matrix<double> X) => X.Trace();
}");
            var clash = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0009", clash.Id);
            Assert.Contains("a float method beside a [Differentiable] overload", clash.GetMessage());
            Assert.Empty(run.Errors);
            Assert.Contains("public static global::MathNet.Numerics.LinearAlgebra.Matrix<double> GradF(", run.Single());
        }
    }
}

using System;
using System.Linq;
using System.Reflection;
using GradGen.Generator.Emit;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Precision
{
    /// <summary>
    /// <c>ComputeInFloat</c>: a float method whose members compute in float (products on the sgemm). Its gradient must be the
    /// double twin's (checked against central differences in SinglePrecisionTests) to float arithmetic's accuracy, not to one
    /// rounding; the file must hold no double at all; and a body with no float kernel keeps the double facade and says why.
    /// </summary>
    public class FloatArithmeticTests
    {
        private const string Objectives = @"
public static partial class InFloat
{
    [Differentiable(ComputeInFloat = true)]
    public static float Cvpr(Matrix<float> X, Matrix<float> A, Matrix<float> B, Matrix<float> Xu)
    {
        var Y = A - X * B * X.Transpose();
        return (float)(Y.FrobeniusNorm() * Y.FrobeniusNorm()) - (Xu.Transpose() * X).Trace();
    }

    [Differentiable(nameof(X), nameof(A), nameof(s), ComputeInFloat = true)]
    public static float Scaled(Matrix<float> X, Matrix<float> A, float s) => s * (A * X).Trace() + 0.25f * (X.Transpose() * X).Trace();

    [Differentiable(nameof(x), ComputeInFloat = true)]
    public static float Root(Vector<float> x) => (float)Math.Sqrt(1 + x.DotProduct(x));

    [Differentiable(nameof(w), nameof(X), nameof(lambda), ComputeInFloat = true)]
    public static float Logistic(Vector<float> w, Matrix<float> X, float lambda)
        => X.Multiply(w).Map(z => MathF.Log(1f + MathF.Exp(z))).Sum() + 0.5f * lambda * w.DotProduct(w);

    [Differentiable(nameof(x), ComputeInFloat = true)]
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

    [Differentiable(ComputeInFloat = true)]
    public static Matrix<float> Layer(Matrix<float> X, Matrix<float> A) => A * X.PointwiseTanh();

    [Differentiable(Order = 2, ComputeInFloat = true)]
    public static float Quartic(Vector<float> x) => x.PointwisePower(4f).Sum() + (float)Math.Sqrt(1 + x.DotProduct(x));

    public static float Weight = 0.5f;
    public static Matrix<float> M = Matrix<float>.Build.DenseOfArray(new[,] { { 1f, 2f }, { -3f, 0.5f } });

    [Differentiable(ComputeInFloat = true)]
    public static float Weighted(Matrix<float> X) => Weight * (M * X).Trace();

    [Differentiable(ComputeInFloat = true)]
    public static float InverseTrace(Matrix<float> X) => X.Inverse().Trace();
}

public static partial class InDouble
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

    [Differentiable(nameof(X), nameof(A), nameof(s))]
    public static double Scaled(Matrix<double> X, Matrix<double> A, double s) => s * (A * X).Trace() + 0.25 * (X.Transpose() * X).Trace();
}";

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Objectives));

        private static object? Call(string type, string method, params object?[] args) => s_assembly.Value.Static(type, method)(args);

        private static Matrix<float> Single(RandomMatrices r, int rows, int columns) => r.Matrix(rows, columns).Map(v => (float)(0.5 * v));

        private static Matrix<double> Wide(Matrix<float> m) => m.Map(v => (double)v);

        private static double Error(Matrix<float> actual, Matrix<double> expected)
            => (Wide(actual) - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), 1e-12);

        [Theory]
        [InlineData(6, 4)]
        [InlineData(120, 100)]   // several 48×8 tiles with edges, and sums of 100 products per entry
        public void The_CVPR_gradient_computed_in_float_is_the_double_one_to_float_accuracy(int m, int n)
        {
            var r = new RandomMatrices(m + n);
            var (x, a, b, xu) = (Single(r, m, n), Single(r, m, m), Single(r, n, n), Single(r, m, n));
            var grad = (Matrix<float>)Call("InFloat", "GradCvpr", x, a, b, xu)!;
            var grad64 = (Matrix<double>)Call("InDouble", "GradCvpr", Wide(x), Wide(a), Wide(b), Wide(xu))!;
            double error = Error(grad, grad64);
            // Float arithmetic: well above one rounding (6e-8), well below anything a wrong rule gives.
            Assert.True(error < 1e-5, $"float against double: {error:E2}");

            var (value, gradient) = ((float, Matrix<float>))Call("InFloat", "ValueAndGradCvpr", x, a, b, xu)!;
            double value64 = (double)Call("InDouble", "Cvpr", Wide(x), Wide(a), Wide(b), Wide(xu))!;
            Assert.True(Math.Abs(value - value64) <= 1e-5 * Math.Max(1, Math.Abs(value64)), $"{value} against {value64}");
            Assert.Equal(grad, gradient);

            var into = Matrix<float>.Build.Dense(m, n, float.NaN);
            float intoValue = (float)Call("InFloat", "ValueAndGradCvprInto", x, a, b, xu, into)!;
            Assert.Equal(grad, into);
            Assert.Equal(value, intoValue);
        }

        [Fact]
        public void Float_scalars_and_literals_become_float_and_the_scalar_gradient_is_right()
        {
            var r = new RandomMatrices(5);
            var (x, a) = (Single(r, 7, 5), Single(r, 5, 7));
            var (gx, ga, gs) = ((Matrix<float>, Matrix<float>, float))Call("InFloat", "GradScaled", x, a, 1.5f)!;
            var (gx64, ga64, gs64) = ((Matrix<double>, Matrix<double>, double))Call("InDouble", "GradScaled", Wide(x), Wide(a), 1.5)!;
            Assert.True(Error(gx, gx64) < 1e-6, $"X: {Error(gx, gx64):E2}");
            Assert.True(Error(ga, ga64) < 1e-6, $"A: {Error(ga, ga64):E2}");
            Assert.True(Math.Abs(gs - gs64) < 1e-5 * Math.Abs(gs64), $"s: {gs} against {gs64}");
        }

        [Fact]
        public void The_generated_file_computes_in_float_throughout_or_says_why_not()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Objectives);
            Assert.Empty(run.Errors);
            string cvpr = run.Files.Values.Single(f => f.Contains("method InFloat.Cvpr "));
            Assert.Contains("computes in float (ComputeInFloat)", cvpr);
            Assert.DoesNotContain("double", cvpr);
            Assert.Contains("ScaledProduct(-2.0f, Y, XB, transposeA: true)", cvpr);
            Snapshot.Verify("Precision.CvprInFloat", cvpr);

            // √ is System.Math's, of double only: its scalar is computed in double and cast back into the float body.
            string root = run.Files.Values.Single(f => f.Contains("method InFloat.Root "));
            Assert.Contains("computes in float (ComputeInFloat)", root);
            Assert.Contains("((float)global::System.Math.Sqrt(", root);
            var x = Vector<float>.Build.Dense(new[] { 0.5f, -1.25f, 2f });
            var grad = (Vector<float>)Call("InFloat", "GradRoot", x)!;
            var wide = x.Map(v => (double)v);
            var expected = wide / Math.Sqrt(1 + wide.DotProduct(wide));
            Assert.True((grad.Map(v => (double)v) - expected).L2Norm() < 1e-6 * expected.L2Norm());

            // The inverse has no float kernel yet: the facade computes in double, and the file names the reason.
            string inverse = run.Files.Values.Single(f => f.Contains("method InFloat.InverseTrace "));
            Assert.Contains("ComputeInFloat is set, but the gradient stays in double: MatrixFunctions.Inverse has no float kernel yet.",
                inverse);
            Assert.Contains("private static global::MathNet.Numerics.LinearAlgebra.Matrix<double> GradInverseTrace(", inverse);
            var m = Matrix<float>.Build.DenseOfArray(new[,] { { 2f, 0.5f }, { -1f, 3f } });
            var inverseGradient = (Matrix<float>)Call("InFloat", "GradInverseTrace", m)!;
            var mInverse = m.Map(v => (double)v).Inverse();
            var closedForm = -(mInverse * mInverse).Transpose();   // ∇ tr(X⁻¹) = −(X⁻²)ᵀ
            Assert.True((inverseGradient.Map(v => (double)v) - closedForm).FrobeniusNorm() < 1e-7 * closedForm.FrobeniusNorm());
        }

        private static Vector<double> Wide(Vector<float> v) => v.Map(x => (double)x);

        private static double Error(Vector<float> actual, Vector<double> expected)
            => (Wide(actual) - expected).L2Norm() / Math.Max(expected.L2Norm(), 1e-12);

        [Fact]
        public void Lambdas_loops_Jacobians_JVPs_VJPs_and_Hessians_computed_in_float_match_their_double_twins()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Objectives);
            foreach (string name in new[] { "Logistic", "Loop", "Layer", "Quartic" })
            {
                Assert.Contains("computes in float (ComputeInFloat)", run.Files.Values.Single(f => f.Contains($"method InFloat.{name} ")));
            }
            var r = new RandomMatrices(41);
            Vector<float> V(int n) => r.Vector(n).Map(v => (float)(0.5 * v));
            var (w, x) = (V(5), Single(r, 9, 5));
            var (gw, gx, gl) = ((Vector<float>, Matrix<float>, float))Call("InFloat", "GradLogistic", w, x, 0.25f)!;
            var (gw64, gx64, gl64) = ((Vector<double>, Matrix<double>, double))Call("InDouble", "GradLogistic", Wide(w), Wide(x), 0.25)!;
            Assert.True(Error(gw, gw64) < 1e-5 && Error(gx, gx64) < 1e-5 && Math.Abs(gl - gl64) < 1e-5 * Math.Abs(gl64), "logistic");

            var (v, a) = (V(4), Single(r, 7, 4));
            var loop = (Vector<float>)Call("InFloat", "GradLoop", v, a)!;
            Assert.True(Error(loop, (Vector<double>)Call("InDouble", "GradLoop", Wide(v), Wide(a))!) < 1e-5, "loop");

            var (lx, la, dx, bar) = (Single(r, 3, 2), Single(r, 4, 3), Single(r, 3, 2), Single(r, 4, 2));
            var jacobian = (Matrix<float>)Call("InFloat", "JacobianLayer", lx, la)!;
            Assert.True(Error(jacobian, (Matrix<double>)Call("InDouble", "JacobianLayer", Wide(lx), Wide(la))!) < 1e-5, "Jacobian");
            var jvp = (Matrix<float>)Call("InFloat", "JvpLayer", lx, la, dx)!;
            Assert.True(Error(jvp, (Matrix<double>)Call("InDouble", "JvpLayer", Wide(lx), Wide(la), Wide(dx))!) < 1e-5, "JVP");
            var vjp = (Matrix<float>)Call("InFloat", "VjpLayer", lx, la, bar)!;
            Assert.True(Error(vjp, (Matrix<double>)Call("InDouble", "VjpLayer", Wide(lx), Wide(la), Wide(bar))!) < 1e-5, "VJP");

            var (q, p) = (V(3), V(3));
            var hessian = (Matrix<float>)Call("InFloat", "HessianQuartic", q)!;
            var hessian64 = (Matrix<double>)Call("InDouble", "HessianQuartic", Wide(q))!;
            Assert.True(Error(hessian, hessian64) < 1e-5, $"Hessian: {Error(hessian, hessian64):E2}");
            var hvp = (Vector<float>)Call("InFloat", "HvpQuartic", q, p)!;
            Assert.True(Error(hvp, hessian64 * Wide(p)) < 1e-5, "HVP");
        }

        [Fact]
        public void Float_fields_are_read_as_they_are_in_a_float_body()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Objectives);
            string weighted = run.Files.Values.Single(f => f.Contains("method InFloat.Weighted "));
            Assert.Contains("computes in float (ComputeInFloat)", weighted);
            Assert.DoesNotContain("Widen", weighted);
            Assert.DoesNotContain("double", weighted);
            var x = Matrix<float>.Build.DenseOfArray(new[,] { { 0.25f, -1f }, { 2f, 1.5f } });
            var grad = (Matrix<float>)Call("InFloat", "GradWeighted", x)!;
            var m = Matrix<float>.Build.DenseOfArray(new[,] { { 1f, 2f }, { -3f, 0.5f } });
            Assert.Equal(m.Transpose().Multiply(0.5f), grad);   // ∇ w·tr(MX) = w Mᵀ, exact in float
        }

        [Fact]
        public void ComputeInFloat_on_a_double_method_is_GG0008_at_its_name()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + @"public static partial class Objectives
{
    [Differentiable(ComputeInFloat = true)] public static double F(Matrix<double> X) => X.Trace();
}");
            var d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0008", d.Id);
            Assert.Contains("ComputeInFloat is for a method written in float", d.GetMessage());
        }

        [Fact]
        public void Every_runtime_function_the_float_bodies_may_call_has_a_float_twin_for_each_double_overload()
        {
            var runtime = typeof(MatrixFunctions).Assembly;
            foreach (string name in SingleArithmetic.FloatTwins)
            {
                var (type, method) = (runtime.GetType("GradGen.Runtime." + name.Split('.')[0], throwOnError: true)!, name.Split('.')[1]);
                var overloads = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == method).ToList();
                string Signature(MethodInfo m, Func<string, string> map)
                    => string.Join(",", m.GetParameters().Select(p => map(p.ParameterType.ToString())));
                var signatures = overloads.Select(m => Signature(m, t => t)).ToHashSet();
                foreach (var wide in overloads.Where(m => m.GetParameters().Any(p => p.ParameterType.ToString().Contains("Double"))))
                {
                    string twin = Signature(wide, t => t.Replace("System.Double", "System.Single"));
                    Assert.True(signatures.Contains(twin), $"{name}({Signature(wide, t => t)}) has no float twin");
                }
                // And each has a float form: ShapeErrors.Mismatch takes its values as objects, so it serves both.
                // (Generic ones serve both by inference.)
                if (name == "ShapeErrors.Mismatch") continue;
                Assert.Contains(overloads, m => m.IsGenericMethodDefinition || Signature(m, t => t).Contains("Single"));
            }
        }
    }
}

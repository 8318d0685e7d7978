using System;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Statements;
using GradGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.Lambdas
{
    /// <summary>
    /// The user's own helper methods, inlined: each objective F calls helpers declared beside it (static, instance on this,
    /// another [Differentiable] method, nested, inside a lambda, as a method group), against central differences.
    /// </summary>
    public class HelperTests
    {
        public sealed record Case(string Name, string Helpers, string Method, Func<RandomMatrices, object[]> Draw, int WrtCount = 1);

        public static readonly Case[] All =
        {
            new("a scalar helper, twice", "static double Sq(double v) => v * v;",
                "double F(Vector<double> x) => Sq(x.DotProduct(x)) - Sq(x.Sum());", r => new object[] { r.Vector(4) }),
            new("a matrix helper: the CVPR residual", "static Matrix<double> Residual(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A - X * B * X.Transpose();",
                "double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => Math.Pow(Residual(X, A, B).FrobeniusNorm(), 2);",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 3), r.Matrix(3, 3) }),
            new("a helper with locals: log-sum-exp",
                "static double LogSumExp(Vector<double> z) { var e = z.PointwiseExp(); var total = e.Sum(); return Math.Log(total); }",
                "double F(Vector<double> w, Matrix<double> X) => LogSumExp(X * w) - w.Sum();", r => new object[] { r.Vector(3), r.Matrix(4, 3) }),
            new("nested helpers (wrt a)", "static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z)); static double Nll(double z) => -Math.Log(Sigmoid(z));",
                "double F(double a, double b) => Nll(a * b) + Sigmoid(a);", r => new object[] { r.Scalar(), r.Scalar() }),
            new("a helper inside a lambda", "static double Softplus(double z) => Math.Log(1 + Math.Exp(z));",
                "double F(Vector<double> w, Matrix<double> X) => (X * w).Map(z => Softplus(z) * 2).Sum();", r => new object[] { r.Vector(3), r.Matrix(5, 3) }),
            new("a helper as a method group", "static double Softplus(double z) => Math.Log(1 + Math.Exp(z));",
                "double F(Vector<double> w, Matrix<double> X) => (X * w).Map(Softplus).Sum();", r => new object[] { r.Vector(3), r.Matrix(5, 3) }),
            new("the size of a computed argument", "static double MeanSquare(Vector<double> v) => v.DotProduct(v) / v.Count;",
                "double F(Vector<double> x) => MeanSquare(x * 2.0) + MeanSquare(x);", r => new object[] { r.Vector(5) }),
            new("another [Differentiable] method, with respect to its second argument",
                "[Differentiable] public static double Quadratic(Vector<double> a, Vector<double> b) => a.DotProduct(b) * b.Sum();",
                "double F(Vector<double> x, Vector<double> c) => Quadratic(c, x) + Quadratic(x, x);", r => new object[] { r.Vector(3), r.Vector(3) }),
            new("a helper with a default argument", "static double Penalty(Vector<double> v, double weight = 0.5) => weight * v.DotProduct(v);",
                "double F(Vector<double> x) => Penalty(x) + Penalty(x, 2.0);", r => new object[] { r.Vector(3) }),
            new("helpers through a loop", "static Vector<double> Step(Matrix<double> W, Vector<double> h) => (W * h).PointwiseTanh();",
                "double F(Matrix<double> W, Vector<double> h0, int T) { var h = h0; for (int t = 0; t < T; t++) h = Step(W, h); return h.Sum(); }",
                r => new object[] { 0.5 * r.Matrix(3, 3), r.Vector(3), 3 }),
            // Helpers with statements: their loops and branches join the caller's program at the call.
            new("a helper with a loop over entries",
                "static double SumOfSquares(Vector<double> v) { double total = 0; for (int i = 0; i < v.Count; i++) total += v[i] * v[i]; return total; }",
                "double F(Vector<double> x) => SumOfSquares(x) * x.Sum();", r => new object[] { r.Vector(4) }),
            new("a helper with a branch, called twice",
                "static double Huber(double r, double delta) { double loss; if (Math.Abs(r) <= delta) loss = 0.5 * r * r; "
                    + "else loss = delta * (Math.Abs(r) - 0.5 * delta); return loss; }",
                "double F(double a) => Huber(2 * a, 1.0) + Huber(a, 0.25) * a;", r => new object[] { r.Scalar() }),
            new("a matrix power by a loop, with an int parameter",
                "static Matrix<double> Power(Matrix<double> A, int k) { var P = A; for (int i = 1; i < k; i++) P = P * A; return P; }",
                "double F(Matrix<double> X) { var cube = Power(X, 3); return cube.Trace() + Power(X.Transpose(), 2).FrobeniusNorm(); }",
                r => new object[] { 0.5 * r.Matrix(3, 3) }),
            new("a looping helper inside the caller's loop",
                "static Vector<double> Steps(Matrix<double> W, Vector<double> h, int n) { var g = h; for (int s = 0; s < n; s++) g = (W * g).PointwiseTanh(); return g; }",
                "double F(Matrix<double> W, Vector<double> h0) { var h = h0; for (int t = 0; t < 2; t++) h = Steps(W, h, 2) + h0; return h.Sum(); }",
                r => new object[] { 0.5 * r.Matrix(3, 3), r.Vector(3) }),
            new("a looping helper that calls a helper",
                "static double Cube(double v) => v * v * v; static double SumOfCubes(Vector<double> v) { var total = 0.0; "
                    + "for (int i = 0; i < v.Count; i++) { total = total + Cube(v[i]); } return total; }",
                "double F(Vector<double> x, Vector<double> c) { var shifted = x - c; return SumOfCubes(shifted) + SumOfCubes(c); }",
                r => new object[] { r.Vector(3), r.Vector(3) }),
            new("a helper's parameter given a fixed argument, then a differentiated value",
                "static double Blend(Vector<double> a, Vector<double> b) { for (int i = 0; i < 2; i++) b = 0.5 * a + b; return b.DotProduct(b); }",
                "double F(Vector<double> x, Vector<double> c) => Blend(x, c);", r => new object[] { r.Vector(3), r.Vector(3) }),
        };

        private readonly ITestOutputHelper _output;

        public HelperTests(ITestOutputHelper output) => _output = output;

        private static string Source(Case c, int i) => $"public static partial class Helpers{i}\n{{\n    {c.Helpers}\n"
            + $"    [Differentiable]\n    public static {c.Method}\n}}\n";

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select(Source))));

        [Fact]
        public void Every_helper_objective_matches_central_differences()
        {
            var cases = All.Select(c => new ObjectiveCase(c.Name, c.Method, c.Draw, c.WrtCount)).ToList();
            CentralDifferences.Require(s_assembly.Value, cases, "Helpers", seeds: 4, stride: 13, _output);
        }

        [Fact]
        public void The_header_names_the_inlined_helpers()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Source(All[3], 3));
            Assert.Empty(run.Errors);
            Assert.Contains("// Inlined (differentiated in place, as if written here): Helpers3.Nll, Helpers3.Sigmoid.", run.Files["Helpers3.F.g.cs"]);
        }

        [Fact]
        public void A_helper_with_a_loop_reads_as_its_statements_before_the_call()
        {
            int i = System.Array.FindIndex(All, c => c.Name == "a matrix power by a loop, with an int parameter");
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Source(All[i], i));
            Assert.Empty(run.Errors);
            string file = run.Files[$"Helpers{i}.F.g.cs"];
            Assert.Contains($"// Inlined (differentiated in place, as if written here): Helpers{i}.Power.", file);
            Snapshot.Verify("Helpers.PowerLoop", file);
        }

        [Fact]
        public void Instance_helpers_on_this_are_inlined()
        {
            const string source = @"public partial class Model
{
    public Matrix<double> A { get; set; } = Matrix<double>.Build.DenseIdentity(3);
    private double Energy(Vector<double> x) => x.DotProduct(A * x);
    [Differentiable] public double F(Vector<double> x) => Energy(x) + this.Energy(2.0 * x);
}";
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + source);
            var model = Activator.CreateInstance(assembly.GetType("Model")!)!;
            var r = new RandomMatrices(3);
            var a = r.Matrix(3, 3);
            assembly.GetType("Model")!.GetProperty("A")!.SetValue(model, a);
            var x = r.Vector(3);
            var gradient = (MathNet.Numerics.LinearAlgebra.Vector<double>)assembly.GetType("Model")!.GetMethod("GradF")!.Invoke(model, new object[] { x })!;
            var expected = 5.0 * (a + a.Transpose()) * x;
            Assert.True((gradient - expected).L2Norm() < 1e-12 * Math.Max(1, expected.L2Norm()));
        }
    }
}

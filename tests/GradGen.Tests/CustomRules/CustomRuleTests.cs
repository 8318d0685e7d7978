using System;
using System.Linq;
using System.Reflection;
using GradGen.Runtime;
using GradGen.Tests.Statements;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.CustomRules
{
    /// <summary>
    /// Functions GradGen must not look into, called through their [VjpOf]/[JvpOf] rules: an iterative solver (conjugate
    /// gradients with a stopping test and an int iteration budget held fixed) and a log-sum-exp whose body is a foreach loop.
    /// Gradients and VJPs against central differences, JVPs and Jacobians against central differences of the value, the
    /// diagnostics for a missing rule and a rule that does not fit.
    /// </summary>
    public class CustomRuleTests
    {
        private readonly ITestOutputHelper _output;

        public CustomRuleTests(ITestOutputHelper output) => _output = output;

        internal const string Native = @"public static class Native
{
    /// <summary>log Σᵢ exp(xᵢ), stably, by a foreach loop GradGen does not read.</summary>
    public static double LogSumExp(Vector<double> x)
    {
        double m = x.Maximum(), s = 0;
        foreach (var v in x) s += Math.Exp(v - m);
        return m + Math.Log(s);
    }

    [VjpOf(nameof(LogSumExp))]
    public static Vector<double> LogSumExpVjp(Vector<double> x, double result, double resultBar) => resultBar * (x - result).PointwiseExp();

    [JvpOf(nameof(LogSumExp))]
    public static double LogSumExpJvp(Vector<double> x, Vector<double> dx) => (x - LogSumExp(x)).PointwiseExp().DotProduct(dx);

    /// <summary>Σ log(1 + exp(β xᵢ)) / β, a ReLU smoothed with sharpness β: a double parameter a call may give as a literal.</summary>
    public static double SoftplusSum(Vector<double> x, double beta) => x.Map(v => Math.Log(1 + Math.Exp(beta * v))).Sum() / beta;

    /// <summary>x̄ = f̄ σ(βx); β̄ = f̄ (⟨x, σ(βx)⟩ − f) / β.</summary>
    [VjpOf(nameof(SoftplusSum))]
    public static (Vector<double>, double) SoftplusSumVjp(Vector<double> x, double beta, double result, double resultBar)
    {
        var s = x.Map(v => 1 / (1 + Math.Exp(-beta * v)));
        return (resultBar * s, resultBar * (x.DotProduct(s) - result) / beta);
    }

    [JvpOf(nameof(SoftplusSum))]
    public static double SoftplusSumJvp(Vector<double> x, double beta, Vector<double> dx, double dbeta)
    {
        var s = x.Map(v => 1 / (1 + Math.Exp(-beta * v)));
        return s.DotProduct(dx) + dbeta * (x.DotProduct(s) - SoftplusSum(x, beta)) / beta;
    }

    /// <summary>A⁻¹b for a symmetric positive-definite A by conjugate gradients: at most the given iterations.</summary>
    public static Vector<double> CgSolve(Matrix<double> A, Vector<double> b, int iterations)
    {
        var x = Vector<double>.Build.Dense(b.Count);
        var r = b.Clone();
        var p = r.Clone();
        double rr = r.DotProduct(r);
        for (int k = 0; k < iterations && rr > 1e-28 * (1 + b.DotProduct(b)); k++)
        {
            var Ap = A * p;
            double alpha = rr / p.DotProduct(Ap);
            x += alpha * p;
            r -= alpha * Ap;
            double next = r.DotProduct(r);
            p = r + (next / rr) * p;
            rr = next;
        }
        return x;
    }

    /// <summary>b̄ = A⁻ᵀ x̄ (A is symmetric: one more solve), Ā = −b̄ xᵀ.</summary>
    [VjpOf(nameof(CgSolve))]
    public static (Matrix<double>, Vector<double>) CgSolveVjp(Matrix<double> A, Vector<double> b, int iterations,
        Vector<double> result, Vector<double> resultBar)
    {
        var bbar = CgSolve(A, resultBar, iterations);
        return (-bbar.OuterProduct(result), bbar);
    }

    /// <summary>dx = A⁻¹(db − dA x).</summary>
    [JvpOf(nameof(CgSolve))]
    public static Vector<double> CgSolveJvp(Matrix<double> A, Vector<double> b, int iterations, Matrix<double> dA, Vector<double> db)
        => CgSolve(A, db - dA * CgSolve(A, b, iterations), iterations);
}
";

        private const string Spd = "L * L.Transpose() + 2.0 * Matrix<double>.Build.DenseIdentity(L.RowCount)";

        private static ObjectiveCase Case(string name, string method, Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        public static readonly ObjectiveCase[] All =
        {
            Case("log-sum-exp of a product plus a ridge term",
                "double F(Vector<double> x, Matrix<double> W) => Native.LogSumExp(W * x) + 0.5 * x.DotProduct(x);",
                r => new object[] { r.Vector(3), r.Matrix(5, 3) }),
            Case("a quadratic in the CG solution, wrt the factor of A",
                $"double F(Matrix<double> L, Vector<double> b) {{ var x = Native.CgSolve({Spd}, b, 50); return x.DotProduct(x) + b.DotProduct(x); }}",
                r => new object[] { r.Matrix(4, 4), r.Vector(4) }),
            Case("the CG solution wrt both A's factor and b (the tuple VJP), twice, with a log-sum-exp of it",
                $"double F(Matrix<double> L, Vector<double> b) {{ var A = {Spd}; var x = Native.CgSolve(A, b, 50); return Native.LogSumExp(x) + Native.CgSolve(A, 2.0 * x, 50).Sum(); }}",
                r => new object[] { r.Matrix(3, 3), r.Vector(3) }, wrt: 2),
            // A literal double argument stays the double it is (an int parameter's literal is written as an int).
            Case("a softplus sum with a literal sharpness, and with a sharpness of the objective",
                "double F(Vector<double> x, Matrix<double> W, double beta) => Native.SoftplusSum(W * x, 0.5) + Native.SoftplusSum(x, beta);",
                r => new object[] { r.Vector(3), r.Matrix(4, 3), 1.5 }),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Native
            + string.Join("\n", All.Select((c, i) => c.Source($"Custom{i}")))
            + "public static partial class Solution\n{\n    [Differentiable]\n    public static Vector<double> G(Vector<double> b, Matrix<double> A)"
            + " => 2.0 * Native.CgSolve(A, b, 50) + b;\n}\n"));

        [Fact]
        public void Gradients_through_custom_rules_match_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Custom", seeds: 5, stride: 31, _output);
        }

        [Fact]
        public void Jvp_Vjp_and_Jacobian_of_a_vector_function_through_custom_rules()
        {
            var g = s_assembly.Value.Static("Solution", "G");
            var jvp = s_assembly.Value.Static("Solution", "JvpG");
            var vjp = s_assembly.Value.Static("Solution", "VjpG");
            var jacobian = s_assembly.Value.Static("Solution", "JacobianG");
            double worst = 0;
            for (int seed = 1; seed <= 4; seed++)
            {
                var r = new RandomMatrices(70 + seed);
                var L = r.Matrix(4, 4);
                var A = L * L.Transpose() + 2.0 * Matrix<double>.Build.DenseIdentity(4);
                var (b, db, gbar) = (r.Vector(4), r.Vector(4), r.Vector(4));
                const double h = 1e-6;
                var numerical = ((Vector<double>)g(new object[] { b + h * db, A })! - (Vector<double>)g(new object[] { b - h * db, A })!) / (2 * h);
                var tangent = (Vector<double>)jvp(new object[] { b, A, db })!;
                var adjoint = (Vector<double>)vjp(new object[] { b, A, gbar })!;
                var J = (Matrix<double>)jacobian(new object[] { b, A })!;
                worst = Math.Max(worst, (tangent - numerical).L2Norm() / Math.Max(1, numerical.L2Norm()));
                worst = Math.Max(worst, (J * db - numerical).L2Norm() / Math.Max(1, numerical.L2Norm()));
                worst = Math.Max(worst, Math.Abs(gbar.DotProduct(tangent) - adjoint.DotProduct(db)) / Math.Max(1, Math.Abs(gbar.DotProduct(tangent))));
            }
            _output.WriteLine($"JvpG, JacobianG against central differences, ⟨ḡ, JvpG⟩ against ⟨VjpG, db⟩: worst {worst:E2}");
            Assert.True(worst < 1e-6, $"worst relative error {worst:E2}");
        }
    
        private const string SnapshotSource = @"public static partial class Ridge
{
    /// <summary>A least-squares fit whose solve is an iterative solver with custom rules.</summary>
    [Differentiable(nameof(L), nameof(b))]
    public static double Fit(Matrix<double> L, Vector<double> b, Vector<double> target)
    {
        var A = L * L.Transpose() + Matrix<double>.Build.DenseIdentity(L.RowCount);
        var x = Native.CgSolve(A, b, 100);
        return (x - target).DotProduct(x - target);
    }
}
";

        [Fact]
        public void A_custom_rule_call_in_the_generated_file()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Native + SnapshotSource);
            Assert.Empty(run.Errors);
            Assert.Empty(run.GeneratorDiagnostics);
            string file = run.Files["Ridge.Fit.g.cs"];
            Snapshot.Verify("CustomRules.RidgeFit", file);
            Assert.Equal(1, GeneratedText.Count(GeneratedText.Member(file, "GradFit"), "Native.CgSolveVjp("));   // one call for both adjoints of the tuple
            Assert.DoesNotContain("rr", file);                      // CgSolve's body is never read
        }


        [Theory]
        // Only a JVP, for a gradient: the call is where the missing reverse-mode rule is needed.
        [InlineData("public static double F(Vector<double> x) => x.Sum(); [JvpOf(nameof(F))] public static double FJvp(Vector<double> x, Vector<double> dx) => dx.Sum();",
            "[Differentiable] public static double G(Vector<double> x) => N.F(x) * 2;", "N.F(x)", "needs a [VjpOf(nameof(F))] rule")]
        // Only a VJP, for a Jacobian.
        [InlineData("public static Vector<double> F(Vector<double> x) => x; [VjpOf(nameof(F))] public static Vector<double> FVjp(Vector<double> x, Vector<double> result, Vector<double> resultBar) => resultBar;",
            "[Differentiable] public static Vector<double> G(Vector<double> x) => N.F(x) * 2.0;", "N.F(x)", "JVP and Jacobian need a [JvpOf(nameof(F))] rule")]
        // A VJP returning a vector where F has two differentiable parameters: reported at the rule.
        [InlineData("public static double F(Vector<double> x, double s) => s * x.Sum(); [VjpOf(nameof(F))] public static Vector<double> FVjp(Vector<double> x, double s, double result, double resultBar) => resultBar * s * x;",
            "[Differentiable] public static double G(Vector<double> x) => N.F(x, 2.0);", "FVjp", "returns (Vector<double>, double)")]
        // A JVP with a tangent of the wrong type.
        [InlineData("public static double F(Matrix<double> X, int k) => k * X.Trace(); [VjpOf(nameof(F))] public static Matrix<double> FVjp(Matrix<double> X, int k, double result, double resultBar) => resultBar * k * Matrix<double>.Build.DenseIdentity(X.RowCount); [JvpOf(nameof(F))] public static double FJvp(Matrix<double> X, int k, Vector<double> dX) => 0;",
            "[Differentiable] public static double G(Matrix<double> X) => N.F(X, 3);", "FJvp", "one tangent per differentiable parameter (Matrix<double>)")]
        // Second order needs the JVP too, and a VJP body GradGen can read.
        [InlineData("public static double F(Vector<double> x) => x.Sum(); [VjpOf(nameof(F))] public static Vector<double> FVjp(Vector<double> x, double result, double resultBar) => resultBar * (x * 0.0 + 1.0);",
            "[Differentiable(Order = 2)] public static double G(Vector<double> x) => N.F(x) * N.F(x);", "N.F(x)", "needs a [JvpOf(nameof(F))] rule too")]
        [InlineData("public static double F(Vector<double> x) => x.Sum(); [VjpOf(nameof(F))] public static Vector<double> FVjp(Vector<double> x, double result, double resultBar) { var g = x * 0.0; for (int i = 0; i < x.Count; i++) g[i] = resultBar; return g; } [JvpOf(nameof(F))] public static double FJvp(Vector<double> x, Vector<double> dx) => dx.Sum();",
            "[Differentiable(Order = 2)] public static double G(Vector<double> x) => N.F(x) * N.F(x);", "FVjp", "the VJP rule's body must be one GradGen can read")]
        public void A_rule_that_is_missing_or_does_not_fit_is_one_GG0012_where_it_is_needed(string rules, string objective, string at, string message)
        {
            string source = GeneratorHarness.Usings + "public static class N\n{\n" + rules + "\n}\npublic static partial class O\n{\n" + objective + "\n}\n";
            var run = GeneratorHarness.Run(source);
            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0012", diagnostic.Id);
            Assert.Contains(message, diagnostic.GetMessage());
            Assert.StartsWith(at, diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start));
            Assert.Empty(run.Files);
        }

        private const string SecondOrder = @"public static partial class Second
{
    [Differentiable(Order = 2)]
    public static double Smooth(Vector<double> x, Matrix<double> W) => Native.LogSumExp(W * x) + 0.25 * x.DotProduct(x);

    [Differentiable(Order = 2)]
    public static double Quadratic(Matrix<double> L, Vector<double> b)
    {
        var x = Native.CgSolve(L * L.Transpose() + 2.0 * Matrix<double>.Build.DenseIdentity(L.RowCount), b, 50);
        return x.DotProduct(x) + Native.LogSumExp(x);
    }
}
";

        private static readonly Lazy<Assembly> s_second = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Native + SecondOrder));

        [Fact]
        public void Hessian_vector_products_through_both_rules_match_differences_of_the_gradient()
        {
            double worst = 0;
            for (int seed = 1; seed <= 4; seed++)
            {
                var r = new RandomMatrices(90 + seed);
                var (x, W, v) = (r.Vector(3), r.Matrix(5, 3), r.Vector(3));
                worst = Math.Max(worst, HvpError("Smooth", x, v, W));
                var (L, b, V) = (r.Matrix(3, 3), r.Vector(3), r.Matrix(3, 3));
                worst = Math.Max(worst, HvpError("Quadratic", L, V, b));
                // The gradients the HVPs differentiate: the VJP rule's body lowered in place, against differences of the value.
                worst = Math.Max(worst, GradError("Smooth", x, v, W));
                worst = Math.Max(worst, GradError("Quadratic", L, V, b));
            }
            _output.WriteLine($"HvpSmooth, HvpQuadratic against central differences of the gradient: worst {worst:E2}");
            Assert.True(worst < 1e-6, $"worst relative error {worst:E2}");
        }

        private static double HvpError<T>(string name, T at, T direction, object other) where T : class
        {
            var grad = s_second.Value.Static("Second", "Grad" + name);
            var hvp = s_second.Value.Static("Second", "Hvp" + name);
            const double h = 1e-5;
            dynamic x = at, v = direction;
            dynamic plus = grad(new object[] { (T)(x + h * v), other })!, minus = grad(new object[] { (T)(x - h * v), other })!;
            dynamic numerical = (plus - minus) / (2 * h);
            dynamic analytic = hvp(new object[] { at, other, direction })!;
            dynamic difference = analytic - numerical;
            double scale = Math.Max(1.0, Norm(numerical));
            return Norm(difference) / scale;
        }

        private static double GradError<T>(string name, T at, T direction, object other) where T : class
        {
            var value = s_second.Value.Static("Second", name);
            var grad = s_second.Value.Static("Second", "Grad" + name);
            const double h = 1e-6;
            dynamic x = at, v = direction;
            double plus = (double)value(new object[] { (T)(x + h * v), other })!;
            double minus = (double)value(new object[] { (T)(x - h * v), other })!;
            double numerical = (plus - minus) / (2 * h);
            dynamic g = grad(new object[] { at, other })!;
            double analytic = Inner(g, (object)direction);
            return Math.Abs(analytic - numerical) / Math.Max(1.0, Math.Abs(numerical));
        }

        private static double Inner(object a, object b)
            => a is Matrix<double> m
                ? m.PointwiseMultiply((Matrix<double>)b).Enumerate().Sum()
                : ((Vector<double>)a).DotProduct((Vector<double>)b);

        [Fact]
        public void A_rule_call_carries_a_subscript_only_as_an_item_of_a_tuple()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Native + All[0].Source("Single") + All[3].Source("Pair"));
            Assert.Empty(run.Errors);
            string single = run.Files["Single.F.g.cs"], pair = run.Files["Pair.F.g.cs"];
            // LogSumExp has one differentiable parameter: its VJP returns the adjoint itself, written as the call.
            Assert.Contains("∇_x f = x + Wᵀ LogSumExpVjp(W x, LogSumExp(W x), 1)\n", single);
            Assert.DoesNotMatch("[₀-₉]", single);
            // SoftplusSum has two: x̄ is item 1 of the tuple (β̄, item 2, is not needed: β is not a wrt parameter).
            Assert.Contains("Wᵀ SoftplusSumVjp(W x, 0.5, SoftplusSum(W x, 0.5), 1)₁\n", pair);
            Assert.Matches(@"Native\.SoftplusSumVjp\(\w+, 0\.5, ", pair);     // the literal written as the double it is
        }

        private static double Norm(object value) => value is Matrix<double> m ? m.FrobeniusNorm() : ((Vector<double>)value).L2Norm();
}
}

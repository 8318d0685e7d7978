using System;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Statements;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.Decompositions
{
    /// <summary>
    /// Q and R of A = Q R: of MathNet's default (full) QR for a square A and of the thin QR for a tall one, on the chain and
    /// through a local, against central differences at random inputs (where MathNet's Householder signs are locally
    /// constant), against closed forms (Q R = A; Σ log|Rᵢᵢ| = log|det A|), forward mode and second order; and the A whose
    /// factors A does not determine, refused at run time.
    /// </summary>
    public class QrFactorTests
    {
        private readonly ITestOutputHelper _output;

        public QrFactorTests(ITestOutputHelper output) => _output = output;

        private const string Thin = "MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin";

        private static ObjectiveCase Case(string name, string method, Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        public static readonly ObjectiveCase[] All =
        {
            Case("Q and R of a square A through a local (wrt A and C)",
                "double F(Matrix<double> A, Matrix<double> C) { var qr = A.QR(); return (qr.Q * C).Trace() + qr.R.PointwiseMultiply(C).RowSums().Sum(); }",
                r => new object[] { r.Matrix(4, 4), r.Matrix(4, 4) }, wrt: 2),
            Case("the thin Q and R of a tall A",
                $"double F(Matrix<double> A, Matrix<double> C) {{ var qr = A.QR({Thin}); return (qr.Q.Transpose() * A * C).Trace() + qr.R.PointwiseMultiply(qr.R * C).RowSums().Sum(); }}",
                r => new object[] { r.Matrix(6, 3), r.Matrix(3, 3) }),
            Case("Q alone, on the chain, of a tall A",
                $"double F(Matrix<double> A, Vector<double> w) => (A.QR({Thin}).Q * w).PointwiseTanh().Sum();",
                r => new object[] { r.Matrix(5, 2), r.Vector(2) }),
            Case("R alone of a square A, through its upper triangle",
                "double F(Matrix<double> A) => A.QR().R.PointwiseMultiply(A).PointwiseExp().RowSums().Sum();",
                r => new object[] { r.Matrix(3, 3) }),
            Case("Gram–Schmidt's Q and R of a tall A through a local, and its solve (wrt A and C)",
                "double F(Matrix<double> A, Matrix<double> C) { var gs = A.GramSchmidt(); return (gs.Q.Transpose() * A * C).PointwiseTanh().Trace() + gs.R.PointwiseMultiply(C).RowSums().Sum() + gs.Solve(A * C).FrobeniusNorm(); }",
                r => new object[] { r.Matrix(6, 3), r.Matrix(3, 3) }, wrt: 2),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select((c, i) => c.Source($"Qr{i}")))
            + "public static partial class QrForms\n{\n"
            + $"    [Differentiable] public static double Product(Matrix<double> A, Matrix<double> C) {{ var qr = A.QR({Thin}); return (qr.Q * qr.R).PointwiseMultiply(C).RowSums().Sum(); }}\n"
            + "    [Differentiable] public static double LogDet(Matrix<double> A) => A.QR().R.Diagonal().PointwiseAbs().PointwiseLog().Sum();\n"
            + $"    [Differentiable] public static Matrix<double> Factor(Matrix<double> A) => A.QR({Thin}).Q + A.QR({Thin}).R.Transpose().Stack(A.QR({Thin}).R);\n"
            + "    [Differentiable(Order = 2)] public static double Second(Matrix<double> A) => A.QR().R.PointwiseMultiply(A.QR().Q).PointwiseSin().RowSums().Sum();\n"
            + "}\n"));

        [Fact]
        public void Gram_Schmidt_s_factors_are_MathNet_s_with_a_positive_diagonal_and_factored_once()
        {
            var type = s_assembly.Value.GetType("Qr4")!;
            var r = new RandomMatrices(12);
            var (a, c) = (r.Matrix(6, 3), r.Matrix(3, 3));
            var gs = a.GramSchmidt();
            Assert.True(gs.R.Diagonal().All(d => d > 0));
            double expected = (gs.Q.Transpose() * a * c).PointwiseTanh().Trace() + gs.R.PointwiseMultiply(c).RowSums().Sum()
                + gs.Solve(a * c).FrobeniusNorm();
            var (value, _) = ((double, (Matrix<double>, Matrix<double>)))type.GetMethod("ValueAndGradF")!.Invoke(null, new object[] { a, c })!;
            Assert.Equal(expected, value, 10);
            string code = GeneratorHarness.Run(GeneratorHarness.Usings + All[4].Source("Once")).Single();
            int gradF = code.IndexOf(" GradF(", StringComparison.Ordinal);
            string body = code.Substring(gradF, code.IndexOf("    /// <summary>", gradF, StringComparison.Ordinal) - gradF);
            Assert.Single(body.Split('\n'), l => l.Contains("MatrixFunctions.GramSchmidtDecomposition(A)"));
        }

        [Fact]
        public void Every_QR_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Qr", seeds: 5, stride: 29, _output);
        }

        [Fact]
        public void Q_times_R_is_A_and_the_log_determinant_through_R_is_the_closed_form()
        {
            var r = new RandomMatrices(41);
            var (a, c) = (r.Matrix(6, 3), r.Matrix(6, 3));
            var g = (Matrix<double>)s_assembly.Value.Static("QrForms", "GradProduct")(new object[] { a, c })!;
            Assert.True((g - c).FrobeniusNorm() < 1e-10 * c.FrobeniusNorm(), $"∇⟨Q R, C⟩ − C = {(g - c).FrobeniusNorm():E2}");
            // Σ log|Rᵢᵢ| = log|det A|, whose gradient is A⁻ᵀ.
            var s = r.Matrix(4, 4) + 3 * Matrix<double>.Build.DenseIdentity(4);
            var logdet = (Matrix<double>)s_assembly.Value.Static("QrForms", "GradLogDet")(new object[] { s })!;
            var expected = s.Inverse().Transpose();
            Assert.True((logdet - expected).FrobeniusNorm() < 1e-10 * expected.FrobeniusNorm(),
                $"∇ Σ log|Rᵢᵢ| − A⁻ᵀ = {(logdet - expected).FrobeniusNorm():E2}");
        }

        [Fact]
        public void Forward_mode_and_Hessian_vector_products_through_Q_and_R_match_central_differences()
        {
            Matrix<double> Call(string name, params object[] args) => (Matrix<double>)s_assembly.Value.Static("QrForms", name)(args)!;
            double jvpWorst = 0, hvpWorst = 0;
            const double h = 1e-6;
            for (int seed = 1; seed <= 4; seed++)
            {
                var r = new RandomMatrices(300 + seed);
                var (a, d) = (r.Matrix(6, 3), r.Matrix(6, 3));
                var numerical = (Call("Factor", a + h * d) - Call("Factor", a - h * d)) / (2 * h);
                var jvp = Call("JvpFactor", a, d);
                jvpWorst = Math.Max(jvpWorst, (jvp - numerical).FrobeniusNorm() / Math.Max(1, numerical.FrobeniusNorm()));

                var (s, v) = (r.Matrix(3, 3), r.Matrix(3, 3));
                var gradients = (Call("GradSecond", s + 1e-5 * v) - Call("GradSecond", s - 1e-5 * v)) / 2e-5;
                var hvp = Call("HvpSecond", s, v);
                hvpWorst = Math.Max(hvpWorst, (hvp - gradients).FrobeniusNorm() / Math.Max(1, gradients.FrobeniusNorm()));
            }
            _output.WriteLine($"JvpF through the thin QR: worst {jvpWorst:E2}; HvpF through Q and R: worst {hvpWorst:E2}");
            Assert.True(jvpWorst < 1e-6, $"JvpF worst relative error {jvpWorst:E2}");
            Assert.True(hvpWorst < 1e-6, $"HvpF worst relative error {hvpWorst:E2}");
        }

        [Fact]
        public void A_full_QR_of_a_tall_matrix_and_any_QR_of_a_wide_one_are_refused_in_the_callers_terms()
        {
            var r = new RandomMatrices(5);
            // The full Q of a tall A is square in its rows: the up-front shape check says A must be square.
            var tall = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(() => s_assembly.Value
                .Static("Qr3", "GradF")(new object[] { r.Matrix(5, 3) })).InnerException);
            Assert.Contains("square", tall.Message);
            var wide = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(() => s_assembly.Value
                .Static("Qr2", "GradF")(new object[] { r.Matrix(2, 5), r.Vector(5) })).InnerException);
            Assert.Contains("no more columns than rows", wide.Message);
        }

        [Fact]
        public void A_full_QR_of_a_matrix_of_literal_tall_sizes_is_reported_at_compile_time()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class Tall\n{\n    [Differentiable] public static "
                + "double F(Matrix<double> X) => (Matrix<double>.Build.Dense(5, 3, 1.0) * X * Matrix<double>.Build.Dense(3, 2, 1.0)).QR().Q.Trace();\n}\n");
            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0011", diagnostic.Id);
            Assert.Contains("rows and columns of the matrix whose full QR is read", diagnostic.GetMessage());
        }
    }
}

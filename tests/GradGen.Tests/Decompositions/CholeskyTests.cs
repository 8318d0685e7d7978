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
    /// S.Cholesky() and what users read of it (Determinant, DeterminantLn, Solve, Factor), chained or through a local, with
    /// S built symmetric positive definite inside the objective (the realistic case: a covariance, a kernel matrix), against
    /// central differences; a raw S parameter along symmetric directions; a matrix that is not positive definite.
    /// </summary>
    public class CholeskyTests
    {
        private readonly ITestOutputHelper _output;

        public CholeskyTests(ITestOutputHelper output) => _output = output;

        private static ObjectiveCase Case(string name, string method, Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        private const string Spd = "A * A.Transpose() + 2.0 * Matrix<double>.Build.DenseIdentity(A.RowCount)";

        public static readonly ObjectiveCase[] All =
        {
            Case("DeterminantLn on the chain",
                $"double F(Matrix<double> A) => ({Spd}).Cholesky().DeterminantLn;", r => new object[] { r.Matrix(3, 4) }),
            Case("Determinant on the chain, times a trace",
                $"double F(Matrix<double> A) => ({Spd}).Cholesky().Determinant * A.PointwiseMultiply(A).RowSums().Sum();",
                r => new object[] { r.Matrix(3, 3) }),
            Case("a Gaussian negative log-likelihood through one local factorisation (wrt A and d)",
                $"double F(Matrix<double> A, Vector<double> d) {{ var S = {Spd}; var c = S.Cholesky(); return 0.5 * c.DeterminantLn + 0.5 * d.DotProduct(c.Solve(d)); }}",
                r => new object[] { r.Matrix(4, 4), r.Vector(4) }, wrt: 2),
            Case("Solve with a matrix right-hand side",
                $"double F(Matrix<double> A, Matrix<double> B) => ({Spd}).Cholesky().Solve(B * A).FrobeniusNorm();",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 3) }),
            Case("a GP marginal likelihood wrt the length scale and the noise (kernel by Build.Dense)",
                "double F(double l, double s, Vector<double> x, Vector<double> y) { int n = x.Count; "
                + "var K = Matrix<double>.Build.Dense(n, n, (i, j) => Math.Exp(-(x[i] - x[j]) * (x[i] - x[j]) / (2 * l * l))) "
                + "+ s * s * Matrix<double>.Build.DenseIdentity(n); var c = K.Cholesky(); "
                + "return 0.5 * y.DotProduct(c.Solve(y)) + 0.5 * c.DeterminantLn; }",
                r => new object[] { 0.8 + 0.2 * r.Scalar(), 0.5 + 0.1 * r.Scalar(), r.Vector(5), r.Vector(5) }, wrt: 2),
            Case("Factor: log of L's diagonal and a weighted sum of L",
                $"double F(Matrix<double> A, Matrix<double> C) {{ var L = ({Spd}).Cholesky().Factor; return L.Diagonal().PointwiseLog().Sum() + L.PointwiseMultiply(C).RowSums().Sum(); }}",
                r => new object[] { r.Matrix(4, 3), r.Matrix(4, 4) }),
            Case("Factor: a sample μ + L z, squared",
                $"double F(Matrix<double> A, Vector<double> mu, Vector<double> z) {{ var x = mu + ({Spd}).Cholesky().Factor * z; return x.DotProduct(x) + x.Sum(); }}",
                r => new object[] { r.Matrix(3, 3), r.Vector(3), r.Vector(3) }, wrt: 2),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select((c, i) => c.Source($"Chol{i}")))));

        [Fact]
        public void Every_cholesky_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Chol", seeds: 5, stride: 29, _output);
        }
    
        private const string GaussianSource = @"public static partial class Gaussian
{
    /// <summary>The negative log-likelihood of d under N(0, S), S = A Aᵀ + σ²I, through one Cholesky factorisation.</summary>
    [Differentiable(nameof(A), nameof(sigma))]
    public static double Nll(Matrix<double> A, double sigma, Vector<double> d)
    {
        var S = A * A.Transpose() + sigma * sigma * Matrix<double>.Build.DenseIdentity(A.RowCount);
        var chol = S.Cholesky();
        return 0.5 * chol.DeterminantLn + 0.5 * d.DotProduct(chol.Solve(d));
    }
}
";

        [Fact]
        public void A_cholesky_log_likelihood_factors_once()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + GaussianSource);
            Assert.Empty(run.Errors);
            Assert.Empty(run.GeneratorDiagnostics);
            string file = run.Files["Gaussian.Nll.g.cs"];
            Snapshot.Verify("Decompositions.CholeskyNll", file);
            // ValueAndGradNll reads log|S|, S⁻¹d and S⁻¹ from one S = L Lᵀ, and never an LU.
            Assert.Equal(1, GeneratedText.Count(GeneratedText.Member(file, "ValueAndGradNll"), "FactorCholesky("));
            Assert.DoesNotContain("Runtime.MatrixFunctions.Factor(", file);
            Assert.DoesNotContain(".Solve(S,", file);
        }


        private const string RawSource = @"public static partial class Raw
{
    [Differentiable(Order = 2)]
    public static double LogDetSolve(Matrix<double> S, Vector<double> b) => S.Cholesky().DeterminantLn + b.DotProduct(S.Cholesky().Solve(b));

    [Differentiable]
    public static double LogDet(Matrix<double> S) => S.Cholesky().DeterminantLn;

    [Differentiable(Order = 2)]
    public static double FactorSum(Matrix<double> S, Matrix<double> C) => S.Cholesky().Factor.PointwiseMultiply(C).RowSums().Sum();
}
";

        private static readonly Lazy<Assembly> s_raw = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + RawSource));

        private static Matrix<double> PositiveDefinite(RandomMatrices r, int n)
        {
            var a = r.Matrix(n, n);
            return a * a.Transpose() + n * Matrix<double>.Build.DenseIdentity(n);
        }

        private static Matrix<double> Symmetric(RandomMatrices r, int n)
        {
            var e = r.Matrix(n, n);
            return e + e.Transpose();
        }

        [Theory]
        [InlineData("LogDetSolve")]
        [InlineData("FactorSum")]
        public void A_raw_S_gets_the_symmetric_gradient_exact_along_symmetric_directions(string name)
        {
            var f = s_raw.Value.Static("Raw", name);
            var grad = s_raw.Value.Static("Raw", "Grad" + name);
            var hvp = s_raw.Value.Static("Raw", "Hvp" + name);
            double worst = 0, worstHvp = 0;
            for (int seed = 1; seed <= 5; seed++)
            {
                var r = new RandomMatrices(40 + seed);
                int n = 2 + seed % 3;
                var S = PositiveDefinite(r, n);
                object other = name == "LogDetSolve" ? r.Vector(n) : r.Matrix(n, n);
                var E = Symmetric(r, n);
                var G = (Matrix<double>)grad(new[] { S, other })!;
                Assert.True((G - G.Transpose()).FrobeniusNorm() <= 1e-12 * Math.Max(1, G.FrobeniusNorm()), $"{name}: ∇_S is not symmetric");
                const double h = 1e-6;
                double Value(Matrix<double> s) => (double)f(new[] { s, other })!;
                double numerical = (Value(S + h * E) - Value(S - h * E)) / (2 * h);
                double analytic = G.PointwiseMultiply(E).RowSums().Sum();
                worst = Math.Max(worst, Math.Abs(analytic - numerical) / Math.Max(1, Math.Abs(numerical)));
                // The Hessian applied to E against central differences of the gradient along E.
                var H = (Matrix<double>)hvp(new[] { S, other, E })!;
                var numericalHvp = ((Matrix<double>)grad(new[] { S + h * E, other })! - (Matrix<double>)grad(new[] { S - h * E, other })!) / (2 * h);
                worstHvp = Math.Max(worstHvp, (H - numericalHvp).FrobeniusNorm() / Math.Max(1, numericalHvp.FrobeniusNorm()));
            }
            _output.WriteLine($"{name}: worst directional error {worst:E2}, worst HVP error {worstHvp:E2}");
            Assert.True(worst < 1e-7, $"{name}: ⟨∇_S, E⟩ differs from central differences by {worst:E2}");
            Assert.True(worstHvp < 1e-6, $"{name}: HVP differs from central differences of the gradient by {worstHvp:E2}");
        }

        [Fact]
        public void A_matrix_that_is_not_positive_definite_throws_as_MathNet_does_in_value_and_gradient()
        {
            var S = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 1 } });   // eigenvalues 3 and −1
            var b = Vector<double>.Build.Dense(new[] { 1.0, 2.0 });
            ArgumentException Thrown(string method) => Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(
                () => s_raw.Value.Static("Raw", method)(new object[] { S, b })).InnerException);
            var user = Thrown("LogDetSolve");
            foreach (var generated in new[] { "GradLogDetSolve", "ValueAndGradLogDetSolve" })
            {
                var e = Thrown(generated);
                Assert.Contains("S.Cholesky(): the 2×2 matrix S is not positive definite", e.Message);
                Assert.Contains(user.Message.TrimEnd('.'), e.Message);
            }
            // One Cholesky operation per method (log|S| in the value, S⁻¹ in the gradient): no shared factors, the same policy.
            foreach (var generated in new[] { "GradLogDet", "ValueAndGradLogDet" })
            {
                var e = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(
                    () => s_raw.Value.Static("Raw", generated)(new object[] { S })).InnerException);
                Assert.Contains("is not positive definite", e.Message);
            }
        }
}
}

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
    /// A.LU()'s Determinant, Solve and Inverse, on the chain and through a local, against central differences; they are
    /// the Lu family's operations on A, so they are the same nodes as A.Solve(B), A.Determinant() and A.Inverse().
    /// </summary>
    public class LuTests
    {
        private readonly ITestOutputHelper _output;

        public LuTests(ITestOutputHelper output) => _output = output;

        private const string Shift = "4.0 * Matrix<double>.Build.DenseIdentity(3)";

        public static readonly ObjectiveCase[] All =
        {
            new("a local LU's solve, log-determinant and inverse (wrt A and b)",
                $"double F(Matrix<double> A, Vector<double> b) {{ var lu = (A + {Shift}).LU(); return lu.Solve(b).Sum() + 0.5 * Math.Log(lu.Determinant * lu.Determinant) + lu.Inverse().Trace(); }}",
                r => new object[] { r.Matrix(3, 3), r.Vector(3) }, 2),
            new("a matrix right-hand side on the chain, beside A.Solve of the same matrix",
                $"double F(Matrix<double> A, Matrix<double> B) => (A + {Shift}).LU().Solve(B).PointwiseTanh().RowSums().Sum() + (A + {Shift}).Solve(B).FrobeniusNorm();",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 2) }),
            new("the factors L and U of a local LU (wrt A and W)",
                "double F(Matrix<double> A, Matrix<double> W) { var lu = A.LU(); return (lu.L * W).FrobeniusNorm() + lu.U.PointwiseMultiply(W).Trace() + lu.U.Diagonal().PointwiseAbs().PointwiseLog().Sum(); }",
                r => new object[] { r.Matrix(4, 4), r.Matrix(4, 4) }, 2),
            new("L U read back, and the triangles of a product",
                "double F(Matrix<double> A) => (A.LU().L * A.LU().U).PointwiseTanh().Trace() + (A * A).UpperTriangle().FrobeniusNorm() + A.StrictlyLowerTriangle().RowSums().Sum();",
                r => new object[] { r.Matrix(3, 3) }),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select((c, i) => c.Source($"Lu{i}")))));

        [Fact]
        public void Every_LU_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Lu", seeds: 5, stride: 23, _output);
        }

        [Fact]
        public void An_LU_solve_is_the_same_node_as_the_plain_solve_of_the_same_matrix()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + All[1].Source("Shared"));
            string code = run.Single();
            // (A + 4I)⁻¹B is written twice (LU().Solve and Solve): one node, solved once.
            Assert.Equal(1, CountLines(code, "GradF", "MatrixFunctions.Solve(add, B)"));
        }

        [Fact]
        public void L_and_U_read_one_pivoted_factorisation_and_keep_MathNet_s_values()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + All[2].Source("Factors"));
            string code = run.Single();
            Assert.Equal(1, CountLines(code, "GradF", "MatrixFunctions.PivotedLu(A)"));
            var type = InMemoryAssembly.Build(GeneratorHarness.Usings + All[2].Source("Values")).GetType("Values")!;
            var r = new RandomMatrices(8);
            var (a, w) = (r.Matrix(4, 4), r.Matrix(4, 4));
            var lu = a.LU();
            double expected = (lu.L * w).FrobeniusNorm() + lu.U.PointwiseMultiply(w).Trace() + lu.U.Diagonal().PointwiseAbs().PointwiseLog().Sum();
            var (value, _) = ((double, (Matrix<double>, Matrix<double>)))type.GetMethod("ValueAndGradF")!.Invoke(null, new object[] { a, w })!;
            Assert.Equal(expected, value, 12);
        }

        private const string FactorForms = "public static partial class LuForms\n{\n"
            + "    [Differentiable(Order = 2)] public static double Second(Matrix<double> A) => A.LU().U.PointwiseMultiply(A).PointwiseSin().RowSums().Sum() + A.LU().L.PointwiseMultiply(A * A).RowSums().Sum();\n"
            + "    [Differentiable] public static Matrix<double> Factors(Matrix<double> A) => A.LU().L + 0.5 * A.LU().U;\n"
            + "    [Differentiable] public static double LogAbsDet(Matrix<double> A) => A.LU().U.Diagonal().PointwiseAbs().PointwiseLog().Sum();\n"
            + "    [Differentiable] public static double LowerAlone(Matrix<double> A) => A.LU().L.PointwiseMultiply(A).FrobeniusNorm();\n"
            + "}\n";

        private static readonly Lazy<Assembly> s_forms = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + FactorForms));

        /// <summary>
        /// A whose pivots are a 3-cycle (P ≠ Pᵀ, unlike a single swap), and a random direction: the JVP of L + U/2, the HVP of
        /// a function of both factors, and U alone, whose log|diag| is log|det A| with gradient A⁻ᵀ.
        /// </summary>
        [Fact]
        public void Forward_mode_Hessian_vector_products_and_U_alone_through_a_cycle_of_pivots()
        {
            Func<object?[], object?> Call(string name) => s_forms.Value.Static("LuForms", name);
            var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 4, 2 }, { 2, 1, 5 }, { 6, 3, 1 } });
            var p = Matrix<double>.Build.DenseIdentity(3);
            p.PermuteRows(a.LU().P);
            Assert.NotEqual(p, p.Transpose());
            var d = new RandomMatrices(4).Matrix(3, 3);
            const double h = 1e-6;
            var numerical = ((Matrix<double>)Call("Factors")(new object[] { a + h * d })! - (Matrix<double>)Call("Factors")(new object[] { a - h * d })!) / (2 * h);
            var jvp = (Matrix<double>)Call("JvpFactors")(new object[] { a, d })!;
            Assert.True((jvp - numerical).FrobeniusNorm() < 1e-7 * numerical.FrobeniusNorm(), $"JVP {jvp} against {numerical}");
            var gradients = ((Matrix<double>)Call("GradSecond")(new object[] { a + 1e-5 * d })! - (Matrix<double>)Call("GradSecond")(new object[] { a - 1e-5 * d })!) / 2e-5;
            var hvp = (Matrix<double>)Call("HvpSecond")(new object[] { a, d })!;
            Assert.True((hvp - gradients).FrobeniusNorm() < 1e-6 * gradients.FrobeniusNorm(), $"HVP {hvp} against {gradients}");
            var logDet = (Matrix<double>)Call("GradLogAbsDet")(new object[] { a })!;
            Assert.True((logDet - a.Inverse().Transpose()).FrobeniusNorm() < 1e-12, logDet.ToString());
            var lower = (Matrix<double>)Call("GradLowerAlone")(new object[] { a })!;
            double step = 1e-6, error = 0;
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    var e = Matrix<double>.Build.Dense(3, 3);
                    e[i, j] = step;
                    double difference = ((double)Call("LowerAlone")(new object[] { a + e })! - (double)Call("LowerAlone")(new object[] { a - e })!) / (2 * step);
                    error = Math.Max(error, Math.Abs(difference - lower[i, j]));
                }
            }
            Assert.True(error < 1e-7, $"L alone: {error:E2}");
        }

        /// <summary>With A held fixed its factors are read once (no shared factorisation): ∇_B tr(U(A) B) = U(A)ᵀ.</summary>
        [Fact]
        public void A_factor_of_a_matrix_held_fixed_is_read_as_it_is()
        {
            const string source = "public static partial class FixedLu\n{\n"
                + "    [Differentiable] public static double F(Matrix<double> B, Matrix<double> A) => (A.LU().U * B).Trace() + (A.LU().L * B).Trace();\n}\n";
            var type = InMemoryAssembly.Build(GeneratorHarness.Usings + source).GetType("FixedLu")!;
            var r = new RandomMatrices(21);
            var (b, a) = (r.Matrix(3, 3), r.Matrix(3, 3));
            var gradient = (Matrix<double>)type.GetMethod("GradF")!.Invoke(null, new object[] { b, a })!;
            var lu = a.LU();
            Assert.True((gradient - (lu.U + lu.L).Transpose()).FrobeniusNorm() < 1e-14);
        }

        [Fact]
        public void The_LU_factors_of_a_matrix_of_literal_sizes_that_is_not_square_are_reported()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class WideLu\n{\n"
                + "    [Differentiable] public static double F(Matrix<double> X) => (Matrix<double>.Build.Dense(2, 3, 1.0) + X).LU().U.Trace();\n}\n");
            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Contains("rows and columns of the matrix whose LU factors are read", diagnostic.GetMessage());
        }

        [Fact]
        public void A_singular_matrix_gives_MathNet_s_factors_and_a_non_finite_gradient()
        {
            const string source = "public static partial class SingularLu\n{\n"
                + "    [Differentiable] public static double F(Matrix<double> A) => A.LU().U.Trace() + A.LU().L.FrobeniusNorm();\n}\n";
            var type = InMemoryAssembly.Build(GeneratorHarness.Usings + source).GetType("SingularLu")!;
            var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
            var lu = a.LU();
            var (value, gradient) = ((double, Matrix<double>))type.GetMethod("ValueAndGradF")!.Invoke(null, new object[] { a })!;
            Assert.Equal(lu.U.Trace() + lu.L.FrobeniusNorm(), value, 14);
            Assert.Contains(gradient.Enumerate(), g => double.IsNaN(g) || double.IsInfinity(g));
        }

        private static int CountLines(string code, string method, string call)
        {
            int start = code.IndexOf($" {method}(", StringComparison.Ordinal);
            int end = code.IndexOf("    /// <summary>", start, StringComparison.Ordinal);
            return code.Substring(start, (end < 0 ? code.Length : end) - start).Split('\n').Count(l => l.Contains(call));
        }
    }
}

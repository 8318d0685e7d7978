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
    /// The symmetric eigendecomposition (eigenvalues, eigenvectors through functions that do not depend on their signs, D)
    /// and the singular values (nuclear norm, spectral norm, condition number), against central differences at random
    /// inputs (where eigenvalues are simple with probability 1); a repeated eigenvalue gives a finite gradient; a matrix that
    /// is not symmetric is refused at run time.
    /// </summary>
    public class SpectralTests
    {
        private readonly ITestOutputHelper _output;

        public SpectralTests(ITestOutputHelper output) => _output = output;

        private const string Symmetric = "MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric";

        private static ObjectiveCase Case(string name, string method, Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        public static readonly ObjectiveCase[] All =
        {
            Case("Σ exp(λ) and the largest eigenvalue of A + Aᵀ",
                "double F(Matrix<double> A) { var l = (A + A.Transpose()).Evd().EigenValues.Real(); return l.PointwiseExp().Sum() + 2 * l[l.Count - 1]; }",
                r => new object[] { r.Matrix(4, 4) }),
            Case("a matrix function V tanh(Λ) Vᵀ through a local Evd (wrt A and C)",
                $"double F(Matrix<double> A, Matrix<double> C) {{ var evd = (A * A.Transpose()).Evd({Symmetric}); var V = evd.EigenVectors; var T = V * Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Real().PointwiseTanh()) * V.Transpose(); return T.PointwiseMultiply(C).RowSums().Sum(); }}",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 3) }, wrt: 2),
            Case("squares of eigenvector entries and D",
                "double F(Matrix<double> A, Vector<double> w) { var evd = (A + A.Transpose()).Evd(); var V = evd.EigenVectors; return (V.PointwiseMultiply(V) * w).DotProduct(w) + evd.D.PointwiseMultiply(evd.D).Trace(); }",
                r => new object[] { r.Matrix(4, 4), r.Vector(4) }),
            Case("the nuclear norm, spectral norm and condition number of a wide and a tall matrix",
                "double F(Matrix<double> A) => A.Svd().S.Sum() + 2 * A.L2Norm() + (A * A.Transpose() + Matrix<double>.Build.DenseIdentity(3)).ConditionNumber() + A.Transpose().Svd(true).L2Norm;",
                r => new object[] { r.Matrix(3, 5) }),
            Case("U and VT of a square matrix, through functions that do not depend on their columns' signs",
                "double F(Matrix<double> A, Matrix<double> C) { var svd = A.Svd(); var U = svd.U; return (U.PointwiseMultiply(U) * C).Trace() + (svd.VT.PointwiseMultiply(svd.VT) * C.Transpose() * C).Trace(); }",
                r => new object[] { r.Matrix(4, 4), r.Matrix(4, 4) }),
            Case("U of a wide matrix and VT of a tall one",
                "double F(Matrix<double> A, Vector<double> w) { var U = A.Svd().U; var VT = A.Transpose().Svd().VT; return (U.PointwiseMultiply(U) * w).DotProduct(w) + (VT.PointwiseMultiply(VT) * w).Sum() * w[0]; }",
                r => new object[] { r.Matrix(3, 5), r.Vector(3) }),
            Case("W of a tall matrix, and U W VT of a square one (which is A)",
                "double F(Matrix<double> A, Matrix<double> B, Matrix<double> C) { var svd = B.Svd(); return A.Svd().W.PointwiseMultiply(A.Svd().W * A.Transpose() * A).RowSums().Sum() + (svd.U * svd.W * svd.VT).PointwiseMultiply(C).RowSums().Sum(); }",
                r => new object[] { r.Matrix(5, 3), r.Matrix(3, 3), r.Matrix(3, 3) }, wrt: 2),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select((c, i) => c.Source($"Spectral{i}")))
            + "public static partial class Hessians\n{\n    [Differentiable(Order = 2)]\n    public static double F(Matrix<double> A)"
            + " { var evd = (A + A.Transpose()).Evd(); var V = evd.EigenVectors; return evd.EigenValues.Real().PointwiseExp().Sum()"
            + " + V.PointwiseMultiply(V).Column(0).Sum() * V.PointwiseMultiply(V)[1, 0]; }\n}\n"
            + "public static partial class Raw\n{\n    [Differentiable]\n    public static double F(Matrix<double> S) => S.Evd().EigenValues.Real().PointwiseExp().Sum();\n}\n"
            + "public static partial class Vectors\n{\n    [Differentiable]\n    public static Matrix<double> F(Matrix<double> A) => A.Svd().U.PointwiseMultiply(A.Svd().U) * A.Svd().W;\n"
            + "    [Differentiable]\n    public static double G(Matrix<double> A, Matrix<double> C) { var svd = A.Svd(); return (svd.U * svd.W * svd.VT).PointwiseMultiply(C).RowSums().Sum(); }\n}\n"));

        [Fact]
        public void Every_spectral_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Spectral", seeds: 5, stride: 37, _output);
        }

        [Fact]
        public void Hessian_vector_products_through_eigenvalues_and_eigenvectors_match_differences_of_the_gradient()
        {
            var grad = s_assembly.Value.Static("Hessians", "GradF");
            var hvp = s_assembly.Value.Static("Hessians", "HvpF");
            double worst = 0;
            for (int seed = 1; seed <= 4; seed++)
            {
                var r = new RandomMatrices(120 + seed);
                var (A, V) = (r.Matrix(3, 3), r.Matrix(3, 3));
                const double h = 1e-5;
                var numerical = ((Matrix<double>)grad(new object[] { A + h * V })! - (Matrix<double>)grad(new object[] { A - h * V })!) / (2 * h);
                var analytic = (Matrix<double>)hvp(new object[] { A, V })!;
                worst = Math.Max(worst, (analytic - numerical).FrobeniusNorm() / Math.Max(1, numerical.FrobeniusNorm()));
            }
            _output.WriteLine($"HvpF through Evd against central differences of GradF: worst {worst:E2}");
            Assert.True(worst < 1e-6, $"worst relative error {worst:E2}");
        }

        [Fact]
        public void The_singular_vectors_differentiate_forward_and_back_and_U_W_VT_is_A()
        {
            // U W Vᵀ = A, so ⟨U W Vᵀ, C⟩ has gradient C: the three factors' rules must cancel to the identity.
            var r = new RandomMatrices(31);
            var (A, C) = (r.Matrix(4, 4), r.Matrix(4, 4));
            var g = (Matrix<double>)s_assembly.Value.Static("Vectors", "GradG")(new object[] { A, C })!;
            Assert.True((g - C).FrobeniusNorm() < 1e-10 * C.FrobeniusNorm(), $"∇⟨U W Vᵀ, C⟩ − C = {(g - C).FrobeniusNorm():E2}");

            // JvpF of the matrix-valued F(A) = (U ∘ U) W against central differences along a random direction.
            double worst = 0;
            for (int seed = 1; seed <= 4; seed++)
            {
                var q = new RandomMatrices(200 + seed);
                var (X, dX) = (q.Matrix(3, 3), q.Matrix(3, 3));
                Matrix<double> F(Matrix<double> x) => (Matrix<double>)s_assembly.Value.Static("Vectors", "F")(new object[] { x })!;
                const double h = 1e-6;
                var numerical = (F(X + h * dX) - F(X - h * dX)) / (2 * h);
                var jvp = (Matrix<double>)s_assembly.Value.Static("Vectors", "JvpF")(new object[] { X, dX })!;
                worst = Math.Max(worst, (jvp - numerical).FrobeniusNorm() / Math.Max(1, numerical.FrobeniusNorm()));
            }
            _output.WriteLine($"JvpF through U and W against central differences: worst {worst:E2}");
            Assert.True(worst < 1e-6, $"worst relative error {worst:E2}");
        }

        [Fact]
        public void Repeated_singular_values_give_finite_gradients_and_an_undetermined_U_is_refused()
        {
            // A = I: every singular value is 1, F = 0 (any basis is a singular basis), and the gradient stays finite.
            var identity = Matrix<double>.Build.DenseIdentity(4);
            int square = Array.FindIndex(All, c => c.Name.StartsWith("U and VT of a square", StringComparison.Ordinal));
            var g = (Matrix<double>)s_assembly.Value.Static($"Spectral{square}", "GradF")(new object[] { identity, identity })!;
            Assert.True(g.Enumerate().All(double.IsFinite), "the gradient at repeated singular values is not finite");

            // A tall A's full U has m − n columns A does not determine: refused at run time, in the caller's terms.
            int wide = Array.FindIndex(All, c => c.Name.StartsWith("U of a wide", StringComparison.Ordinal));
            var tall = new RandomMatrices(3).Matrix(5, 3);
            var e = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(() => s_assembly.Value
                .Static($"Spectral{wide}", "GradF")(new object[] { tall, new RandomMatrices(4).Vector(5) })).InnerException);
            Assert.Contains("A.Svd().U: GradGen differentiates U where A determines all of it", e.Message);
        }

        [Fact]
        public void A_repeated_eigenvalue_gives_a_finite_gradient_and_an_asymmetric_matrix_is_refused()
        {
            // A = I/2: A + Aᵀ = I, one eigenvalue of multiplicity 3. Σ exp(λ) has gradient 2e·I there; the eigenvector term's
            // gradient is taken as zero in the repeated eigenspace (any basis of it is an eigenbasis), never NaN.
            var identity = 0.5 * Matrix<double>.Build.DenseIdentity(3);
            var grad = s_assembly.Value.Static("Hessians", "GradF");
            var g = (Matrix<double>)grad(new object[] { identity })!;
            Assert.True(g.Enumerate().All(double.IsFinite), "the gradient at a repeated eigenvalue is not finite");
            var eigen = (Matrix<double>)s_assembly.Value.Static("Spectral0", "GradF")(new object[] { identity })!;
            Assert.True(eigen.Enumerate().All(double.IsFinite));

            var asymmetric = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 0, 1 } });
            var e = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(
                () => s_assembly.Value.Static("Raw", "GradF")(new object[] { asymmetric })).InnerException);
            Assert.Contains("GradGen differentiates the symmetric eigendecomposition", e.Message);
            // A symmetric raw S: ∇ Σ exp(λ) = V exp(Λ) Vᵀ = exp(S), against central differences along a symmetric direction.
            var r = new RandomMatrices(7);
            var B = r.Matrix(3, 3);
            var S = B + B.Transpose();
            var E = r.Matrix(3, 3);
            E += E.Transpose();
            var G = (Matrix<double>)s_assembly.Value.Static("Raw", "GradF")(new object[] { S })!;
            double Value(Matrix<double> s) => (double)s_assembly.Value.Static("Raw", "F")(new object[] { s })!;
            double numerical = (Value(S + 1e-6 * E) - Value(S - 1e-6 * E)) / 2e-6;
            Assert.True(Math.Abs(G.PointwiseMultiply(E).Enumerate().Sum() - numerical) < 1e-6 * Math.Max(1, Math.Abs(numerical)));
        }
    }
}

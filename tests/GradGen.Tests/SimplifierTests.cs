using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The canonical forms the simplifier gives derivative nodes (Simplify/), read where a user reads them: the gradient line
    /// of the derivation comment and the count of O(n³) operations. Each case is a form a rule could miss while the value
    /// stays right (an A·0 product, x^∘1, diag(Diag(v)), unmerged monomials), so only the text tells.
    /// </summary>
    public class SimplifierTests
    {
        [Theory]
        // A term whose coefficient cancels leaves no product behind: A·0 is not computed.
        [InlineData("double F(Matrix<double> X, Matrix<double> A, Matrix<double> B)"
            + " => (A.Transpose() * X).Trace() - 2 * (B.Transpose() * X).Trace() - (A.Transpose() * X).Trace()", "∇_X f = −2B", 0)]
        // d(x^∘2) = 2 x^∘1 ∘ dx, and x^∘1 is x.
        [InlineData("double F(Matrix<double> X) => X.PointwisePower(2).ColumnSums().Sum()", "∇_X f = 2X", 0)]
        // diag(Diag(v)) is v.
        [InlineData("double F(Vector<double> v) => Matrix<double>.Build.DenseOfDiagonalVector(v).Diagonal().Sum()", "∇_v f = 𝟙", 0)]
        // Products of scalars are monomials, grouped and ordered.
        [InlineData("double F(Vector<double> x, Vector<double> y) => x.DotProduct(y) * x.DotProduct(x)",
            "∇_x f = 2 ⟨x, y⟩·x + ⟨x, x⟩·y", 0)]
        [InlineData("double F(double a, double b) => a * a * b - 1.0 / (a * b) + 2.0", "∇_a f = 2 a·b + b / (a·b)²", 0)]
        [InlineData("double F(double a, double b) => -a * b * b - 3.0", "∇_a f = −b²", 0)]
        // A forward scalar scaled by a literal shares its coefficient: 2·((λ / 2)·w) is λ·w, as a reader cancels it; a quotient
        // as a factor is bracketed, never written a / b·c (which reads as a / (b c)).
        [InlineData("double F(Vector<double> x, double lambda) => lambda / 2 * x.DotProduct(x)", "∇_x f = lambda·x", 0)]
        [InlineData("double F(Vector<double> x, double lambda) => 0.5 * lambda * x.DotProduct(x)", "∇_x f = lambda·x", 0)]
        [InlineData("double F(Matrix<double> X, double lambda) => lambda / 2 * (X * X).Trace() + 3 * lambda * X.FrobeniusNorm()",
            "∇_X f = lambda·Xᵀ + 3 lambda·(1 / ‖X‖_F)·X", 0)]
        // A coefficient before a negated factor keeps it in brackets.
        [InlineData("double F(double a) => Math.Pow(-a, 2) + Math.Pow(-a, 3)", "∇_a f = −3 (−a)² − 2 (−a)", 0)]
        // Transposes move to the leaves, reusing forward products; quotients stay quotients.
        [InlineData("double F(Matrix<double> X, Matrix<double> A) => (X * A * X.Transpose()).Trace() + (X.Transpose() * A * X).Trace()",
            "∇_X f = (Xᵀ A)ᵀ + A X + X A + X Aᵀ", 4)]
        [InlineData("double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => (A * X * B * X).Trace()",
            "∇_X f = (A X B)ᵀ + (B X A)ᵀ", 4)]
        [InlineData("double F(Matrix<double> X, Matrix<double> A) => (A * X).PointwiseMultiply(X).PointwiseDivide(A).ColumnSums().Sum()",
            "∇_X f = (A X) ∘ (𝟙 ⊘ A) + Aᵀ (X ∘ (𝟙 ⊘ A))", 2)]
        [InlineData("double F(Matrix<double> X, Matrix<double> A) => Math.Log((A * X.Inverse()).Trace()) + Math.Log(X.Determinant())",
            "∇_X f = X⁻ᵀ − (1 / tr(A X⁻¹))·(X⁻¹ A X⁻¹)ᵀ", -1)]
        // A product with Diag(v) on either side scales rows or columns: O(n²), never a dense product.
        [InlineData("double F(Matrix<double> X, Vector<double> v, Matrix<double> A)"
            + " => (Matrix<double>.Build.DenseOfDiagonalVector(v) * X).PointwiseMultiply(A).ColumnSums().Sum()"
            + " + (X * Matrix<double>.Build.DenseOfDiagonalVector(v)).PointwiseMultiply(A).ColumnSums().Sum()",
            "∇_X f = A Diag(v) + Diag(v) A", 0)]
        public void The_gradient_reads_in_its_simplest_form(string method, string gradient, int products)
        {
            string header = NotationTests.Header("[Differentiable] public static " + method + ";");
            Assert.Contains("//   " + gradient + "\n", header + "\n");
            if (products >= 0) Assert.Contains($"//   GradF: {products} O(n³) operation", header);
        }

        [Fact]
        public void An_inverse_computed_anyway_replaces_solves_but_never_a_product_with_a_transpose()
        {
            // A⁻¹ is computed for log|A|'s gradient; b's adjoint Aᵀ c is a product with Aᵀ, not a solve, and stays one.
            string header = NotationTests.Header("[Differentiable(nameof(b), nameof(A))] public static double F(Vector<double> b,"
                + " Matrix<double> A, Vector<double> c) => Math.Log(A.Determinant()) + (A * b).DotProduct(c);");
            Assert.Contains("//   ∇_b f = Aᵀ c\n", header + "\n");
            Assert.Contains("A⁻ᵀ", header);
        }
    }
}

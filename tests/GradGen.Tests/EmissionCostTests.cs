using System.Linq;
using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// What the emitted code costs: product orders, sizes read without recomputation, traces and norms as
    /// O(n²) sums, gradient sums as one dgemm per product. Numbers are checked elsewhere; these read the code.
    /// </summary>
    public class EmissionCostTests
    {
        [Theory]
        // X B Xᵀ and the gradient's Y X B: every order costs the same (m·n² + m²·n), so products stay as written.
        [InlineData("public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => Math.Pow((A - X * B * X.Transpose()).FrobeniusNorm(), 2);", null)]
        // A X B with A p×m, B n×q: (AX)B or A(XB), by the sizes.
        [InlineData("public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => Math.Pow((A * X * B).FrobeniusNorm(), 2);", "Product(A, X, B)")]
        // A four-factor chain of unrelated sizes: the order is chosen at run time.
        [InlineData("public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> C) => (A * X * B * C).RowSums().Sum();", "Product(A, X, B, C)")]
        // A chain ending in a vector: (A X) v or A (X v), by the sizes.
        [InlineData("public static double F(Matrix<double> X, Matrix<double> A, Vector<double> v) => (A * X * v).Sum();", "Product(new[] { A, X }, v)")]
        // A square chain: every order costs the same, and associations are enumerated up to 8 factors (tr folds the last
        // product into TraceOfProduct, so 9 A's leave a chain of 8, 10 A's one of 9, which goes to run time unenumerated).
        [InlineData("public static double F(Matrix<double> X, Matrix<double> A)"
            + " => X.Trace() * (A * A * A * A * A * A * A * A * A).Trace();", null)]
        [InlineData("public static double F(Matrix<double> X, Matrix<double> A)"
            + " => X.Trace() * (A * A * A * A * A * A * A * A * A * A).Trace();", "Product(A, A, A, A, A, A, A, A, A)")]
        public void Chains_are_ordered_at_compile_time_or_at_run_time(string method, string? expected)
        {
            string code = Generate(method);
            if (expected is null) Assert.DoesNotContain("MatrixFunctions.Product(", code);
            else Assert.Contains("global::GradGen.Runtime.MatrixFunctions." + expected, code);
        }

        [Fact]
        public void Sized_constants_read_sizes_without_recomputing_products()
        {
            // ∇ holds 𝟙 shaped like A X B C: its size is A's rows and C's columns, not (A X B C).RowCount.
            string code = Generate("public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> C) => (A * X * B * C).RowSums().Sum();");
            string grad = Method(code, "GradF");
            Assert.Contains("Build.Dense(A.RowCount, C.ColumnCount, 1.0)", grad);
            Assert.DoesNotContain("A * X", grad);
            Assert.DoesNotContain("Product(A, X", grad);
            Assert.Contains("//   GradF: 3 O(n³) operations", code);   // the chain Aᵀ 𝟙 Cᵀ Bᵀ alone
        }

        [Fact]
        public void Traces_of_products_and_squared_norms_are_quadratic_sums()
        {
            string code = Generate("public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => (A.Transpose() * X).Trace() + (X * B).Trace() + Math.Pow((A - X).FrobeniusNorm(), 2) + (X - B).FrobeniusNorm();");
            string both = Method(code, "ValueAndGradF");
            Assert.Contains("MatrixFunctions.Inner(A, X)", both);
            Assert.Contains("MatrixFunctions.TraceOfProduct(X, B)", both);
            Assert.Contains("MatrixFunctions.FrobeniusNorm(", both);
            Assert.DoesNotContain(".Trace()", both);
            Assert.DoesNotContain("Math.Pow", both);
            Assert.Contains("//   ValueAndGradF: 0 O(n³) operations", code);
        }

        [Fact]
        public void Gradient_sums_are_one_dgemm_per_product_into_the_result()
        {
            string grad = Method(Generate("public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => (X.Transpose() * A * X * B).Trace();"), "GradF");
            // ∇ = (B Xᵀ A)ᵀ + A X B: two products, each one dgemm into gradX (the first with its factors swapped).
            Assert.Contains("var gradX = global::GradGen.Runtime.MatrixFunctions.ScaledProduct(", grad);
            Assert.Contains("global::GradGen.Runtime.MatrixFunctions.AddScaledProduct(gradX, ", grad);
            Assert.DoesNotContain("gradX.Add(", grad);
        }

        [Theory]
        // g: Y X goes into X B's storage once Yᵀ(X B) has read it.
        [InlineData("var Y = A - X * B * X.Transpose(); return Math.Pow(Y.FrobeniusNorm(), 2);", true)]
        // X B is read again by a later term (B's gradient-like term): it must not be overwritten early.
        [InlineData("var Y = A - X * B * X.Transpose(); return Math.Pow(Y.FrobeniusNorm(), 2) + (Y * X * B).Trace() + (X * B).Trace();", false)]
        [InlineData("var P = X * B; var Y = A - P * X.Transpose(); return Math.Pow(Y.FrobeniusNorm(), 2) + Math.Pow((P - A * X).FrobeniusNorm(), 2);", false)]
        public void Temporaries_reuse_only_storage_nothing_reads_any_more(string body, bool reuses)
        {
            string method = "public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) { " + body + " }";
            string code = Generate(method);
            if (reuses) Assert.Contains("goes into its storage", code);
            var assembly = InMemoryAssembly.BuildClass("C", new[] { "[Differentiable] " + method });
            var f = assembly.Static("C", "F");
            var grad = assembly.Static("C", "GradF");
            var both = assembly.Static("C", "ValueAndGradF");
            var r = new RandomMatrices(31);
            var (X, A, B) = (r.Matrix(5, 5), r.Matrix(5, 5), r.Matrix(5, 5));
            var gradient = (MathNet.Numerics.LinearAlgebra.Matrix<double>)grad(new object[] { X, A, B })!;
            var numerical = GradGen.Runtime.GradientCheck.Numerical(x => (double)f(new object[] { x, A, B })!, X);
            Assert.True(GradGen.Runtime.GradientCheck.RelativeError(gradient, numerical) < 1e-6);
            var (value, again) = ((double, MathNet.Numerics.LinearAlgebra.Matrix<double>))both(new object[] { X, A, B })!;
            Assert.True(Compare.RelativeError(value, (double)f(new object[] { X, A, B })!) < 1e-12);
            Assert.Equal(gradient, again);
        }

        [Theory]
        [InlineData("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu) { var Y = A - X * B * X.Transpose(); return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace(); }")]
        [InlineData("[Differentiable(Order = 2)] public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu) { var Y = A - X * B * X.Transpose(); return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace(); }")]
        [InlineData("[Differentiable] public static Matrix<double> F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A * (X * B).PointwiseExp();")]
        [InlineData("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A) => (X.Transpose() * A * X).Trace() + Math.Log((X.Transpose() * X).Determinant());")]
        public void Matrix_products_run_on_the_runtime_kernel(string method)
        {
            // MathNet's own product (A * B, A.Multiply(B, C), A.TransposeThisAndMultiply(B), …) runs at ≈4 GFLOP/s
            // under the managed provider; every matrix product of the generated code goes through MatrixFunctions.
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class C { " + method + " }");
            Assert.Empty(run.Errors);
            var code = string.Join("\n", run.Single().Split('\n').Select(line => line.Split(new[] { "//" }, 2, System.StringSplitOptions.None)[0]));
            Assert.Contains("global::GradGen.Runtime.MatrixFunctions.", code);
            var instanceProduct = new System.Text.RegularExpressions.Regex(@"(?<!MatrixFunctions)\.(Multiply|TransposeThisAndMultiply|TransposeAndMultiply)\(");
            Assert.DoesNotMatch(instanceProduct, code);
            // Every value here is a matrix, a size or a scalar constant: any other " * " is MathNet's product.
            foreach (System.Text.RegularExpressions.Match m in new System.Text.RegularExpressions.Regex(@"(\S+) \* (\S+)").Matches(code))
            {
                string left = m.Groups[1].Value;
                bool scalar = double.TryParse(left, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) || left.EndsWith("Count", System.StringComparison.Ordinal);
                Assert.True(scalar, $"a product on MathNet's operator: {m.Value}");
            }
        }

        [Fact]
        public void Each_matrix_is_factored_once_per_method()
        {
            // log|S|, S⁻¹x and (in the gradient) S⁻¹ of one S: one LU each method, then O(n²) solves and an inverse on it.
            string code = Generate("public static double F(Matrix<double> S, Vector<double> x) => 0.5 * Math.Log(S.Determinant()) + 0.5 * x.DotProduct(S.Solve(x));");
            foreach (var name in new[] { "GradF", "ValueAndGradF", "GradFInto", "ValueAndGradFInto" })
            {
                string body = Method(code, name);
                Assert.Equal(1, Count(body, "MatrixFunctions.Factor(S)"));
                Assert.DoesNotContain("MatrixFunctions.Solve(", body);
                Assert.DoesNotContain("MatrixFunctions.Inverse(", body);
                Assert.DoesNotContain("MatrixFunctions.LogDeterminant(", body);
            }
            Assert.Contains("//   ValueAndGradF: 2 O(n³) operations: the LU of S, S⁻¹", code);
            // One operation per matrix (S⁻¹x forward, S⁻ᵀ x̄ backward) needs no shared factors.
            string single = Generate("public static double F(Matrix<double> S, Vector<double> x) => x.DotProduct(S.Solve(x));");
            Assert.DoesNotContain("MatrixFunctions.Factor(", Method(single, "ValueAndGradF"));
        }

        private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

        private static string Generate(string method)
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class C { [Differentiable] " + method + " }");
            Assert.Empty(run.Errors);
            return run.Single();
        }

        /// <summary>The body of one generated method (from its signature to the next blank line).</summary>
        private static string Method(string code, string name)
        {
            int start = code.IndexOf(" " + name + "(", System.StringComparison.Ordinal);
            Assert.True(start >= 0, $"{name} not generated");
            int end = code.IndexOf("\n\n", start, System.StringComparison.Ordinal);
            return end < 0 ? code.Substring(start) : code.Substring(start, end - start);
        }
    }
}

using System.Linq;
using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The derivation comment of the newer operation families (blocks, Cholesky, eigenvalues, custom rules), as a reader
    /// checks it: each operation is written in the seed notation, and the cost list names the factorisations.
    /// </summary>
    public class NotationTests
    {
        /// <summary>The generated file's header (its derivation comment) for <paramref name="members"/> in a class N.</summary>
        internal static string Header(string members)
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "using System.Linq;\n" + "public static partial class N\n{\n" + members + "\n}\n");
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.Errors);
            string file = run.Files.Values.Single();
            return string.Join("\n", file.Split('\n').TakeWhile(l => !l.StartsWith("#nullable")));
        }

        [Fact]
        public void Blocks_are_written_as_slices_and_concatenations()
        {
            string header = Header("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A, Vector<double> v)"
                + " => X.SubMatrix(1, 2, 0, 3).Append(A).Stack(X).FrobeniusNorm() + v.SubVector(1, 2).Sum();");
            Assert.Contains("X[1:3, 0:3]", header);
            Assert.Contains("[X[1:3, 0:3]  A]", header);
            Assert.Contains("; X]", header);
            // The adjoint of a block: C̄ placed into zeros at the block's offsets.
            string adjoint = Header("[Differentiable] public static double G(Matrix<double> X, Matrix<double> C)"
                + " => X.SubMatrix(1, 2, 0, 3).PointwiseMultiply(C).RowSums().Sum();");
            Assert.Contains("∇_X g = C at [1:3, 0:3]", adjoint);
        }

        [Fact]
        public void Decompositions_name_their_factors()
        {
            string header = Header("[Differentiable] public static double F(Matrix<double> A)"
                + " { var S = A * A.Transpose() + Matrix<double>.Build.DenseIdentity(A.RowCount); var c = S.Cholesky();"
                + " return c.DeterminantLn + c.Determinant + c.Factor.Trace() + S.Evd().EigenValues.Real().Sum(); }");
            Assert.Contains("log|S|", header);
            Assert.Contains("|S|", header);
            Assert.Contains("chol(S)", header);
            Assert.Contains("λ(S)", header);
            Assert.Contains("the Cholesky of S", header);
            Assert.Contains("Φ(", header);
        }

        [Fact]
        public void QR_SVD_and_products_of_entries_are_written_in_the_seed_notation()
        {
            string header = Header("[Differentiable] public static double F(Matrix<double> A)"
                + " => A.QR().Q.Trace() + A.QR().R.Trace() + A.Svd().U.Trace() + A.Svd().VT.Trace();")
                + Header("[Differentiable] public static double G(Vector<double> v) => v.Aggregate(1.0, (p, x) => p * x);");
            Assert.Contains("tr(Q(A))", header);
            Assert.Contains("tr(R(A))", header);
            Assert.Contains("tr(U(A))", header);
            Assert.Contains("tr(V(A)ᵀ)", header);
            Assert.Contains("Πv", header);
            Assert.Contains("Π₋(v)", header);      // the gradient: the products of the others
            Assert.Contains("the QR of A", header);
            Assert.Contains("the SVD of A", header);
        }

        [Fact]
        public void LU_factors_pivots_and_triangles_are_written_in_the_seed_notation()
        {
            string header = Header("[Differentiable] public static double F(Matrix<double> A)"
                + " => A.LU().L.Trace() + A.LU().U.PointwiseMultiply(A).Trace() + A.UpperTriangle().Trace() + A.StrictlyLowerTriangle().Trace()"
                + " + A.LowerTriangle().PointwiseMultiply(A).Trace() + A.StrictlyUpperTriangle().PointwiseMultiply(A).Trace();");
            Assert.Contains("tr(L(A))", header);
            Assert.Contains("tr(U(A) ∘ A)", header);
            Assert.Contains("tr(triu(A))", header);
            Assert.Contains("tr(tril₋(A))", header);
            Assert.Contains("tr(tril(A) ∘ A)", header);
            Assert.Contains("tr(triu₊(A) ∘ A)", header);
            Assert.Contains("P(A)ᵀ", header);     // the gradient permutes back: Ā = P(A)ᵀ L⁻ᵀ (…) U⁻ᵀ
        }

        [Fact]
        public void Eigenvectors_singular_values_and_their_factors_are_named_in_the_derivation()
        {
            string header = Header("[Differentiable] public static double F(Matrix<double> S)"
                + " { var evd = (S + S.Transpose()).Evd(); var V = evd.EigenVectors; return V.PointwiseMultiply(V).Trace(); }")
                + Header("[Differentiable] public static double G(Matrix<double> A) => A.Svd().S.Sum();");
            Assert.Contains("V(S + Sᵀ)", header);
            Assert.Contains("F(λ(S + Sᵀ))", header);      // the eigenvectors' gradient: Fᵢⱼ = 1/(λⱼ − λᵢ)
            Assert.Contains("σ(A)", header);
            Assert.Contains("U(A) Diag(𝟙) V(A)ᵀ", header);   // ∇ Σσ = U Vᵀ, through the thin singular vectors
        }

        [Theory]
        [InlineData("Evd().EigenVectors.Trace()", "rows and columns of the matrix Evd decomposes")]
        [InlineData("Cholesky().DeterminantLn", "rows and columns of the matrix S.Cholesky() factors")]
        public void A_literal_non_square_matrix_decomposed_is_reported_at_compile_time(string decomposed, string message)
        {
            string product = "Matrix<double>.Build.Dense(3, 3, 1.0) * X * Matrix<double>.Build.Dense(3, 2, 1.0)";
            AssertShapeError($"({product}).{decomposed}", message);
        }

        [Theory]
        // ‖v‖² of a vector has no _F; a norm not squared leaves 1/‖·‖ in its gradient.
        [InlineData("double F(Vector<double> v, Matrix<double> X) => Math.Pow(v.L2Norm(), 2) + Math.Pow(X.FrobeniusNorm(), 2);",
            "f(v) = ‖v‖² + ‖X‖²_F", "∇_v f = 2v")]
        [InlineData("double F(Matrix<double> X, Matrix<double> A) => (X - A).FrobeniusNorm();",
            "f(X) = ‖X − A‖_F", "∇_X f = (1 / ‖X − A‖_F)·(X − A)")]
        // Powers: a^p of scalars, X^∘p entry by entry, constant or not; ReLU and its step mask.
        [InlineData("double F(Matrix<double> X) => X.PointwisePower(3).ColumnSums().Sum();", "f(X) = 𝟙ᵀX^∘3𝟙",
            "∇_X f = 3 X^∘2")]
        [InlineData("double F(double a, double p) => Math.Pow(a, p);", "f(a) = a^p", "∇_a f = p·a^(p − 1)")]
        [InlineData("[Differentiable(nameof(p))] public static double F(double a, double p) => Math.Pow(a, p);", "f(p) = a^p",
            "∇_p f = a^p·log(a)")]
        [InlineData("[Differentiable(nameof(p))] public static double F(Matrix<double> X, double p)"
            + " => X.PointwisePower(p).ColumnSums().Sum();",
            "f(p) = 𝟙ᵀX^∘p𝟙", "∇_p f = ⟨𝟙, X^∘p ∘ log(X)⟩")]
        [InlineData("double F(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X.PointwiseMaximum(0)).ColumnSums().Sum();",
            "f(X) = 𝟙ᵀ(A ∘ max(X, 0))𝟙", "∇_X f = A ∘ 𝟙[X > 0]")]
        [InlineData("double F(Matrix<double> X, Matrix<double> A) => X.Map2((x, a) => Math.Max(x, a), A).ColumnSums().Sum();",
            "f(X) = 𝟙ᵀ(X + max(A − X, 0))𝟙", "∇_X f = 𝟙 − 𝟙[A > X]")]
        // Extremes read one entry: its subgradient is a unit vector at the index, written e_i.
        [InlineData("double F(Vector<double> v) => v.Maximum() + v.Minimum() + v.AbsoluteMaximum() + v.AbsoluteMinimum();",
            "f(v) = v[(argmax v)] + v[(argmin v)] + abs(v[(argmax |·| v)]) + abs(v[(argmin |·| v)])",
            "∇_v f = sign(v[(argmin |·| v)]) e_(argmin |·| v) + sign(v[(argmax |·| v)]) e_(argmax |·| v) + e_(argmin v) + e_(argmax v)")]
        [InlineData("double F(Vector<double> v) => v[v.MaximumIndex()] + v[v.MinimumIndex()] * v[v.AbsoluteMaximumIndex()]"
            + " - v[v.AbsoluteMinimumIndex()];", "f(v) = v[(argmax v)] + v[(argmin v)]·v[(argmax |·| v)] − v[(argmin |·| v)]",
            "∇_v f = −e_(argmin |·| v) + v[(argmin v)] e_(argmax |·| v) + v[(argmax |·| v)] e_(argmin v) + e_(argmax v)")]
        // Sums of rows and columns, a vector's norm; columns, rows and entries read and their adjoints placed back.
        [InlineData("double F(Matrix<double> X, Vector<double> v, Vector<double> w) => X.ColumnSums().DotProduct(v)"
            + " + X.RowSums().DotProduct(w) + v.L2Norm();", "f(X) = ⟨Xᵀ𝟙, v⟩ + ⟨X 𝟙, w⟩ + ‖v‖", "∇_X f = w 𝟙ᵀ + 𝟙 vᵀ")]
        [InlineData("double F(Matrix<double> X, Vector<double> v, int k) => X.Column(k).DotProduct(v) + X.Row(1).Sum() + X.At(0, 1)"
            + " + (v.ToRowMatrix() * X).ColumnSums().Sum();", "f(X) = ⟨X[:,k], v⟩ + 𝟙ᵀX[1,:]ᵀ + X[0,1] + 𝟙ᵀ(vᵀ X)𝟙",
            "∇_X f = v 𝟙 + e_0 e_1ᵀ + e_1 𝟙ᵀ + v e_kᵀ")]
        // Quotients by a scalar and of a scalar; Kronecker products and their two adjoints.
        [InlineData("double F(Matrix<double> X, double s) => (X / s).ColumnSums().Sum() + (2.0 / X).ColumnSums().Sum();",
            "f(X) = 𝟙ᵀ(X / s)𝟙 + 𝟙ᵀ(2 ⊘ X)𝟙", "∇_X f = −((2 ⊘ X) ⊘ X − (1 / s)·𝟙)")]
        [InlineData("double F(Matrix<double> X, Matrix<double> B, Matrix<double> C) => (X.KroneckerProduct(B) * C).Trace()"
            + " + (B.KroneckerProduct(X) * C).Trace();", "f(X) = tr((X ⊗ B) C) + tr((B ⊗ X) C)",
            "∇_X f = Σᵢⱼ Bᵢⱼ Cᵀᵢⱼ + ⟨Cᵀ, B⟩_blocks")]
        public void Elementwise_maps_powers_quotients_and_Kronecker_products_are_written_in_the_seed_notation(string method,
            string value, string gradient)
        {
            string header = Header(method.StartsWith("[") ? method : "[Differentiable] public static " + method);
            Assert.Contains("//   " + value + "\n", header + "\n");
            Assert.Contains("//   " + gradient + "\n", header + "\n");
        }

        [Theory]
        [InlineData("(Matrix<double>.Build.Dense(3, 3, 1.0) * Matrix<double>.Build.Dense(2, 2, 1.0) * X).Trace()",
            "columns of the left factor and rows of the right factor")]
        [InlineData("Matrix<double>.Build.Dense(3, 3, 1.0).PointwiseMultiply(Matrix<double>.Build.Dense(2, 2, 1.0) * X).Trace()",
            "the two operands have 3 and 2 rows")]
        [InlineData("(Matrix<double>.Build.Dense(2, 2, 1.0) * X).Column(0).DotProduct(Vector<double>.Build.Dense(3, 1.0))",
            "the two operands have 2 and 3 rows")]
        [InlineData("X.PointwiseMultiply(Matrix<double>.Build.Dense(2, 3, 1.0)).Trace()", "rows and columns of the traced matrix are 2 and 3")]
        public void A_literal_shape_conflict_names_what_must_agree(string body, string message) => AssertShapeError(body, message);

        /// <summary>
        /// What is kept as written reads as the user wrote it, without the namespaces the generated code needs; a negative
        /// literal after a minus is bracketed.
        /// </summary>
        [Fact]
        public void Expressions_kept_as_written_and_negative_literals_read_as_written()
        {
            string kept = Header("[Differentiable] public static double F(Matrix<double> X)"
                + " => (X + Matrix<double>.Build.DenseIdentity(X.ColumnCount)).Inverse().Trace();");
            Assert.Contains("f(X) = tr((X + Matrix<double>.Build.DenseIdentity(X.ColumnCount))⁻¹)", kept);
            string literal = Header("[Differentiable] public static double G(double a, double b) => Math.Pow(a, -1.5) * (b - -2.0);");
            Assert.Contains("g(a) = a^−1.5·(b − (−2))", literal);
            Assert.Contains("∇_a g = −1.5(b − (−2)) / a^2.5", literal);
        }

        /// <summary>The LU factors' adjoint as JAX's lu rule transposed: Ā = Pᵀ L⁻ᵀ tril₋(Lᵀ L̄) U⁻ᵀ, the pivots read as P(A)ᵀ.</summary>
        [Fact]
        public void The_adjoint_of_an_LU_factor_reads_with_its_pivots_transposed()
        {
            string header = Header("[Differentiable] public static double F(Matrix<double> A, Matrix<double> C)"
                + " => A.LU().L.PointwiseMultiply(C).RowSums().Sum();");
            Assert.Contains("f(A) = 𝟙ᵀ(L(A) ∘ C)𝟙", header);
            Assert.Contains("∇_A f = P(A)ᵀ (U(A)⁻¹ (L(A)⁻ᵀ tril₋(L(A)ᵀ C))ᵀ)ᵀ", header);
        }

        /// <summary>F(X) => <paramref name="body"/> is one GG0011 whose message contains <paramref name="message"/>.</summary>
        internal static void AssertShapeError(string body, string message)
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class N\n{\n"
                + $"    [Differentiable] public static double F(Matrix<double> X) => {body};\n}}\n");
            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0011", diagnostic.Id);
            Assert.True(diagnostic.GetMessage().Contains(message), diagnostic.GetMessage());
        }
    }
}

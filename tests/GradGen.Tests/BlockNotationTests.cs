using System.Linq;
using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The block operations' notation and messages in the forms NotationTests does not reach (survivors of the mutation
    /// run of Ir/Operations/Blocks.cs): ranges with a zero or symbolic start, vector slices and their adjoints, the run-time
    /// sizes rows(·) and cols(·) in a concatenation's adjoint, the index grids, and the shape messages of Append and Stack.
    /// </summary>
    public class BlockNotationTests
    {
        private static string Header(string member) => NotationTests.Header(member);

        [Fact]
        public void A_concatenations_adjoint_cuts_at_the_run_time_sizes_of_its_blocks()
        {
            string append = Header("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> C)"
                + " => A.Append(X).PointwiseMultiply(C).RowSums().Sum();");
            Assert.Contains("f(X) = 𝟙ᵀ([A  X] ∘ C)𝟙", append);
            Assert.Contains("∇_X f = C[0:rows(X), cols(A):cols(A)+cols(X)]", append);
            string stack = Header("[Differentiable] public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> C)"
                + " => A.Stack(X).PointwiseMultiply(C).RowSums().Sum();");
            Assert.Contains("g(X) = 𝟙ᵀ([A; X] ∘ C)𝟙", stack);
            Assert.Contains("∇_X g = C[rows(A):rows(A)+rows(X), 0:cols(X)]", stack);
        }

        [Fact]
        public void Vector_slices_and_their_adjoints_read_as_ranges()
        {
            string literal = Header("[Differentiable] public static double G(Vector<double> v, Vector<double> w)"
                + " => v.SubVector(1, 2) * w.SubVector(0, 2);");
            Assert.Contains("g(v) = ⟨v[1:3], w[0:2]⟩", literal);
            Assert.Contains("∇_v g = w[0:2] at [1:3]", literal);
            string symbolic = Header("[Differentiable] public static double K(Vector<double> v, int i) => v.SubVector(0, i).Sum() + v.SubVector(i, 2).Sum();");
            Assert.Contains("k(v) = 𝟙ᵀv[0:i] + 𝟙ᵀv[i:i+2]", symbolic);
            Assert.Contains("∇_v k = 𝟙 at [i:i+2] + 𝟙 at [0:i]", symbolic);
        }

        /// <summary>
        /// An index read as a number is the grid ι 𝟙ᵀ (rows), 𝟙 ιᵀ (columns) or ι (a vector), ι = (0, 1, 2, …): written with
        /// the index vector, never as I (the identity), and not elided as "…" when Build.Dense is sized by the value's own sizes.
        /// </summary>
        [Fact]
        public void Indices_read_as_numbers_are_written_with_the_index_vector()
        {
            string dense = Header("[Differentiable] public static double F(Matrix<double> X) => Matrix<double>.Build.Dense(X.RowCount,"
                + " X.ColumnCount, (i, j) => X[i, j] * (i + 2.0 * j)).Enumerate().Sum();");
            Assert.Contains("f(X) = 𝟙ᵀ(X ∘ (ι 𝟙ᵀ + 2 𝟙 ιᵀ))𝟙", dense);
            Assert.Contains("∇_X f = ι 𝟙ᵀ + 2 𝟙 ιᵀ", dense);
            string mapped = Header("[Differentiable] public static double H(Matrix<double> X) => X.MapIndexed((i, j, x) => x * x * j + i)"
                + ".Enumerate().Sum();");
            Assert.Contains("∇_X h = 2 (X ∘ (𝟙 ιᵀ))", mapped);
            string vector = Header("[Differentiable] public static double G(Vector<double> v) => Vector<double>.Build.Dense(v.Count,"
                + " i => v[i] * v[i] * i).Sum();");
            Assert.Contains("∇_v g = 2 (v ∘ ι)", vector);
        }

        [Theory]
        [InlineData("Matrix<double>.Build.Dense(2, 3).Append(Matrix<double>.Build.Dense(3, 3))", "rows of the matrices Append joins")]
        [InlineData("Matrix<double>.Build.Dense(2, 3).Stack(Matrix<double>.Build.Dense(2, 2))", "columns of the matrices Stack joins")]
        public void Literal_sizes_that_cannot_be_joined_are_named_in_the_message(string joined, string message)
        {
            NotationTests.AssertShapeError($"(X + {joined}.Transpose() * {joined}).Trace()", message);
        }
    }
}

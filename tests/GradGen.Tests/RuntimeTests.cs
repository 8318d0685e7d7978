using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>Run-time helpers the generated code calls.</summary>
    public class RuntimeTests
    {
        [Theory]
        [InlineData(1, 50, 2, 40)]   // (AB)C is cheaper
        [InlineData(40, 2, 50, 1)]   // A(BC) is cheaper
        [InlineData(3, 3, 3, 3)]
        public void Product_of_three_is_the_product_in_either_order(int m, int k, int l, int n)
        {
            var r = new RandomMatrices(m + k + l + n);
            var (a, b, c) = (r.Matrix(m, k), r.Matrix(k, l), r.Matrix(l, n));
            Assert.True(Compare.RelativeError(MatrixFunctions.Product(a, b, c), a * b * c) < 1e-12);
        }

        [Fact]
        public void Inner_product_and_log_determinant()
        {
            var r = new RandomMatrices(4);
            var (a, b) = (r.Matrix(3, 4), r.Matrix(3, 4));
            Assert.Equal((a.TransposeThisAndMultiply(b)).Trace(), MatrixFunctions.Inner(a, b), 12);
            var s = r.Matrix(4, 4) + 4 * Matrix<double>.Build.DenseIdentity(4);
            Assert.Equal(System.Math.Log(System.Math.Abs(s.Determinant())), System.Math.Abs(MatrixFunctions.LogDeterminant(s * s)) / 2, 10);
        }

        [Fact]
        public void Chains_whose_order_depends_on_the_sizes_are_chosen_at_run_time()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings
                + "public static partial class C { [Differentiable] public static double F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => Math.Pow((A * X * B).FrobeniusNorm(), 2); }");
            Assert.Empty(run.Errors);
            Assert.Contains("global::GradGen.Runtime.MatrixFunctions.Product(", run.Single());
        }
    }
}

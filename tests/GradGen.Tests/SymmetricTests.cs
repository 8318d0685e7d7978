using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>[Symmetric] inputs: the simplified gradient equals the general one and central differences.</summary>
    public class SymmetricTests
    {
        private static Matrix<double> Symmetric(RandomMatrices r, int n)
        {
            var m = r.Matrix(n, n);
            return m + m.Transpose();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(12)]
        public void Symmetric_gradient_is_minus_four_Y_X_B_minus_Xu(int n)
        {
            var r = new RandomMatrices(n + 40);
            var (X, A, B, Xu) = (r.Matrix(n, n), Symmetric(r, n), Symmetric(r, n), r.Matrix(n, n));
            var Y = A - X * B * X.Transpose();

            var gradient = SymmetricObjectives.GradG(X, A, B, Xu);

            Assert.True(Compare.RelativeError(gradient, -4 * Y * X * B - Xu) < 1e-10);
            Assert.True(Compare.RelativeError(gradient, CvprObjectives.SeedGradient(X, A, B, Xu)) < 1e-10);
            Assert.True(GradientCheck.RelativeError(gradient, GradientCheck.Numerical(x => SymmetricObjectives.G(x, A, B, Xu), X)) < 1e-6);
            Assert.True(Compare.RelativeError(SymmetricObjectives.ValueAndGradG(X, A, B, Xu).Value, SymmetricObjectives.G(X, A, B, Xu)) < 1e-12);
        }

        [Fact]
        public void Symmetric_fields_and_properties_count_too()
        {
            var r = new RandomMatrices(50);
            var (X, A, B) = (r.Matrix(4, 4), Symmetric(r, 4), Symmetric(r, 4));
            var Y = A - X * B * X.Transpose();
            Assert.True(Compare.RelativeError(new SymmetricProblem(A, B).GradG(X), -4 * Y * X * B) < 1e-10);
        }

        [Fact]
        public void Symmetry_check_helper()
        {
            var r = new RandomMatrices(51);
            Assert.True(MatrixFunctions.IsSymmetric(Symmetric(r, 5)));
            Assert.False(MatrixFunctions.IsSymmetric(r.Matrix(5, 5)));
            Assert.False(MatrixFunctions.IsSymmetric(r.Matrix(2, 3)));
        }
    }
}

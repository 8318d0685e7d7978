using System;
using System.Linq;
using System.Runtime.CompilerServices;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The stated policy for singular and non-finite input (README, "Singular and non-finite input"): IEEE values propagate
    /// through value and gradient alike (no exception, no hang), and the one gradient that is finite at a singular matrix,
    /// that of |A| (its cofactors), is computed exactly there.
    /// </summary>
    public class SingularInputTests
    {
        private const string Source = @"public static partial class Singular
{
    [Differentiable] public static double Det(Matrix<double> A) => A.Determinant();
    [Differentiable] public static double Inv(Matrix<double> A) => A.Inverse().Trace();
    [Differentiable] public static double LogDet(Matrix<double> A) => Math.Log(A.Determinant());
    [Differentiable] public static double Sol(Matrix<double> A, Vector<double> b) => A.Solve(b).Sum();
    [Differentiable] public static double Plain(Matrix<double> A) => (A * A).Trace() + A.PointwiseExp().RowSums().Sum();
    [Differentiable(Order = 2)] public static double DetTwice(Matrix<double> A) => A.Determinant();
}";

        private static readonly Lazy<System.Reflection.Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Source));

        private static Matrix<double> Grad(string name, params object[] args) => (Matrix<double>)s_assembly.Value.Static("Singular", "Grad" + name)(args)!;

        [Fact]
        public void The_gradient_of_the_determinant_at_a_rank_deficient_matrix_is_its_cofactor_matrix()
        {
            var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
            // ∇|A| = adj(A)ᵀ = [[d, −c], [−b, a]] for A = [[a, b], [c, d]].
            var cofactors = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, -2 }, { -2, 1 } });
            Assert.True((Grad("Det", a) - cofactors).FrobeniusNorm() < 1e-12);

            // A 3×3 of rank 2: the cofactors by hand, against central differences (|A| is a polynomial: exact there too).
            var b = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 2, 1, 0 }, { 3, 3, 3 } });
            var numerical = GradientCheck.Numerical(m => m.Determinant(), b);
            Assert.True((Grad("Det", b) - numerical).FrobeniusNorm() < 1e-6 * Math.Max(1, numerical.FrobeniusNorm()));
            Assert.True(numerical.FrobeniusNorm() > 1, "the cofactors of a rank n − 1 matrix are not all zero");

            // Rank n − 2: every cofactor is zero.
            var c = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { 3, 6, 9 } });
            Assert.True(Grad("Det", c).FrobeniusNorm() < 1e-10);
        }

        [Fact]
        public void The_determinant_gradient_agrees_with_the_inverse_form_where_A_is_invertible()
        {
            var a = new RandomMatrices(3).Matrix(4, 4) + 3 * Matrix<double>.Build.DenseIdentity(4);
            var expected = a.Determinant() * a.Inverse().Transpose();
            Assert.True((Grad("Det", a) - expected).FrobeniusNorm() < 1e-10 * expected.FrobeniusNorm());
            var hvp = (Matrix<double>)s_assembly.Value.Static("Singular", "HvpDetTwice")(new object[] { a, a })!;
            var numerical = GradientCheck.Numerical(m => (Grad("Det", m) .PointwiseMultiply(a)).RowSums().Sum(), a);
            Assert.True((hvp - numerical).FrobeniusNorm() < 1e-5 * Math.Max(1, numerical.FrobeniusNorm()));
        }

        [Theory]
        [InlineData("singular")]
        [InlineData("NaN")]
        [InlineData("infinity")]
        public void Singular_and_non_finite_inputs_propagate_and_never_throw(string kind)
        {
            var a = kind switch
            {
                "singular" => Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } }),
                "NaN" => Matrix<double>.Build.DenseOfArray(new double[,] { { 1, double.NaN }, { 2, 4 } }),
                _ => Matrix<double>.Build.DenseOfArray(new double[,] { { 1, double.PositiveInfinity }, { 2, 4 } }),
            };
            var b = Vector<double>.Build.Dense(2, 1.0);
            foreach (var (name, args) in new[] { ("Det", new object[] { a }), ("Inv", new object[] { a }), ("LogDet", new object[] { a }),
                ("Sol", new object[] { a, b }), ("Plain", new object[] { a }) })
            {
                var both = (ITuple)s_assembly.Value.Static("Singular", "ValueAndGrad" + name)(args)!;
                double value = (double)both[0]!, expected = (double)s_assembly.Value.Static("Singular", name)(args)!;
                // The value is the user's (MathNet's) to rounding, non-finite where it is.
                Assert.True(value.Equals(expected) || Math.Abs(value - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected))
                    || (double.IsNaN(value) && double.IsNaN(expected)), $"{name} ({kind}): {value} against F's {expected}");
                if (kind == "NaN") Assert.Contains(((Matrix<double>)both[1]!).Enumerate(), double.IsNaN);
            }
        }
    }
}

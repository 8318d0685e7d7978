using System;
using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>GradFInto and ValueAndGradFInto: the gradient written into the caller's matrices, checked first.</summary>
    public class IntoTests
    {
        [Theory]
        [InlineData(3, 3)]
        [InlineData(20, 20)]
        [InlineData(5, 3)]
        public void Cvpr_gradient_into_a_buffer_is_GradG_and_overwrites_every_entry(int m, int n)
        {
            var r = new RandomMatrices(m * 100 + n);
            var (X, A, B, Xu) = (r.Matrix(m, n), r.Matrix(m, m), r.Matrix(n, n), r.Matrix(m, n));
            var buffer = Matrix<double>.Build.Dense(m, n, double.NaN);

            CvprObjectives.GradGInto(X, A, B, Xu, buffer);
            Assert.Equal(CvprObjectives.GradG(X, A, B, Xu), buffer);

            buffer.Clear();
            buffer.MapInplace(_ => double.NaN);
            double value = CvprObjectives.ValueAndGradGInto(X, A, B, Xu, buffer);
            var (expectedValue, expectedGradient) = CvprObjectives.ValueAndGradG(X, A, B, Xu);
            Assert.Equal(expectedValue, value);
            Assert.Equal(expectedGradient, buffer);
        }

        [Fact]
        public void A_result_that_is_an_input_or_misshapen_is_refused_before_anything_is_written()
        {
            var r = new RandomMatrices(5);
            var (X, A, B, Xu) = (r.Matrix(4, 4), r.Matrix(4, 4), r.Matrix(4, 4), r.Matrix(4, 4));
            var before = X.Clone();
            var aliased = Assert.Throws<ArgumentException>(() => CvprObjectives.GradGInto(X, A, B, Xu, X));
            Assert.Contains("gradX must be a matrix of its own", aliased.Message);
            Assert.Equal(before, X);
            Assert.Throws<ArgumentException>(() => CvprObjectives.ValueAndGradGInto(X, A, B, Xu, Xu));
            var shape = Assert.Throws<ArgumentException>(() => CvprObjectives.GradGInto(X, A, B, Xu, Matrix<double>.Build.Dense(4, 3)));
            Assert.Contains("gradX must be 4×4", shape.Message);
        }

        [Fact]
        public void Several_results_leaf_gradients_and_vectors()
        {
            var assembly = InMemoryAssembly.BuildClass("Into", new[]
            {
                // Two wrt, a matrix and a vector.
                "[Differentiable(\"X\", \"b\")] public static double F(Matrix<double> X, Vector<double> b, Matrix<double> A) => Math.Pow((A * X * b).L2Norm(), 2) + b.DotProduct(b);",
                // ∇ tr(AᵀX) = A: an input, copied in.
                "[Differentiable] public static double T(Matrix<double> X, Matrix<double> A) => (A.Transpose() * X).Trace();",
                // ∇ Σ A∘exp(X) = A∘exp(X): a forward intermediate.
                "[Differentiable] public static double H(Matrix<double> X, Matrix<double> A) { var E = A.PointwiseMultiply(X.PointwiseExp()); return E.RowSums().Sum(); }",
            });
            var r = new RandomMatrices(9);
            var (X, A, b) = (r.Matrix(3, 4), r.Matrix(5, 3), r.Vector(4));
            var (gX, gb) = (Matrix<double>.Build.Dense(3, 4, double.NaN), Vector<double>.Build.Dense(4, double.NaN));
            assembly.Static("Into", "GradFInto")(new object[] { X, b, A, gX, gb });
            var expected = ((Matrix<double>, Vector<double>))assembly.Static("Into", "GradF")(new object[] { X, b, A })!;
            Assert.Equal(expected.Item1, gX);
            Assert.Equal(expected.Item2, gb);

            var square = r.Matrix(3, 4);
            var gT = Matrix<double>.Build.Dense(3, 4, double.NaN);
            assembly.Static("Into", "GradTInto")(new object[] { X, square, gT });
            Assert.Equal(square, gT);
            Assert.NotSame(square, gT);

            var gH = Matrix<double>.Build.Dense(3, 4, double.NaN);
            double value = (double)assembly.Static("Into", "ValueAndGradHInto")(new object[] { X, square, gH })!;
            // The generated exp is the runtime's SIMD one: MathNet's to the last bit or two.
            Assert.True(Compare.RelativeError(gH, square.PointwiseMultiply(X.PointwiseExp())) < 1e-14);
            Assert.DoesNotContain(gH.Enumerate(), double.IsNaN);
            Assert.True(Compare.RelativeError(value, square.PointwiseMultiply(X.PointwiseExp()).RowSums().Sum()) < 1e-12);
        }

        [Fact]
        public void Result_names_are_not_names_the_type_or_body_already_uses()
        {
            // A static field named gradX is read by the objective: the result parameter is named otherwise.
            var members = new[]
            {
                "public static Matrix<double> gradX = Matrix<double>.Build.DenseIdentity(3);",
                "[Differentiable] public static double F(Matrix<double> X) => (gradX * X).Trace();",
            };
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class Shadow { " + string.Join(" ", members) + " }");
            string oneLine = System.Text.RegularExpressions.Regex.Replace(run.Single(), @"(?<=[(,])\s+", m => m.Value.Contains('\n') ? "" : m.Value)
                .Replace(",global::", ", global::");
            Assert.Contains("GradFInto(global::MathNet.Numerics.LinearAlgebra.Matrix<double> X, global::MathNet.Numerics.LinearAlgebra.Matrix<double> gradX_)",
                oneLine);
            var assembly = InMemoryAssembly.BuildClass("Shadow", members);
            var X = new RandomMatrices(2).Matrix(3, 3);
            var result = Matrix<double>.Build.Dense(3, 3, double.NaN);
            assembly.Static("Shadow", "GradFInto")(new object[] { X, result });
            Assert.Equal(Matrix<double>.Build.DenseIdentity(3), result);
        }

        [Fact]
        public void A_double_parameter_has_no_Into_variant()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings
                + "public static partial class C { [Differentiable(\"s\", \"X\")] public static double F(double s, Matrix<double> X) => s * X.Trace(); }");
            Assert.Empty(run.Errors);
            Assert.DoesNotContain("Into(", run.Single());
        }
    }
}

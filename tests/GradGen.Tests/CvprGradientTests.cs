using System.Collections.Generic;
using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The generated gradient of the CVPR 2021 objective against the seed's closed form
    /// (to 1e-10 relative) and central differences (to 1e-6), on random non-symmetric inputs.
    /// </summary>
    public class CvprGradientTests
    {
        public delegate double Objective(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu);
        public delegate Matrix<double> Gradient(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu);

        private static readonly Dictionary<string, (Objective F, Gradient Grad, System.Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, (double, Matrix<double>)> Both)> s_spellings = new()
        {
            ["G"] = (CvprObjectives.G, CvprObjectives.GradG, (x, a, b, u) => CvprObjectives.ValueAndGradG(x, a, b, u)),
            ["GExpressionBody"] = (CvprObjectives.GExpressionBody, CvprObjectives.GradGExpressionBody, (x, a, b, u) => CvprObjectives.ValueAndGradGExpressionBody(x, a, b, u)),
            ["GHadamardSum"] = (CvprObjectives.GHadamardSum, CvprObjectives.GradGHadamardSum, (x, a, b, u) => CvprObjectives.ValueAndGradGHadamardSum(x, a, b, u)),
            ["GNormTimesNorm"] = (CvprObjectives.GNormTimesNorm, CvprObjectives.GradGNormTimesNorm, (x, a, b, u) => CvprObjectives.ValueAndGradGNormTimesNorm(x, a, b, u)),
            ["GRowSums"] = (CvprObjectives.GRowSums, CvprObjectives.GradGRowSums, (x, a, b, u) => CvprObjectives.ValueAndGradGRowSums(x, a, b, u)),
        };

        /// <summary>Spelling × shape: X is m×n, A m×m, B n×n, X_u m×n (square and non-square).</summary>
        public static IEnumerable<object[]> Cases()
        {
            var shapes = new[] { (1, 1), (2, 2), (3, 3), (7, 7), (20, 20), (2, 3), (5, 3), (4, 9) };
            foreach (var spelling in s_spellings.Keys)
            {
                foreach (var (m, n) in shapes) yield return new object[] { spelling, m, n };
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradient_equals_the_seed_formula(string spelling, int m, int n)
        {
            var (_, grad, _) = s_spellings[spelling];
            var r = new RandomMatrices(seed: 1000 * m + n);
            var (X, A, B, Xu) = (r.Matrix(m, n), r.Matrix(m, m), r.Matrix(n, n), r.Matrix(m, n));

            var generated = grad(X, A, B, Xu);
            var seed = CvprObjectives.SeedGradient(X, A, B, Xu);

            Assert.Equal(m, generated.RowCount);
            Assert.Equal(n, generated.ColumnCount);
            Assert.True(Compare.RelativeError(generated, seed) < 1e-10, $"{spelling} {m}×{n}: relative error {Compare.RelativeError(generated, seed):E2}");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradient_equals_central_differences(string spelling, int m, int n)
        {
            var (f, grad, _) = s_spellings[spelling];
            var r = new RandomMatrices(seed: 7 + 1000 * m + n);
            var (X, A, B, Xu) = (r.Matrix(m, n), r.Matrix(m, m), r.Matrix(n, n), r.Matrix(m, n));

            var numerical = GradientCheck.Numerical(x => f(x, A, B, Xu), X);
            double error = GradientCheck.RelativeError(grad(X, A, B, Xu), numerical);

            Assert.True(error < 1e-6, $"{spelling} {m}×{n}: relative error {error:E2} against central differences");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void ValueAndGrad_value_is_the_objective_and_its_gradient_is_GradG(string spelling, int m, int n)
        {
            var (f, grad, both) = s_spellings[spelling];
            var r = new RandomMatrices(seed: 13 + 1000 * m + n);
            var (X, A, B, Xu) = (r.Matrix(m, n), r.Matrix(m, m), r.Matrix(n, n), r.Matrix(m, n));

            var (value, gradient) = both(X, A, B, Xu);

            // To rounding: ‖Y‖²_F and tr(XuᵀX) are O(n²) sums here, products and traces in G.
            double expected = f(X, A, B, Xu);
            Assert.True(Compare.RelativeError(value, expected) < 1e-12, $"{spelling}: value {value:R}, G {expected:R}");
            Assert.Equal(grad(X, A, B, Xu), gradient);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(20)]
        public void Instance_form_reads_fields_and_properties(int n)
        {
            var r = new RandomMatrices(seed: n);
            var (X, A, B, Xu) = (r.Matrix(n, n), r.Matrix(n, n), r.Matrix(n, n), r.Matrix(n, n));
            var problem = new CvprProblem(A, B, Xu);

            var (value, gradient) = problem.ValueAndGradG(X);

            double expected = CvprObjectives.G(X, A, B, Xu);
            Assert.True(Compare.RelativeError(value, expected) < 1e-12, $"value {value:R}, G {expected:R}");
            Assert.True(Compare.RelativeError(problem.GradG(X), CvprObjectives.SeedGradient(X, A, B, Xu)) < 1e-10);
            Assert.Equal(problem.GradG(X), gradient);
        }

        [Fact]
        public void Gradient_does_not_modify_or_alias_the_inputs()
        {
            var r = new RandomMatrices(seed: 5);
            var (X, A, B, Xu) = (r.Matrix(4, 4), r.Matrix(4, 4), r.Matrix(4, 4), r.Matrix(4, 4));
            var copies = (X.Clone(), A.Clone(), B.Clone(), Xu.Clone());

            var gradient = CvprObjectives.GradG(X, A, B, Xu);

            Assert.Equal(copies, (X, A, B, Xu));
            Assert.NotSame(Xu, gradient);
        }
    }
}

using System;
using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>Hessian-vector products and Hessians against closed forms and finite differences of the gradient; the optimiser bridge.</summary>
    public class HessianTests
    {
        private readonly ITestOutputHelper _output;

        public HessianTests(ITestOutputHelper output) => _output = output;

        private static Matrix<double> I(int n) => Matrix<double>.Build.DenseIdentity(n);

        [Theory]
        [InlineData(3, 2)]
        [InlineData(1, 4)]
        public void Closed_form_Hessians(int m, int n)
        {
            var r = new RandomMatrices(m * 7 + n);
            var X = r.Matrix(m, n);
            var A = r.Matrix(m, m);
            Assert.True(Compare.RelativeError(HessianObjectives.HessianTrXtAX(X, A), I(n).KroneckerProduct(A + A.Transpose())) < 1e-12);

            var x = r.Vector(m);
            Assert.True(Compare.RelativeError(HessianObjectives.HessianXtAX(x, A), A + A.Transpose()) < 1e-12);

            var (P, B, C) = (r.Matrix(m + 1, m), r.Matrix(n, n + 2), r.Matrix(m + 1, n + 2));
            var expected = 2 * (B * B.Transpose()).KroneckerProduct(P.Transpose() * P);
            Assert.True(Compare.RelativeError(HessianObjectives.HessianLeastSquares(X, P, B, C), expected) < 1e-12);

            var S = r.Matrix(m, m) + m * I(m);
            var V = r.Matrix(m, m);
            var Sit = S.Inverse().Transpose();
            Assert.True(Compare.RelativeError(HessianObjectives.HvpLogDet(S, V), -Sit * V.Transpose() * Sit) < 1e-10);
        }

        [Fact]
        public void Hvp_matches_finite_differences_of_the_gradient_and_Hessians_are_symmetric()
        {
            int cases = 0;
            double worst = 0;
            for (int seed = 1; seed <= 20; seed++)
            {
                var r = new RandomMatrices(seed);
                int n = 1 + seed % 4;
                var (X, A, B, Xu, V) = (r.Matrix(n, n), r.Matrix(n, n), r.Matrix(n, n), r.Matrix(n, n), r.Matrix(n, n));
                var S = r.Matrix(n, n) + n * I(n);
                var checks = new (string Name, Func<Matrix<double>, Matrix<double>> Grad, Matrix<double> Hvp, Matrix<double> At, Matrix<double> Hessian)[]
                {
                    ("G", x => HessianObjectives.GradG(x, A, B, Xu), HessianObjectives.HvpG(X, A, B, Xu, V), X, HessianObjectives.HessianG(X, A, B, Xu)),
                    ("TrXtAX", x => HessianObjectives.GradTrXtAX(x, A), HessianObjectives.HvpTrXtAX(X, A, V), X, HessianObjectives.HessianTrXtAX(X, A)),
                    ("LeastSquares", x => HessianObjectives.GradLeastSquares(x, A, B, Xu), HessianObjectives.HvpLeastSquares(X, A, B, Xu, V), X, HessianObjectives.HessianLeastSquares(X, A, B, Xu)),
                    ("LogDet", HessianObjectives.GradLogDet, HessianObjectives.HvpLogDet(S, V), S, HessianObjectives.HessianLogDet(S)),
                    ("Smooth", x => HessianObjectives.GradSmooth(x, A), HessianObjectives.HvpSmooth(X, A, V), X, HessianObjectives.HessianSmooth(X, A)),
                };
                foreach (var (name, grad, hvp, at, hessian) in checks)
                {
                    double h = 1e-5;
                    var numerical = (grad(at + h * V) - grad(at - h * V)) / (2 * h);
                    double error = Compare.RelativeError(hvp, numerical);
                    worst = Math.Max(worst, error);
                    Assert.True(error < 1e-6, $"{name} seed {seed}: HVP relative error {error:E2}");
                    Assert.True(Compare.RelativeError(hessian, hessian.Transpose()) < 1e-10, $"{name} seed {seed}: Hessian not symmetric");
                    Assert.True(Compare.RelativeError(Jacobians.Vec(hvp).ToColumnMatrix(), hessian * Jacobians.Vec(V).ToColumnMatrix()) < 1e-10, $"{name}: H vec(V) ≠ vec(HVP)");
                    cases++;
                }
                double s = r.Scalar();
                double fd = (HessianObjectives.GradScalar(s + 1e-5, A) - HessianObjectives.GradScalar(s - 1e-5, A)) / 2e-5;
                Assert.Equal(6 * s * A.Trace() - Math.Sin(s), HessianObjectives.HvpScalar(s, A, 1.0), 9);
                Assert.Equal(fd, HessianObjectives.HvpScalar(s, A, 1.0), 5);
                Assert.Equal(2.0 * A.RowCount * A.ColumnCount, HessianObjectives.HvpShifted(s, A, 1.0), 9);
                cases++;
            }
            _output.WriteLine($"{cases} HVP checks, worst relative error {worst:E2}");
            Assert.True(cases >= 100);
        }

        [Fact]
        public void Lbfgs_through_the_bridge_reaches_the_least_squares_minimiser()
        {
            var r = new RandomMatrices(11);
            var (A, B) = (r.Matrix(6, 3) + 2 * Matrix<double>.Build.Dense(6, 3, (i, j) => i == j ? 1 : 0), r.Matrix(2, 4));
            var Xtrue = r.Matrix(3, 2);
            var C = A * Xtrue * B;   // consistent: the minimiser is Xtrue, with value 0

            var objective = Optimizers.Objective(x => HessianObjectives.ValueAndGradLeastSquares(x, A, B, C), 3, 2);
            var result = new LimitedMemoryBfgsMinimizer(1e-12, 1e-12, 1e-12, 7, 5000).FindMinimum(objective, Vector<double>.Build.Dense(6));

            Assert.True(Compare.RelativeError(Optimizers.Matrix(result.MinimizingPoint, 3, 2), Xtrue) < 1e-6);
        }

        [Fact]
        public void Newton_through_the_bridge_uses_the_generated_Hessian()
        {
            var r = new RandomMatrices(12);
            var M = r.Matrix(4, 4);
            var A = M * M.Transpose() + 4 * I(4);     // f(x) = xᵀAx is minimised at 0
            var objective = Optimizers.Objective(x => HessianObjectives.ValueAndGradXtAX(x, A), x => HessianObjectives.HessianXtAX(x, A));

            var result = new NewtonMinimizer(1e-10, 50).FindMinimum(objective, r.Vector(4));

            Assert.True(result.MinimizingPoint.L2Norm() < 1e-8);
            Assert.True(result.Iterations <= 3);
        }
    }
}

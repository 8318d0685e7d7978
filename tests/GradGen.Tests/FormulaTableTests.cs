using System;
using System.Collections.Generic;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>Every row of the formula tables: generated gradient against the closed form, at random inputs.</summary>
    public class FormulaTableTests
    {
        /// <summary>A row: the generated gradient and the closed form, both as a function of one seeded draw.</summary>
        private sealed record Row(string Formula, Func<RandomMatrices, int, (Matrix<double> Generated, Matrix<double> Closed)> Evaluate);

        private static Matrix<double> M(Vector<double> v) => v.ToColumnMatrix();

        /// <summary>A well-conditioned square matrix: random plus n·I.</summary>
        private static Matrix<double> Conditioned(RandomMatrices r, int n) => r.Matrix(n, n) + n * Matrix<double>.Build.DenseIdentity(n);

        private static readonly Dictionary<string, Row> s_rows = new()
        {
            ["TrAB"] = new("∇_A tr(AB) = Bᵀ", (r, n) => { var (A, B) = (r.Matrix(n, n + 1), r.Matrix(n + 1, n)); return (FormulaTable.GradTrAB(A, B), B.Transpose()); }),
            ["TrABAtC"] = new("∇_A tr(ABAᵀC) = CAB + CᵀABᵀ", (r, n) => { var (A, B, C) = (r.Matrix(n, n + 2), r.Matrix(n + 2, n + 2), r.Matrix(n, n)); return (FormulaTable.GradTrABAtC(A, B, C), C * A * B + C.Transpose() * A * B.Transpose()); }),
            ["Det"] = new("∇_A |A| = |A| A⁻ᵀ", (r, n) => { var A = Conditioned(r, n); return (FormulaTable.GradDet(A), A.Determinant() * A.Inverse().Transpose()); }),
            ["TrAtB"] = new("∇_A tr(AᵀB) = B", (r, n) => { var (A, B) = (r.Matrix(n, n + 1), r.Matrix(n, n + 1)); return (FormulaTable.GradTrAtB(A, B), B); }),
            ["TrAtBA"] = new("∇_A tr(AᵀBA) = (B + Bᵀ)A", (r, n) => { var (A, B) = (r.Matrix(n, n + 1), r.Matrix(n, n)); return (FormulaTable.GradTrAtBA(A, B), (B + B.Transpose()) * A); }),
            ["TrABAt"] = new("∇_A tr(ABAᵀ) = A(B + Bᵀ)", (r, n) => { var (A, B) = (r.Matrix(n + 1, n), r.Matrix(n, n)); return (FormulaTable.GradTrABAt(A, B), A * (B + B.Transpose())); }),
            ["BetaTx"] = new("∂βᵀx/∂x = β", (r, n) => { var (x, beta) = (r.Vector(n), r.Vector(n)); return (M(FormulaTable.GradBetaTx(x, beta)), M(beta)); }),
            ["XtX"] = new("∂xᵀx/∂x = 2x", (r, n) => { var x = r.Vector(n); return (M(FormulaTable.GradXtX(x)), M(2 * x)); }),
            ["XtAX"] = new("∂xᵀAx/∂x = (A + Aᵀ)x", (r, n) => { var (x, A) = (r.Vector(n), r.Matrix(n, n)); return (M(FormulaTable.GradXtAX(x, A)), M((A + A.Transpose()) * x)); }),
            ["LeastSquares"] = new("∂(XU − V)ᵀ(XU − V)/∂X = 2(XU − V)Uᵀ", (r, n) => { var (X, U, V) = (r.Matrix(n + 1, n), r.Vector(n), r.Vector(n + 1)); return (FormulaTable.GradLeastSquares(X, U, V), 2 * (X * U - V).OuterProduct(U)); }),
            ["UtXV"] = new("∂UᵀXV/∂X = UVᵀ", (r, n) => { var (X, U, V) = (r.Matrix(n, n + 2), r.Vector(n), r.Vector(n + 2)); return (FormulaTable.GradUtXV(X, U, V), U.OuterProduct(V)); }),
            ["UtXtXU"] = new("∂UᵀXᵀXU/∂X = 2XUUᵀ", (r, n) => { var (X, U) = (r.Matrix(n + 1, n), r.Vector(n)); return (FormulaTable.GradUtXtXU(X, U), 2 * X * U.OuterProduct(U)); }),
            ["NormAXB"] = new("∇_X ‖AXB‖²_F = 2Aᵀ(AXB)Bᵀ", (r, n) => { var (X, A, B) = (r.Matrix(n, n + 1), r.Matrix(n + 2, n), r.Matrix(n + 1, n)); return (FormulaTable.GradNormAXB(X, A, B), 2 * A.Transpose() * (A * X * B) * B.Transpose()); }),
            ["LogDet"] = new("∇_X log|X| = X⁻ᵀ", (r, n) => { var X = Conditioned(r, n); return (FormulaTable.GradLogDet(X), X.Inverse().Transpose()); }),
            ["TrInverse"] = new("∇_X tr(X⁻¹) = −(X⁻²)ᵀ", (r, n) => { var X = Conditioned(r, n); var Xi = X.Inverse(); return (FormulaTable.GradTrInverse(X), -(Xi * Xi).Transpose()); }),
            ["ResidualNorm"] = new("∇_x ‖Ax − b‖² = 2Aᵀ(Ax − b)", (r, n) => { var (x, A, b) = (r.Vector(n), r.Matrix(n + 2, n), r.Vector(n + 2)); return (M(FormulaTable.GradResidualNorm(x, A, b)), M(2 * A.Transpose() * (A * x - b))); }),
            ["AtXb"] = new("∇_X aᵀXb = abᵀ", (r, n) => { var (X, a, b) = (r.Matrix(n + 1, n), r.Vector(n + 1), r.Vector(n)); return (FormulaTable.GradAtXb(X, a, b), a.OuterProduct(b)); }),
            ["XtAinvX"] = new("∇_x xᵀA⁻¹x = (A⁻¹ + A⁻ᵀ)x", (r, n) => { var (x, A) = (r.Vector(n), Conditioned(r, n)); return (M(FormulaTable.GradXtAinvX(x, A)), M((A.Inverse() + A.Inverse().Transpose()) * x)); }),
            ["XtAinvXwrtA"] = new("∇_A xᵀA⁻¹x = −A⁻ᵀxxᵀA⁻ᵀ", (r, n) => { var (x, A) = (r.Vector(n), Conditioned(r, n)); var Ait = A.Inverse().Transpose(); return (FormulaTable.GradXtAinvXwrtA(x, A), -(Ait * x.OuterProduct(x) * Ait)); }),
            ["SumAExp"] = new("∇_X Σ A ∘ exp(X) = A ∘ exp(X)", (r, n) => { var (X, A) = (r.Matrix(n, n + 1), r.Matrix(n, n + 1)); return (FormulaTable.GradSumAExp(X, A), A.PointwiseMultiply(X.PointwiseExp())); }),
            ["TrAtBC"] = new("∇_C tr(Aᵀ(B ∘ C)) = A ∘ B", (r, n) => { var (A, B, C) = (r.Matrix(n, n + 1), r.Matrix(n, n + 1), r.Matrix(n, n + 1)); return (FormulaTable.GradTrAtBC(A, B, C), A.PointwiseMultiply(B)); }),
            ["TrXtAX"] = new("∇_X tr(XᵀAX) = (A + Aᵀ)X", (r, n) => { var (X, A) = (r.Matrix(n, n + 1), r.Matrix(n, n)); return (FormulaTable.GradTrXtAX(X, A), (A + A.Transpose()) * X); }),
            ["TrKron"] = new("∇_A tr(A ⊗ B) = tr(B) I", (r, n) => { var (A, B) = (r.Matrix(n, n), r.Matrix(n + 1, n + 1)); return (FormulaTable.GradTrKron(A, B), B.Trace() * Matrix<double>.Build.DenseIdentity(n)); }),
        };

        public static IEnumerable<object[]> Rows()
        {
            foreach (var name in s_rows.Keys)
            {
                foreach (int n in new[] { 1, 2, 3, 6 }) yield return new object[] { name, n };
            }
        }

        [Theory]
        [MemberData(nameof(Rows))]
        public void Generated_gradient_equals_the_closed_form(string row, int n)
        {
            var (formula, evaluate) = s_rows[row];
            var (generated, closed) = evaluate(new RandomMatrices(seed: 31 * n + row.Length), n);
            double error = Compare.RelativeError(generated, closed);
            Assert.True(error < 1e-10, $"{formula} at n = {n}: relative error {error:E2}");
        }
    
        [Fact]
        public void Log_det_does_not_overflow_where_the_determinant_would()
        {
            int n = 400;
            var X = 10 * Matrix<double>.Build.DenseIdentity(n);
            Assert.True(double.IsPositiveInfinity(X.Determinant()));

            var (value, gradient) = FormulaTable.ValueAndGradLogDet(X);

            Assert.Equal(n * Math.Log(10), value, 9);
            Assert.True(Compare.RelativeError(gradient, 0.1 * Matrix<double>.Build.DenseIdentity(n)) < 1e-12);
        }

        [Fact]
        public void Log_det_of_a_negative_determinant_is_NaN_like_Math_Log()
        {
            var X = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 } });
            Assert.True(double.IsNaN(FormulaTable.LogDet(X)));
            Assert.True(double.IsNaN(FormulaTable.ValueAndGradLogDet(X).Value));
        }

        [Fact]
        public void Singular_matrix_gives_non_finite_numbers_or_an_exception_never_a_finite_wrong_gradient()
        {
            var singular = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
            Matrix<double>? gradient = null;
            try
            {
                gradient = FormulaTable.GradTrInverse(singular);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                return;
            }
            Assert.Contains(gradient!.Enumerate(), v => !double.IsFinite(v));
        }
    }
}

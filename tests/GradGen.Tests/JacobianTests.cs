using System;
using System.Collections.Generic;
using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>
    /// Jacobians of matrix- and vector-valued functions: seed 001's worked example and vec identities
    /// in closed form, columns against central differences, and JVP/VJP consistency.
    /// </summary>
    public class JacobianTests
    {
        private readonly ITestOutputHelper _output;

        public JacobianTests(ITestOutputHelper output) => _output = output;

        private static Matrix<double> I(int n) => Matrix<double>.Build.DenseIdentity(n);

        [Theory]
        [InlineData(2, 3, 4, 5)]
        [InlineData(4, 2, 3, 1)]
        [InlineData(1, 1, 1, 1)]
        [InlineData(3, 5, 2, 6)]
        public void Seed_example_A_exp_XB_matches_the_Kronecker_formula(int p, int m, int n, int q)
        {
            var r = new RandomMatrices(p * 1000 + m * 100 + n * 10 + q);
            var (A, X, B) = (r.Matrix(p, m), 0.5 * r.Matrix(m, n), r.Matrix(n, q));

            var seed = B.KroneckerProduct(I(m)) * Jacobians.DiagVec((X * B).PointwiseExp()) * I(q).KroneckerProduct(A.Transpose());

            Assert.True(Compare.RelativeError(JacobianObjectives.JacobianSeedExample(X, A, B).Transpose(), seed) < 1e-12);
        }

        [Theory]
        [InlineData(2, 3)]
        [InlineData(4, 1)]
        [InlineData(3, 3)]
        public void Vec_identities_of_seed_001(int m, int n)
        {
            var r = new RandomMatrices(m * 10 + n);
            var X = r.Matrix(m, n);
            var (A, B) = (r.Matrix(m + 1, m), r.Matrix(n, n + 2));
            var H = r.Matrix(m, n);
            var S = r.Matrix(m, m) + m * I(m);
            var K = Jacobians.Commutation(m, n);

            Assert.True(Compare.RelativeError(JacobianObjectives.JacobianAXB(X, A, B), B.Transpose().KroneckerProduct(A)) < 1e-12);
            Assert.Equal(K, JacobianObjectives.JacobianTransposed(X));
            Assert.Equal(Jacobians.DiagVec(H), JacobianObjectives.JacobianHadamard(X, H));
            var Si = S.Inverse();
            Assert.True(Compare.RelativeError(JacobianObjectives.JacobianInverse(S), -Si.Transpose().KroneckerProduct(Si)) < 1e-10);
            var gram = X.Transpose().KroneckerProduct(I(n)) * K + I(n).KroneckerProduct(X.Transpose());
            Assert.True(Compare.RelativeError(JacobianObjectives.JacobianGram(X), gram) < 1e-12);
        }

        [Fact]
        public void Jacobian_of_a_scalar_parameter_is_one_column()
        {
            var A = new RandomMatrices(8).Matrix(3, 2);
            double t = 0.3;
            var j = JacobianObjectives.JacobianOfScalar(t, A);
            Assert.Equal((6, 1), (j.RowCount, j.ColumnCount));
            Assert.True(Compare.RelativeError(j, Jacobians.Vec(A.PointwiseMultiply((t * A).PointwiseExp())).ToColumnMatrix()) < 1e-12);
            Assert.True(Compare.RelativeError(JacobianObjectives.JvpOfScalar(t, A, 2.0), 2 * A.PointwiseMultiply((t * A).PointwiseExp())) < 1e-12);
        }

        [Fact]
        public void Commutation_matrix_transposes_vec()
        {
            var X = new RandomMatrices(1).Matrix(3, 5);
            var K = Jacobians.Commutation(3, 5);
            Assert.Equal(Jacobians.Vec(X.Transpose()), K * Jacobians.Vec(X));
            Assert.Equal(I(15), K.Transpose() * K);
        }

        /// <summary>Each Jacobian against central differences, column by column.</summary>
        public static IEnumerable<object[]> Functions() => Names.Select1();

        private static readonly string[] Names =
        {
            "SeedExample", "AXB", "Transposed", "Hadamard", "HadamardRight", "HadamardSquare", "Square", "Inverse", "Gram", "TraceTimesA",
            "Residual", "MatrixTimesVector", "Kronecker", "Mixed",
        };

        private sealed record Case(Func<Matrix<double>, Matrix<double>> F, Func<Matrix<double>, Matrix<double>> J, Func<Matrix<double>, Matrix<double>, Matrix<double>> Jvp, Func<Matrix<double>, Matrix<double>, Matrix<double>> Vjp, Matrix<double> X, int OutRows, int OutColumns);

        private static Matrix<double> Col(Vector<double> v) => v.ToColumnMatrix();

        private static Case Make(string name, RandomMatrices r)
        {
            switch (name)
            {
                case "SeedExample":
                {
                    var (A, B) = (r.Matrix(3, 2), r.Matrix(4, 5));
                    return new(x => JacobianObjectives.SeedExample(x, A, B), x => JacobianObjectives.JacobianSeedExample(x, A, B), (x, d) => JacobianObjectives.JvpSeedExample(x, A, B, d), (x, f) => JacobianObjectives.VjpSeedExample(x, A, B, f), 0.5 * r.Matrix(2, 4), 3, 5);
                }
                case "AXB":
                {
                    var (A, B) = (r.Matrix(6, 2), r.Matrix(3, 5));
                    return new(x => JacobianObjectives.AXB(x, A, B), x => JacobianObjectives.JacobianAXB(x, A, B), (x, d) => JacobianObjectives.JvpAXB(x, A, B, d), (x, f) => JacobianObjectives.VjpAXB(x, A, B, f), r.Matrix(2, 3), 6, 5);
                }
                case "Transposed":
                    return new(JacobianObjectives.Transposed, JacobianObjectives.JacobianTransposed, JacobianObjectives.JvpTransposed, JacobianObjectives.VjpTransposed, r.Matrix(3, 2), 2, 3);
                case "Hadamard":
                {
                    var A = r.Matrix(3, 4);
                    return new(x => JacobianObjectives.Hadamard(x, A), x => JacobianObjectives.JacobianHadamard(x, A), (x, d) => JacobianObjectives.JvpHadamard(x, A, d), (x, f) => JacobianObjectives.VjpHadamard(x, A, f), r.Matrix(3, 4), 3, 4);
                }
                case "HadamardRight":
                {
                    var A = r.Matrix(3, 4);
                    return new(x => JacobianObjectives.HadamardRight(x, A), x => JacobianObjectives.JacobianHadamardRight(x, A),
                        (x, d) => JacobianObjectives.JvpHadamardRight(x, A, d), (x, f) => JacobianObjectives.VjpHadamardRight(x, A, f),
                        r.Matrix(3, 4), 3, 4);
                }
                case "HadamardSquare":
                    return new(JacobianObjectives.HadamardSquare, JacobianObjectives.JacobianHadamardSquare,
                        JacobianObjectives.JvpHadamardSquare, JacobianObjectives.VjpHadamardSquare, r.Matrix(2, 3), 2, 3);
                case "Square":
                    return new(JacobianObjectives.Square, JacobianObjectives.JacobianSquare, JacobianObjectives.JvpSquare,
                        JacobianObjectives.VjpSquare, r.Matrix(3, 3), 3, 3);
                case "Inverse":
                    return new(JacobianObjectives.Inverse, JacobianObjectives.JacobianInverse, JacobianObjectives.JvpInverse, JacobianObjectives.VjpInverse, r.Matrix(3, 3) + 3 * I(3), 3, 3);
                case "Gram":
                    return new(JacobianObjectives.Gram, JacobianObjectives.JacobianGram, JacobianObjectives.JvpGram, JacobianObjectives.VjpGram, r.Matrix(4, 2), 2, 2);
                case "TraceTimesA":
                {
                    var A = r.Matrix(2, 5);
                    return new(x => JacobianObjectives.TraceTimesA(x, A), x => JacobianObjectives.JacobianTraceTimesA(x, A), (x, d) => JacobianObjectives.JvpTraceTimesA(x, A, d), (x, f) => JacobianObjectives.VjpTraceTimesA(x, A, f), r.Matrix(3, 3), 2, 5);
                }
                case "Residual":
                {
                    var (A, b) = (r.Matrix(4, 3), r.Vector(4));
                    return new(x => Col(JacobianObjectives.Residual(x.Column(0), A, b)), x => JacobianObjectives.JacobianResidual(x.Column(0), A, b),
                        (x, d) => Col(JacobianObjectives.JvpResidual(x.Column(0), A, b, d.Column(0))), (x, f) => Col(JacobianObjectives.VjpResidual(x.Column(0), A, b, f.Column(0))), Col(r.Vector(3)), 4, 1);
                }
                case "MatrixTimesVector":
                {
                    var v = r.Vector(3);
                    return new(x => Col(JacobianObjectives.MatrixTimesVector(x, v)), x => JacobianObjectives.JacobianMatrixTimesVector(x, v),
                        (x, d) => Col(JacobianObjectives.JvpMatrixTimesVector(x, v, d)), (x, f) => JacobianObjectives.VjpMatrixTimesVector(x, v, f.Column(0)), r.Matrix(2, 3), 2, 1);
                }
                case "Kronecker":
                {
                    var B = r.Matrix(2, 3);
                    return new(x => JacobianObjectives.Kronecker(x, B), x => JacobianObjectives.JacobianKronecker(x, B), (x, d) => JacobianObjectives.JvpKronecker(x, B, d), (x, f) => JacobianObjectives.VjpKronecker(x, B, f), r.Matrix(2, 2), 4, 6);
                }
                default:
                {
                    var (A, P) = (r.Matrix(3, 3) * 0.1 + 3 * I(3), r.Matrix(3, 4).PointwiseAbs() + 1);
                    return new(x => JacobianObjectives.Mixed(x, A, P), x => JacobianObjectives.JacobianMixed(x, A, P), (x, d) => JacobianObjectives.JvpMixed(x, A, P, d), (x, f) => JacobianObjectives.VjpMixed(x, A, P, f), r.Matrix(4, 3), 3, 4);
                }
            }
        }

        [Theory]
        // The comment's J by the vec rules: a constant factor on either side of a Hadamard product, both factors varying.
        [InlineData("Matrix<double> F(Matrix<double> X, Matrix<double> A) => X.PointwiseMultiply(A);", "X) with J = diag(vec A)")]
        [InlineData("Matrix<double> F(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X) * A;",
            "X) with J = (Aᵀ ⊗ I)·diag(vec A)")]
        [InlineData("Matrix<double> F(Matrix<double> X) => X.PointwiseMultiply(X);", "X) with J = 2·diag(vec X)")]
        [InlineData("Matrix<double> F(Matrix<double> X) => X * X;", "X) with J = (Xᵀ ⊗ I) + (I ⊗ X)")]
        // A negation in a difference keeps its brackets; a scalar multiple of X is s·I in J and Jᵀ alike.
        [InlineData("Matrix<double> F(Matrix<double> X, Matrix<double> A, double s) => A - X * A - (-(A * X)) + s * X;",
            "X) with J = −(Aᵀ ⊗ I) + (I ⊗ A) + s·I")]
        [InlineData("Vector<double> F(Vector<double> x, Matrix<double> A) => (A * x).PointwiseTanh();",
            "x) with J = diag(vec (𝟙 − (tanh(A x) ∘ tanh(A x))))·A")]
        public void The_derivation_writes_J_through_vec_and_Kronecker_products(string method, string jacobian)
        {
            string header = NotationTests.Header("[Differentiable] public static " + method);
            Assert.Contains(" = J vec(d" + jacobian + "\n", header + "\n");
            Assert.DoesNotContain("I·s", header);
            Assert.DoesNotContain("− −", header);
        }

        [Fact]
        public void A_product_with_a_vector_writes_no_J_rather_than_one_without_its_transpose()
        {
            // J of X v is vᵀ ⊗ I, but MathNet vectors have no orientation for the comment to show: no J line, never v ⊗ I.
            string header = NotationTests.Header("[Differentiable] public static Vector<double> F(Matrix<double> X, Vector<double> v)"
                + " => X * v;");
            Assert.Contains("//   df = dX v\n", header);
            Assert.DoesNotContain("vec(df) = J", header);
        }

        [Theory]
        [MemberData(nameof(Functions))]
        public void Jacobian_matches_central_differences(string name)
        {
            for (int seed = 1; seed <= 3; seed++)
            {
                var c = Make(name, new RandomMatrices(seed));
                var j = c.J(c.X);
                Assert.Equal((c.OutRows * c.OutColumns, c.X.RowCount * c.X.ColumnCount), (j.RowCount, j.ColumnCount));
                double error = Compare.RelativeError(j, Jacobians.Numerical(c.F, c.X, 1e-5));
                Assert.True(error < 1e-7, $"{name} seed {seed}: relative error {error:E2}");
            }
        }

        [Fact]
        public void Jvp_and_Vjp_are_adjoint_on_random_directions()
        {
            int cases = 0;
            double worst = 0;
            for (int seed = 1; seed <= 10; seed++)
            {
                foreach (var name in Names)
                {
                    var r = new RandomMatrices(seed * 31 + name.Length);
                    var c = Make(name, r);
                    var dX = r.Matrix(c.X.RowCount, c.X.ColumnCount);
                    var fbar = r.Matrix(c.OutRows, c.OutColumns);
                    double left = MatrixFunctions.Inner(fbar, c.Jvp(c.X, dX));
                    double right = MatrixFunctions.Inner(c.Vjp(c.X, fbar), dX);
                    double error = Math.Abs(left - right) / Math.Max(1, Math.Abs(left));
                    worst = Math.Max(worst, error);
                    Assert.True(error < 1e-10, $"{name} seed {seed}: ⟨F̄, Jvp(dX)⟩ = {left:R} but ⟨Vjp(F̄), dX⟩ = {right:R}");
                    // And both agree with the Jacobian itself.
                    Assert.True(Compare.RelativeError(Jacobians.Vec(c.Jvp(c.X, dX)).ToColumnMatrix(), c.J(c.X) * Jacobians.Vec(dX).ToColumnMatrix()) < 1e-10);
                    cases++;
                }
            }
            _output.WriteLine($"{cases} random JVP/VJP pairs, worst relative mismatch {worst:E2}");
            Assert.True(cases >= 100);
        }
    }

    internal static class TheoryData
    {
        public static IEnumerable<object[]> Select1(this IEnumerable<string> names) { foreach (var n in names) yield return new object[] { n }; }
    }
}

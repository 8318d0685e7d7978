using System;
using System.Linq;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// A loop and its vectorised twin are the same function: their generated gradients agree to rounding (a closed-form
    /// check that needs no step size), and the generated Sinkhorn code reads as the snapshot shows.
    /// </summary>
    public class StatementTwinTests
    {
        private const string Twins = @"
public static partial class Logistic
{
    [Differentiable]
    public static double PerSample(Vector<double> w, Matrix<double> X, Vector<double> y)
    {
        double loss = 0;
        for (int i = 0; i < X.RowCount; i++)
        {
            var z = X.Row(i).DotProduct(w);
            loss += Math.Log(1 + Math.Exp(-y[i] * z));
        }
        return loss;
    }

    [Differentiable]
    public static double Vectorised(Vector<double> w, Matrix<double> X, Vector<double> y)
        => ((-y).PointwiseMultiply(X * w).PointwiseExp() + 1.0).PointwiseLog().Sum();

    [Differentiable]
    public static double Sinkhorn(Matrix<double> M, Matrix<double> C, int T)
    {
        var P = (M / 0.1).PointwiseExp();
        for (int t = 0; t < T; t++)
        {
            var r = P.RowSums();
            P = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / r) * P;
            var c = P.ColumnSums();
            P = P * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / c);
        }
        return C.PointwiseMultiply(P).RowSums().Sum();
    }
}
";

        [Fact]
        public void Per_sample_logistic_loop_equals_its_vectorised_twin()
        {
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + Twins);
            var loop = assembly.Static("Logistic", "GradPerSample");
            var vectorised = assembly.Static("Logistic", "GradVectorised");
            for (int seed = 1; seed <= 5; seed++)
            {
                var r = new RandomMatrices(seed);
                var args = new object[] { r.Vector(4), r.Matrix(50, 4), r.Vector(50).PointwiseSign() };
                var a = (Vector<double>)loop(args)!;
                var b = (Vector<double>)vectorised(args)!;
                Assert.True((a - b).L2Norm() <= 1e-12 * Math.Max(1, b.L2Norm()), $"seed {seed}: {a} vs {b}");
            }
        }

        [Fact]
        public void Sinkhorn_rows_and_columns_sum_to_one_and_its_gradient_is_shift_invariant()
        {
            // Sinkhorn's P is unchanged by adding a constant to M, so the gradient sums to zero: a property, not a difference.
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + Twins);
            var grad = assembly.Static("Logistic", "GradSinkhorn");
            var r = new RandomMatrices(7);
            var g = (Matrix<double>)grad(new object[] { r.Matrix(6, 6), r.Matrix(6, 6), 30 })!;
            Assert.True(g.FrobeniusNorm() > 1e-3, "the gradient is not trivially zero");
            Assert.True(Math.Abs(g.Enumerate().Sum()) < 1e-10 * g.FrobeniusNorm(), $"Σ ∂/∂Mᵢⱼ = {g.Enumerate().Sum()}");
        }

        [Fact]
        public void Sinkhorn_snapshot()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Twins);
            Assert.Empty(run.Errors);
            Snapshot.Verify("Statements.Sinkhorn", run.Files["Logistic.Sinkhorn.g.cs"]);
        }
    }
}

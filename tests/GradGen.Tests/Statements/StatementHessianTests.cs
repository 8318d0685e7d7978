using System;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// Order = 2 through statements (forward over reverse): HvpF against central differences of GradF along V, and HessianF
    /// symmetric and equal to HvpF on the unit directions.
    /// </summary>
    public class StatementHessianTests
    {
        private const string Source = @"
public static partial class Second
{
    [Differentiable(Order = 2)]
    public static double Sinkhorn(Matrix<double> M, Matrix<double> C, int T)
    {
        var P = M.PointwiseExp();
        for (int t = 0; t < T; t++)
        {
            var r = P.RowSums();
            P = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / r) * P;
            P = P * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / P.ColumnSums());
        }
        return C.PointwiseMultiply(P).RowSums().Sum();
    }

    [Differentiable(Order = 2)]
    public static double Logistic(Vector<double> w, Matrix<double> X, Vector<double> y)
    {
        double loss = 0;
        for (int i = 0; i < X.RowCount; i++)
        {
            var z = X.Row(i).DotProduct(w);
            loss += Math.Log(1 + Math.Exp(-y[i] * z));
            if (z > 0.5) loss += 0.1 * z * z; else loss -= 0.05 * Math.Tanh(z);
        }
        return loss + 0.5 * w.DotProduct(w);
    }

    [Differentiable(Order = 2)]
    public static double Recurrence(Matrix<double> X, Matrix<double> A, int T)
    {
        var Y = A;
        double s = 0;
        for (int t = 0; t < T; t++)
        {
            Y = 0.5 * (Y * X) + A;
            s += Math.Max(Y.Trace(), 0.1 * t) + Y.PointwiseTanh().RowSums().Sum();
        }
        return s;
    }

    // The recurrence's loop moved into a helper of the user's, called twice: its statements join the program at each call.
    static Matrix<double> Iterate(Matrix<double> X, Matrix<double> A, int T)
    {
        var Y = A;
        for (int t = 0; t < T; t++) Y = 0.5 * (Y * X) + A;
        return Y;
    }

    [Differentiable(Order = 2)]
    public static double ThroughHelper(Matrix<double> X, Matrix<double> A, int T)
        => Iterate(X, A, T).PointwiseTanh().RowSums().Sum() + Iterate(X.Transpose(), A, 2).Trace();
}
";

        private static readonly Lazy<System.Reflection.Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Source));

        private static object? Call(string method, params object[] args) => s_assembly.Value.Static("Second", method)(args);

        [Fact]
        public void Sinkhorn_hvp_matches_differences_of_the_gradient()
        {
            var r = new RandomMatrices(2);
            var m = r.Matrix(3, 3) * 0.5;
            var c = r.Matrix(3, 3);
            var v = r.Matrix(3, 3);
            var hvp = (Matrix<double>)Call("HvpSinkhorn", m, c, 3, v)!;
            const double h = 1e-5;
            var numerical = ((Matrix<double>)Call("GradSinkhorn", m + h * v, c, 3)! - (Matrix<double>)Call("GradSinkhorn", m - h * v, c, 3)!) / (2 * h);
            Assert.True(Compare.RelativeError(hvp, numerical) < 1e-6, $"{Compare.RelativeError(hvp, numerical):E2}");
            var hessian = (Matrix<double>)Call("HessianSinkhorn", m, c, 3)!;
            Assert.True((hessian - hessian.Transpose()).FrobeniusNorm() < 1e-9 * hessian.FrobeniusNorm(), "the Hessian is symmetric");
            var product = GradGen.Runtime.Jacobians.Vec(hvp);
            Assert.True((hessian * GradGen.Runtime.Jacobians.Vec(v) - product).L2Norm() < 1e-9 * Math.Max(1, product.L2Norm()));
        }

        [Fact]
        public void Logistic_loop_with_a_branch_hessian_matches_differences()
        {
            var r = new RandomMatrices(4);
            var w = r.Vector(3);
            var x = r.Matrix(8, 3);
            var y = r.Vector(8).PointwiseSign();
            var hessian = (Matrix<double>)Call("HessianLogistic", w, x, y)!;
            const double h = 1e-5;
            for (int k = 0; k < 3; k++)
            {
                var e = Vector<double>.Build.Dense(3);
                e[k] = 1;
                var column = ((Vector<double>)Call("GradLogistic", w + h * e, x, y)! - (Vector<double>)Call("GradLogistic", w - h * e, x, y)!) / (2 * h);
                Assert.True((hessian.Column(k) - column).L2Norm() < 1e-6 * Math.Max(1, column.L2Norm()), $"column {k}");
            }
        }

        [Fact]
        public void A_helper_with_a_loop_called_twice_hvp_matches_differences()
        {
            var r = new RandomMatrices(9);
            var (x, a, v) = (r.Matrix(3, 3) * 0.5, r.Matrix(3, 3), r.Matrix(3, 3));
            var hvp = (Matrix<double>)Call("HvpThroughHelper", x, a, 3, v)!;
            const double h = 1e-5;
            var numerical = ((Matrix<double>)Call("GradThroughHelper", x + h * v, a, 3)!
                - (Matrix<double>)Call("GradThroughHelper", x - h * v, a, 3)!) / (2 * h);
            Assert.True(Compare.RelativeError(hvp, numerical) < 1e-6, $"{Compare.RelativeError(hvp, numerical):E2}");
        }

        [Fact]
        public void Recurrence_with_max_hvp_matches_differences()
        {
            var r = new RandomMatrices(6);
            var x = r.Matrix(3, 3) * 0.5;
            var a = r.Matrix(3, 3);
            var v = r.Matrix(3, 3);
            var hvp = (Matrix<double>)Call("HvpRecurrence", x, a, 4, v)!;
            const double h = 1e-5;
            var numerical = ((Matrix<double>)Call("GradRecurrence", x + h * v, a, 4)! - (Matrix<double>)Call("GradRecurrence", x - h * v, a, 4)!) / (2 * h);
            Assert.True(Compare.RelativeError(hvp, numerical) < 1e-6, $"{Compare.RelativeError(hvp, numerical):E2}");
        }
    }
}

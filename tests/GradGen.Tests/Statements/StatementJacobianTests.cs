using System;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// Matrix- and vector-valued bodies with statements: JacobianF against the finite-difference Jacobian, JvpF against
    /// J vec(dX) and VjpF against Jᵀ vec(F̄), so the three generated members agree with each other and with F.
    /// </summary>
    public class StatementJacobianTests
    {
        private const string Source = @"
public static partial class Valued
{
    [Differentiable]
    public static Matrix<double> Sinkhorn(Matrix<double> M, int T)
    {
        var P = M.PointwiseExp();
        for (int t = 0; t < T; t++)
        {
            P = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / P.RowSums()) * P;
            P = P * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / P.ColumnSums());
        }
        return P;
    }

    [Differentiable]
    public static Vector<double> Power(Vector<double> v0, Matrix<double> A, int k)
    {
        var v = v0;
        for (int i = 0; i < k; i++)
        {
            var w = A * v;
            v = w.L2Norm() > 1 ? w / w.L2Norm() : w;
        }
        return v;
    }

    [Differentiable]
    public static Matrix<double> Recurrence(Matrix<double> X, Matrix<double> A)
    {
        var Y = A;
        double s = 0;
        foreach (var row in X.EnumerateRows()) s += row.PointwiseTanh().Sum();
        for (int t = 0; t < 3; t++) Y = 0.5 * Y * X + s * A;
        return Y;
    }
}
";

        private static readonly Lazy<System.Reflection.Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + Source));

        [Fact]
        public void Sinkhorn_plan_jacobian_jvp_and_vjp_agree_with_finite_differences()
        {
            var r = new RandomMatrices(3);
            var m = r.Matrix(3, 3) * 0.5;
            Check("Sinkhorn", m, x => (Matrix<double>)Call("Sinkhorn", x, 4)!, (x, d) => Call("JvpSinkhorn", x, 4, d)!,
                (x, bar) => (Matrix<double>)Call("VjpSinkhorn", x, 4, bar)!, x => (Matrix<double>)Call("JacobianSinkhorn", x, 4)!, r);
        }

        [Fact]
        public void Recurrence_with_foreach_and_loop_agrees_with_finite_differences()
        {
            var r = new RandomMatrices(5);
            var a = r.Matrix(3, 3);
            Check("Recurrence", r.Matrix(3, 3) * 0.5, x => (Matrix<double>)Call("Recurrence", x, a)!, (x, d) => Call("JvpRecurrence", x, a, d)!,
                (x, bar) => (Matrix<double>)Call("VjpRecurrence", x, a, bar)!, x => (Matrix<double>)Call("JacobianRecurrence", x, a)!, r);
        }

        [Fact]
        public void Vector_valued_power_iteration_with_a_branch_agrees_with_finite_differences()
        {
            var r = new RandomMatrices(8);
            var a = r.Matrix(4, 4);
            var v0 = r.Vector(4);
            var jacobian = (Matrix<double>)Call("JacobianPower", v0, a, 3)!;
            var numerical = Jacobians.Numerical(x => ((Vector<double>)Call("Power", x.Column(0), a, 3)!).ToColumnMatrix(), v0.ToColumnMatrix());
            Assert.True(Compare.RelativeError(jacobian, numerical) < 1e-6, $"Jacobian error {Compare.RelativeError(jacobian, numerical):E2}");
            var d = r.Vector(4);
            var jvp = (Vector<double>)Call("JvpPower", v0, a, 3, d)!;
            Assert.True((jvp - jacobian * d).L2Norm() < 1e-10 * Math.Max(1, jvp.L2Norm()));
            var bar = r.Vector(4);
            var vjp = (Vector<double>)Call("VjpPower", v0, a, 3, bar)!;
            Assert.True((vjp - jacobian.TransposeThisAndMultiply(bar)).L2Norm() < 1e-10 * Math.Max(1, vjp.L2Norm()));
        }

        private static object? Call(string method, params object[] args) => s_assembly.Value.Static("Valued", method)(args);

        private static void Check(string name, Matrix<double> x, Func<Matrix<double>, Matrix<double>> f, Func<Matrix<double>, Matrix<double>, object> jvp,
            Func<Matrix<double>, Matrix<double>, Matrix<double>> vjp, Func<Matrix<double>, Matrix<double>> jacobianOf, RandomMatrices r)
        {
            var jacobian = jacobianOf(x);
            var numerical = Jacobians.Numerical(f, x);
            Assert.True(Compare.RelativeError(jacobian, numerical) < 1e-6, $"{name}: Jacobian error {Compare.RelativeError(jacobian, numerical):E2}");
            var d = r.Matrix(x.RowCount, x.ColumnCount);
            var dF = Jacobians.Vec((Matrix<double>)jvp(x, d));
            Assert.True((dF - jacobian * Jacobians.Vec(d)).L2Norm() < 1e-10 * Math.Max(1, dF.L2Norm()), $"{name}: JVP ≠ J vec(dX)");
            var value = f(x);
            var bar = r.Matrix(value.RowCount, value.ColumnCount);
            var g = Jacobians.Vec(vjp(x, bar));
            Assert.True((g - jacobian.TransposeThisAndMultiply(Jacobians.Vec(bar))).L2Norm() < 1e-10 * Math.Max(1, g.L2Norm()), $"{name}: VJP ≠ Jᵀ vec(F̄)");
        }
    }
}

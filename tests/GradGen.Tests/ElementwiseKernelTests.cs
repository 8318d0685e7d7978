using System;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The runtime's SIMD elementwise passes give MathNet's numbers (to rounding, for the sum) on dense storage, at lengths
    /// around the vector widths, and take MathNet's own operation on sparse storage, keeping its zeros.
    /// </summary>
    public class ElementwiseKernelTests
    {
        public static TheoryData<int> Lengths() => new() { 1, 3, 7, 8, 9, 31, 64, 1000 };

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Dense_vectors_match_MathNet(int n)
        {
            var random = new Random(n);
            var u = Vector<double>.Build.Dense(n, _ => random.NextDouble() * 4 - 2);
            var v = Vector<double>.Build.Dense(n, _ => random.NextDouble() + 0.5);
            Assert.Equal(u.PointwiseDivide(v), MatrixFunctions.Divide(u, v));
            Assert.Equal(u.PointwiseMultiply(v), MatrixFunctions.Hadamard(u, v));
            Assert.Equal(u + 1.5, MatrixFunctions.AddScalar(u, 1.5));
            Assert.Equal(u - 0.25, MatrixFunctions.AddScalar(u, -0.25));
            Assert.Equal(u.Sum(), MatrixFunctions.Sum(u), 12);
            Assert.Equal(u.PointwiseExp().Sum(), MatrixFunctions.SumOfExp(u), 11);
            Assert.Equal(v.PointwiseLog().Sum(), MatrixFunctions.SumOfLog(v), 11);
        }

        /// <summary>
        /// tanh near 0, where it is ≈ x: TensorPrimitives' kernel alone gave tanh(0f) = −5.96e-8 and tanh(1e-6f) 4.6 % off,
        /// so a gradient through tanh of a zero block was not zero. In place too (the result in the argument's storage), and
        /// across the kernel's 256-entry chunks: within 2 ulps of Math.Tanh under 0.1 in magnitude, zeros exactly zero, and
        /// within the vectorised kernel's 11 ulps above.
        /// </summary>
        [Fact]
        public void Tanh_keeps_its_relative_accuracy_near_zero_in_double_and_float()
        {
            double[] near = { 0, 1e-30, -1e-10, 1e-6, -1e-4, 0.05, 0.0999, 0.1, -0.5, 3, 0 };
            var x = Vector<double>.Build.Dense(300 + near.Length, i => i < 300 ? Math.Sin(i) * 2 : near[i - 300]);
            var y = MatrixFunctions.Tanh(x);
            var xf = Vector<float>.Build.Dense(x.Count, i => (float)x[i]);
            var yf = MatrixFunctions.Tanh(xf);
            for (int i = 0; i < x.Count; i++)
            {
                double exact = Math.Abs(Math.Tanh(x[i])), ulps = Math.Abs(x[i]) < 0.1 ? 2 : 11;
                Assert.True(Math.Abs(y[i] - Math.Tanh(x[i])) <= ulps * (Math.BitIncrement(exact) - exact), $"tanh({x[i]:R}) = {y[i]:R}");
                float exactF = Math.Abs(MathF.Tanh(xf[i]));
                Assert.True(Math.Abs(yf[i] - MathF.Tanh(xf[i])) <= ulps * (MathF.BitIncrement(exactF) - exactF), $"tanh({xf[i]:R}f) = {yf[i]:R}");
            }
            Assert.Equal(0.0, y[x.Count - 1]);
            Assert.Equal(0f, yf[x.Count - 1]);
            MatrixFunctions.Tanh(xf, into: xf);
            Assert.Equal(yf, xf);
        }

        [Theory]
        [InlineData(511)]
        [InlineData(512)]
        [InlineData(513)]
        [InlineData(5000)]
        public void Fused_sums_cross_their_chunks(int n)
        {
            var v = Vector<double>.Build.Dense(n, i => 1 + i % 7);
            double expected = 0;
            for (int i = 0; i < n; i++) expected += Math.Log(1 + i % 7);
            Assert.Equal(expected, MatrixFunctions.SumOfLog(v), 1e-12 * expected);
            double exps = v.PointwiseExp().Sum();
            Assert.Equal(exps, MatrixFunctions.SumOfExp(v), 1e-12 * exps);
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(3, 5)]
        [InlineData(17, 9)]
        public void Dense_matrices_match_MathNet(int rows, int columns)
        {
            var random = new Random(rows * 31 + columns);
            var a = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 4 - 2);
            var b = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() + 0.5);
            Assert.Equal(a.PointwiseDivide(b), MatrixFunctions.Divide(a, b));
            Assert.Equal(a + 2.0, MatrixFunctions.AddScalar(a, 2.0));
        }

        [Fact]
        public void Sparse_storage_takes_MathNet_s_operation()
        {
            var a = Matrix<double>.Build.Sparse(4, 4);
            a[1, 2] = 3;
            var b = Matrix<double>.Build.Dense(4, 4, 2.0);
            Assert.Equal(a.PointwiseDivide(b), MatrixFunctions.Divide(a, b));
            var product = MatrixFunctions.Hadamard(a, a);
            Assert.Equal(a.PointwiseMultiply(a), product);
            Assert.Equal(a.Storage.GetType(), product.Storage.GetType());
            var u = Vector<double>.Build.Sparse(5);
            u[3] = -2;
            Assert.Equal(-2, MatrixFunctions.Sum(u));
            Assert.Equal(4 + Math.Exp(-2), MatrixFunctions.SumOfExp(u), 12);
            Assert.Equal(u + 1.0, MatrixFunctions.AddScalar(u, 1.0));
        }

        [Fact]
        public void Into_writes_a_dense_result_of_the_shape_in_place_even_over_an_operand()
        {
            var random = new Random(5);
            var a = Matrix<double>.Build.Dense(4, 3, (_, _) => random.NextDouble() + 0.5);
            var b = Matrix<double>.Build.Dense(4, 3, (_, _) => random.NextDouble() + 0.5);
            var expected = a.PointwiseDivide(b);
            var buffer = a.Clone();
            Assert.Same(buffer, MatrixFunctions.Divide(buffer, b, into: buffer));
            Assert.Equal(expected, buffer);
            var other = Matrix<double>.Build.Dense(4, 3);
            Assert.Same(other, MatrixFunctions.Exp(a, into: other));
            Assert.True((a.PointwiseExp() - other).FrobeniusNorm() < 1e-14 * other.FrobeniusNorm());   // SIMD exp: to rounding
            // A buffer of another shape, or sparse, is not used: the result is fresh.
            var wrongShape = Matrix<double>.Build.Dense(3, 4);
            Assert.NotSame(wrongShape, MatrixFunctions.Log(a, into: wrongShape));
            var sparse = Matrix<double>.Build.Sparse(4, 3);
            var fresh = MatrixFunctions.AddScalar(a, 1.0, into: sparse);
            Assert.NotSame(sparse, fresh);
            Assert.Equal(a + 1.0, fresh);
            Assert.Equal(0.0, sparse.FrobeniusNorm());
        }

        private const string Objectives = @"public static partial class Elementwise
{
    [Differentiable] public static double Softplus(Vector<double> z) => (z.PointwiseExp() + 1.0).PointwiseLog().Sum();
    // e is read again after a + 1 and after the log: its storage must stay e's until the end.
    [Differentiable] public static double Reread(Vector<double> z)
    {
        var e = z.PointwiseExp();
        var a = e + 1.0;
        return a.PointwiseLog().Sum() + e.DotProduct(e) + a.PointwiseTanh().Sum();
    }
}";

        [Fact]
        public void A_temporary_read_for_the_last_time_takes_the_next_elementwise_result()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Objectives);
            Assert.Empty(run.Errors);
            Assert.Contains("var gradz = global::GradGen.Runtime.MatrixFunctions.Divide(expz, addScalar, into: expz);",
                run.Files["Elementwise.Softplus.g.cs"]);
        }

        [Fact]
        public void Reused_storage_leaves_every_value_still_read_intact()
        {
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + Objectives);
            var type = assembly.GetType("Elementwise")!;
            var z = Vector<double>.Build.Dense(7, i => 0.3 * i - 1);
            var e = z.PointwiseExp();
            var a = e + 1.0;
            var t = a.PointwiseTanh();
            // d/dz: e ⊘ a + 2 e ∘ e + (1 − tanh²(a)) ∘ e
            var expected = e.PointwiseDivide(a) + 2.0 * e.PointwiseMultiply(e) + (1.0 - t.PointwiseMultiply(t)).PointwiseMultiply(e);
            var gradient = (Vector<double>)type.GetMethod("GradReread")!.Invoke(null, new object[] { z })!;
            Assert.True((gradient - expected).L2Norm() < 1e-12 * expected.L2Norm());
            var softplus = (Vector<double>)type.GetMethod("GradSoftplus")!.Invoke(null, new object[] { z })!;
            Assert.True((softplus - e.PointwiseDivide(a)).L2Norm() < 1e-14 * softplus.L2Norm());
        }

        [Fact]
        public void Mismatched_lengths_fail_as_MathNet_does()
        {
            var u = Vector<double>.Build.Dense(3, 1.0);
            var v = Vector<double>.Build.Dense(4, 1.0);
            Assert.Throws<ArgumentException>(() => MatrixFunctions.Divide(u, v));
        }
    }
}

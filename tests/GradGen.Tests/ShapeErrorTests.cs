using System;
using GradGen.Tests.Support;
using GraphMatching;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// Inputs whose sizes do not fit: generated methods check them up front, against the shapes inference found, and the
    /// error names the generated method, the caller's parameter and the shapes, never a kernel's α, β or op(A).
    /// </summary>
    public class ShapeErrorTests
    {
        private static readonly RandomMatrices s_r = new(1);

        [Fact]
        public void GradG_with_X_5x6_and_B_5x5_names_B()
        {
            var e = Assert.Throws<ArgumentException>(() => Objective.GradG(s_r.Matrix(5, 6), s_r.Matrix(5, 5), s_r.Matrix(5, 5), s_r.Matrix(5, 6)));
            Assert.Equal("B", e.ParamName);
            Assert.StartsWith("GradG: B must have as many rows as X has columns (X is 5×6, B is 5×5).", e.Message);
            Assert.DoesNotContain("op(", e.Message);
        }

        [Fact]
        public void ValueAndGradG_with_A_4x4_against_X_5x5_names_A()
        {
            var e = Assert.Throws<ArgumentException>(() => Objective.ValueAndGradG(s_r.Matrix(5, 5), s_r.Matrix(4, 4), s_r.Matrix(5, 5), s_r.Matrix(5, 5)));
            Assert.Equal("A", e.ParamName);
            Assert.StartsWith("ValueAndGradG: A must have as many rows as X has rows (X is 5×5, A is 4×4).", e.Message);
        }

        [Fact]
        public void The_Into_form_names_itself_and_then_its_result()
        {
            var x = s_r.Matrix(5, 5);
            var wrong = Assert.Throws<ArgumentException>(() => Objective.GradGInto(x, s_r.Matrix(5, 5), s_r.Matrix(5, 5), s_r.Matrix(5, 4), s_r.Matrix(5, 5)));
            Assert.Equal("Xu", wrong.ParamName);
            Assert.StartsWith("GradGInto: Xu must have as many columns as X has columns (X is 5×5, Xu is 5×4).", wrong.Message);

            var result = Assert.Throws<ArgumentException>(() => Objective.GradGInto(x, s_r.Matrix(5, 5), s_r.Matrix(5, 5), s_r.Matrix(5, 5), s_r.Matrix(4, 5)));
            Assert.Equal("gradX", result.ParamName);
        }

        [Fact]
        public void Literal_sizes_are_checked_too()
        {
            const string source = @"public static partial class Fixed
{
    [Differentiable] public static double F(Matrix<double> X) => (X * Matrix<double>.Build.DenseIdentity(3)).Trace();
}";
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + source);
            var grad = assembly.Static("Fixed", "GradF");
            var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => grad(new object[] { s_r.Matrix(3, 4) }));
            var inner = Assert.IsType<ArgumentException>(e.InnerException);
            Assert.Equal("X", inner.ParamName);
            Assert.StartsWith("GradF: X must have 3 columns (X is 3×4).", inner.Message);
            Assert.NotNull(grad(new object[] { s_r.Matrix(3, 3) }));
        }

        [Fact]
        public void Vectors_are_described_by_their_length()
        {
            const string source = @"public static partial class Lengths
{
    [Differentiable] public static double F(Vector<double> x, Matrix<double> A) => x.DotProduct(A * x);
}";
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + source);
            var grad = assembly.Static("Lengths", "GradF");
            var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => grad(new object[] { s_r.Vector(3), s_r.Matrix(4, 3) }));
            var inner = Assert.IsType<ArgumentException>(e.InnerException);
            Assert.Equal("A", inner.ParamName);
            Assert.StartsWith("GradF: A must have as many rows as x has entries (x is of length 3, A is 4×3).", inner.Message);
        }

        /// <summary>
        /// A body with statements is checked on what it always runs (statements outside loops and branches, the returned value):
        /// a loop may run no time and a branch may not be taken, so what they need is left to them.
        /// </summary>
        [Fact]
        public void Bodies_with_statements_are_checked_on_what_they_always_run()
        {
            const string source = @"public static partial class Looping
{
    [Differentiable(nameof(X))]
    public static double F(Matrix<double> X, Matrix<double> A, Vector<double> b, int wide)
    {
        var Y = A * X;
        double s = 0;
        for (int i = 0; i < 3; i++) s += (Y * b).Sum() * i;
        if (wide > 0) s += (X.Transpose() * b).Sum();
        return s + Y.FrobeniusNorm();
    }
}";
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + source);
            var grad = assembly.Static("Looping", "GradF");
            var e = Assert.Throws<System.Reflection.TargetInvocationException>(
                () => grad(new object[] { s_r.Matrix(3, 2), s_r.Matrix(4, 5), s_r.Vector(2), 0 }));
            var inner = Assert.IsType<ArgumentException>(e.InnerException);
            Assert.Equal("A", inner.ParamName);
            Assert.StartsWith("GradF: A must have as many columns as X has rows (X is 3×2, A is 4×5).", inner.Message);
            // Xᵀ b in the branch not taken needs b as long as X has rows: not required up front.
            Assert.NotNull(grad(new object[] { s_r.Matrix(3, 2), s_r.Matrix(4, 3), s_r.Vector(2), 0 }));
        }
    }
}

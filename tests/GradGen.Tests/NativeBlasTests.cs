using System;
using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>Switching MathNet's global provider must not race with the other tests.</summary>
    [CollectionDefinition(nameof(GlobalProvider), DisableParallelization = true)]
    public sealed class GlobalProvider { }

    /// <summary>The opt-in OpenBLAS products: equal to the managed ones to 1e-12, or a clear fallback.</summary>
    [Collection(nameof(GlobalProvider))]
    public class NativeBlasTests
    {
        private readonly ITestOutputHelper _output;

        public NativeBlasTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Native_products_equal_managed_ones_or_the_fallback_says_why()
        {
            var r = new RandomMatrices(9);
            var cases = new (Matrix<double> A, Matrix<double> B)[]
            {
                (r.Matrix(7, 5), r.Matrix(5, 9)), (r.Matrix(1, 1), r.Matrix(1, 1)), (r.Matrix(64, 33), r.Matrix(33, 70)), (r.Matrix(3, 1), r.Matrix(1, 4)),
            };
            var x = r.Vector(5);
            var managed = Compute(cases, x);
            var gradManaged = Cvpr(new RandomMatrices(77));
            double managedNorm = cases[2].A.FrobeniusNorm();

            bool active = GradGenLinearAlgebra.UseNativeBlas(out string status);
            _output.WriteLine(status);
            try
            {
                if (!active)
                {
                    Assert.Contains("staying managed", status);
                    Assert.IsNotType<BlasProvider>(LinearAlgebraControl.Provider);
                    return;
                }
                Assert.True(GradGenLinearAlgebra.IsNativeBlasActive);
                var native = Compute(cases, x);
                for (int i = 0; i < managed.Length; i++)
                {
                    Assert.True(Compare.RelativeError(native[i], managed[i]) < 1e-12, $"product {i}: {Compare.RelativeError(native[i], managed[i]):E2}");
                }
                Assert.Equal(managedNorm, cases[2].A.FrobeniusNorm(), 10);
                // Everything that is not a product still works, through the managed fallback.
                var s = r.Matrix(4, 4) + 4 * Matrix<double>.Build.DenseIdentity(4);
                Assert.True(Compare.RelativeError(s * s.Inverse(), Matrix<double>.Build.DenseIdentity(4)) < 1e-12);
                Assert.True(Compare.RelativeError(Cvpr(new RandomMatrices(77)), gradManaged) < 1e-12);
            }
            finally
            {
                GradGenLinearAlgebra.UseManaged();
            }
            Assert.False(GradGenLinearAlgebra.IsNativeBlasActive);
        }

        private static Matrix<double>[] Compute((Matrix<double> A, Matrix<double> B)[] cases, Vector<double> x)
        {
            var results = new System.Collections.Generic.List<Matrix<double>>();
            foreach (var (a, b) in cases)
            {
                results.Add(a * b);
                results.Add(a.TransposeThisAndMultiply(a));
                results.Add(b.TransposeAndMultiply(b));
                results.Add(b.Transpose() * a.Transpose());
                // The generated gradients' dgemm with α and β.
                var c = a * b;
                MatrixFunctions.AddScaledProduct(c, -2.5, a, b);
                results.Add(c);
                results.Add(MatrixFunctions.ScaledProduct(0.5, b, a, transposeA: true, transposeB: true));
                // Sums and differences (daxpy when native), with every aliasing of operands and result.
                var e = a.PointwiseExp();
                results.Add(a + e);
                results.Add(a - e);
                var inPlace = a.Clone();
                inPlace.Add(e, inPlace);
                inPlace.Subtract(e.PointwiseSin(), inPlace);
                results.Add(inPlace);
                var intoRight = e.Clone();
                a.Add(intoRight, intoRight);
                results.Add(intoRight);
                var subtractedIntoRight = e.Clone();
                a.Subtract(subtractedIntoRight, subtractedIntoRight);
                results.Add(subtractedIntoRight);
                var doubled = a.Clone();
                doubled.Add(doubled, doubled);
                results.Add(doubled);
                var zero = a.Clone();
                zero.Subtract(zero, zero);
                results.Add(zero);
                // ddot and daxpy.
                results.Add(Matrix<double>.Build.Dense(1, 1, MatrixFunctions.Inner(a, a.PointwiseExp())));
                var s = a.Clone();
                MatrixFunctions.AddScaled(s, -1.5, a.PointwiseExp());
                results.Add(s);
            }
            results.Add((cases[0].A * x).ToColumnMatrix());
            return results.ToArray();
        }

        private static Matrix<double> Cvpr(RandomMatrices r)
        {
            var (X, A, B, Xu) = (r.Matrix(30, 30), r.Matrix(30, 30), r.Matrix(30, 30), r.Matrix(30, 30));
            return CvprObjectives.GradG(X, A, B, Xu);
        }
    }
}

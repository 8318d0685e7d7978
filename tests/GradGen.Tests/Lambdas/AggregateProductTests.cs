using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Lambdas
{
    /// <summary>
    /// Π xₖ through Aggregate, at an x with a zero entry, where p / xᵢ would divide by zero: the gradient Π_{k≠i} xₖ and the
    /// Hessian Π_{k≠i,j} xₖ, in closed form.
    /// </summary>
    public class AggregateProductTests
    {
        private static readonly System.Lazy<System.Reflection.Assembly> s_assembly = new(() => InMemoryAssembly.Build(
            GeneratorHarness.Usings + "using System.Linq;\n" + "public static partial class Products\n{\n    [Differentiable(Order = 2)]\n"
            + "    public static double P(Vector<double> x) => x.Aggregate(1.0, (p, v) => p * v);\n}\n"));

        [Fact]
        public void The_gradient_and_Hessian_of_a_product_with_a_zero_entry_are_the_closed_forms()
        {
            var x = Vector<double>.Build.DenseOfArray(new[] { 0.0, 2.0, 3.0, -0.5 });
            var grad = (Vector<double>)s_assembly.Value.Static("Products", "GradP")(new object[] { x })!;
            var expected = Vector<double>.Build.DenseOfArray(new[] { 2.0 * 3 * -0.5, 0, 0, 0 });
            Assert.True((grad - expected).L2Norm() < 1e-14, $"∇Π x = {grad}");

            // H_ij = Π_{k≠i,j} xₖ off the diagonal, 0 on it: only the row and column of the zero entry survive.
            var hessian = Matrix<double>.Build.DenseOfArray(new double[,]
            {
                { 0, 3 * -0.5, 2 * -0.5, 2 * 3 },
                { 3 * -0.5, 0, 0, 0 },
                { 2 * -0.5, 0, 0, 0 },
                { 2 * 3, 0, 0, 0 },
            });
            for (int j = 0; j < 4; j++)
            {
                var e = Vector<double>.Build.Dense(4);
                e[j] = 1;
                var column = (Vector<double>)s_assembly.Value.Static("Products", "HvpP")(new object[] { x, e })!;
                Assert.True((column - hessian.Column(j)).L2Norm() < 1e-14, $"H e_{j} = {column}, expected {hessian.Column(j)}");
            }
        }
    }
}

using System.Text;

namespace GradGen.Tests.Support
{
    /// <summary>
    /// A long objective as a user's unrolled model reads: statement k mixes a Hadamard product, scalings,
    /// a transpose of the statement before last, or a product and a tanh, so every adjoint is a sum that
    /// later sums share. Used by the generation-time tests and by the GeneratorRun benchmark.
    /// </summary>
    public static class LongObjectives
    {
        public static string Chain(int statements, string className = "Long", string methodName = "F")
        {
            var s = new StringBuilder();
            s.AppendLine($"public static partial class {className}\n{{");
            s.AppendLine("    [Differentiable]");
            s.AppendLine($"    public static double {methodName}(Matrix<double> X, Matrix<double> A)\n    {{");
            s.AppendLine("        var Y0 = X;");
            for (int k = 1; k <= statements; k++)
            {
                string previous = "Y" + (k - 1), beforeLast = "Y" + System.Math.Max(0, k - 2);
                s.AppendLine((k % 3) switch
                {
                    1 => $"        var Y{k} = {previous} + 0.1 * X.PointwiseMultiply({previous});",
                    2 => $"        var Y{k} = 0.9 * {previous} + 0.3 * {beforeLast}.Transpose();",
                    _ => $"        var Y{k} = ({previous} * A).PointwiseTanh();",
                });
            }
            s.AppendLine($"        return Y{statements}.FrobeniusNorm();\n    }}\n}}");
            return s.ToString();
        }
    }
}

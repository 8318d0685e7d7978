using System.Linq;
using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests.Lambdas
{
    /// <summary>What a lifted lambda looks like in the generated file: elementwise matrix formulas, no lambda left to differentiate.</summary>
    public class LambdaSnapshotTests
    {
        private const string Source = @"using System.Linq;
public static partial class Logistic
{
    /// <summary>Σᵢ log(1 + exp(−yᵢ xᵢᵀw)) + λ/2 ‖w‖², written with a lambda.</summary>
    [Differentiable]
    public static double Loss(Vector<double> w, Matrix<double> X, Vector<double> y, double lambda)
        => (-y.PointwiseMultiply(X * w)).Map(z => Math.Log(1 + Math.Exp(z))).Sum() + lambda / 2 * w.DotProduct(w);

    /// <summary>The same sum over a matrix's entries through LINQ.</summary>
    [Differentiable]
    public static double Entries(Matrix<double> W, Matrix<double> X)
        => (X * W).Enumerate().Select(z => Math.Sqrt(1 + z * z)).Sum();

    /// <summary>A Huber loss with a leaky-ReLU layer: conditionals inside lambdas, as masks.</summary>
    [Differentiable]
    public static double Huber(Vector<double> w, Matrix<double> X, Vector<double> y)
        => (X * w).Map(z => z > 0 ? z : 0.1 * z).Subtract(y).Map(r => Math.Abs(r) <= 1 ? 0.5 * r * r : Math.Abs(r) - 0.5).Sum();
}
";

        [Fact]
        public void Logistic_loss_with_a_lambda()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + Source);
            Assert.Empty(run.Errors);
            Assert.Empty(run.GeneratorDiagnostics);
            Snapshot.Verify("Lambdas.LogisticLoss", run.Files["Logistic.Loss.g.cs"]);
            Snapshot.Verify("Lambdas.Entries", run.Files["Logistic.Entries.g.cs"]);
            Snapshot.Verify("Lambdas.Huber", run.Files["Logistic.Huber.g.cs"]);
            Assert.DoesNotContain("computed by statements", run.Files["Logistic.Huber.g.cs"]);
            Assert.DoesNotContain("=>", run.Files["Logistic.Loss.g.cs"].Split('\n').Where(l => !l.TrimStart().StartsWith("//")).Select(l => l.Split("//")[0]));
        }
    }
}

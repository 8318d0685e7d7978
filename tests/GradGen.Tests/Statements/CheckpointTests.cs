using System;
using System.Linq;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// [Differentiable(CheckpointEvery = k)]: the gradient is the same as with every value kept (to rounding), for trip
    /// counts that are and are not multiples of k, with branches, inner loops, breaks and element writes in the body;
    /// and the tape holds one segment instead of the whole loop.
    /// </summary>
    public class CheckpointTests
    {
        private const string Body = @"(Matrix<double> M, Matrix<double> C, int T)
    {
        var P = (M / 0.5).PointwiseExp();
        var v = Vector<double>.Build.Dense(M.RowCount);
        for (int t = 0; t < T; t++)
        {
            var r = P.RowSums();
            P = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / r) * P;
            if (t % 2 == 0) P = P * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / P.ColumnSums());
            else P = P.PointwiseMultiply(P) + 0.1;
            for (int i = 0; i < 2; i++) v[i] += P[i, i] * (t + 1);
            if (t > 40) break;
        }
        return C.PointwiseMultiply(P).RowSums().Sum() + v.DotProduct(v);
    }";

        private static readonly Lazy<System.Reflection.Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + "public static partial class Kept\n{\n    [Differentiable]\n    public static double All" + Body
            + "\n    [Differentiable(CheckpointEvery = 3)]\n    public static double Every3" + Body + "\n}\n"));

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(45)]
        public void Checkpointed_gradient_equals_the_kept_one(int trips)
        {
            var r = new RandomMatrices(trips + 1);
            var args = new object[] { r.Matrix(4, 4), r.Matrix(4, 4), trips };
            var all = (Matrix<double>)s_assembly.Value.Static("Kept", "GradAll")(args)!;
            var every3 = (Matrix<double>)s_assembly.Value.Static("Kept", "GradEvery3")(args)!;
            Assert.True(Compare.RelativeError(every3, all) < 1e-12, $"T = {trips}: {Compare.RelativeError(every3, all):E2}");
            var f = s_assembly.Value.Static("Kept", "Every3");
            double error = OperationGradientTests.ErrorAgainstDifferences(f, args, 0, every3);
            Assert.True(error < 1e-6, $"T = {trips}: against central differences {error:E2}");
        }

        [Fact]
        public void Checkpointed_loop_keeps_no_tape_between_checkpoints()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class Kept\n{\n"
                + "    [Differentiable(CheckpointEvery = 3)]\n    public static double Every3" + Body + "\n}\n");
            Assert.Empty(run.Errors);
            string code = run.Files.Values.Single();
            Assert.Contains("if (trips1 % 3 == 0)", code);
            Assert.Contains("PCheckpoints.Push(P);", code);
            Assert.Contains("vCheckpoints.Push(v.Clone());", code);   // written in place: kept as a copy
            // The first forward loop pushes onto the tape nowhere; the tape is filled by each segment's second run.
            string forward = code.Substring(code.IndexOf("for (t = 0", StringComparison.Ordinal));
            forward = forward.Substring(0, forward.IndexOf("// Reverse pass", StringComparison.Ordinal));
            Assert.DoesNotContain("PTape.Push", forward);
        }
    }
}

using System;
using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Support;
using GraphMatching;
using GraphMatching.Learning;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Sample
{
    /// <summary>The sample's learning pipeline: the generated gradient through the Sinkhorn layer, and training that learns.</summary>
    public class LearningTests
    {
        [Theory]
        [InlineData(0.0, 0, 1)]
        [InlineData(0.5, 0, 2)]
        [InlineData(0.5, 2, 3)]
        public void Training_gradient_matches_central_differences(double lambda, int outliers, int seed)
        {
            var random = new Random(seed);
            var settings = new KeypointSettings(Nodes: 5, Outliers: outliers, Neighbours: 2, Dimension: 3);
            var pair = new KeypointPairs(settings, random).Sample(random);
            var w = Matrix<double>.Build.DenseIdentity(3) + 0.3 * new RandomMatrices(seed).Matrix(3, 3);
            var options = new TrainingOptions(Lambda: lambda, Temperature: 0.7, SinkhornIterations: 6);

            var (_, gradient) = Trainer.BatchLossAndGradient(w, new[] { pair }, options);
            var numerical = GradientCheck.Numerical(x => Trainer.MeanLoss(x, new[] { pair }, options), w);

            Assert.True(numerical.FrobeniusNorm() > 1e-3, "the check needs a gradient that is not zero");
            double error = GradientCheck.RelativeError(gradient, numerical);
            Assert.True(error < 1e-6, $"relative error {error:E2} against central differences");
        }

        [Fact]
        public void Loss_value_is_the_negative_log_likelihood_of_the_true_matching()
        {
            var random = new Random(4);
            var pair = new KeypointPairs(new KeypointSettings(Nodes: 6, Dimension: 4), random).Sample(random);
            var options = new TrainingOptions(SinkhornIterations: 8);
            var w = Matrix<double>.Build.DenseIdentity(4);

            var unary = Trainer.Unary(w, pair, options);
            double expected = -pair.Truth.Select((j, i) => Math.Log(unary[i, j])).Sum() / pair.Truth.Length;

            Assert.Equal(expected, Trainer.MeanLoss(w, new[] { pair }, options), 10);
            Assert.True((unary.ColumnSums() - 1.0).AbsoluteMaximum() < 1e-12, "Sinkhorn ends on a column normalisation");
        }

        [Fact]
        public void One_epoch_lowers_the_loss()
        {
            var random = new Random(5);
            var pairs = new KeypointPairs(new KeypointSettings(Nodes: 8, Dimension: 4), random).Sample(6, random);
            var options = new TrainingOptions(Epochs: 1, BatchSize: 2, LearningRate: 0.05);

            double before = Trainer.MeanLoss(Matrix<double>.Build.DenseIdentity(4), pairs, options);
            var (w, history) = Trainer.Train(pairs, pairs, options);

            Assert.Equal(new[] { 0, 1 }, history.Select(r => r.Epoch));
            Assert.Equal(before, history[0].Loss, 12);
            Assert.True(Trainer.MeanLoss(w, pairs, options) < before, "one epoch of Adam must lower the training loss");
        }

        [Fact]
        public void Learned_affinity_beats_the_identity_on_held_out_pairs()
        {
            var settings = new KeypointSettings(Nodes: 10, Dimension: 4, Distinctness: 0.5);
            var result = LearnExperiment.Run(settings, trainCount: 30, testCount: 20, new TrainingOptions(Epochs: 8));

            Assert.True(result.LearnedUnary >= result.UntrainedUnary + 0.3,
                $"learned {result.LearnedUnary:P1} against untrained {result.UntrainedUnary:P1}");
            Assert.True(result.History[^1].Loss < result.History[0].Loss);
        }

        [Theory]
        [InlineData("--epochs", "0")]
        [InlineData("--noise", "-1")]
        [InlineData("--nodes", "x")]
        [InlineData("--neighbours", "20")]
        [InlineData("--bogus", "1")]
        public void Bad_learn_options_exit_with_code_2(string option, string value)
            => Assert.Equal(2, Program.Main(new[] { "learn", option, value }));
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching.Learning
{
    /// <summary>Settings of <see cref="Trainer"/>.</summary>
    /// <param name="Lambda">Weight of the quadratic constraint ‖A − X_u B X_uᵀ‖²_F in the loss (0: the unary loss alone).</param>
    /// <param name="Temperature">τ of X_u = Sinkhorn(exp(F₁WF₂ᵀ/τ)).</param>
    public sealed record TrainingOptions(
        int Epochs = 30, int BatchSize = 8, double LearningRate = 0.05, double Lambda = 0, double Temperature = 1,
        int SinkhornIterations = 10, int Seed = 1);

    /// <summary>One epoch (0: before training): the mean training loss per keypoint, held-out accuracy of Hungarian on X_u,
    /// and the time so far.</summary>
    public sealed record EpochRecord(int Epoch, double Loss, double Accuracy, double Seconds);

    /// <summary>Learns the affinity W of X_u = Sinkhorn(exp(F₁WF₂ᵀ/τ)) by Adam on mini-batches, with GradGen's generated
    /// gradient.</summary>
    public static class Trainer
    {
        public static (Matrix<double> W, List<EpochRecord> History) Train(
            IReadOnlyList<KeypointPair> train, IReadOnlyList<KeypointPair> validation, TrainingOptions options,
            Action<EpochRecord, TimeSpan>? progress = null)
        {
            int d = train[0].F1.ColumnCount;
            var w = Matrix<double>.Build.DenseIdentity(d);
            var adam = new Adam(d, d, options.LearningRate);
            var random = new Random(options.Seed);
            var order = Enumerable.Range(0, train.Count).ToArray();
            var history = new List<EpochRecord>();
            var clock = Stopwatch.StartNew();
            // Epoch 0 is the start, W = I: the untrained loss and accuracy.
            history.Add(new EpochRecord(0, MeanLoss(w, train, options), UnaryAccuracy(w, validation, options), 0));
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                Shuffle(order, random);
                double total = 0;
                for (int start = 0; start < order.Length; start += options.BatchSize)
                {
                    var batch = order.Skip(start).Take(options.BatchSize).Select(i => train[i]).ToList();
                    var (loss, gradient) = BatchLossAndGradient(w, batch, options);
                    total += loss * batch.Count;
                    adam.Step(w, gradient);
                }
                var record = new EpochRecord(
                    epoch, total / train.Count, UnaryAccuracy(w, validation, options), clock.Elapsed.TotalSeconds);
                history.Add(record);
                progress?.Invoke(record, TimeSpan.FromSeconds(record.Seconds / epoch * (options.Epochs - epoch)));
            }
            return (w, history);
        }

        /// <summary>The mean over <paramref name="batch"/> of the loss per real keypoint, and its gradient (GradGen's
        /// ValueAndGradLoss).</summary>
        public static (double Loss, Matrix<double> Gradient) BatchLossAndGradient(
            Matrix<double> w, IReadOnlyList<KeypointPair> batch, TrainingOptions options)
        {
            double loss = 0;
            var gradient = Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount);
            foreach (var pair in batch)
            {
                double weight = 1.0 / (pair.Truth.Length * batch.Count);
                var (value, grad) = SinkhornLoss.ValueAndGradLoss(
                    w, pair.F1, pair.F2, pair.TruthMatrix, pair.A, pair.B, options.Lambda, Shift(w, pair), options.Temperature,
                    options.SinkhornIterations);
                loss += weight * value;
                gradient.Add(weight * grad, gradient);
            }
            return (loss, gradient);
        }

        /// <summary>The mean loss per real keypoint over <paramref name="pairs"/>, forward only.</summary>
        public static double MeanLoss(Matrix<double> w, IReadOnlyList<KeypointPair> pairs, TrainingOptions options)
            => pairs.Average(p => SinkhornLoss.Loss(w, p.F1, p.F2, p.TruthMatrix, p.A, p.B, options.Lambda, Shift(w, p),
                options.Temperature, options.SinkhornIterations) / p.Truth.Length);

        /// <summary>X_u for one pair under W.</summary>
        public static Matrix<double> Unary(Matrix<double> w, KeypointPair pair, TrainingOptions options)
            => SinkhornLoss.Unary(w, pair.F1, pair.F2, options.Temperature, options.SinkhornIterations);

        /// <summary>The mean node accuracy of the Hungarian projection of X_u.</summary>
        public static double UnaryAccuracy(Matrix<double> w, IReadOnlyList<KeypointPair> pairs, TrainingOptions options)
            => pairs.Average(p => p.Accuracy(Permutations.Project(Unary(w, p, options))));

        /// <summary>The row maxima of F₁WF₂ᵀ, subtracted before exp (Sinkhorn's result does not change).</summary>
        private static Vector<double> Shift(Matrix<double> w, KeypointPair pair)
            => SinkhornLoss.RowMaxima(pair.F1 * w * pair.F2.Transpose());

        private static void Shuffle(int[] order, Random random)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching.Learning
{
    /// <summary>Held-out node accuracies of the three matchers, and the training run behind them.</summary>
    /// <param name="UntrainedUnary">Hungarian on X_u with W = I.</param>
    /// <param name="LearnedUnary">Hungarian on X_u with the learned W.</param>
    /// <param name="LearnedQuadratic">Frank-Wolfe on g(X) = ‖A − XBXᵀ‖²_F − tr(X_uᵀX) with the learned X_u (the quadratic
    /// constraint).</param>
    public sealed record LearnResult(
        double UntrainedUnary, double LearnedUnary, double LearnedQuadratic, double TrainSeconds, IReadOnlyList<EpochRecord> History,
        Matrix<double> W);

    /// <summary>The learning experiment of CVPR 2021 on synthetic keypoints: train W, then match held-out pairs three ways.</summary>
    public static class LearnExperiment
    {
        public static LearnResult Run(
            KeypointSettings settings, int trainCount, int testCount, TrainingOptions options,
            Action<EpochRecord, TimeSpan>? progress = null)
        {
            var random = new Random(options.Seed);
            var pairs = new KeypointPairs(settings, random);
            var train = pairs.Sample(trainCount, random);
            var test = pairs.Sample(testCount, random);

            var clock = Stopwatch.StartNew();
            var (w, history) = Trainer.Train(train, test, options, progress);
            double seconds = clock.Elapsed.TotalSeconds;

            var identity = Matrix<double>.Build.DenseIdentity(settings.Dimension);
            return new LearnResult(
                Trainer.UnaryAccuracy(identity, test, options), Trainer.UnaryAccuracy(w, test, options),
                test.Select((p, i) => p.Accuracy(WithQuadraticConstraint(w, p, options, options.Seed + i))).Average(), seconds, history, w);
        }

        /// <summary>
        /// The matching that minimises g with the learned X_u: Frank-Wolfe from Sinkhorn(X_u), Hungarian projection and pairwise
        /// exchanges (<see cref="QuadraticConstraintSolver"/>). X_u enters as log X_u, standardised and weighted like one node's share
        /// of the quadratic term (its mean degree), so that neither term drowns the other.
        /// </summary>
        public static int[] WithQuadraticConstraint(Matrix<double> w, KeypointPair pair, TrainingOptions options, int seed)
        {
            var logUnary = Trainer.Unary(w, pair, options).Map(v => Math.Log(Math.Max(v, 1e-300)));
            double degree = pair.A.Enumerate().Sum() / pair.Truth.Length;
            var xu = SyntheticExperiment.Standardised(logUnary, Math.Max(1.0, degree));
            return QuadraticConstraintSolver.Solve(pair.A, pair.B, xu, new SolverOptions(Restarts: 1, Seed: seed, Kicks: 5)).Permutation;
        }
    }
}

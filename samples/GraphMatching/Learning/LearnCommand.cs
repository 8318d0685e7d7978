using System;
using System.IO;
using System.Text.Json;

namespace GraphMatching.Learning
{
    /// <summary>The <c>learn</c> command: its options, the progress display, the table or the JSON line.</summary>
    public static class LearnCommand
    {
        public static int Run(string[] args)
        {
            var cli = new Cli(args, new[] { "json" }, out var positional);
            if (positional.Count > 0) throw new InputException($"unexpected argument '{positional[0]}'");
            int train = cli.Int("train", 200, 1, 1_000_000);
            int test = cli.Int("test", 100, 1, 1_000_000);
            var settings = new KeypointSettings(
                Nodes: cli.Int("nodes", 20, 2, 2000), Outliers: cli.Int("outliers", 0, 0, 2000),
                Noise: cli.Double("noise", 0.1, 0, 100), Jitter: cli.Double("jitter", 0.02, 0, 1),
                Neighbours: cli.Int("neighbours", 4, 1, 100), Dimension: cli.Int("dim", 8, 1, 256),
                Distinctness: cli.Double("distinctness", 0.05, 0, 100));
            var options = new TrainingOptions(
                Epochs: cli.Int("epochs", 30, 1, 100000), BatchSize: cli.Int("batch", 8, 1, 100000),
                LearningRate: cli.Double("rate", 0.05, 1e-9, 10), Lambda: cli.Double("lambda", 0, 0, 1e6),
                Temperature: cli.Double("temperature", 1, 1e-6, 1e6), SinkhornIterations: cli.Int("sinkhorn", 10, 1, 10000),
                Seed: cli.Int("seed", 1, 0, int.MaxValue));
            string plotPath = cli.Text("plot", Path.Combine("artifacts", "learning.png"));
            bool json = cli.Flag("json");
            cli.RejectUnknown();
            if (settings.Neighbours >= settings.Nodes)
            {
                throw new InputException($"--neighbours must be below --nodes ({settings.Nodes}), got {settings.Neighbours}");
            }

            if (!json)
            {
                Console.WriteLine($"Learning X_u = Sinkhorn(exp(F1 W F2ᵀ/τ)) on {train} synthetic keypoint pairs ({settings.Nodes} nodes, "
                    + $"{settings.Outliers} outliers, noise {settings.Noise}); GradGen generated the loss's gradient wrt W.");
            }
            Action<EpochRecord, TimeSpan>? progress = json ? null : (r, left) => Console.WriteLine(
                $"  epoch {r.Epoch,3}/{options.Epochs}: loss {r.Loss,8:F4}, held-out accuracy {r.Accuracy,6:P1}, "
                + $"{r.Seconds,6:F1} s, {left.TotalSeconds,5:F0} s left");
            var result = LearnExperiment.Run(settings, train, test, options, progress);
            string plot = LearningPlot.Save(plotPath, result.History);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    untrained_unary = Math.Round(result.UntrainedUnary, 4), learned_unary = Math.Round(result.LearnedUnary, 4),
                    learned_qc = Math.Round(result.LearnedQuadratic, 4), train_seconds = Math.Round(result.TrainSeconds, 2),
                    epochs = options.Epochs, lambda = options.Lambda,
                }));
                return 0;
            }
            Console.WriteLine();
            Console.WriteLine("  held-out node accuracy");
            Console.WriteLine($"  {"Hungarian on X_u, W = I (untrained)",-56} {result.UntrainedUnary,8:P1}");
            Console.WriteLine($"  {"Hungarian on X_u, learned W",-56} {result.LearnedUnary,8:P1}");
            Console.WriteLine($"  {"Frank-Wolfe on ‖A − XBXᵀ‖² − tr(X_uᵀX), learned X_u",-56} {result.LearnedQuadratic,8:P1}");
            Console.WriteLine($"  training: {result.TrainSeconds:F1} s; loss and accuracy per epoch: {plot}");
            return 0;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using GraphMatching.Learning;

namespace GraphMatching
{
    /// <summary>
    /// CVPR 2021 quadratic-constraint graph matching with the GradGen-generated gradient.
    ///   (no arguments)           a short demo: a synthetic experiment and one QAPLIB instance, with a plot
    ///   synthetic [options]      random graph pairs with a hidden permutation
    ///   qaplib PATH.dat [options] one QAPLIB instance
    ///   learn [options]          learn the unary term through a Sinkhorn layer (CVPR 2021's pipeline) on synthetic keypoints
    /// </summary>
    public static class Program
    {
        private const string Usage =
            "usage: GraphMatching [synthetic --nodes N --edge-prob P --noise S --feature-noise F --trials T --seed K --restarts R\n" +
            "                                [--iterations I] [--sparse] [--no-polish] [--json]]\n" +
            "                     [qaplib PATH.dat [--restarts R] [--seed K] [--json]]\n" +
            "                     [learn --train N --test N --nodes N --outliers N --noise S --epochs E --seed K [--batch B] [--rate R]\n" +
            "                            [--lambda L] [--sinkhorn T] [--temperature T] [--dim D] [--distinctness S] [--jitter S] [--neighbours K]\n" +
            "                            [--plot PATH.png] [--json]]";

        public static int Main(string[] args)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            try
            {
                if (args.Length == 0) return Demo();
                var rest = args[1..];
                return args[0] switch
                {
                    "synthetic" => Synthetic(rest),
                    "qaplib" => QapLib(rest),
                    "learn" => LearnCommand.Run(rest),
                    "--help" or "-h" or "help" => Help(),
                    _ => throw new InputException($"unknown command '{args[0]}'"),
                };
            }
            catch (InputException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        private static int Help()
        {
            Console.WriteLine(Usage);
            return 0;
        }

        private static int Demo()
        {
            Console.WriteLine("GradGen graph matching demo: g(X) = ‖A − XBXᵀ‖²_F − tr(X_uᵀX), gradient generated at compile time.");
            Console.WriteLine();
            Console.WriteLine("1. Synthetic: Erdős–Rényi(30, 0.2), isomorphic pair (noise 0), noisy node features (feature-noise 1.5), 5 trials");
            var demo = new SyntheticSettings(Nodes: 30, EdgeProbability: 0.2, Noise: 0, FeatureNoise: 1.5, Trials: 5, Seed: 1, Restarts: 5);
            var (results, syntheticTrace) = SyntheticExperiment.Run(demo, Console.WriteLine);
            PrintMethods(results);

            Console.WriteLine();
            string path = Path.Combine(AppContext.BaseDirectory, "data", "qaplib", "nug12.dat");
            Console.WriteLine($"2. QAPLIB nug12 (A = −F, B = D), 50 restarts");
            var qap = QapExperiment.Run(path, restarts: 50, seed: 1, progress: (r, best) => { if ((r + 1) % 10 == 0) Console.WriteLine($"  restart {r + 1}/50: best g = {best.Objective:F0}"); });
            PrintQap(qap);

            string plot = ConvergencePlot.Save(Path.Combine("artifacts", "convergence.png"), new Dictionary<string, IReadOnlyList<double>>
            {
                ["synthetic, quadratic term, trial 1"] = Normalise(syntheticTrace),
                ["nug12, best restart"] = Normalise(qap.Trace),
            });
            Console.WriteLine();
            Console.WriteLine($"Convergence plot (g relative to its start): {plot}");

            Console.WriteLine();
            Console.WriteLine("3. Learning X_u through a Sinkhorn layer (the learn command with its defaults, on fewer pairs):");
            return LearnCommand.Run(new[] { "--train", "50", "--test", "50", "--epochs", "10" });
        }

        /// <summary>g(X_k)/g(X_0) so that both runs share one axis.</summary>
        private static IReadOnlyList<double> Normalise(IReadOnlyList<double> trace)
            => trace.Select(v => trace[0] == 0 ? v : v / Math.Abs(trace[0])).ToList();

        private static int Synthetic(string[] args)
        {
            var cli = new Cli(args, new[] { "json", "sparse", "no-polish" }, out var positional);
            if (positional.Count > 0) throw new InputException($"unexpected argument '{positional[0]}'");
            var settings = new SyntheticSettings(
                Nodes: cli.Int("nodes", 50, 2, 5000), EdgeProbability: cli.Double("edge-prob", 0.2, 0, 1), Noise: cli.Double("noise", 0, 0, 1),
                FeatureNoise: cli.Double("feature-noise", 1.5, 0, 1e6), Trials: cli.Int("trials", 10, 1, 100000),
                Seed: cli.Int("seed", 1, 0, int.MaxValue), Restarts: cli.Int("restarts", 5, 1, 100000), Sparse: cli.Flag("sparse"),
                Polish: !cli.Flag("no-polish"), Iterations: cli.Int("iterations", 100, 1, 100000));
            bool json = cli.Flag("json");
            cli.RejectUnknown();

            var (results, _) = SyntheticExperiment.Run(settings, json ? null : Console.WriteLine);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    nodes = settings.Nodes, edge_prob = settings.EdgeProbability, noise = settings.Noise,
                    feature_noise = settings.FeatureNoise, trials = settings.Trials, seed = settings.Seed, restarts = settings.Restarts,
                    sparse = settings.Sparse, polish = settings.Polish,
                    methods = results.Select(r => new
                    {
                        method = r.Method, mean_accuracy = r.MeanAccuracy, std_accuracy = r.StdAccuracy, mean_seconds = r.MeanSeconds,
                        ms_per_iteration = Math.Round(r.MillisecondsPerIteration, 3),
                    }),
                }));
            }
            else
            {
                PrintMethods(results);
            }
            return 0;
        }

        private static int QapLib(string[] args)
        {
            var cli = new Cli(args, new[] { "json" }, out var positional);
            if (positional.Count != 1) throw new InputException("qaplib needs exactly one PATH.dat");
            int restarts = cli.Int("restarts", 100, 1, 100000);
            int seed = cli.Int("seed", 1, 0, int.MaxValue);
            bool json = cli.Flag("json");
            cli.RejectUnknown();

            var result = QapExperiment.Run(positional[0], restarts, seed);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    instance = result.Instance.Name,
                    n = result.Instance.Size,
                    cost = (long)Math.Round(result.Cost),
                    permutation = result.Permutation.Select(v => v + 1),
                    restarts = result.Restarts,
                    seconds = Math.Round(result.Seconds, 3),
                }));
            }
            else
            {
                PrintQap(result);
            }
            return 0;
        }

        private static void PrintMethods(IEnumerable<MethodResult> results)
        {
            Console.WriteLine();
            Console.WriteLine($"  {"method",-44} {"accuracy",10} {"± std",8} {"s/trial",9} {"ms/FW iteration",16}");
            foreach (var r in results)
            {
                string perIteration = r.MillisecondsPerIteration > 0 ? r.MillisecondsPerIteration.ToString("F1") : "";
                Console.WriteLine($"  {r.Method,-44} {r.MeanAccuracy,10:P1} {r.StdAccuracy,8:P1} {r.MeanSeconds,9:F3} {perIteration,16}");
            }
        }

        private static void PrintQap(QapExperiment.Result r)
        {
            string known = r.Known is null ? "unknown" : r.Known.Cost.ToString("F0");
            string gap = r.GapPercent is { } g ? $"{g:F2}%" : "n/a";
            string projectedGap = r.ProjectedGapPercent is { } pg ? $"{pg:F2}%" : "n/a";
            Console.WriteLine($"  {"instance",-10} {"n",4} {"FW+Hungarian",13} {"gap",8} {"+ local",10} {"gap",8} {"best known",11} {"restarts",9} {"seconds",8}");
            Console.WriteLine($"  {r.Instance.Name,-10} {r.Instance.Size,4} {r.ProjectedCost,13:F0} {projectedGap,8} {r.Cost,10:F0} {gap,8} {known,11} {r.Restarts,9} {r.Seconds,8:F2}");
        }
    }
}

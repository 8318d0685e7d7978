using System;
using System.Collections.Generic;
using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>Mean, standard deviation and time of one method over the trials, and its time per Frank-Wolfe iteration.</summary>
    public sealed record MethodResult(string Method, double MeanAccuracy, double StdAccuracy, double MeanSeconds, double MillisecondsPerIteration = 0);

    /// <summary>The synthetic experiment's settings (see <see cref="SyntheticProblem.Create"/> and <see cref="SolverOptions"/>).</summary>
    /// <param name="Sparse">A and B as <c>SparseMatrix</c>.</param>
    /// <param name="Polish">Pairwise exchanges after each projection: O(n³) per sweep, so large runs turn it off.</param>
    public sealed record SyntheticSettings(
        int Nodes = 50, double EdgeProbability = 0.2, double Noise = 0, double FeatureNoise = 1.5, int Trials = 10, int Seed = 1,
        int Restarts = 5, bool Sparse = false, bool Polish = true, int Iterations = 100);

    /// <summary>The synthetic experiment: three methods on the same random graph pairs.</summary>
    public static class SyntheticExperiment
    {
        public const string UnaryOnly = "unary only (Hungarian on X_u)";
        public const string Quadratic = "quadratic constraint ‖A − XBXᵀ‖²";
        public const string Both = "both terms (g = ‖A − XBXᵀ‖² − tr(X_uᵀX))";

        public static (List<MethodResult> Results, IReadOnlyList<double> Trace) Run(SyntheticSettings settings, Action<string>? log = null)
        {
            var random = new Random(settings.Seed);
            var methods = new[] { UnaryOnly, Quadratic, Both };
            var accuracies = methods.ToDictionary(m => m, _ => new List<double>());
            var seconds = methods.ToDictionary(m => m, _ => 0.0);
            var (iterations, iterationSeconds) = (methods.ToDictionary(m => m, _ => 0), methods.ToDictionary(m => m, _ => 0.0));
            IReadOnlyList<double> trace = Array.Empty<double>();
            int n = settings.Nodes;
            var zero = Matrix<double>.Build.Dense(n, n);

            for (int trial = 0; trial < settings.Trials; trial++)
            {
                var problem = SyntheticProblem.Create(
                    n, settings.EdgeProbability, settings.Noise, settings.FeatureNoise, random, sparse: settings.Sparse);
                var options = new SolverOptions(
                    Restarts: settings.Restarts, Seed: settings.Seed + trial, Polish: settings.Polish, Iterations: settings.Iterations);

                var clock = Stopwatch.StartNew();
                accuracies[UnaryOnly].Add(problem.Accuracy(LinearAssignment.Maximize(problem.Xu.ToArray())));
                seconds[UnaryOnly] += clock.Elapsed.TotalSeconds;

                void Solve(string method, Matrix<double> unary)
                {
                    clock.Restart();
                    var solution = QuadraticConstraintSolver.Solve(problem.A, problem.B, unary, options);
                    accuracies[method].Add(problem.Accuracy(solution.Permutation));
                    seconds[method] += clock.Elapsed.TotalSeconds;
                    iterations[method] += solution.Iterations;
                    iterationSeconds[method] += solution.FrankWolfeSeconds;
                    if (trial == 0 && method == Quadratic) trace = solution.Trace;
                }
                Solve(Quadratic, zero);
                Solve(Both, UnaryWeight(problem.Xu, n, settings.EdgeProbability));

                log?.Invoke($"  trial {trial + 1}/{settings.Trials}: unary {accuracies[UnaryOnly][trial]:P0}, "
                    + $"quadratic {accuracies[Quadratic][trial]:P0}, both {accuracies[Both][trial]:P0}");
            }

            var results = new List<MethodResult>();
            foreach (var method in methods)
            {
                var a = accuracies[method];
                double mean = a.Average();
                double std = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Sum() / Math.Max(1, a.Count - 1));
                double perIteration = iterations[method] == 0 ? 0 : 1000 * iterationSeconds[method] / iterations[method];
                results.Add(new MethodResult(method, mean, std, seconds[method] / settings.Trials, perIteration));
            }
            return (results, trace);
        }

        /// <summary>
        /// X_u standardised and weighted like one node's share of the quadratic term (about its expected
        /// degree, p·n), so that neither term drowns the other.
        /// </summary>
        public static Matrix<double> UnaryWeight(Matrix<double> xu, int nodes, double edgeProbability)
            => Standardised(xu, Math.Max(1.0, edgeProbability * nodes));

        /// <summary>(X_u − mean) / std · weight: a unary term on the scale the caller chooses.</summary>
        public static Matrix<double> Standardised(Matrix<double> xu, double weight)
        {
            var (mean, deviation) = EntryStatistics.Of(xu);
            return (xu - mean) / Math.Max(deviation, 1e-12) * weight;
        }
    }

    /// <summary>QAPLIB through g: min Σ F_ij D_p(i)p(j) is min ‖A − XBXᵀ‖²_F with A = −F, B = D over permutations.</summary>
    public static class QapExperiment
    {
        /// <param name="ProjectedCost">The cost of the winning Frank-Wolfe projection before local search.</param>
        public sealed record Result(QapInstance Instance, int[] Permutation, double Cost, double ProjectedCost, QapSolution? Known, double Seconds, int Restarts, IReadOnlyList<double> Trace)
        {
            public double? GapPercent => Gap(Cost);

            public double? ProjectedGapPercent => Gap(ProjectedCost);

            private double? Gap(double cost) => Known is null || Known.Cost == 0 ? null : 100 * (cost - Known.Cost) / Math.Abs(Known.Cost);
        }

        public static Result Run(string path, int restarts, int seed, Action<int, Solution>? progress = null)
        {
            var instance = Qaplib.Read(path);
            var known = Qaplib.ReadSolution(path, instance.Size);
            var clock = Stopwatch.StartNew();
            var zero = Matrix<double>.Build.Dense(instance.Size, instance.Size);
            var solution = QuadraticConstraintSolver.Solve(-instance.Flow, instance.Distance, zero, new SolverOptions(Restarts: restarts, Seed: seed, FinalKicks: 200), progress);
            return new Result(instance, solution.Permutation, instance.Cost(solution.Permutation), instance.Cost(solution.Projected), known, clock.Elapsed.TotalSeconds, restarts, solution.Trace);
        }
    }
}

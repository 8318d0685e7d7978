using System;
using System.Collections.Generic;
using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>Mean, standard deviation and time of one method over the trials.</summary>
    public sealed record MethodResult(string Method, double MeanAccuracy, double StdAccuracy, double MeanSeconds);

    /// <summary>The synthetic experiment: three methods on the same random graph pairs.</summary>
    public static class SyntheticExperiment
    {
        public const string UnaryOnly = "unary only (Hungarian on X_u)";
        public const string Quadratic = "quadratic constraint ‖A − XBXᵀ‖²";
        public const string Both = "both terms (g = ‖A − XBXᵀ‖² − tr(X_uᵀX))";

        public static (List<MethodResult> Results, IReadOnlyList<double> Trace) Run(
            int nodes, double edgeProbability, double noise, double featureNoise, int trials, int seed, int restarts, Action<string>? log = null)
        {
            var random = new Random(seed);
            var accuracies = new Dictionary<string, List<double>> { [UnaryOnly] = new(), [Quadratic] = new(), [Both] = new() };
            var seconds = new Dictionary<string, double> { [UnaryOnly] = 0, [Quadratic] = 0, [Both] = 0 };
            IReadOnlyList<double> trace = Array.Empty<double>();
            var zero = Matrix<double>.Build.Dense(nodes, nodes);

            for (int trial = 0; trial < trials; trial++)
            {
                var problem = SyntheticProblem.Create(nodes, edgeProbability, noise, featureNoise, random);
                var options = new SolverOptions(Restarts: restarts, Seed: seed + trial);

                var clock = Stopwatch.StartNew();
                accuracies[UnaryOnly].Add(problem.Accuracy(LinearAssignment.Maximize(problem.Xu.ToArray())));
                seconds[UnaryOnly] += clock.Elapsed.TotalSeconds;

                clock.Restart();
                var quadratic = QuadraticConstraintSolver.Solve(problem.A, problem.B, zero, options);
                accuracies[Quadratic].Add(problem.Accuracy(quadratic.Permutation));
                seconds[Quadratic] += clock.Elapsed.TotalSeconds;
                if (trial == 0) trace = quadratic.Trace;

                clock.Restart();
                var both = QuadraticConstraintSolver.Solve(problem.A, problem.B, UnaryWeight(problem.Xu, nodes, edgeProbability), options);
                accuracies[Both].Add(problem.Accuracy(both.Permutation));
                seconds[Both] += clock.Elapsed.TotalSeconds;

                log?.Invoke($"  trial {trial + 1}/{trials}: unary {accuracies[UnaryOnly][trial]:P0}, quadratic {accuracies[Quadratic][trial]:P0}, both {accuracies[Both][trial]:P0}");
            }

            var results = new List<MethodResult>();
            foreach (var method in new[] { UnaryOnly, Quadratic, Both })
            {
                var a = accuracies[method];
                double mean = a.Average();
                double std = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Sum() / Math.Max(1, a.Count - 1));
                results.Add(new MethodResult(method, mean, std, seconds[method] / trials));
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
            double mean = xu.Enumerate().Average();
            double std = Math.Sqrt(xu.Enumerate().Select(v => (v - mean) * (v - mean)).Average());
            return (xu - mean) / Math.Max(std, 1e-12) * weight;
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

using System;
using System.IO;
using System.Linq;
using GraphMatching;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GradGen.Tests.Sample
{
    /// <summary>The graph matching sample: assignment, QAPLIB reading, synthetic bookkeeping and the solver.</summary>
    public class GraphMatchingTests
    {
        private static readonly string s_data = Path.Combine(AppContext.BaseDirectory, "data", "qaplib");

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(5)]
        [InlineData(7)]
        public void Hungarian_matches_brute_force(int n)
        {
            var random = new Random(n);
            for (int trial = 0; trial < 40; trial++)
            {
                // Small integers make ties common, which is where assignment codes go wrong.
                var cost = new double[n, n];
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cost[i, j] = trial % 2 == 0 ? random.Next(5) : random.NextDouble() * 100 - 50;

                var p = LinearAssignment.Minimize(cost);

                Assert.True(Permutations.IsPermutation(p));
                Assert.Equal(BruteForce(cost), Total(cost, p), 9);
            }
        }

        private static double Total(double[,] cost, int[] p) => p.Select((j, i) => cost[i, j]).Sum();

        private static double BruteForce(double[,] cost)
        {
            int n = cost.GetLength(0);
            double best = double.PositiveInfinity;
            void Recurse(int i, bool[] used, double sum)
            {
                if (i == n) { best = Math.Min(best, sum); return; }
                for (int j = 0; j < n; j++)
                {
                    if (used[j]) continue;
                    used[j] = true;
                    Recurse(i + 1, used, sum + cost[i, j]);
                    used[j] = false;
                }
            }
            Recurse(0, new bool[n], 0);
            return best;
        }

        [Fact]
        public void Every_shipped_QAPLIB_solution_has_its_stated_cost()
        {
            var files = Directory.GetFiles(s_data, "*.dat");
            Assert.Equal(10, files.Length);
            foreach (var path in files)
            {
                var instance = Qaplib.Read(path);
                var known = Qaplib.ReadSolution(path, instance.Size);
                Assert.NotNull(known);
                Assert.Equal(known!.Cost, instance.Cost(known.Permutation));
            }
        }

        [Theory]
        [InlineData("3\n1 2 3\n", "expected 1 + 2·3² = 19 numbers, found 4")]
        [InlineData("2\n0 1 1 0\n0 x 1 0\n", "'x' (token 7) is not a number")]
        [InlineData("1\n0\n0\n", "n = 1, but matching needs at least 2 nodes")]
        [InlineData("", "empty file")]
        [InlineData("2.5\n", "'2.5' is not a valid size or index")]
        public void Malformed_QAPLIB_files_are_one_line_errors(string content, string message)
        {
            string path = Path.Combine(Path.GetTempPath(), $"gradgen-{Guid.NewGuid():N}.dat");
            File.WriteAllText(path, content);
            try
            {
                var error = Assert.Throws<InputException>(() => Qaplib.Read(path));
                Assert.Contains(message, error.Message);
                Assert.DoesNotContain("\n", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Missing_file_is_an_input_error() => Assert.Throws<InputException>(() => Qaplib.Read(Path.Combine(s_data, "missing.dat")));

        [Fact]
        public void Synthetic_pair_without_noise_is_isomorphic_under_the_hidden_permutation()
        {
            var problem = SyntheticProblem.Create(15, 0.3, noise: 0, featureNoise: 0, new Random(3));
            var truth = Permutations.ToMatrix(problem.Truth);

            Assert.Equal(problem.A, truth * problem.B * truth.Transpose());
            Assert.Equal(1.0, problem.Accuracy(problem.Truth));
            Assert.Equal(problem.Truth, LinearAssignment.Maximize(problem.Xu.ToArray()));
        }

        [Fact]
        public void Pairwise_exchange_delta_is_the_change_of_g()
        {
            var random = new Random(4);
            var (a, b, xu) = (Matrix<double>.Build.Random(6, 6, 1), Matrix<double>.Build.Random(6, 6, 2), Matrix<double>.Build.Random(6, 6, 3));
            var exchange = PairwiseExchange.ForObjective(a, b, xu);
            var p = Permutations.Random(6, random);
            double g = Objective.G(Permutations.ToMatrix(p), a, b, xu);
            var q = (int[])p.Clone();
            (q[1], q[4]) = (q[4], q[1]);

            double change = Objective.G(Permutations.ToMatrix(q), a, b, xu) - g;

            Assert.Equal(change, exchange.SwapDelta(p, 1, 4), 9);
            Assert.Equal(change, exchange.Cost(q) - exchange.Cost(p), 9);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Segment_quartic_is_g_along_the_segment(bool sparse)
        {
            var random = new Random(6);
            var problem = SyntheticProblem.Create(9, 0.4, noise: 0.1, featureNoise: 1, random, sparse: sparse);
            var x = Sinkhorn.Random(9, random);
            var d = Permutations.ToMatrix(Permutations.Random(9, random)) - x;

            var quartic = SegmentQuartic.Along(x, d, problem.A, problem.B, problem.Xu);

            foreach (double t in new[] { 0.0, 0.3, 0.7, 1.0, 1.6 })
            {
                Assert.Equal(Objective.G(x + t * d, problem.A, problem.B, problem.Xu), quartic.Value(t), 9);
            }
            double best = quartic.Minimize();
            Assert.InRange(best, 0.0, 1.0);
            for (int i = 0; i <= 100; i++) Assert.True(quartic.Value(best) <= quartic.Value(i / 100.0) + 1e-12);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Value_at_a_permutation_is_g_of_its_matrix(bool sparse)
        {
            var random = new Random(7);
            var problem = SyntheticProblem.Create(12, 0.3, noise: 0.2, featureNoise: 1, random, sparse: sparse);
            for (int trial = 0; trial < 5; trial++)
            {
                var p = Permutations.Random(12, random);
                Assert.Equal(Objective.G(Permutations.ToMatrix(p), problem.A, problem.B, problem.Xu),
                    QuadraticConstraintSolver.ValueAt(p, problem.A, problem.B, problem.Xu), 9);
            }
        }

        [Fact]
        public void Sparse_graphs_give_the_same_matching_as_dense_ones()
        {
            var dense = SyntheticProblem.Create(25, 0.15, noise: 0.05, featureNoise: 1.5, new Random(8));
            var sparse = SyntheticProblem.Create(25, 0.15, noise: 0.05, featureNoise: 1.5, new Random(8), sparse: true);
            Assert.IsType<MathNet.Numerics.LinearAlgebra.Double.SparseMatrix>(sparse.A);
            var options = new SolverOptions(Restarts: 2, Kicks: 3);
            var unary = SyntheticExperiment.UnaryWeight(dense.Xu, 25, 0.15);

            var fromDense = QuadraticConstraintSolver.Solve(dense.A, dense.B, unary, options);
            var fromSparse = QuadraticConstraintSolver.Solve(sparse.A, sparse.B, unary, options);

            Assert.Equal(fromDense.Permutation, fromSparse.Permutation);
            Assert.Equal(fromDense.Objective, fromSparse.Objective, 8);
            Assert.True(fromSparse.Iterations > 0 && fromSparse.MillisecondsPerIteration > 0);
        }

        [Fact]
        public void Solver_matches_a_small_isomorphic_pair_perfectly_from_the_gradient_alone()
        {
            var problem = SyntheticProblem.Create(20, 0.3, noise: 0, featureNoise: 0, new Random(5));
            var zero = Matrix<double>.Build.Dense(20, 20);

            var solution = QuadraticConstraintSolver.Solve(problem.A, problem.B, zero, new SolverOptions(Restarts: 5, Polish: false));

            Assert.Equal(1.0, problem.Accuracy(solution.Permutation));
        }

        [Fact]
        public void Solver_reaches_the_known_optimum_of_had12()
        {
            var result = QapExperiment.Run(Path.Combine(s_data, "had12.dat"), restarts: 10, seed: 1);

            Assert.Equal(1652, result.Known!.Cost);
            Assert.Equal(result.Known.Cost, result.Cost);
            Assert.True(result.ProjectedCost >= result.Cost);
        }
    }
}

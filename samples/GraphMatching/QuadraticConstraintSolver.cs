using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>Settings of <see cref="QuadraticConstraintSolver"/>.</summary>
    /// <param name="Polish">Polish each projected permutation by pairwise exchanges on g (2-opt with random kicks).</param>
    /// <param name="Kicks">Perturbations per polish (iterated local search); 0 is plain 2-opt.</param>
    /// <param name="FinalKicks">Perturbations per node of a last, longer local search from the best permutation.</param>
    public sealed record SolverOptions(int Restarts = 10, int Iterations = 100, int Seed = 1, double Tolerance = 1e-9, bool Polish = true, int Kicks = 20, int FinalKicks = 0);

    /// <summary>The best matching found: the permutation, g at it, and the Frank-Wolfe trace of g for the winning start.</summary>
    /// <param name="Projected">The best Hungarian projection of a Frank-Wolfe limit over all restarts, before any polishing.</param>
    /// <param name="Iterations">Frank-Wolfe iterations over all restarts; <paramref name="FrankWolfeSeconds"/> their time (gradient,
    /// Hungarian direction, line search).</param>
    public sealed record Solution(
        int[] Permutation, double Objective, IReadOnlyList<double> Trace, int Restart, int[] Projected, int Iterations = 0,
        double FrankWolfeSeconds = 0)
    {
        /// <summary>Milliseconds per Frank-Wolfe iteration.</summary>
        public double MillisecondsPerIteration => Iterations == 0 ? 0 : 1000 * FrankWolfeSeconds / Iterations;
    }

    /// <summary>
    /// Minimises the CVPR 2021 objective g(X) = ‖A − XBXᵀ‖²_F − tr(X_uᵀX) over doubly stochastic X by
    /// Frank-Wolfe: the direction comes from the generated gradient (<see cref="Objective.ValueAndGradGInto"/>),
    /// the linear minimisation over permutations from the Hungarian algorithm, the step from an exact
    /// line search (g is a quartic along a segment: <see cref="SegmentQuartic"/>). The limit is projected onto a permutation by the
    /// Hungarian algorithm. The first start is Sinkhorn(X_u), or the barycentre 𝟙𝟙ᵀ/n without a unary
    /// term; further starts are random doubly stochastic matrices mixed with it, as in FAQ; the best
    /// permutation by g wins.
    /// </summary>
    public static class QuadraticConstraintSolver
    {
        public static Solution Solve(Matrix<double> a, Matrix<double> b, Matrix<double> xu, SolverOptions options, Action<int, Solution>? progress = null)
        {
            int n = a.RowCount;
            var random = new Random(options.Seed);
            var center = GradGen.Runtime.MatrixFunctions.FrobeniusNorm(xu) > 0
                ? Sinkhorn.FromScores(xu, temperature: Math.Max(EntryStatistics.Of(xu).Deviation, 1e-12))
                : Matrix<double>.Build.Dense(n, n, 1.0 / n);

            // Dense n×n tables: built only when asked for.
            var exchange = options.Polish ? PairwiseExchange.ForObjective(a, b, xu) : null;
            Solution? best = null;
            int[]? bestProjected = null;
            int iterations = 0;
            double seconds = 0;
            double bestProjectedValue = double.PositiveInfinity;
            for (int restart = 0; restart < Math.Max(1, options.Restarts); restart++)
            {
                var start = restart == 0 ? center : 0.5 * (center + Sinkhorn.Random(n, random));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (x, trace) = FrankWolfe(start, a, b, xu, options);
                (iterations, seconds) = (iterations + trace.Count - 1, seconds + clock.Elapsed.TotalSeconds);
                var projected = Permutations.Project(x);
                double projectedValue = ValueAt(projected, a, b, xu);
                if (projectedValue < bestProjectedValue) (bestProjected, bestProjectedValue) = (projected, projectedValue);
                var p = exchange is not null ? exchange.Search(projected, random, options.Kicks) : projected;
                double value = options.Polish ? ValueAt(p, a, b, xu) : projectedValue;
                if (best is null || value < best.Objective) best = new Solution(p, value, trace, restart, bestProjected!);
                progress?.Invoke(restart, best);
            }
            // A longer local search from the best permutation found: iterated 2-opt with FinalKicks·n kicks.
            if (exchange is not null && options.FinalKicks > 0)
            {
                var p = exchange.Search(best!.Permutation, random, options.FinalKicks * n);
                double value = ValueAt(p, a, b, xu);
                if (value < best.Objective) best = best with { Permutation = p, Objective = value };
            }
            return best! with { Projected = bestProjected!, Iterations = iterations, FrankWolfeSeconds = seconds };
        }

        /// <summary>Frank-Wolfe on the Birkhoff polytope from <paramref name="start"/>; returns the last iterate and g per iteration.</summary>
        public static (Matrix<double> X, List<double> Trace) FrankWolfe(Matrix<double> start, Matrix<double> a, Matrix<double> b, Matrix<double> xu, SolverOptions options)
        {
            // Undirected graphs get the gradient GradGen derived for symmetric A and B; either is
            // written into one gradient matrix for the whole run.
            bool symmetric = GradGen.Runtime.MatrixFunctions.IsSymmetric(a) && GradGen.Runtime.MatrixFunctions.IsSymmetric(b);
            var gradient = Matrix<double>.Build.Dense(start.RowCount, start.ColumnCount);
            Func<Matrix<double>, double> valueAndGradient = symmetric
                ? x => Objective.ValueAndGradGSymmetricInto(x, a, b, xu, gradient)
                : x => Objective.ValueAndGradGInto(x, a, b, xu, gradient);
            var x = start.Clone();
            var trace = new List<double>();
            for (int k = 0; k < options.Iterations; k++)
            {
                double value = valueAndGradient(x);
                trace.Add(value);
                // Linear minimisation oracle: the vertex (a permutation) minimising ⟨∇g, Q⟩.
                var q = Permutations.ToMatrix(LinearAssignment.Minimize(gradient.ToArray()));
                var direction = q - x;
                double gap = -GradGen.Runtime.MatrixFunctions.Inner(gradient, direction);
                if (gap <= options.Tolerance * Math.Max(1.0, Math.Abs(value))) break;
                double step = SegmentQuartic.Along(x, direction, a, b, xu).Minimize();
                if (step <= 0) break;
                x += step * direction;
            }
            trace.Add(valueAndGradient(x));
            return (x, trace);
        }

        /// <summary>
        /// g at a permutation p in O(nnz(A)): ‖A − PBPᵀ‖² = ‖A‖² + ‖B‖² − 2 Σ A[i, j] B[p(i), p(j)] over A's non-zeros
        /// (PBPᵀ relabels B), minus Σᵢ X_u[i, p(i)]. The same number as <see cref="Objective.G"/> of the permutation matrix.
        /// </summary>
        public static double ValueAt(int[] p, Matrix<double> a, Matrix<double> b, Matrix<double> xu)
        {
            double cross = 0, unary = 0;
            foreach (var (i, j, value) in a.EnumerateIndexed(Zeros.AllowSkip)) cross += value * b.At(p[i], p[j]);
            for (int i = 0; i < p.Length; i++) unary += xu.At(i, p[i]);
            double aa = a.Enumerate(Zeros.AllowSkip).Sum(v => v * v), bb = b.Enumerate(Zeros.AllowSkip).Sum(v => v * v);
            return aa + bb - 2 * cross - unary;
        }
    }
}

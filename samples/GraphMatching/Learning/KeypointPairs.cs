using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching.Learning
{
    /// <summary>How keypoint pairs are drawn (see <see cref="KeypointPairs"/>).</summary>
    /// <param name="Noise">Standard deviation of the descriptor noise in F₂ = P(F₁R + noise).</param>
    /// <param name="Jitter">Standard deviation of the keypoints' displacement in the second image (the unit square).</param>
    /// <param name="Distinctness">Scale of a keypoint's own descriptor part; the rest is shared with its twin (two keypoints per
    /// type, as left and right eyes are), so the unary term alone confuses twins and the graph tells them apart.</param>
    public sealed record KeypointSettings(
        int Nodes = 20, int Outliers = 0, double Noise = 0.1, double Jitter = 0.02, int Neighbours = 4, int Dimension = 8,
        double Distinctness = 0.05);

    /// <summary>
    /// One example: keypoint graphs G₁ (padded with isolated zero-descriptor nodes to G₂'s size when G₂ has outliers)
    /// and G₂, their descriptors F₁, F₂ (rows are nodes), adjacency A, B, and the true matching i → Truth[i] of G₁'s real nodes.
    /// </summary>
    public sealed record KeypointPair(Matrix<double> F1, Matrix<double> F2, Matrix<double> A, Matrix<double> B, int[] Truth)
    {
        /// <summary>The 0/1 matrix of the true matching; padding rows are zero.</summary>
        public Matrix<double> TruthMatrix { get; } = TruthOf(Truth, F1.RowCount);

        /// <summary>The fraction of G₁'s real nodes matched to their true partner.</summary>
        public double Accuracy(int[] matching) => Truth.Select((t, i) => matching[i] == t ? 1.0 : 0.0).Average();

        private static Matrix<double> TruthOf(int[] truth, int size)
        {
            var x = Matrix<double>.Build.Dense(size, size);
            for (int i = 0; i < truth.Length; i++) x[i, truth[i]] = 1;
            return x;
        }
    }

    /// <summary>
    /// Synthetic keypoint matching, a stand-in for Willow or PascalVOC: each pair is one object seen twice. Its keypoints are
    /// uniform in the unit square; the second view rotates them (up to ±20°), displaces them by <see cref="KeypointSettings.Jitter"/>,
    /// relabels them by a random permutation P and adds outliers. Edges join each keypoint to its k nearest (both directions).
    /// Descriptors follow F₂ = P(F₁R + noise) for one mixing R (an orthogonal matrix times a diagonal scaling) shared by every
    /// pair: the "camera" that the learned affinity F₁WF₂ᵀ must undo, so W = I matches at about chance.
    /// </summary>
    public sealed class KeypointPairs
    {
        private readonly KeypointSettings _settings;
        private readonly Matrix<double> _mixing;

        public KeypointPairs(KeypointSettings settings, Random random)
        {
            _settings = settings;
            _mixing = Mixing(settings.Dimension, random);
        }

        public List<KeypointPair> Sample(int count, Random random) => Enumerable.Range(0, count).Select(_ => Sample(random)).ToList();

        public KeypointPair Sample(Random random)
        {
            int n = _settings.Nodes, m = n + _settings.Outliers, d = _settings.Dimension;
            var normal = new Normal(0, 1, random);
            var points = Matrix<double>.Build.Dense(n, 2, (_, _) => random.NextDouble());
            var truth = Permutations.Random(m, random).Take(n).ToArray();

            // Two keypoints per type: a shared type descriptor plus a smaller part of their own.
            var types = Matrix<double>.Build.Random((n + 1) / 2, d, normal);
            var f1 = Matrix<double>.Build.Dense(m, d);
            for (int i = 0; i < n; i++) f1.SetRow(i, types.Row(i / 2) + _settings.Distinctness * Vector<double>.Build.Random(d, normal));

            double angle = (random.NextDouble() - 0.5) * 2 * Math.PI / 9;
            var points2 = Matrix<double>.Build.Dense(m, 2, (_, _) => random.NextDouble());
            var f2 = Matrix<double>.Build.Dense(m, d);
            for (int o = 0; o < m; o++)
            {
                // Outliers look like keypoints: a random type's descriptor at a random place.
                var descriptor = types.Row(random.Next(types.RowCount)) + _settings.Distinctness * Vector<double>.Build.Random(d, normal);
                f2.SetRow(o, descriptor * _mixing + _settings.Noise * Vector<double>.Build.Random(d, normal));
            }
            for (int i = 0; i < n; i++)
            {
                double x = points[i, 0] - 0.5, y = points[i, 1] - 0.5;
                points2[truth[i], 0] = 0.5 + Math.Cos(angle) * x - Math.Sin(angle) * y + _settings.Jitter * normal.Sample();
                points2[truth[i], 1] = 0.5 + Math.Sin(angle) * x + Math.Cos(angle) * y + _settings.Jitter * normal.Sample();
                f2.SetRow(truth[i], f1.Row(i) * _mixing + _settings.Noise * Vector<double>.Build.Random(d, normal));
            }
            var a = Matrix<double>.Build.Dense(m, m);
            a.SetSubMatrix(0, 0, NearestNeighbours(points, _settings.Neighbours));
            return new KeypointPair(f1, f2, a, NearestNeighbours(points2, _settings.Neighbours), truth);
        }

        /// <summary>R = Q·diag(s): Q orthogonal (the QR factor of a Gaussian matrix), s log-normal around 1.</summary>
        private static Matrix<double> Mixing(int d, Random random)
        {
            var normal = new Normal(0, 1, random);
            var q = Matrix<double>.Build.Random(d, d, normal).QR().Q;
            return q * Matrix<double>.Build.DenseOfDiagonalVector(Vector<double>.Build.Dense(d, _ => Math.Exp(0.3 * normal.Sample())));
        }

        /// <summary>The symmetric k-nearest-neighbour graph of the rows of <paramref name="points"/>.</summary>
        public static Matrix<double> NearestNeighbours(Matrix<double> points, int k)
        {
            int n = points.RowCount;
            var adjacency = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i < n; i++)
            {
                var nearest = Enumerable.Range(0, n).Where(j => j != i)
                    .OrderBy(j => (points.Row(i) - points.Row(j)).L2Norm()).Take(k);
                foreach (int j in nearest) adjacency[i, j] = adjacency[j, i] = 1;
            }
            return adjacency;
        }
    }
}

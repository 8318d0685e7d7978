using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>
    /// Two graphs with a hidden correspondence: G₁ is Erdős–Rényi(n, p); G₂ relabels G₁'s nodes by a
    /// random permutation π (node i of G₁ is node π(i) of G₂) and then flips a fraction of its node pairs.
    /// Node features of G₂ are G₁'s plus Gaussian noise; X_u is their negative squared distance.
    /// With no flips, A = X* B X*ᵀ for X*[i, π(i)] = 1.
    /// </summary>
    public sealed record SyntheticProblem(Matrix<double> A, Matrix<double> B, Matrix<double> Xu, int[] Truth)
    {
        /// <param name="sparse">Store A and B as MathNet <c>SparseMatrix</c> (CSR): the generated gradient's products with them
        /// then cost O(nnz · n).</param>
        public static SyntheticProblem Create(
            int nodes, double edgeProbability, double noise, double featureNoise, Random random, int featureDimension = 8,
            bool sparse = false)
        {
            var a = Matrix<double>.Build.Dense(nodes, nodes);
            for (int i = 0; i < nodes; i++)
            {
                for (int j = i + 1; j < nodes; j++)
                {
                    if (random.NextDouble() < edgeProbability) a[i, j] = a[j, i] = 1;
                }
            }
            var truth = Permutations.Random(nodes, random);
            var b = Matrix<double>.Build.Dense(nodes, nodes);
            for (int i = 0; i < nodes; i++) for (int j = 0; j < nodes; j++) b[truth[i], truth[j]] = a[i, j];
            for (int i = 0; i < nodes; i++)
            {
                for (int j = i + 1; j < nodes; j++)
                {
                    if (random.NextDouble() < noise) b[i, j] = b[j, i] = 1 - b[i, j];
                }
            }

            var normal = new Normal(0, 1, random);
            var features = Matrix<double>.Build.Random(nodes, featureDimension, normal);
            var features2 = Matrix<double>.Build.Dense(nodes, featureDimension);
            for (int i = 0; i < nodes; i++) features2.SetRow(truth[i], features.Row(i) + featureNoise * Vector<double>.Build.Random(featureDimension, normal));
            var xu = Matrix<double>.Build.Dense(nodes, nodes, (i, k) => -(features.Row(i) - features2.Row(k)).DotProduct(features.Row(i) - features2.Row(k)));
            return sparse
                ? new SyntheticProblem(Matrix<double>.Build.SparseOfMatrix(a), Matrix<double>.Build.SparseOfMatrix(b), xu, truth)
                : new SyntheticProblem(a, b, xu, truth);
        }

        /// <summary>The fraction of nodes i matched to π(i).</summary>
        public double Accuracy(int[] matching)
        {
            int correct = 0;
            for (int i = 0; i < Truth.Length; i++) if (matching[i] == Truth[i]) correct++;
            return (double)correct / Truth.Length;
        }
    }
}

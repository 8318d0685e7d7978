using System;
using System.Globalization;
using System.IO;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>A QAPLIB instance: flow F and distance D, both n×n.</summary>
    public sealed record QapInstance(string Name, Matrix<double> Flow, Matrix<double> Distance)
    {
        public int Size => Flow.RowCount;

        /// <summary>Σᵢⱼ F[i, j] · D[p(i), p(j)].</summary>
        public double Cost(int[] p)
        {
            double sum = 0;
            for (int i = 0; i < Size; i++)
            {
                for (int j = 0; j < Size; j++) sum += Flow[i, j] * Distance[p[i], p[j]];
            }
            return sum;
        }
    }

    /// <summary>The best known solution of an instance (.sln): its cost and a 1-based permutation.</summary>
    public sealed record QapSolution(double Cost, int[] Permutation);

    /// <summary>Thrown for malformed input; its message is one line for the user.</summary>
    public sealed class InputException : Exception
    {
        public InputException(string message) : base(message) { }
    }

    /// <summary>Reads QAPLIB's .dat (n, then F, then D, whitespace separated) and .sln files.</summary>
    public static class Qaplib
    {
        public static QapInstance Read(string path)
        {
            if (!File.Exists(path)) throw new InputException($"{path}: no such file");
            var numbers = Numbers(path);
            if (numbers.Length == 0) throw new InputException($"{path}: empty file");
            int n = ToSize(numbers[0], path);
            if (n < 2) throw new InputException($"{path}: n = {n}, but matching needs at least 2 nodes");
            long expected = 1 + 2L * n * n;
            if (numbers.Length != expected) throw new InputException($"{path}: expected 1 + 2·{n}² = {expected} numbers, found {numbers.Length}");
            var flow = Matrix<double>.Build.Dense(n, n, (i, j) => numbers[1 + i * n + j]);
            var distance = Matrix<double>.Build.Dense(n, n, (i, j) => numbers[1 + n * n + i * n + j]);
            return new QapInstance(Path.GetFileNameWithoutExtension(path), flow, distance);
        }

        /// <summary>The .sln beside a .dat, if present.</summary>
        public static QapSolution? ReadSolution(string datPath, int n)
        {
            string path = Path.ChangeExtension(datPath, ".sln");
            if (!File.Exists(path)) return null;
            var numbers = Numbers(path);
            if (numbers.Length != n + 2 || ToSize(numbers[0], path) != n) throw new InputException($"{path}: expected n = {n}, the cost and {n} indices");
            var p = new int[n];
            for (int i = 0; i < n; i++) p[i] = ToSize(numbers[2 + i], path) - 1;
            if (!Permutations.IsPermutation(p)) throw new InputException($"{path}: the solution is not a permutation of 1..{n}");
            return new QapSolution(numbers[1], p);
        }

        private static double[] Numbers(string path)
        {
            var tokens = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var numbers = new double[tokens.Length];
            for (int i = 0; i < tokens.Length; i++)
            {
                if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
                {
                    throw new InputException($"{path}: '{tokens[i]}' (token {i + 1}) is not a number");
                }
            }
            return numbers;
        }

        private static int ToSize(double value, string path)
        {
            if (value != Math.Floor(value) || value < 0 || value > 100000) throw new InputException($"{path}: '{value}' is not a valid size or index");
            return (int)value;
        }
    }
}

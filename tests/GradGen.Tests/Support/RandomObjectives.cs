using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradGen.Tests.Support
{
    /// <summary>One generated objective: its C# source and the shapes of its parameters (X first, the wrt one).</summary>
    public sealed record RandomObjective(int Seed, string Name, string Source, IReadOnlyList<(string Name, int Rows, int Columns)> Parameters)
    {
        /// <summary>The output's shape, for matrix-valued functions.</summary>
        public (int Rows, int Columns) Output { get; init; }
    }

    /// <summary>Constructs a test may leave out: lambdas (a float method's lambda would return double), the SVD (no Hessians yet).</summary>
    [Flags]
    public enum RandomFeatures
    {
        None = 0,
        Lambdas = 1,
        Svd = 2,
        All = Lambdas | Svd,
    }

    /// <summary>
    /// Random, well-shaped MathNet objectives over the supported operations: expression trees of
    /// depth ≥ 4 with random sizes, reduced to a scalar. Smooth and bounded functions (tanh, sin,
    /// exp∘tanh, …) keep values moderate, so central differences stay accurate.
    /// </summary>
    public sealed class RandomObjectives
    {
        private readonly Random _random;
        private readonly List<(string Name, int Rows, int Columns)> _parameters = new();
        private readonly int _seed;
        private readonly RandomFeatures _features;

        private RandomObjectives(int seed, RandomFeatures features)
        {
            _seed = seed;
            _random = new Random(seed);
            _features = features;
        }

        public static RandomObjective Create(int seed) => Create(seed, RandomFeatures.All);

        public static RandomObjective Create(int seed, RandomFeatures features) => new RandomObjectives(seed, features).Build();

        /// <summary>A random matrix-valued function (for Jacobians, JVPs and VJPs); its output shape is in <see cref="RandomObjective.Output"/>.</summary>
        public static RandomObjective CreateMatrixValued(int seed)
        {
            var g = new RandomObjectives(seed, RandomFeatures.All);
            int m = g._random.Next(1, 4), n = g._random.Next(1, 4);
            g._parameters.Add(("X", m, n));
            int r = g._random.Next(1, 4), c = g._random.Next(1, 4);
            string body = g.Matrix(r, c, depth: 3);
            string name = "J" + seed.ToString(CultureInfo.InvariantCulture);
            string source = $"    [Differentiable]\n    public static Matrix<double> {name}({string.Join(", ", g._parameters.Select(p => "Matrix<double> " + p.Name))})\n        => {body};\n";
            return new RandomObjective(seed, name, source, g._parameters.ToList()) { Output = (r, c) };
        }

        private RandomObjective Build()
        {
            int m = _random.Next(1, 5), n = _random.Next(1, 5);
            _parameters.Add(("X", m, n));
            var terms = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Scalar(depth: 4)).ToList();
            string name = "F" + _seed.ToString(CultureInfo.InvariantCulture);
            var source = new StringBuilder();
            source.Append("    [Differentiable]\n    public static double ").Append(name).Append('(')
                .Append(string.Join(", ", _parameters.Select(p => "Matrix<double> " + p.Name)))
                .Append(")\n        => ").Append(string.Join(" + ", terms)).Append(";\n");
            return new RandomObjective(_seed, name, source.ToString(), _parameters.ToList());
        }

        /// <summary>A scalar reduction of a random matrix expression.</summary>
        private string Scalar(int depth)
        {
            int r = _random.Next(1, 5), c = _random.Next(1, 5);
            string e = Matrix(r, c, depth);
            switch (_random.Next(11))
            {
                case 10 when _features.HasFlag(RandomFeatures.Svd):
                    // the nuclear norm ‖M‖_* = Σσ (its singular values distinct and non-zero at random M)
                    return $"({e}).Svd().S.Sum()";
                case 9:
                    // through one Cholesky factorisation of c I + MᵀM: its log-determinant and a solve
                    string f = Matrix(r, c, depth - 1);
                    string spd = $"({f}).TransposeThisAndMultiply({f}) + Matrix<double>.Build.DenseIdentity({c})";
                    return _random.Next(2) == 0 ? $"({spd}).Cholesky().DeterminantLn"
                        : $"({spd}).Cholesky().Solve({Matrix(c, c, depth - 1)}).Trace()";
                case 6:
                    // log-det of a well-conditioned square matrix: c I + MᵀM
                    string m = Matrix(r, c, depth - 1);
                    return $"Math.Log(({m}).TransposeThisAndMultiply({m}).Add(Matrix<double>.Build.DenseIdentity({c})).Determinant())";
                case 7:
                    string v = Matrix(r, 1, depth - 1);
                    return $"Math.Sqrt(1 + ({v}).Column(0).DotProduct(({Matrix(r, 1, depth - 1)}).Column(0).PointwiseTanh()) * 0 + Math.Pow(({v}).FrobeniusNorm(), 2))";
                case 8:
                    return $"Math.Exp(0.1 * Math.Tanh(({e}).RowSums().Sum()))";
                case 0: return $"Math.Pow(({e}).FrobeniusNorm(), 2)";
                case 1: return $"({e}).ColumnSums().Sum()";
                case 2: return $"({e}).RowSums().Sum()";
                case 3: return $"({e}).FrobeniusNorm()";
                case 4:
                    string other = Matrix(r, c, depth - 1);
                    return $"(({e}).TransposeThisAndMultiply({other})).Trace()";
                default:
                    string square = Matrix(r, r, depth);
                    return $"{Literal()} * ({square}).Trace()";
            }
        }

        /// <summary>A random expression of shape rows×columns that reads X somewhere when it can.</summary>
        private string Matrix(int rows, int columns, int depth)
        {
            if (depth <= 0) return Leaf(rows, columns);
            int d = depth - 1;
            switch (_random.Next(20))
            {
                case 16 when _features.HasFlag(RandomFeatures.Lambdas):
                    // a lambda map, or a method group
                    return _random.Next(2) == 0 ? $"({Matrix(rows, columns, d)}).Map(v => Math.Log(1 + v * v) - 0.5 * v)"
                        : $"({Matrix(rows, columns, d)}).Map(Math.Tanh)";
                case 17 when rows == columns && rows <= 3:
                    // a factor of the LU of 3I + tanh∘(M)/4 (pivots locally constant, far from singular)
                    string lu = $"(3 * Matrix<double>.Build.DenseIdentity({rows}) + ({Matrix(rows, columns, d)}).PointwiseTanh() / 4).LU()";
                    return _random.Next(2) == 0 ? $"{lu}.L" : $"{lu}.U";
                case 18:
                    return _random.Next(2) == 0 ? $"({Matrix(rows, columns, d)}).UpperTriangle()"
                        : $"({Matrix(rows, columns, d)}).StrictlyLowerTriangle()";
                case 19 when rows == columns && rows <= 3:
                    // R of the QR of a well-conditioned square matrix
                    return $"(3 * Matrix<double>.Build.DenseIdentity({rows}) + ({Matrix(rows, columns, d)}).PointwiseSin() / 4).QR().R";
                case 14 when rows == columns && rows <= 3 && _random.Next(3) == 0:
                    // the Cholesky factor of 2I + MMᵀ, or a solve with it
                    string m = Matrix(rows, _random.Next(1, 4), d);
                    string spd = $"({m}).TransposeAndMultiply({m}) + 2 * Matrix<double>.Build.DenseIdentity({rows})";
                    return _random.Next(2) == 0 ? $"({spd}).Cholesky().Factor" : $"({spd}).Cholesky().Solve({Matrix(rows, columns, d)})";
                case 12:
                    return $"({Matrix(rows, columns, d)}).PointwiseDivide(({Matrix(rows, columns, d)}).PointwisePower(2) + 1)";
                case 13:
                    return $"(({Matrix(rows, columns, d)}) + 0.5) / 2.0";
                case 14 when rows == columns && rows <= 3:
                    // an inverse of a matrix kept far from singular: 3I + tanh∘(M)/4
                    return $"(3 * Matrix<double>.Build.DenseIdentity({rows}) + ({Matrix(rows, columns, d)}).PointwiseTanh() / 4).Inverse()";
                case 15 when rows % 2 == 0 && columns % 2 == 0:
                    return $"({Matrix(rows / 2, columns / 2, d)}).KroneckerProduct({Matrix(2, 2, d)})";
                case 0:
                case 1:
                    int k = _random.Next(1, 5);
                    return $"({Matrix(rows, k, d)}) * ({Matrix(k, columns, d)})";
                case 2: return $"({Matrix(rows, columns, d)}) + ({Matrix(rows, columns, d)})";
                case 3: return $"({Matrix(rows, columns, d)}) - ({Matrix(rows, columns, d)})";
                case 4: return $"{Literal()} * ({Matrix(rows, columns, d)})";
                case 5: return $"({Matrix(columns, rows, d)}).Transpose()";
                case 6: return $"({Matrix(rows, columns, d)}).PointwiseMultiply({Matrix(rows, columns, d)})";
                case 7: return $"({Matrix(rows, columns, d)}).PointwiseTanh()";
                case 8: return $"({Matrix(rows, columns, d)}).PointwiseSin()";
                case 9: return $"({Matrix(rows, columns, d)}).PointwiseTanh().PointwiseExp()";
                case 10:
                    int j = _random.Next(1, 5);
                    return $"({Matrix(rows, j, d)}).TransposeAndMultiply({Matrix(columns, j, d)})";
                default:
                    return $"({Matrix(rows, columns, d)}).PointwiseCos() / {_random.Next(2, 5)}";
            }
        }

        private string Leaf(int rows, int columns)
        {
            var x = _parameters[0];
            if (x.Rows == rows && x.Columns == columns && _random.Next(3) > 0) return "X";
            if (x.Rows == columns && x.Columns == rows && _random.Next(3) > 0) return "X.Transpose()";
            string name = "C" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            _parameters.Add((name, rows, columns));
            return name;
        }

        private string Literal() => (_random.Next(1, 20) / 4.0 * (_random.Next(2) == 0 ? -1 : 1)).ToString("0.##", CultureInfo.InvariantCulture);
    }
}

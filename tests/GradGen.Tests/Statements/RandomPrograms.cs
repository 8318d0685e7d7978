using System;
using System.Collections.Generic;
using System.Text;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// Random bodies with statements: loops (for, while, nested, reversed, foreach over rows and int arrays), branches
    /// (on ints and on differentiated values), reassignment and compound assignment, over X (differentiated, n×n), A (held
    /// fixed) and an int trip count T. Values stay bounded (tanh, scaled products) so central differences are meaningful.
    /// Expressions also call two helpers with statements (a loop, a foreach and a branch), declared beside F, which join
    /// F's program at the call. Replay a failure with <see cref="Create"/>(seed).
    /// </summary>
    public sealed class RandomPrograms
    {
        private readonly Random _random;
        private readonly StringBuilder _body = new();
        private int _names;
        private int _depth;
        private readonly List<string> _matrices = new() { "X" };
        private readonly List<string> _scalars = new();

        private RandomPrograms(int seed) => _random = new Random(seed);

        /// <summary>The method F(X, A, T) of program <paramref name="seed"/>.</summary>
        public static string Create(int seed)
        {
            var g = new RandomPrograms(seed);
            g.Line("var Y = " + g.MatrixExpression() + ";");
            g._matrices.Add("Y");
            g.Line("double s = " + g.ScalarExpression() + ";");
            g._scalars.Add("s");
            int statements = 2 + g._random.Next(3);
            for (int i = 0; i < statements; i++) g.Statement();
            string result = "s + " + g.ScalarExpression();
            return $"    [Differentiable]\n    public static double F(Matrix<double> X, Matrix<double> A, int T)\n    {{\n{g._body}"
                + $"        return {result};\n    }}\n" + Helpers;
        }

        /// <summary>The helpers F's expressions may call: their loops and branches are inlined as statements.</summary>
        private const string Helpers = @"
    static Matrix<double> Smooth(Matrix<double> M, int n)
    {
        var P = M;
        for (int i = 0; i < n; i++) P = 0.5 * (P + P.PointwiseTanh());
        return P;
    }

    static double Energy(Matrix<double> M, Matrix<double> B)
    {
        double e = 0;
        foreach (var r in M.EnumerateRows()) e += Math.Tanh(r.Sum());
        if (e > 0) e = 0.5 * e;
        B = B + 0.1 * M;   // B is given A, held fixed: here it starts to depend on M
        return e + 0.1 * M.PointwiseMultiply(B).Trace();
    }
";

        private void Line(string text) => _body.Append(' ', 8 + 4 * _depth).Append(text).Append('\n');

        private string Pick(List<string> names) => names[_random.Next(names.Count)];

        private string Fresh(string prefix) => prefix + ++_names;

        private string MatrixExpression()
        {
            string a = Pick(_matrices), b = Pick(_matrices);
            return _random.Next(9) switch
            {
                8 => $"Smooth({a}, {1 + _random.Next(2)})",
                0 => $"0.5 * ({a} * {b})",
                1 => $"{a}.PointwiseTanh()",
                2 => $"{a} + A",
                3 => $"0.3 * ({a}.Transpose() * A)",
                4 => a == b ? $"({a} - A).PointwiseMultiply(A)" : $"({a} - {b}).PointwiseMultiply(A)",
                5 => $"{a} / (1.0 + {b}.FrobeniusNorm())",
                6 => $"0.5 * {a} - 0.25 * {b}",
                _ => $"({a} * 0.4).PointwiseSin()",
            };
        }

        private string ScalarExpression()
        {
            string a = Pick(_matrices);
            return _random.Next(6) switch
            {
                5 => $"Energy({a}, A)",
                0 => $"{a}.Trace()",
                1 => $"{a}.FrobeniusNorm()",
                2 => $"0.5 * ({a} * A).Trace()",
                3 => $"{a}.PointwiseTanh().RowSums().Sum()",
                _ => $"Math.Tanh({a}.Trace())",
            };
        }

        private string Target() => _random.Next(3) == 0 && _scalars.Count > 0 ? Pick(_scalars) : Pick(_matrices.GetRange(1, _matrices.Count - 1));

        private void Assignment()
        {
            string target = Target();
            bool scalar = _scalars.Contains(target);
            string value = scalar ? ScalarExpression() : MatrixExpression();
            string op = _random.Next(4) switch { 0 => "+=", 1 => "-=", _ => "=" };
            if (scalar && _random.Next(4) == 0) Line($"{target} *= 0.5;");
            else Line($"{target} {op} {value};");
        }

        private void Statement()
        {
            switch (_depth < 2 ? _random.Next(9) : _random.Next(3))
            {
                case 0:
                case 1:
                case 2:
                    Assignment();
                    return;
                case 3:
                    Loop($"for (int {Fresh("i")} = 0; i{_names} < T; i{_names}++)");
                    return;
                case 4:
                    Loop($"for (int {Fresh("j")} = T; j{_names} > 0; j{_names} -= 2)");
                    return;
                case 5:
                    string row = Fresh("row");
                    Open($"foreach (var {row} in {Pick(_matrices)}.EnumerateRows())");
                    string target = Pick(_scalars);
                    Line($"{target} += Math.Tanh({row}.Sum());");
                    Body();
                    Close();
                    return;
                case 6:
                    string k = Fresh("k");
                    Loop($"foreach (var {k} in new[] {{ 1, 3 }})", $"{Pick(_scalars)} += {k} * {ScalarExpression()};");
                    return;
                case 7:
                    Open($"if ({ScalarExpression()} > {(_random.NextDouble() - 0.5).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)})");
                    Body();
                    Close();
                    Open("else");
                    Body();
                    Close();
                    return;
                default:
                    string declared = Fresh("Z");
                    Line($"var {declared} = {MatrixExpression()};");
                    if (_depth == 0) _matrices.Add(declared);
                    else Line($"{Pick(_scalars)} += {declared}.Trace();");
                    return;
            }
        }

        private void Loop(string header, string? first = null)
        {
            Open(header);
            if (first is not null) Line(first);
            Body();
            Close();
        }

        private void Body()
        {
            int count = 1 + _random.Next(2);
            for (int i = 0; i < count; i++) Statement();
        }

        private void Open(string header)
        {
            Line(header);
            Line("{");
            _depth++;
        }

        private void Close()
        {
            _depth--;
            Line("}");
        }
    }
}

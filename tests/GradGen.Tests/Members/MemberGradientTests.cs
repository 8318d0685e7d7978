using System;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Statements;
using GradGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests.Members
{
    /// <summary>
    /// The rest of MathNet that users reach for, one objective per member family: norms (p = 1, 2, 3, ∞), extremes (the
    /// subgradient at the arg), row and column norms and normalisations, the inverse trigonometric and hyperbolic functions,
    /// Log10 and Math.Log(x, b), against central differences at random inputs (where ties and kinks have probability 0).
    /// </summary>
    public class MemberGradientTests
    {
        private readonly ITestOutputHelper _output;

        public MemberGradientTests(ITestOutputHelper output) => _output = output;

        private static ObjectiveCase Case(string name, string method, Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        public static readonly ObjectiveCase[] All =
        {
            Case("Norm(1), Norm(2), Norm(3), Norm(∞), L1Norm, InfinityNorm of a vector",
                "double F(Vector<double> x) => x.Norm(1) + x.Norm(2) * 2 + x.Norm(3) + x.Norm(double.PositiveInfinity) + x.L1Norm() + x.InfinityNorm();",
                r => new object[] { r.Vector(5) }),
            Case("the stable log-sum-exp with Maximum",
                "double F(Vector<double> x) { var m = x.Maximum(); return m + Math.Log((x - m).PointwiseExp().Sum()); }",
                r => new object[] { r.Vector(6) }),
            Case("Minimum, AbsoluteMaximum and AbsoluteMinimum of a product",
                "double F(Vector<double> w, Matrix<double> X) { var z = X * w; return z.Minimum() * 2 + z.AbsoluteMaximum() + 3 * z.AbsoluteMinimum(); }",
                r => new object[] { r.Vector(3), r.Matrix(5, 3) }),
            Case("an entry picked by MaximumIndex",
                "double F(Vector<double> x, Vector<double> y) => x[y.MaximumIndex()] * x[x.MinimumIndex()] + x.Normalize(2).DotProduct(y);",
                r => new object[] { r.Vector(4), r.Vector(4) }),
            Case("matrix L1Norm and InfinityNorm (the induced norms)",
                "double F(Matrix<double> X) => X.L1Norm() + 2 * X.InfinityNorm();", r => new object[] { r.Matrix(3, 4) }),
            Case("RowNorms and ColumnNorms, p = 1, 2, 3",
                "double F(Matrix<double> X, Vector<double> a, Vector<double> b) => X.RowNorms(2.0).DotProduct(a) + X.ColumnNorms(1.0).DotProduct(b) + X.RowNorms(3.0).Sum();",
                r => new object[] { r.Matrix(3, 4), r.Vector(3), r.Vector(4) }),
            Case("NormalizeRows and NormalizeColumns",
                "double F(Matrix<double> X, Matrix<double> C) => X.NormalizeRows(2.0).PointwiseMultiply(C).RowSums().Sum() + X.NormalizeColumns(1.0).PointwiseMultiply(C).RowSums().Sum();",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 3) }),
            Case("PointwiseAtan, Tan, Sinh, Cosh, Log10, Asin, Acos",
                "double F(Matrix<double> X) => (X.PointwiseAtan() + (0.3 * X).PointwiseTan() + X.PointwiseSinh() + X.PointwiseCosh() + (X.PointwiseMultiply(X) + 1.0).PointwiseLog10() + (0.3 * X).PointwiseAsin() + (0.3 * X).PointwiseAcos()).RowSums().Sum();",
                r => new object[] { r.Matrix(2, 3) }),
            Case("Math.Atan, Sinh, Cosh, Log10, Log(x, b) on scalars (wrt both)",
                "double F(double x, double b) => Math.Atan(x) + Math.Sinh(x) * Math.Cosh(x / 2) + Math.Log10(x * x + 1) + Math.Log(x * x + 2, b * b + 2) + Math.Asin(x / 4) * Math.Acos(x / 5);",
                r => new object[] { r.Scalar(), r.Scalar() }, wrt: 2),
            Case("Math.Pow with a differentiated exponent (wrt x and p)",
                "double F(Vector<double> x, double p) => Math.Pow(x.DotProduct(x) + 1, p) + (x.PointwiseMultiply(x) + 2.0).PointwisePower(p).Sum();",
                r => new object[] { r.Vector(3), 0.5 + 0.3 * r.Scalar() }, wrt: 2),
            Case("SubMatrix blocks, products of blocks and a block at an int parameter's offset",
                "double F(Matrix<double> X, int k) => X.SubMatrix(1, 2, 0, 3).PointwiseTanh().RowSums().Sum() + (X.SubMatrix(0, 2, 1, 2) * X.SubMatrix(2, 2, 0, 2)).Trace() + X.SubMatrix(k, 2, 0, X.ColumnCount).FrobeniusNorm();",
                r => new object[] { r.Matrix(4, 4), 1 }),
            Case("[0, 0] of a 1×1 product: (dᵀ S⁻¹ d)[0, 0] (wrt d and S)",
                "double F(Vector<double> d, Matrix<double> S) => (d.ToRowMatrix() * (S + 4.0 * Matrix<double>.Build.DenseIdentity(3)).Inverse() * d.ToColumnMatrix())[0, 0];",
                r => new object[] { r.Vector(3), r.Matrix(3, 3) }, wrt: 2),
            Case("SubVector: overlapping windows of a vector",
                "double F(Vector<double> x) => x.SubVector(1, 3).DotProduct(x.SubVector(0, 3)) + x.SubVector(2, 2).PointwiseExp().Sum();",
                r => new object[] { r.Vector(5) }),
            Case("Append and Stack of computed blocks (wrt both)",
                "double F(Matrix<double> X, Matrix<double> Y) { var Z = X.Append(Y * Y); var W = Z.Stack(X.Append(Y)); return (W.Transpose() * W).Trace() + W.PointwiseTanh().RowSums().Sum(); }",
                r => new object[] { r.Matrix(3, 2), r.Matrix(3, 3) }, wrt: 2),
            Case("Math.Pow with an exponent held fixed, negative bases too (an int parameter)",
                "double F(Vector<double> x, int k) => Math.Pow(x.Sum(), k) + x.PointwisePower(k).Sum();",
                r => new object[] { r.Vector(4), 3 }),
        };

        private static readonly Lazy<Assembly> s_assembly = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings
            + string.Join("\n", All.Select((c, i) => c.Source($"Members{i}")))));

        [Fact]
        public void Every_member_objective_matches_central_differences()
        {
            CentralDifferences.Require(s_assembly.Value, All, "Members", seeds: 5, stride: 23, _output);
        }
    }
}

using GradGen.Tests.Statements;
using GradGen.Tests.Support;

namespace GradGen.Tests.Lambdas
{
    /// <summary>Lambdas, method groups and LINQ sums as users write them (each a method F, its wrt parameters first).</summary>
    public static class LambdaObjectives
    {
        private static ObjectiveCase Case(string name, string method, System.Func<RandomMatrices, object[]> draw, int wrt = 1)
            => new(name, method, draw, wrt);

        public static readonly ObjectiveCase[] All =
        {
            Case("logistic loss: (X w).Map(z => log(1 + exp(z))).Sum()",
                "double F(Vector<double> w, Matrix<double> X) => (X * w).Map(z => Math.Log(1 + Math.Exp(z))).Sum();",
                r => new object[] { r.Vector(3), r.Matrix(5, 3) }),
            Case("Poisson NLL with a method group: eta.Map(Math.Exp)",
                "double F(Vector<double> eta, Vector<double> y) => eta.Map(Math.Exp).Sum() - y.DotProduct(eta);",
                r => new object[] { r.Vector(4), r.Vector(4) }),
            Case("sigmoid of a matrix through Map, weighted",
                "double F(Matrix<double> X, Matrix<double> C) => X.Map(x => 1 / (1 + Math.Exp(-x))).PointwiseMultiply(C).RowSums().Sum();",
                r => new object[] { r.Matrix(3, 4), r.Matrix(3, 4) }),
            Case("X.Enumerate().Sum() of a product",
                "double F(Matrix<double> X, Matrix<double> A) => (A * X).Enumerate().Sum();",
                r => new object[] { r.Matrix(3, 2), r.Matrix(4, 3) }),
            Case("Enumerate().Sum(z => z³) / 3",
                "double F(Matrix<double> X) => X.Enumerate().Sum(z => z * z * z) / 3;",
                r => new object[] { r.Matrix(3, 3) }),
            Case("pseudo-Huber through Select(...).Sum() on a vector",
                "double F(Vector<double> v) => v.Select(z => Math.Sqrt(1 + z * z)).Sum();",
                r => new object[] { r.Vector(5) }),
            Case("Enumerate().Select(f).Sum() of a matrix",
                "double F(Matrix<double> X) => X.Enumerate().Select(z => Math.Tanh(z) / 2).Sum();",
                r => new object[] { r.Matrix(2, 3) }),
            Case("closure over a differentiated scalar (wrt s)",
                "double F(double s, Vector<double> v) => v.Map(z => Math.Exp(s * z)).Sum();",
                r => new object[] { 0.3 * r.Scalar(), r.Vector(4) }),
            Case("closure over a scalar and the vector (wrt both)",
                "double F(Vector<double> v, double s) => v.Map(z => Math.Sin(z) * s + z / s).DotProduct(v);",
                r => new object[] { r.Vector(3), 1.5 + 0.2 * r.Scalar() }, wrt: 2),
            Case("Map2 of two matrices (wrt both)",
                "double F(Matrix<double> A, Matrix<double> B) => A.Map2((a, b) => a * b + Math.Sin(a) / (2 + Math.Cos(b)), B).Enumerate().Sum();",
                r => new object[] { r.Matrix(2, 3), r.Matrix(2, 3) }, wrt: 2),
            Case("ReLU through Math.Max(z, 0) in a lambda",
                "double F(Vector<double> w, Matrix<double> X) => (X * w).Map(z => Math.Max(z, 0.0) + 0.5 * Math.Min(0.0, z)).Sum();",
                r => new object[] { r.Vector(3), r.Matrix(6, 3) }),
            Case("Math.Pow and Math.Abs in a lambda",
                "double F(Vector<double> v) => v.Map(z => Math.Pow(z, 3) + Math.Abs(z) + 1.0 / (1.0 + z * z)).Sum();",
                r => new object[] { r.Vector(5) }),
            Case("a lambda that ignores its entry (wrt s)",
                "double F(double s, Vector<double> v) => v.Map(z => s * s).Sum() + s * v.Sum();",
                r => new object[] { r.Scalar(), r.Vector(3) }),
            Case("a block-bodied lambda",
                "double F(Matrix<double> X) => X.Map(z => { return z * Math.Exp(-z * z); }).Enumerate().Sum();",
                r => new object[] { r.Matrix(2, 2) }),
            Case("a lambda inside a loop (tanh RNN over T steps)",
                @"double F(Vector<double> h0, Matrix<double> W, int T)
                {
                    var h = h0;
                    for (int t = 0; t < T; t++) h = (W * h).Map(z => Math.Tanh(z));
                    return h.Sum();
                }",
                r => new object[] { r.Vector(3), 0.5 * r.Matrix(3, 3), 4 }),
            Case("a lambda over a constant matrix times a differentiated vector",
                "double F(Vector<double> w, Matrix<double> K) => K.Map(k => k * k).Multiply(w).Map(z => z * z).Sum();",
                r => new object[] { r.Vector(3), r.Matrix(3, 3) }),
            Case("a Gaussian kernel matrix around a differentiated length scale (wrt l)",
                "double F(double l, Vector<double> x, Vector<double> y) { var K = Matrix<double>.Build.Dense(x.Count, x.Count, (i, j) => Math.Exp(-(x[i] - x[j]) * (x[i] - x[j]) / (2 * l * l))); return y.DotProduct(K * y); }",
                r => new object[] { 0.8 + 0.1 * r.Scalar(), r.Vector(4), r.Vector(4) }),
            Case("a kernel matrix of the differentiated points (wrt x)",
                "double F(Vector<double> x, Vector<double> y) => y.DotProduct(Matrix<double>.Build.Dense(x.Count, x.Count, (i, j) => 1 / (1 + (x[i] - x[j]) * (x[i] - x[j]))) * y);",
                r => new object[] { r.Vector(4), r.Vector(4) }),
            Case("Build.Dense with X[i, j], X[j, i] and an index as a number",
                "double F(Matrix<double> X) => Matrix<double>.Build.Dense(3, 3, (i, j) => X[i, j] * X[j, i] + 0.1 * i * X[i, j]).Enumerate().Sum();",
                r => new object[] { r.Matrix(3, 3) }),
            Case("a vector built from entries: Vector.Build.Dense(n, i => …)",
                "double F(Vector<double> x, Vector<double> w) => Vector<double>.Build.Dense(x.Count, i => Math.Tanh(x[i]) * w[i] + i).Sum();",
                r => new object[] { r.Vector(5), r.Vector(5) }),
            Case("Enumerable.Range(0, n).Sum(i => …) over entries of differentiated vectors",
                "double F(Vector<double> x, Vector<double> y) => Enumerable.Range(0, x.Count).Sum(i => x[i] * y[i] + Math.Exp(-x[i] * x[i]) * i);",
                r => new object[] { r.Vector(5), r.Vector(5) }),
            Case("MapIndexed over a computed matrix: row weights, the column index as a number",
                "double F(Matrix<double> X, Vector<double> w) => (X * X.Transpose()).MapIndexed((i, j, z) => w[i] * Math.Tanh(z) * (j + 1) + w[j] * z).Enumerate().Sum();",
                r => new object[] { r.Matrix(3, 2), r.Vector(3) }),
            Case("Aggregate as a sum, over a vector and over a matrix's entries",
                "double F(Vector<double> x, Matrix<double> X) => x.Aggregate(1.5, (acc, v) => acc + v * v * Math.Exp(-v)) + X.Enumerate().Aggregate(0.0, (a, v) => Math.Tanh(v) + a);",
                r => new object[] { r.Vector(4), r.Matrix(2, 3) }, wrt: 2),
            Case("leaky ReLU as a conditional in a lambda",
                "double F(Vector<double> w, Matrix<double> X) => (X * w).Map(z => z > 0 ? z : 0.1 * z).Sum();",
                r => new object[] { r.Vector(3), r.Matrix(6, 3) }),
            Case("Huber loss: a conditional on |z| (wrt the residual's parameters)",
                "double F(Vector<double> w, Matrix<double> X, Vector<double> y) => (X * w - y).Map(z => Math.Abs(z) <= 1.0 ? 0.5 * z * z : Math.Abs(z) - 0.5).Sum();",
                r => new object[] { r.Vector(3), r.Matrix(7, 3), r.Vector(7) }),
            Case("a soft threshold against a differentiated scalar, >= and < (wrt v and s)",
                "double F(Vector<double> v, double s) => v.Map(z => z >= s ? z - s : 0.0).Sum() + v.Map(z => z < -s ? z * z : s * z).Sum();",
                r => new object[] { r.Vector(6), 0.4 + 0.1 * r.Scalar() }, wrt: 2),
            Case("Math.Max and Math.Min of two entries in Map2 (wrt both)",
                "double F(Matrix<double> A, Matrix<double> B) => A.Map2((a, b) => Math.Max(a, b) + Math.Min(a, 2 * b) + Math.Max(a, 0.3), B).Enumerate().Sum();",
                r => new object[] { r.Matrix(3, 3), r.Matrix(3, 3) }, wrt: 2),
            Case("i == j and i != j in MapIndexed",
                "double F(Matrix<double> X) => (X * X.Transpose()).MapIndexed((i, j, z) => i == j ? z * z : (i != j + 1 ? 0.5 * z : Math.Tanh(z))).Enumerate().Sum();",
                r => new object[] { r.Matrix(3, 2) }),
            Case("MapIndexed of a vector (wrt x and w)",
                "double F(Vector<double> x, Vector<double> w) => x.MapIndexed((i, v) => v * v * w[i] + 0.5 * i * v).Sum();",
                r => new object[] { r.Vector(4), r.Vector(4) }, wrt: 2),
        };
    }
}

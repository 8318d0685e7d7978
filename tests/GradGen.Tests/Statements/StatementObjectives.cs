using System;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Statements
{
    /// <summary>
    /// Objectives written the way practitioners write them, with loops, branches and reassignment: each a method named F
    /// (its wrt parameters first), and how to draw its arguments.
    /// </summary>
    public static class StatementObjectives
    {
        private static Matrix<double> Positive(RandomMatrices r, int m, int n) => r.Matrix(m, n).PointwiseAbs() + 0.5;

        public static readonly ObjectiveCase[] All =
        {
            new("reassignment and compound assignment", @"double F(Matrix<double> X, Matrix<double> A)
            {
                var Y = X * A;
                Y = Y + X;
                Y += A;
                Y *= 2.0;
                Y -= X.PointwiseTanh();
                var s = Y.FrobeniusNorm();
                s *= s;
                s /= 3.0;
                s -= X.Trace();
                return s;
            }", r => new object[] { r.Matrix(3, 3), r.Matrix(3, 3) }),

            new("Sinkhorn normalisation then <C, P>", @"double F(Matrix<double> M, Matrix<double> C, int T)
            {
                var P = (M / 0.5).PointwiseExp();
                for (int t = 0; t < T; t++)
                {
                    var r = P.RowSums();
                    P = Matrix<double>.Build.DenseOfDiagonalVector(1.0 / r) * P;
                    var c = P.ColumnSums();
                    P = P * Matrix<double>.Build.DenseOfDiagonalVector(1.0 / c);
                }
                return C.PointwiseMultiply(P).RowSums().Sum();
            }", r => new object[] { r.Matrix(4, 4), r.Matrix(4, 4), 5 }),

            new("power iteration then the Rayleigh quotient", @"double F(Matrix<double> A, Vector<double> v0, int k)
            {
                var v = v0;
                for (int i = 0; i < k; i++)
                {
                    var w = A * v;
                    v = w / w.L2Norm();
                }
                return v.DotProduct(A * v) / v.DotProduct(v);
            }", r => new object[] { r.Matrix(4, 4), r.Vector(4), 4 }),

            new("RNN over the columns of X (wrt W and U)", @"double F(Matrix<double> W, Matrix<double> U, Matrix<double> X, Vector<double> h0)
            {
                var h = h0;
                for (int t = 0; t < X.ColumnCount; t++)
                {
                    h = (W * h + U * X.Column(t)).PointwiseTanh();
                }
                return h.DotProduct(h);
            }", r => new object[] { 0.5 * r.Matrix(3, 3), r.Matrix(3, 2), r.Matrix(2, 5), r.Vector(3) }, WrtCount: 2),

            new("k steps of gradient descent on a quadratic (wrt the start)", @"double F(Vector<double> x0, Matrix<double> A, Vector<double> b, int k)
            {
                var x = x0;
                for (int i = 0; i < k; i++)
                {
                    var g = A * x - b;
                    x = x - 0.1 * g;
                }
                return 0.5 * x.DotProduct(A * x) - b.DotProduct(x);
            }", r => new object[] { r.Vector(3), Spd(r, 3), r.Vector(3), 6 }),

            new("Horner's rule for a matrix polynomial (foreach over int constants)", @"double F(Matrix<double> X, Matrix<double> C)
            {
                var acc = Matrix<double>.Build.DenseIdentity(X.RowCount);
                foreach (var k in new[] { 1, 2, 4 })
                {
                    acc = acc * X + k * Matrix<double>.Build.DenseIdentity(X.RowCount);
                }
                return (acc * C).Trace();
            }", r => new object[] { 0.5 * r.Matrix(3, 3), r.Matrix(3, 3) }),

            new("Huber loss per sample with if / else if / else", @"double F(Vector<double> w, Matrix<double> X, Vector<double> y, double delta)
            {
                double loss = 0;
                for (int i = 0; i < X.RowCount; i++)
                {
                    var r = X.Row(i).DotProduct(w) - y[i];
                    if (r > delta) loss += delta * (r - 0.5 * delta);
                    else if (r < -delta) loss += delta * (-r - 0.5 * delta);
                    else loss += 0.5 * r * r;
                }
                return loss / X.RowCount;
            }", r => new object[] { r.Vector(3), r.Matrix(8, 3), r.Vector(8), 0.7 }),

            new("hinge loss per sample with if", @"double F(Vector<double> w, Matrix<double> X, Vector<double> y)
            {
                double loss = 0.5 * w.DotProduct(w);
                for (int i = 0; i < X.RowCount; i++)
                {
                    var margin = y[i] * X.Row(i).DotProduct(w);
                    if (margin < 1) loss += 1 - margin;
                }
                return loss;
            }", r => new object[] { r.Vector(3), r.Matrix(10, 3), Signs(r, 10) }),

            new("logistic regression as a per-sample loop", @"double F(Vector<double> w, Matrix<double> X, Vector<double> y)
            {
                double loss = 0;
                for (int i = 0; i < X.RowCount; i++)
                {
                    var z = X.Row(i).DotProduct(w);
                    loss += Math.Log(1 + Math.Exp(-y[i] * z));
                }
                return loss;
            }", r => new object[] { r.Vector(3), r.Matrix(10, 3), Signs(r, 10) }),

            new("foreach over the rows of the differentiated matrix", @"double F(Matrix<double> X, Vector<double> v)
            {
                double s = 0;
                foreach (var row in X.EnumerateRows())
                {
                    s += row.PointwiseTanh().DotProduct(v);
                }
                foreach (var column in X.EnumerateColumns()) s += Math.Pow(column.L2Norm(), 2);
                return s;
            }", r => new object[] { r.Matrix(4, 3), r.Vector(3) }),

            new("while loop, reversed for loop and nested loops", @"double F(Matrix<double> X, int n)
            {
                var Y = X;
                int i = 0;
                while (i < n)
                {
                    Y = 0.5 * (Y + Y * X);
                    i++;
                }
                double s = 0;
                for (int a = X.RowCount - 1; a >= 0; a--)
                {
                    for (int b = 0; b <= a; b += 2)
                    {
                        s += Y.Row(a).DotProduct(X.Column(b)) * (a + 1);
                    }
                }
                return s;
            }", r => new object[] { 0.6 * r.Matrix(3, 3), 3 }),

            new("a branch on the differentiated value inside a loop, and at the top", @"double F(Matrix<double> X, int steps)
            {
                var Y = X;
                for (int t = 0; t < steps; t++)
                {
                    if (Y.FrobeniusNorm() > 3.0) Y = Y / Y.FrobeniusNorm();
                    else
                    {
                        Y = Y * X;
                    }
                }
                double s;
                if (Y.Trace() > 0) s = Y.Trace();
                else s = Math.Pow(Y.FrobeniusNorm(), 2);
                return s;
            }", r => new object[] { r.Matrix(3, 3), 4 }),

            new("hinge with Math.Max, Huber with Math.Abs and a ternary, Clamp", @"double F(Vector<double> w, Matrix<double> X, Vector<double> y, double delta)
            {
                double loss = 0;
                for (int i = 0; i < X.RowCount; i++)
                {
                    var r = X.Row(i).DotProduct(w) - y[i];
                    var a = Math.Abs(r);
                    loss += a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
                    loss += Math.Max(0, 1 - y[i] * r) + 0.1 * Math.Min(r, 0.2) + 0.05 * Math.Sign(r) * r;
                }
                return loss + Math.Clamp(w.Sum(), -0.5, 0.5);
            }", r => new object[] { r.Vector(3), r.Matrix(9, 3), r.Vector(9), 0.6 }),

            new("a leaky ReLU layer with a ternary per unit, and an expression-bodied choice", @"double F(Matrix<double> W, Matrix<double> X)
            {
                var Z = W * X;
                double s = 0;
                for (int j = 0; j < Z.ColumnCount; j++)
                {
                    var z = Z.Column(j);
                    var h = z.Sum() > 0 ? z : 0.01 * z;
                    s += h.DotProduct(h);
                }
                return Z.RowSums().Sum() > 0 ? s : -s;
            }", r => new object[] { r.Matrix(3, 3), r.Matrix(3, 6) }),

            new("element reads X[i, j] and w[j] in nested loops (wrt X and w)", @"double F(Matrix<double> X, Vector<double> w, Vector<double> y)
            {
                double loss = 0;
                for (int i = 0; i < X.RowCount; i++)
                {
                    double z = 0;
                    for (int j = 0; j < w.Count; j++) z += X[i, j] * w[j];
                    loss += Math.Log(1 + Math.Exp(-y[i] * z));
                }
                return loss + 0.1 * w.At(0) * w.At(0) + X.At(1, 2);
            }", r => new object[] { r.Matrix(6, 3), r.Vector(3), Signs(r, 6) }, WrtCount: 2),

            new("break and continue in for, while (true) and foreach", @"double F(Vector<double> x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    if (i % 3 == 2) continue;
                    s += Math.Tanh(x.Sum() * (i + 1));
                    if (i >= 5) break;
                    s += 0.1 * i * x[1];
                }
                int j = 0;
                while (true)
                {
                    s += x.DotProduct(x) / (j + 2);
                    j++;
                    if (j > 3) break;
                }
                foreach (var k in new[] { 1, 2, 3, 4 })
                {
                    if (k == 3) break;
                    s *= 1.0 + 0.1 * k * x[0];
                }
                return s;
            }", r => new object[] { r.Vector(3), 9 }),

            new("early returns inside a branch and inside a loop", @"double F(Matrix<double> X, int mode)
            {
                var Y = X * X;
                if (mode == 0) return Y.Trace();
                for (int t = 0; t < 5; t++)
                {
                    Y = 0.5 * Y * X + X;
                    if (t == mode) return Math.Pow(Y.FrobeniusNorm(), 2);
                }
                return -Y.Trace();
            }", r => new object[] { r.Matrix(3, 3) * 0.5, (int)(Math.Abs(r.Scalar()) * 3) % 7 }),

            new("switch statement and switch expression", @"double F(Vector<double> x, int k)
            {
                double s = 0;
                for (int i = 0; i < 6; i++)
                {
                    switch (i % 4)
                    {
                        case 0:
                            s += x[0] * x[1];
                            break;
                        case 1:
                        case 2:
                            s += Math.Sin(x.Sum());
                            break;
                        default:
                            s -= 1;
                            break;
                    }
                    s += (i + k) switch { 0 => x[2], < 3 => 2 * x[1], _ => x.L2Norm() };
                }
                return s;
            }", r => new object[] { r.Vector(3), 1 }),

            new("element writes v[i] = …, v[i] += …, M[i, j] = …, SetRow and SetColumn into locals built in the method", @"double F(Vector<double> x, Matrix<double> A)
            {
                var v = Vector<double>.Build.Dense(x.Count);
                for (int i = 0; i < x.Count; i++) v[i] = Math.Tanh(x[i]) * (i + 1);
                v[0] += x.Sum();
                var M = Matrix<double>.Build.Dense(3, 3);
                for (int i = 0; i < 3; i++)
                {
                    M.SetRow(i, A.Row(i) * x[i]);
                    M[i, i] = x.DotProduct(x) + M[i, i];
                }
                M.SetColumn(1, M.Column(1) * 2.0 + x);
                return v.DotProduct(M * v) + M.FrobeniusNorm();
            }", r => new object[] { r.Vector(3), r.Matrix(3, 3) }),
        };

        private static Matrix<double> Spd(RandomMatrices r, int n)
        {
            var a = r.Matrix(n, n);
            return a * a.Transpose() / n + Matrix<double>.Build.DenseIdentity(n);
        }

        private static Vector<double> Signs(RandomMatrices r, int n) => r.Vector(n).PointwiseSign();
    }
}

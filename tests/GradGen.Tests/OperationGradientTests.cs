using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>
    /// Every supported operation, alone or in the small composition a user writes it in, through the
    /// real generator: the generated gradient against central differences at several random inputs,
    /// for matrix, vector and scalar wrt parameters and several wrt parameters at once.
    /// </summary>
    public class OperationGradientTests
    {
        private const int SeedsPerCase = 8;
        private readonly ITestOutputHelper _output;

        public OperationGradientTests(ITestOutputHelper output) => _output = output;

        private static Matrix<double> Mat(RandomMatrices r, int m, int n) => r.Matrix(m, n);
        private static Matrix<double> Positive(RandomMatrices r, int m, int n) => r.Matrix(m, n).PointwiseAbs() + 0.5;
        private static Matrix<double> Conditioned(RandomMatrices r, int n) => r.Matrix(n, n) + n * Matrix<double>.Build.DenseIdentity(n);
        private static Matrix<double> Spd(RandomMatrices r, int n) { var a = r.Matrix(n, n); return a * a.Transpose() + Matrix<double>.Build.DenseIdentity(n); }

        private static readonly ObjectiveCase[] s_cases =
        {
            // Linear
            new("add sub neg", "double F(Matrix<double> X, Matrix<double> A) => Math.Pow((X + A - (-X)).FrobeniusNorm(), 2);", r => new object[] { Mat(r, 3, 2), Mat(r, 3, 2) }),
            new("Add Subtract Negate", "double F(Matrix<double> X, Matrix<double> A) => Math.Pow(X.Add(A).Subtract(X.Negate().Multiply(2.0)).FrobeniusNorm(), 2);", r => new object[] { Mat(r, 2, 3), Mat(r, 2, 3) }),
            new("scalar * and / on either side", "double F(Matrix<double> X, double s) => Math.Pow((s * X + X * 3 - X / s).FrobeniusNorm(), 2) + (2.0 / (X.PointwiseMultiply(X) + 1.0)).ColumnSums().Sum();", r => new object[] { Mat(r, 3, 3), 1.5 }),
            new("matrix ± scalar", "double F(Matrix<double> X, double s) => Math.Pow((X + s).FrobeniusNorm(), 2) + Math.Pow((1.0 - X).FrobeniusNorm(), 2) + (X - s).Trace();", r => new object[] { Mat(r, 2, 2), 0.7 }),
            new("Multiply Transpose", "double F(Matrix<double> X, Matrix<double> A) => (A.Multiply(X).Transpose() * A * X).Trace();", r => new object[] { Mat(r, 3, 4), Mat(r, 3, 3) }),
            new("TransposeThisAndMultiply TransposeAndMultiply", "double F(Matrix<double> X, Matrix<double> A) => (X.TransposeThisAndMultiply(A).TransposeAndMultiply(X.Transpose())).Trace();", r => new object[] { Mat(r, 3, 2), Mat(r, 3, 3) }),
            new("Trace", "double F(Matrix<double> X, Matrix<double> A) => Math.Pow((X * A).Trace(), 2);", r => new object[] { Mat(r, 3, 2), Mat(r, 2, 3) }),
            new("Diagonal", "double F(Matrix<double> X, Vector<double> w) => X.Diagonal().DotProduct(w) + Math.Pow(X.Diagonal().L2Norm(), 2);", r => new object[] { Mat(r, 3, 4), r.Vector(3) }),
            new("DiagonalOfDiagonalVector", "double F(Vector<double> x, Matrix<double> A) => (A * Matrix<double>.Build.DiagonalOfDiagonalVector(x) * A.Transpose()).Trace() + (Matrix<double>.Build.DenseOfDiagonalVector(x.PointwiseMultiply(x)) * A).Trace();", r => new object[] { r.Vector(3), Mat(r, 3, 3) }),
            new("Sum RowSums ColumnSums", "double F(Matrix<double> X) => X.RowSums().PointwiseMultiply(X.RowSums()).Sum() + Math.Pow(X.ColumnSums().L2Norm(), 2);", r => new object[] { Mat(r, 3, 2) }),
            new("DenseIdentity and constant matrices", "double F(Matrix<double> X) => Math.Pow((X - Matrix<double>.Build.DenseIdentity(X.RowCount)).FrobeniusNorm(), 2) + (Matrix<double>.Build.Dense(X.ColumnCount, X.RowCount, 0.5) * X).Trace();", r => new object[] { Mat(r, 3, 3) }),
            new("non-differentiable operations off the wrt path", "double F(Matrix<double> X, Matrix<double> A) => (A.PointwiseSign() * X).Trace() + A.Rank() * X.Trace() + Math.Max(A[0, 0], 1.0) * X.FrobeniusNorm();", r => new object[] { Mat(r, 3, 3), Mat(r, 3, 3) }),
            new("sizes and indexing of constants", "double F(Matrix<double> X, Matrix<double> A) => X.RowCount * A[0, 1] * (A * X).Trace() + A.At(1, 0) * X.Trace();", r => new object[] { Mat(r, 2, 2), Mat(r, 2, 2) }),
            // Products
            new("PointwiseMultiply PointwiseDivide", "double F(Matrix<double> X, Matrix<double> A, Matrix<double> P) => X.PointwiseMultiply(A).PointwiseDivide(P).ColumnSums().Sum() + A.PointwiseDivide(X.PointwiseMultiply(X) + 1.0).ColumnSums().Sum();", r => new object[] { Mat(r, 2, 3), Mat(r, 2, 3), Positive(r, 2, 3) }),
            new("KroneckerProduct (left)", "double F(Matrix<double> X, Matrix<double> B, Matrix<double> C) => (X.KroneckerProduct(B) * C).Trace();", r => new object[] { Mat(r, 2, 3), Mat(r, 2, 2), Mat(r, 6, 4) }),
            new("KroneckerProduct (right)", "double F(Matrix<double> X, Matrix<double> A) => Math.Pow(A.KroneckerProduct(X).FrobeniusNorm(), 2) + (A.KroneckerProduct(X.Transpose())).ColumnSums().Sum();", r => new object[] { Mat(r, 2, 3), Mat(r, 2, 2) }),
            new("OuterProduct DotProduct", "double F(Vector<double> x, Vector<double> y, Matrix<double> A) => (x.OuterProduct(y) * A).Trace() + x.DotProduct(y) * x.DotProduct(x);", r => new object[] { r.Vector(3), r.Vector(3), Mat(r, 3, 3) }),
            new("vector * matrix and matrix * vector", "double F(Vector<double> x, Matrix<double> A, Vector<double> b) => (x * A).DotProduct(b) + (A * x).DotProduct(A * x);", r => new object[] { r.Vector(3), Mat(r, 3, 3), r.Vector(3) }),
            new("Column(j) Row(i)", "double F(Matrix<double> X, Vector<double> v, int k) => X.Column(k).DotProduct(v) + X.Row(0).Sum() * X.Column(k - 1).PointwiseTanh().Sum() + X.Row(X.RowCount - 1).DotProduct(v) * (k * 2);", r => new object[] { Mat(r, 3, 3), r.Vector(3), 2 }),
            new("TransposeThisAndMultiply(v), vector PointwiseDivide, Divide(s)", "double F(Matrix<double> X, Vector<double> v,"
                + " Vector<double> w, double s) => X.TransposeThisAndMultiply(v).DotProduct(w) + v.PointwiseDivide(w).Sum()"
                + " + X.Divide(s).ColumnSums().Sum() + v.Divide(s).Sum();",
                r => new object[] { Mat(r, 3, 3), r.Vector(3), r.Vector(3).PointwiseAbs() + 0.5, 1.5 }, WrtCount: 4),
            new("vector Add Subtract Negate Multiply, ± a scalar, At", "double F(Vector<double> v, Vector<double> w, double s,"
                + " Matrix<double> X) => v.Add(w).Subtract(w.Negate().Multiply(s)).Add(s).Subtract(0.5).DotProduct(v)"
                + " + X.Add(s).Subtract(1.5).PointwiseMultiply(X).ColumnSums().Sum() + v.At(1) * X.At(0, 1);",
                r => new object[] { r.Vector(3), r.Vector(3), 0.8, Mat(r, 3, 3) }, WrtCount: 4),
            new("ToColumnMatrix ToRowMatrix", "double F(Vector<double> x, Matrix<double> A) => (x.ToColumnMatrix() * x.ToRowMatrix() * A).Trace() + (A * x.ToColumnMatrix()).ColumnSums().Sum();", r => new object[] { r.Vector(3), Mat(r, 3, 3) }),
            // Elementwise functions
            new("PointwiseExp Log Sqrt", "double F(Matrix<double> X) => X.PointwiseTanh().PointwiseExp().ColumnSums().Sum() + (X.PointwiseMultiply(X) + 1.0).PointwiseLog().ColumnSums().Sum() + (X.PointwiseMultiply(X) + 2.0).PointwiseSqrt().RowSums().Sum();", r => new object[] { Mat(r, 3, 2) }),
            new("PointwiseTanh Sin Cos", "double F(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X.PointwiseTanh()).ColumnSums().Sum() + X.PointwiseSin().PointwiseMultiply(X.PointwiseCos()).ColumnSums().Sum();", r => new object[] { Mat(r, 2, 3), Mat(r, 2, 3) }),
            new("PointwisePower", "double F(Matrix<double> X) => X.PointwisePower(3).ColumnSums().Sum() + (X.PointwiseMultiply(X) + 1.0).PointwisePower(0.5).ColumnSums().Sum() + X.PointwisePower(2.0).RowSums().Sum();", r => new object[] { Mat(r, 3, 3) }),
            new("PointwiseAbs PointwiseMaximum(0)", "double F(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X.PointwiseAbs()).ColumnSums().Sum() + A.PointwiseMultiply(X.PointwiseMaximum(0)).ColumnSums().Sum();", r => new object[] { Mat(r, 3, 3), Mat(r, 3, 3) }),
            new("sigmoid of a matrix", "double F(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(1 / (1 + (-X).PointwiseExp())).ColumnSums().Sum();", r => new object[] { Mat(r, 3, 2), Mat(r, 3, 2) }),
            new("sigmoid of a scalar", "double F(double x, double a) => a / (1 + Math.Exp(-x)) + 1.0 / (1.0 + Math.Exp(-2 * x * x));", r => new object[] { r.Scalar(), r.Scalar() }),
            new("Math.Exp Log Sqrt Pow", "double F(double x, Matrix<double> A) => Math.Exp(x * A.Trace()) + Math.Log(1 + x * x) + Math.Sqrt(2 + Math.Pow(x, 4)) + Math.Pow(x, 3);", r => new object[] { 0.5 * r.Scalar(), 0.3 * Mat(r, 2, 2) }),
            new("Math.Sin Cos Tanh Abs", "double F(Matrix<double> X) => Math.Sin(X.Trace()) * Math.Cos(X.FrobeniusNorm()) + Math.Tanh(X.ColumnSums().Sum()) + Math.Abs(X.Trace());", r => new object[] { Mat(r, 3, 3) }),
            // Inverse and determinant
            new("Inverse", "double F(Matrix<double> X, Matrix<double> A) => (A * X.Inverse()).Trace() + Math.Pow(X.Inverse().FrobeniusNorm(), 2);", r => new object[] { Conditioned(r, 3), Mat(r, 3, 3) }),
            new("Determinant", "double F(Matrix<double> X) => X.Determinant() + Math.Pow((X * X).Determinant(), 2);", r => new object[] { Conditioned(r, 3) }),
            new("log-det", "double F(Matrix<double> X, Matrix<double> A) => Math.Log((X.TransposeThisAndMultiply(X) + A).Determinant());", r => new object[] { Mat(r, 4, 3), Spd(r, 3) }),
            new("Solve and Inverse()*", "double F(Matrix<double> X, Vector<double> b, Matrix<double> B) => b.DotProduct(X.Solve(b)) + (X.Solve(B) * B).Trace();", r => new object[] { Conditioned(r, 3), r.Vector(3), Mat(r, 3, 3) }),
            // Norms and vectors
            new("FrobeniusNorm L2Norm", "double F(Matrix<double> X, Vector<double> v) => X.FrobeniusNorm() + (X * v).L2Norm() + Math.Pow((X * v).L2Norm(), 2);", r => new object[] { Mat(r, 3, 3), r.Vector(3) }),
            new("xᵀAx aᵀXb ‖Ax − b‖²", "double F(Vector<double> x, Matrix<double> A, Vector<double> a, Vector<double> b) => x * (A * x) + a.DotProduct(A * b) + Math.Pow((A * x - b).L2Norm(), 2);", r => new object[] { r.Vector(3), Mat(r, 3, 3), r.Vector(3), r.Vector(3) }),
            new("scalar wrt", "double F(double s, Matrix<double> A, Matrix<double> B) => Math.Pow((A - s * B).FrobeniusNorm(), 2) + Math.Exp(s) * A.Trace();", r => new object[] { r.Scalar(), Mat(r, 3, 3), Mat(r, 3, 3) }),
            // Several wrt parameters
            new("[Differentiable(X, b)]", "double F(Matrix<double> X, Vector<double> b, Vector<double> y) => Math.Pow((X * b - y).L2Norm(), 2) + Math.Pow(X.FrobeniusNorm(), 2);", r => new object[] { Mat(r, 3, 2), r.Vector(2), r.Vector(3) }, WrtCount: 2),
            new("[Differentiable(s, X)]", "double F(double s, Matrix<double> X, Matrix<double> A) => s * (A * X).Trace() + s * s * X.FrobeniusNorm();", r => new object[] { r.Scalar(), Mat(r, 2, 2), Mat(r, 2, 2) }, WrtCount: 2),
        };

        [Fact]
        public void Every_operation_matches_central_differences()
        {
            // The value is the user's computation; traces of products, squared norms and log-det are computed in cheaper
            // forms of the same quantity, so it agrees to rounding.
            var assembly = InMemoryAssembly.Build(GeneratorHarness.Usings + string.Join("\n", s_cases.Select((c, i) => c.Source($"Case{i}"))));
            CentralDifferences.Require(assembly, s_cases, "Case", SeedsPerCase, stride: 97, _output);
        }

        /// <summary>Relative error of the gradient for argument k against central differences, whatever its type.</summary>
        internal static double ErrorAgainstDifferences(Func<object?[], object?> f, object[] args, int k, object gradient, double step = 1e-5)
        {
            object?[] With(object value) { var copy = (object?[])args.Clone(); copy[k] = value; return copy; }
            Matrix<double> generated, numerical;
            switch (args[k])
            {
                case Matrix<double> x:
                    numerical = GradientCheck.Numerical(v => (double)f(With(v))!, x, step: step);
                    generated = (Matrix<double>)gradient;
                    break;
                case Vector<double> v:
                    numerical = GradientCheck.Numerical(u => (double)f(With(u))!, v, step: step).ToColumnMatrix();
                    generated = ((Vector<double>)gradient).ToColumnMatrix();
                    break;
                default:
                    numerical = Matrix<double>.Build.Dense(1, 1, GradientCheck.Numerical(s => (double)f(With(s))!, (double)args[k], step: step));
                    generated = Matrix<double>.Build.Dense(1, 1, (double)gradient);
                    break;
            }
            // Squared entries past 1e154 overflow a norm (seeds 3320 and 14735 of the 20 000-program run, where Y += Y·Y
            // in a loop drives the gradient to 1e219, matched by the differences, gave NaN): both sides are scaled first.
            double scale = Math.Max(numerical.Enumerate().Select(Math.Abs).Max(), 1);
            return ((generated - numerical) / scale).FrobeniusNorm() / Math.Max((numerical / scale).FrobeniusNorm(), 1e-3 / scale);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// What users write by mistake or on purpose. For every input: the generator does not throw
    /// (no CS8785, AD0001 or GG9999), every file it emits compiles, and the expected outcome appears:
    /// a GG diagnostic, "ok" (generated without GG diagnostics), or "none" (the compiler's own error
    /// for the user's code, and nothing from GradGen).
    /// </summary>
    public class BadInputCorpusTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing GradGen;\nusing MathNet.Numerics.LinearAlgebra;\n";

        private static string InClass(string members) => "public static partial class Objectives\n{\n" + members + "\n}\n";

        private static readonly (string Name, string Source, string Expected)[] s_corpus =
        {
            // Statements
            ("for loop", InClass("[Differentiable] public static double F(Matrix<double> X) { double s = 0; for (int i = 0; i < 3; i++) { s += X.Trace(); } return s; }"), "ok"),
            ("Math.Sign of the wrt value in an expression body", InClass("[Differentiable] public static double F(Vector<double> x) => Math.Sign(x.Sum()) * x.DotProduct(x);"), "ok"),
            ("goto", InClass("[Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); again: s = s / 2; if (s > 1) goto again; return s; }"), "GG0004"),
            ("break", InClass("[Differentiable] public static double F(Matrix<double> X, int n) { var s = X.Trace(); for (int i = 0; i < n; i++) { if (i > 2) break; s = s * s; } return s; }"), "ok"),
            ("switch statement", InClass("[Differentiable] public static double F(Matrix<double> X, int k) { var s = X.Trace(); switch (k) { case 1: s = s * 2; break; } return s; }"), "ok"),
            ("lock", InClass("[Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); lock (X) { s = s * 2; } return s; }"), "GG0004"),
            ("try", InClass("[Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); try { s = s * 2; } finally { } return s; }"), "GG0004"),
            ("write into a field", InClass("static double Last; [Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); Last = s; return s; }"), "GG0004"),
            ("element write into a local", InClass("[Differentiable] public static double F(Vector<double> x) { var v = x * 2.0; v[0] = x[1]; return v.Sum(); }"), "ok"),
            ("element write into a local sharing a parameter's storage", InClass("[Differentiable] public static double F(Vector<double> x) { var v = x; v[0] = 2.0; return v.Sum(); }"), "GG0004"),
            ("for loop whose trip count depends on the wrt value", InClass("[Differentiable] public static double F(Vector<double> x) { var s = 0.0; for (int i = 0; i < 3 && x.L2Norm() > s; i++) { s = s + x.Sum(); } return s; }"), "GG0004"),
            ("loops in a matrix-valued method", InClass("[Differentiable] public static Matrix<double> F(Matrix<double> X) { var Y = X; for (int i = 0; i < 2; i++) { Y = Y * X; } return Y; }"), "ok"),
            ("loops with Order = 2", InClass("[Differentiable(Order = 2)] public static double F(Matrix<double> X) { var s = 0.0; for (int i = 0; i < 2; i++) { s += X.Trace(); } return s; }"), "ok"),
            ("element writes with Order = 2", InClass("[Differentiable(Order = 2)] public static double F(Vector<double> x) { var v = x * 2.0; v[0] = x[1]; return v.DotProduct(v); }"), "GG0008"),
            ("foreach loop", InClass("[Differentiable] public static double F(Matrix<double> X) { double s = 0; foreach (var v in X.Enumerate()) { s += v; } return s; }"), "GG0004"),
            ("while loop", InClass("[Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); while (s > 1) { s = s / 2; } return s; }"), "GG0004"),
            ("do loop", InClass("[Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); do { s = s / 2; } while (s > 1); return s; }"), "GG0004"),
            ("if on wrt", InClass("[Differentiable] public static double F(Matrix<double> X) { if (X.Trace() > 0) return X.Trace(); return -X.Trace(); }"), "ok"),
            // One root cause, one diagnostic: what is built on a failed local is not reported again.
            ("log-sum-exp with Maximum (the subgradient at the arg)", InClass("[Differentiable] public static double F(Vector<double> x) { var m = x.Maximum(); return m + Math.Log((x - m).PointwiseExp().Sum()); }"), "ok"),
            ("members after a failed local", InClass("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A) { var Y = X.PointwiseSign(); var s = Y.RowSums(); return A.Solve(Y).Trace() + s.Sum() + Y.Determinant(); }"), "GG0010"),
            ("ternary on wrt", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Trace() > 0 ? X.Trace() : -X.Trace();"), "ok"),
            ("switch expression", InClass("[Differentiable] public static double F(Matrix<double> X, int k) => k switch { 0 => X.Trace(), _ => 2 * X.Trace() };"), "ok"),
            ("switch expression with a type pattern", InClass("[Differentiable] public static double F(Matrix<double> X, int k) => k switch { int j when j > 2 => X.Trace(), _ => 2 * X.Trace() };"), "GG0005"),
            ("assignment to a parameter", InClass("[Differentiable] public static double F(Matrix<double> X) { X = X * 2; return X.Trace(); }"), "GG0004"),
            ("compound assignment", InClass("[Differentiable] public static double F(Matrix<double> X) { var s = X.Trace(); s += 1; return s; }"), "ok"),
            ("local function in body", InClass("[Differentiable] public static double F(Matrix<double> X) { double Sq(double v) => v * v; return Sq(X.Trace()); }"), "GG0004"),
            // Decompositions: Cholesky differentiates, the others are one GG0005 at the call.
            ("Cholesky DeterminantLn and Solve through a local", InClass("[Differentiable] public static double F(Matrix<double> A, Vector<double> d) { var c = (A * A.Transpose()).Cholesky(); return c.DeterminantLn + d * c.Solve(d); }"), "ok"),
            ("Cholesky off the wrt path", InClass("[Differentiable] public static double F(Vector<double> x, Matrix<double> S) => x * S.Cholesky().Solve(x) + S.Cholesky().DeterminantLn;"), "ok"),
            ("a Cholesky member GradGen does not differentiate", InClass("[Differentiable] public static double F(Matrix<double> A) => (A * A.Transpose()).Cholesky().Solve(A).Trace() + (A * A.Transpose()).Cholesky().ToString().Length;"), "GG0005"),
            ("a Cholesky factorisation passed to a helper", InClass("static double Ld(MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> c) => c.DeterminantLn; [Differentiable] public static double F(Matrix<double> A) => Ld((A * A.Transpose()).Cholesky());"), "GG0005"),
            ("a Cholesky local in a body with a loop", InClass("[Differentiable] public static double F(Matrix<double> A) { var c = (A * A.Transpose()).Cholesky(); var s = 0.0; for (int i = 0; i < 2; i++) { s += c.DeterminantLn; } return s; }"), "GG0005"),
            ("symmetric Evd eigenvalues on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> A) => (A + A.Transpose()).Evd().EigenValues.Real().Sum();"), "ok"),
            ("Svd singular values on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> A) => A.Svd().S.Sum();"), "ok"),
            ("Svd singular vectors on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> A) => A.Svd().U.Trace();"), "ok"),
            ("LU's factors on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> A) => A.LU().U.Trace();"), "ok"),
            ("LU's permutation on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> A) => A.LU().P.Dimension * A.LU().U.Trace();"), "GG0005"),
            ("QR's R on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> A) => A.QR().R.Trace();"), "ok"),
            ("QR's least-squares Solve", InClass("[Differentiable] public static double F(Matrix<double> A, Vector<double> b) => A.QR().Solve(b).Sum();"), "ok"),
            ("Hessian through the spectral norm", InClass("[Differentiable(Order = 2)] public static double F(Matrix<double> A) => A.L2Norm();"), "GG0008"),
            ("ConditionNumber of a differentiated matrix", InClass("[Differentiable] public static double F(Matrix<double> A) => (A + 3.0 * Matrix<double>.Build.DenseIdentity(A.RowCount)).ConditionNumber();"), "ok"),
            // Lambdas and LINQ: lifted to elementwise operations where the body is a scalar expression of the entry.
            ("Map with a lambda", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z * Math.Exp(-z)).Sum();"), "ok"),
            ("Map with a method group", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(Math.Tanh).Sum();"), "ok"),
            ("Enumerate().Sum()", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Enumerate().Sum(z => z * z);"), "ok"),
            ("Map off the wrt path", InClass("[Differentiable] public static double F(Vector<double> x, Vector<double> a) => x.DotProduct(a.Map(z => Math.Floor(z)));"), "ok"),
            ("MapIndexed with a conditional on the indices", InClass("[Differentiable] public static double F(Matrix<double> X) => X.MapIndexed((i, j, z) => i == j ? z : 0.0).Enumerate().Sum();"), "ok"),
            ("MapIndexed on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> X, Vector<double> w) => X.MapIndexed((i, j, z) => w[i] * z * (j + 1)).Enumerate().Sum();"), "ok"),
            ("Aggregate as a product", InClass("[Differentiable] public static double F(Vector<double> x) => x.Aggregate(1.0, (acc, v) => acc * v);"), "ok"),
            ("Aggregate as a running maximum", InClass("[Differentiable] public static double F(Vector<double> x) => x.Aggregate(0.0, (acc, v) => Math.Max(acc, v));"), "GG0005"),
            ("Aggregate reading the accumulator inside the term", InClass("[Differentiable] public static double F(Vector<double> x) => x.Aggregate(0.0, (acc, v) => acc + acc * v);"), "GG0005"),
            ("MapInplace on the wrt path", InClass("[Differentiable] public static double F(Vector<double> x) { var y = x * 2.0; y.MapInplace(z => z * z); return y.Sum(); }"), "GG0004"),
            ("a conditional inside a lambda (leaky ReLU)", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z > 0 ? z : 0.1 * z).Sum();"), "ok"),
            ("Math.Max against a non-zero inside a lambda", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => Math.Max(z, 1.0)).Sum();"), "ok"),
            ("ELU: exp in a branch of a lambda's conditional", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z > 0 ? z : Math.Exp(z) - 1).Sum();"), "ok"),
            ("log in a branch of a lambda's conditional", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z > 0 ? Math.Log(z) : 0.0).Sum();"), "GG0005"),
            ("exp of another vector's entry in a branch of Build.Dense's conditional", InClass("[Differentiable] public static double F(Vector<double> x) => Vector<double>.Build.Dense(x.Count, i => x[i] > 0 ? x[i] : Math.Exp(x[i])).Sum();"), "GG0005"),
            ("a division by the entry in a lambda's branch", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z == 0 ? 1.0 : Math.Sin(z) / z).Sum();"), "GG0005"),
            ("comparisons joined by && inside a lambda", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z > 0 && z < 1 ? z : 0.0).Sum();"), "ok"),
            ("a condition that is no comparison inside a lambda", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => z.Equals(0.5) ? z : 0.0).Sum();"), "GG0005"),
            ("a user's method group in Map", InClass("static double Sq(double v) => v * v; [Differentiable] public static double F(Vector<double> x) => x.Map(Sq).Sum();"), "ok"),
            ("a delegate in Map", InClass("[Differentiable] public static double F(Vector<double> x, Func<double, double> f) => x.Map(f).Sum();"), "GG0002"),
            ("a non-differentiable function inside a lambda", InClass("[Differentiable] public static double F(Vector<double> x) => x.Map(z => Math.Floor(z) * z).Sum();"), "GG0010"),
            ("Aggregate", InClass("[Differentiable] public static double F(Vector<double> x) => x.Aggregate((a, b) => a + b);"), "GG0005"),
            ("Norm with p below 1", InClass("[Differentiable] public static double F(Vector<double> x) => x.Norm(0.5);"), "GG0005"),
            ("Norm with a variable p", InClass("[Differentiable] public static double F(Vector<double> x, double p) => x.Norm(p);"), "GG0005"),
            ("infinity as a literal", InClass("[Differentiable] public static double F(Vector<double> x) => Math.Min(x.Sum(), double.PositiveInfinity) + x.Norm(double.PositiveInfinity);"), "ok"),
            ("an int local from MaximumIndex", InClass("[Differentiable] public static double F(Vector<double> x) { int k = x.MaximumIndex(); var s = 0.0; for (int i = 0; i < 2; i++) s += x[k] * x[i]; return s; }"), "ok"),
            ("a kernel matrix through Build.Dense", InClass("[Differentiable] public static double F(Vector<double> x) => Matrix<double>.Build.Dense(x.Count, x.Count, (i, j) => Math.Exp(-Math.Abs(x[i] - x[j]))).Enumerate().Sum();"), "ok"),
            ("a conditional on indices in Build.Dense", InClass("[Differentiable] public static double F(Vector<double> x) => Matrix<double>.Build.Dense(3, 3, (i, j) => i == j ? x[i] : 0.0).Enumerate().Sum();"), "ok"),
            ("a shifted index in Build.Dense", InClass("[Differentiable] public static double F(Vector<double> x) => Vector<double>.Build.Dense(2, i => x[i + 1]).Sum();"), "GG0005"),
            ("Enumerable.Range(1, n).Sum (a shifted start)", InClass("[Differentiable] public static double F(Vector<double> x) => Enumerable.Range(1, 2).Sum(i => x[i]);"), "GG0005"),
            ("lambda local", InClass("[Differentiable] public static double F(Matrix<double> X) { Func<double, double> sq = v => v * v; return sq(X.Trace()); }"), "GG0005"),
            ("try/catch", InClass("[Differentiable] public static double F(Matrix<double> X) { try { return X.Trace(); } catch { return 0; } }"), "GG0004"),
            ("throw expression", InClass("[Differentiable] public static double F(Matrix<double> X) => X.RowCount > 0 ? X.Trace() : throw new ArgumentException();"), "GG0005"),
            ("using declaration", InClass("[Differentiable] public static double F(Matrix<double> X) { using var d = (IDisposable)null!; return X.Trace(); }"), "GG0004"),
            ("early return", InClass("[Differentiable] public static double F(Matrix<double> X) { return X.Trace(); var y = 1.0; }"), "GG0004"),
            ("recursion", InClass("[Differentiable] public static double F(Matrix<double> X) => X.RowCount < 1 ? 0 : F(X) + X.Trace();"), "GG0005"),
            ("call to another method of the user", InClass("public static double H(Matrix<double> X) => X.Trace(); [Differentiable] public static double F(Matrix<double> X) => H(X) * 2;"), "ok"),
            ("helpers calling each other in a cycle", InClass("static double H(Matrix<double> X) => G(X) + 1; static double G(Matrix<double> X) => H(X) * X.Trace(); [Differentiable] public static double F(Matrix<double> X) => H(X);"), "GG0005"),
            ("a helper with a loop", InClass("static double H(Vector<double> x) { double s = 0; for (int i = 0; i < 3; i++) s += x.Sum(); return s; } [Differentiable] public static double F(Vector<double> x) => H(x);"), "ok"),
            ("a helper with a loop that returns early", InClass("static double H(Vector<double> x) { double s = 0; for (int i = 0; i < 3; i++) { if (s > 1) return s; s += x.Sum(); } return s; } [Differentiable] public static double F(Vector<double> x) => H(x);"), "GG0005"),
            ("a helper with a loop, mapped entry by entry", InClass("static double H(double v) { double s = 0; for (int i = 0; i < 3; i++) s += v; return s; } [Differentiable] public static double F(Vector<double> x) => x.Map(v => H(v)).Sum();"), "GG0005"),
            ("a helper with a loop, called from a helper's expression", InClass("static double H(Vector<double> x) { double s = 0; for (int i = 0; i < 3; i++) s += x.Sum(); return s; } static double G(Vector<double> x) => H(x) * 2; [Differentiable] public static double F(Vector<double> x) => G(x);"), "GG0005"),
            ("a helper with a loop, recursive", InClass("static double H(Vector<double> x, int n) { double s = x.Sum(); for (int i = 0; i < n; i++) s += H(x, n - 1); return s; } [Differentiable] public static double F(Vector<double> x) => H(x, 2);"), "GG0005"),
            ("a helper with a loop assigning its parameter", InClass("static double H(Vector<double> x) { for (int i = 0; i < 3; i++) x = x * 2.0; return x.Sum(); } [Differentiable] public static double F(Vector<double> x) => H(x);"), "ok"),
            ("a helper with a loop writing into its parameter", InClass("static double H(Vector<double> x) { for (int i = 0; i < 3; i++) x[i] = 2.0; return x.Sum(); } [Differentiable] public static double F(Vector<double> x) => H(x * 2.0);"), "GG0004"),
            ("a helper with a ref parameter", InClass("static double H(ref Vector<double> x) => x.Sum(); [Differentiable] public static double F(Vector<double> x) => H(ref x);"), "GG0005"),
            ("a helper of another object", "public class Other { public double H(Vector<double> x) => x.Sum(); }\n" + InClass("static readonly Other O = new(); [Differentiable] public static double F(Vector<double> x) => O.H(x);"), "GG0005"),
            ("the size of a computed argument inside an opaque helper expression", InClass("static double H(Vector<double> v) => v.Sum() * Vector<double>.Build.Dense(v.Count, 1.0).Sum(); [Differentiable] public static double F(Vector<double> x) => H(x * 2.0);"), "GG0005"),
            // Signatures
            ("ref parameter", InClass("[Differentiable] public static double F(Matrix<double> X, ref double c) => c * X.Trace();"), "GG0002"),
            ("out parameter", InClass("[Differentiable] public static double F(Matrix<double> X, out double c) { c = 1; return X.Trace(); }"), "GG0002"),
            ("in parameter", InClass("[Differentiable] public static double F(in Matrix<double> X) => X.Trace();"), "GG0002"),
            ("params array", InClass("[Differentiable] public static double F(Matrix<double> X, params double[] c) => X.Trace();"), "GG0002"),
            ("float parameter", InClass("[Differentiable] public static double F(Matrix<double> X, float c) => c * X.Trace();"), "GG0002"),
            ("Matrix<float> parameter", InClass("[Differentiable] public static double F(Matrix<float> X) => X.Trace();"), "GG0002"),
            ("float cast in the body (a double method rounding once)", InClass("[Differentiable] public static double F(Matrix<double> X) => (float)X.Trace();"), "ok"),
            ("float return, double parameter (mixed)", InClass("[Differentiable] public static float F(Matrix<double> X) => (float)X.Trace();"), "GG0002"),
            ("a float method", InClass("[Differentiable] public static float F(Matrix<float> X, float c) => c * X.PointwiseExp().Trace() + 2f;"), "ok"),
            ("a float method whose parameter is called result", InClass("[Differentiable] public static float F(Matrix<float> result, float value) => value * result.Trace();"), "ok"),
            ("a float method with a double parameter (mixed)", InClass("[Differentiable] public static float F(Matrix<float> X, double c) => (float)c * X.Trace();"), "GG0002"),
            ("a float method reading a float constant matrix", InClass("static readonly Matrix<float> K = Matrix<float>.Build.DenseIdentity(2); [Differentiable] public static float F(Matrix<float> X) => (K * X).Trace() + Matrix<float>.Build.DenseIdentity(2).PointwiseMultiply(X).Trace();"), "ok"),
            ("a float method through a custom rule", InClass("public static float S(Vector<float> x) => x.Sum(); [VjpOf(nameof(S))] public static Vector<float> SVjp(Vector<float> x, float result, float resultBar) => resultBar * Vector<float>.Build.Dense(x.Count, 1f); [Differentiable] public static float F(Vector<float> x) => S(x);"), "GG0012"),
            ("matrix return: a Jacobian", InClass("[Differentiable] public static Matrix<double> F(Matrix<double> X) => X * X;"), "ok"),
            ("vector-valued function of a scalar", InClass("[Differentiable] public static Vector<double> F(double t, Vector<double> v) => Math.Sin(t) * v + t * t * v.PointwiseExp();"), "ok"),
            ("matrix-valued function of a scalar", InClass("[Differentiable] public static Matrix<double> F(double t, Matrix<double> A) => (t * A).PointwiseExp();"), "ok"),
            ("matrix return with two wrt parameters", InClass("[Differentiable(nameof(X), nameof(A))] public static Matrix<double> F(Matrix<double> X, Matrix<double> A) => X * A;"), "GG0008"),
            ("int return", InClass("[Differentiable] public static int F(Matrix<double> X) => X.RowCount;"), "GG0003"),
            ("name clash with JvpF of a Jacobian", InClass("[Differentiable] public static Matrix<double> F(Matrix<double> X) => X * X; public static void JvpF() { }"), "GG0009"),
            ("void return", InClass("[Differentiable] public static void F(Matrix<double> X) { }"), "GG0003"),
            ("generic method", InClass("[Differentiable] public static double F<T>(Matrix<double> X) => X.Trace();"), "GG0008"),
            ("async method", InClass("[Differentiable] public static async Task<double> F(Matrix<double> X) { await Task.Yield(); return X.Trace(); }"), "GG0008"),
            ("partial method without body", InClass("[Differentiable] public static partial double F(Matrix<double> X);"), "GG0008"),
            ("no parameters", InClass("[Differentiable] public static double F() => 1.0;"), "GG0008"),
            ("int wrt", InClass("[Differentiable(nameof(n))] public static double F(Matrix<double> X, int n) => n * X.Trace();"), "GG0007"),
            ("wrong wrt name", InClass("[Differentiable(\"Z\")] public static double F(Matrix<double> X) => X.Trace();"), "GG0006"),
            ("null wrt list", InClass("[Differentiable(null)] public static double F(Matrix<double> X) => X.Trace();"), "ok"),
            ("null wrt name", InClass("[Differentiable((string)null)] public static double F(Matrix<double> X) => X.Trace();"), "GG0006"),
            ("wrt named twice", InClass("[Differentiable(nameof(X), nameof(X))] public static double F(Matrix<double> X) => X.Trace();"), "GG0008"),
            ("duplicate attributes", InClass("[Differentiable][Differentiable] public static double F(Matrix<double> X) => X.Trace();"), "any"),
            ("attribute on a property", InClass("[Differentiable] public static double P => 1.0;"), "none"),
            ("attribute on a local function", InClass("public static double F(Matrix<double> X) { [Differentiable] static double G(Matrix<double> Y) => Y.Trace(); return G(X); }"), "GG0008"),
            // Containing types
            ("missing partial", "public static class Objectives { [Differentiable] public static double F(Matrix<double> X) => X.Trace(); }", "GG0001"),
            ("outer type not partial", "public class Outer { public static partial class Objectives { [Differentiable] public static double F(Matrix<double> X) => X.Trace(); } }", "GG0001"),
            ("nested partial types", "public partial class Outer { private partial class Inner { [Differentiable] internal static double F(Matrix<double> X) => X.Trace(); } }", "ok"),
            ("generic containing type with constraint", "public partial class Holder<T> where T : struct { [Differentiable] public double F(Matrix<double> X) => X.Trace(); }", "ok"),
            ("record, struct and record struct", "public partial record R { [Differentiable] public static double F(Matrix<double> X) => X.Trace(); } public partial struct S { [Differentiable] public double F(Matrix<double> X) => X.Trace(); } public partial record struct RS { [Differentiable] public static double F(Matrix<double> X) => X.Trace(); }", "ok"),
            ("file-scoped namespace", "namespace App.Objectives;\n" + InClass("[Differentiable] public static double F(Matrix<double> X) => X.Trace();"), "ok"),
            ("no namespace, internal type, private method", "internal static partial class Hidden { [Differentiable] private static double F(Matrix<double> X) => X.Trace(); }", "ok"),
            ("name clash with an existing GradF", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Trace(); public static Matrix<double> GradF(Matrix<double> X) => X;"), "GG0009"),
            ("name clash with ValueAndGradF", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Trace(); public static int ValueAndGradF = 0;"), "GG0009"),
            ("name clash with GradFInto", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Trace(); public static void GradFInto() { }"), "GG0009"),
            // Members
            ("a MathNet member GradGen does not know", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Remainder(2.0).Trace();"), "GG0005"),
            ("Gram–Schmidt's R", InClass("[Differentiable] public static double F(Matrix<double> X) => X.GramSchmidt().R.Trace();"), "ok"),
            ("spectral norm", InClass("[Differentiable] public static double F(Matrix<double> X) => X.L2Norm();"), "ok"),
            ("user's extension method", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Twice().Trace();") + "public static class Ext { public static Matrix<double> Twice(this Matrix<double> m) => 2 * m; }", "GG0005"),
            ("user's extension method off the wrt path", InClass("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A) => (A.Twice() * X).Trace();") + "public static class Ext { public static Matrix<double> Twice(this Matrix<double> m) => 2 * m; }", "ok"),
            ("PointwiseSign on the wrt path", InClass("[Differentiable] public static double F(Matrix<double> X) => X.PointwiseSign().ColumnSums().Sum();"), "GG0010"),
            ("indexing the wrt variable", InClass("[Differentiable] public static double F(Matrix<double> X) => X[0, 0];"), "ok"),
            ("indexing the wrt variable with a double", InClass("[Differentiable] public static double F(Vector<double> x) => x[(int)x[0]];"), "GG0005"),
            ("Math.Pow with a variable exponent", InClass("[Differentiable] public static double F(Matrix<double> X, double p) => Math.Pow(X.Trace(), p);"), "ok"),
            ("PointwiseMaximum with a non-zero floor", InClass("[Differentiable] public static double F(Matrix<double> X) => X.PointwiseMaximum(1.0).ColumnSums().Sum();"), "GG0005"),
            ("string interpolation", InClass("[Differentiable] public static double F(Matrix<double> X) => $\"{X}\".Length * X.Trace();"), "GG0005"),
            ("checked expression", InClass("[Differentiable] public static double F(Matrix<double> X) => checked(X.Trace() * 2);"), "GG0005"),
            // Supported but easy to get wrong
            ("shapes that constrain X but do not conflict", InClass("[Differentiable] public static double F(Matrix<double> X) => (X * Matrix<double>.Build.Dense(2, 3)).Trace();"), "ok"),
            ("sum of 2×3 and 4×4 constants around X", InClass("[Differentiable] public static double F(Matrix<double> X) => (X * Matrix<double>.Build.Dense(2, 3) + Matrix<double>.Build.DenseIdentity(4)).ColumnSums().Sum();"), "GG0011"),
            ("trace of a 3×4 product around X", InClass("[Differentiable] public static double F(Matrix<double> X) => (Matrix<double>.Build.Dense(3, 2) * X * Matrix<double>.Build.DenseIdentity(4)).Trace();"), "GG0011"),
            ("product around X that fits", InClass("[Differentiable] public static double F(Matrix<double> X) => (Matrix<double>.Build.Dense(3, 2) * X * Matrix<double>.Build.DenseIdentity(3)).Trace();"), "ok"),
            ("vector of length 3 against a 2×2 constant", InClass("[Differentiable] public static double F(Vector<double> x) => (Matrix<double>.Build.DenseIdentity(2) * Vector<double>.Build.Dense(3, 1.0)).DotProduct(x);"), "GG0011"),
            ("trace of a non-square constant product", InClass("[Differentiable] public static double F(Matrix<double> X) => (Matrix<double>.Build.Dense(2, 3) * X.PointwiseExp()).Trace() + (Matrix<double>.Build.Dense(5, 5) * X).Trace();"), "GG0011"),
            ("DenseMatrix parameter", "using MathNet.Numerics.LinearAlgebra.Double;\n" + InClass("[Differentiable] public static double F(DenseMatrix X) => Math.Pow(X.FrobeniusNorm(), 2);"), "ok"),
            ("parameters named like generated locals", InClass("[Differentiable] public static double F(Matrix<double> value, Matrix<double> gradvalue, Matrix<double> XB) => Math.Pow((value * XB).FrobeniusNorm(), 2) + gradvalue.Trace();"), "ok"),
            ("nullable-annotated parameter", "#nullable enable\n" + InClass("[Differentiable] public static double F(Matrix<double>? X) => X!.Trace();"), "GG0005"),
            ("optional parameter", InClass("[Differentiable] public static double F(Matrix<double> X, double c = 2.0) => c * X.Trace();"), "ok"),
            ("unused wrt parameter (zero gradient)", InClass("[Differentiable] public static double F(Matrix<double> X, Matrix<double> A) => A.Trace();"), "ok"),
            ("using static System.Math", "using static System.Math;\n" + InClass("[Differentiable] public static double F(Matrix<double> X) => Exp(X.Trace()) + Pow(X.FrobeniusNorm(), 2) + Log(1 + Abs(X.Trace()));"), "ok"),
            ("constant objective", InClass("[Differentiable] public static double F(double x) => 3;"), "ok"),
            ("instance method reading static and const members", "public partial class P { const double C = 2; static readonly Matrix<double> S = Matrix<double>.Build.DenseIdentity(2); [Differentiable] public double F(Matrix<double> X) => C * (S * X).Trace(); }", "ok"),
            // Broken code: the compiler reports; GradGen must stay calm
            ("syntax error in the body", InClass("[Differentiable] public static double F(Matrix<double> X) { var y = X * ; return y.Trace(); }"), "any"),
            ("missing parenthesis", InClass("[Differentiable] public static double F(Matrix<double> X) => X.Trace(;"), "any"),
            ("unknown identifier", InClass("[Differentiable] public static double F(Matrix<double> X) => (X * Q).Trace();"), "any"),
            ("type error", InClass("[Differentiable] public static double F(Matrix<double> X) => X;"), "any"),
        };

        public static IEnumerable<object[]> Corpus() => s_corpus.Select((c, i) => new object[] { i, c.Name });

        [Fact]
        public void Corpus_has_at_least_fifty_inputs() => Assert.True(s_corpus.Length >= 50, $"{s_corpus.Length} inputs");

        [Theory]
        [MemberData(nameof(Corpus))]
        public void Generator_stays_calm_and_says_the_right_thing(int index, string name)
        {
            var (_, source, expected) = s_corpus[index];
            var run = GeneratorHarness.Run(Usings + source);

            Assert.DoesNotContain(run.CompilationDiagnostics.Concat(run.GeneratorDiagnostics), d => d.Id is "CS8785" or "AD0001" or "GG9999");
            var errorsInGenerated = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true).ToList();
            Assert.True(errorsInGenerated.Count == 0, $"{name}: generated code does not compile: {string.Join("; ", errorsInGenerated)}");

            // In the user's own syntax tree, as IDEs need for squiggles, code fixes and #pragma.
            Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.Location.IsInSource && run.Output.SyntaxTrees.Contains(d.Location.SourceTree),
                $"{name}: {d.Id} is not located in the user's syntax tree"));
            var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
            switch (expected)
            {
                case "ok":
                    Assert.True(ids.Count == 0, $"{name}: unexpected {string.Join(", ", run.GeneratorDiagnostics)}");
                    Assert.NotEmpty(run.Files);
                    Assert.Empty(run.Errors);
                    break;
                case "none":
                    Assert.Empty(ids);
                    Assert.Empty(run.Files);
                    Assert.NotEmpty(run.Errors);
                    break;
                case "any":
                    Assert.NotEmpty(run.Errors);
                    break;
                default:
                    Assert.True(ids.Contains(expected), $"{name}: expected {expected}, got [{string.Join(", ", run.GeneratorDiagnostics)}]");
                    // One root cause, one diagnostic: nothing echoed through the expressions built on it.
                    Assert.True(ids.Count == 1, $"{name}: one root cause, {ids.Count} diagnostics: [{string.Join(", ", run.GeneratorDiagnostics)}]");
                    Assert.Empty(run.Files);
                    break;
            }
        }
    }
}

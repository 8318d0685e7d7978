using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>
    /// Every IR operation is one descriptor (Ir/Operations); these tests go over all of them: each is
    /// complete, and each one's tangent rule agrees with its adjoint rule, ⟨C̄, T(dA)⟩ = ⟨Adj(C̄), dA⟩,
    /// through the generated JVP and VJP of a function built around it, and the tangent with central differences.
    /// </summary>
    public class OperationDescriptorTests
    {
        private readonly ITestOutputHelper _output;

        public OperationDescriptorTests(ITestOutputHelper output) => _output = output;

        /// <summary>Operations that only derivative graphs contain; the dot-product test reaches them through their twins.</summary>
        private static readonly Op[] s_derivativeOnly = { Op.PlaceColumn, Op.PlaceRow, Op.PlaceElement, Op.KroneckerAdjointLeft, Op.KroneckerAdjointRight, Op.Adjugate, Op.ReciprocalOrZero,
            Op.LowerHalf, Op.RuleCall, Op.PlaceBlock,
            Op.InverseGaps, Op.LeftSingular, Op.RightSingular, Op.ProductsOfOthers, Op.ProductsOfOthersTangent, Op.Pivot };

        /// <summary>One matrix-valued function of X (3×3) per operation, with A (3×3) and v (3) held fixed.</summary>
        private static readonly (Op Op, string Body)[] s_samples =
        {
            (Op.Add, "X + A"), (Op.Sub, "A - X"), (Op.Neg, "-X"), (Op.Scale, "X.Trace() * X"), (Op.Transpose, "X.Transpose() * A"),
            (Op.AddScalar, "X + X.Trace()"), (Op.Diagonal, "Matrix<double>.Build.DiagonalOfDiagonalVector(X.Diagonal()) * A"),
            (Op.DiagMatrix, "A * Matrix<double>.Build.DiagonalOfDiagonalVector(X * v)"), (Op.AsColumn, "(X * v).ToColumnMatrix()"),
            (Op.AsRow, "(X * v).ToRowMatrix()"), (Op.ColumnOf, "X.Column(1).ToColumnMatrix()"), (Op.RowOf, "X.Row(2).ToRowMatrix()"),
            (Op.Element, "X[1, 0] * X + X.At(2, 1) * A + (X * v)[2] * A"),
            (Op.Trace, "X.PointwiseMultiply(X).Trace() * A"), (Op.ColumnSums, "X.ColumnSums().ToColumnMatrix()"),
            (Op.RowSums, "X.RowSums().ToRowMatrix()"), (Op.Sum, "X.PointwiseMultiply(X).RowSums().Sum() * A"),
            (Op.FrobeniusNorm, "X.FrobeniusNorm() * A"), (Op.Mul, "(X.Trace() * X.FrobeniusNorm()) * A"),
            (Op.Div, "(X.Trace() / (1 + X.FrobeniusNorm())) * A"), (Op.MatMul, "A * X * X"), (Op.Hadamard, "X.PointwiseMultiply(A * X)"),
            (Op.Outer, "(X * v).OuterProduct(X.Transpose() * v)"), (Op.Inner, "(X * v).DotProduct(A * X * v) * A"),
            (Op.PointwiseDivide, "X.PointwiseDivide(X.PointwiseMultiply(X) + 1.0)"), (Op.DivScalar, "X / (1 + X.FrobeniusNorm())"),
            (Op.ScalarDivide, "X.Trace() / (X.PointwiseMultiply(X) + 1.0)"), (Op.Kronecker, "X.KroneckerProduct(A * X)"),
            (Op.Solve, "(X + 4.0 * Matrix<double>.Build.DenseIdentity(3)).Solve(A * X)"),
            (Op.LeastSquares, "X.Stack(A).QR().Solve(A.Stack(X * X))"),
            (Op.Inverse, "(X + 4.0 * Matrix<double>.Build.DenseIdentity(3)).Inverse()"),
            (Op.Det, "(X + 4.0 * Matrix<double>.Build.DenseIdentity(3)).Determinant() * A"),
            (Op.LogDet, "Math.Log((X + 4.0 * Matrix<double>.Build.DenseIdentity(3)).Determinant()) * A"),
            (Op.PositiveDefinite, "(X * X.Transpose() + 2.0 * Matrix<double>.Build.DenseIdentity(3)).Cholesky().Solve(A * X)"
                + " + (X * X.Transpose() + A * A.Transpose() + 1.0 * Matrix<double>.Build.DenseIdentity(3)).Cholesky().DeterminantLn * A"),
            (Op.CholeskyFactor, "(X * X.Transpose() + 2.0 * Matrix<double>.Build.DenseIdentity(3)).Cholesky().Factor * A"),
            (Op.Call, "Rules.Mix(X, A, 2) + Rules.Mix(A, X, 3)"),
            (Op.SubMatrix, "X.SubMatrix(1, 2, 0, 3).Transpose() * X.SubMatrix(0, 2, 1, 2) + v.OuterProduct((X * v).SubVector(1, 2))"),
            (Op.Eigenvalues, "A * Matrix<double>.Build.DiagonalOfDiagonalVector((X + X.Transpose()).Evd().EigenValues.Real())"),
            (Op.Eigenvectors, "(X + X.Transpose()).Evd().EigenVectors.PointwiseMultiply((X + X.Transpose()).Evd().EigenVectors) * A"),
            (Op.SingularValues, "X.Svd().S.OuterProduct(v) + X.L2Norm() * A"),
            (Op.SvdU, "X.Svd().U * A + X.Svd().U.PointwiseMultiply(X.Svd().U)"),
            (Op.SvdV, "X.Svd().VT * A + X.Svd().W * X.Svd().VT.PointwiseMultiply(A)"),
            (Op.QrQ, "X.QR().Q * A + X.Stack(A).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q.Transpose() * X.Stack(A)"),
            (Op.QrR, "X.QR().R.PointwiseMultiply(A) + X.Stack(A).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R"),
            (Op.Square, "X.QR().Q.PointwiseMultiply(X.QR().R)"),
            (Op.GramSchmidtQ, "X.GramSchmidt().Q * A + X.Stack(A).GramSchmidt().Q.Transpose() * X.Stack(A)"),
            (Op.GramSchmidtR, "X.GramSchmidt().R.PointwiseMultiply(A) + X.Stack(A).GramSchmidt().R"),
            (Op.LuL, "X.LU().L * A + (X * A).LU().L.PointwiseMultiply(X)"),
            (Op.LuU, "X.LU().U * A + X.LU().L.PointwiseMultiply(X.LU().U)"),
            (Op.Triangle, "X.LowerTriangle() * A + X.StrictlyUpperTriangle() + X.UpperTriangle().Transpose() * X.StrictlyLowerTriangle()"),
            (Op.EntryProduct, "X.Enumerate().Aggregate(1.0, (p, e) => p * (1 + 0.1 * e)) * A + (X * v).Aggregate(2.0, (p, e) => e * p) * X"),
            (Op.Append, "X.Append(A * X).Transpose() * X.Append(X.PointwiseTanh()) + X.Append(A).Transpose() * A.Append(X)"),
            (Op.Stack, "X.PointwiseSin().Stack(A * X) * X + A.Stack(X) * X.Transpose()"),
            (Op.Pow, "Math.Pow(X.FrobeniusNorm(), 3) * A"),
            (Op.PowerOf, "(X.PointwiseMultiply(X) + 1.0).PointwisePower(X.Trace()) + Math.Pow(1 + X.FrobeniusNorm(), X[0, 1]) * A"),
            (Op.Map, "X.PointwiseExp() + X.PointwiseTanh() + (X.PointwiseMultiply(X) + 1.0).PointwiseLog() + X.PointwiseSin() + X.PointwiseCos()"
                + " + (X.PointwiseMultiply(X) + 1.0).PointwiseSqrt() + X.PointwiseAbs() + X.PointwisePower(3) + X.PointwiseMaximum(0)"
                + " + X.PointwiseAtan() + (0.3 * X).PointwiseTan() + X.PointwiseSinh() + X.PointwiseCosh()"
                + " + (X.PointwiseMultiply(X) + 1.0).PointwiseLog10() + (0.3 * X).PointwiseAsin() + (0.3 * X).PointwiseAcos()"),
        };

        [Fact]
        public void Every_operation_has_a_complete_descriptor()
        {
            foreach (Op op in Enum.GetValues(typeof(Op)))
            {
                var operation = Operations.Of(op);
                Assert.Equal(op, operation.Op);
                Assert.True(operation.Notation is not null, $"{op} has no notation");
                Assert.True(operation.Emit is not null, $"{op} has no emission");
                Assert.True(operation.Shape is not null, $"{op} has no shape rule");
                if (operation.IsLeaf) continue;
                Assert.True(operation.Tangent is not null, $"{op} has no tangent rule");
                Assert.True(operation.Adjoint is not null, $"{op} has no adjoint rule");
            }
            Assert.Equal(Enum.GetValues(typeof(Op)).Length, Operations.All.Count());
        }

        /// <summary>Operations user code reaches other than through a MathNet member row: operators, Math functions, patterns.</summary>
        private static readonly Op[] s_loweredBySyntax =
        {
            Op.Mul, Op.Div, Op.ScalarDivide,   // a * b, a / b, s / A
            Op.Pow, Op.LogDet, Op.Map,        // Math.Pow(x, k), Math.Log(A.Determinant()), PointwiseExp() / Math.Exp and kin
            Op.PowerOf,                       // Math.Pow(x, p), PointwisePower(p) with a value p
            Op.PositiveDefinite, Op.CholeskyFactor, // S.Cholesky() and what is read of it (Lowerer.Factorisations.cs)
            Op.Call,                          // a call of the user's function with [VjpOf]/[JvpOf] rules
            Op.Eigenvalues, Op.Eigenvectors, Op.SingularValues, Op.SvdU, Op.SvdV, // S.Evd(), A.Svd() and what is read of them
            Op.LeastSquares, Op.QrQ, Op.QrR, Op.Square, // A.QR().Solve(B), A.QR().Q, A.QR().R
            Op.LuL, Op.LuU,                   // A.LU().L, A.LU().U
            Op.GramSchmidtQ, Op.GramSchmidtR, // A.GramSchmidt().Q, .R
            Op.EntryProduct,                  // Aggregate(seed, (p, v) => p * e(v))
        };

        [Fact]
        public void Every_operation_is_reachable_from_user_code()
        {
            // A new operation needs its MathNet members in its descriptor (or an entry here saying how else it is written).
            var unreachable = Enum.GetValues(typeof(Op)).Cast<Op>()
                .Where(op => !Operations.Of(op).IsLeaf && !s_derivativeOnly.Contains(op) && !s_loweredBySyntax.Contains(op))
                .Where(op => Operations.Of(op).Members.Count == 0).ToList();
            Assert.True(unreachable.Count == 0, "no MathNet member lowers to " + string.Join(", ", unreachable));
            var keys = Operations.All.SelectMany(o => o.Members).Select(m => (m.Receiver, m.Name, m.ArgKinds)).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }

        [Fact]
        public void Every_differentiable_operation_has_a_dot_product_sample()
        {
            var sampled = new HashSet<Op>(s_samples.Select(s => s.Op));
            var missing = Enum.GetValues(typeof(Op)).Cast<Op>()
                .Where(op => !Operations.Of(op).IsLeaf && !s_derivativeOnly.Contains(op) && !sampled.Contains(op)).ToList();
            Assert.True(missing.Count == 0, "no dot-product sample for " + string.Join(", ", missing));
        }

        /// <summary>Op.Call's sample: Mix(P, Q, k) = k P Q ∘ Q with hand-written rules (two differentiable parameters and an int).</summary>
        private const string MixRules = @"public static class Rules
{
    public static Matrix<double> Mix(Matrix<double> P, Matrix<double> Q, int k) => k * (P * Q).PointwiseMultiply(Q);

    [VjpOf(nameof(Mix))]
    public static (Matrix<double>, Matrix<double>) MixVjp(Matrix<double> P, Matrix<double> Q, int k, Matrix<double> result,
        Matrix<double> resultBar)
    {
        var g = k * resultBar.PointwiseMultiply(Q);
        return (g * Q.Transpose(), P.Transpose() * g + k * resultBar.PointwiseMultiply(P * Q));
    }

    [JvpOf(nameof(Mix))]
    public static Matrix<double> MixJvp(Matrix<double> P, Matrix<double> Q, int k, Matrix<double> dP, Matrix<double> dQ)
        => k * ((dP * Q + P * dQ).PointwiseMultiply(Q) + (P * Q).PointwiseMultiply(dQ));
}";

        [Fact]
        public void Tangent_and_adjoint_rules_agree_for_every_operation()
        {
            var members = s_samples.Select((s, i) =>
                $"[Differentiable] public static Matrix<double> F{i}(Matrix<double> X, Matrix<double> A, Vector<double> v) => {s.Body};")
                .Append(MixRules);
            var assembly = InMemoryAssembly.BuildClass("Ops", members);
            var failures = new List<string>();
            double worst = 0;
            for (int i = 0; i < s_samples.Length; i++)
            {
                var f = assembly.Static("Ops", "F" + i);
                var jvp = assembly.Static("Ops", "JvpF" + i);
                var vjp = assembly.Static("Ops", "VjpF" + i);
                for (int seed = 1; seed <= 3; seed++)
                {
                    var random = new RandomMatrices(100 * i + seed);
                    var x = random.Matrix(3, 3) * 0.5;
                    var a = random.Matrix(3, 3);
                    var v = random.Vector(3);
                    var dx = random.Matrix(3, 3);
                    var value = (Matrix<double>)f(new object?[] { x, a, v })!;
                    var fbar = random.Matrix(value.RowCount, value.ColumnCount);

                    var tangent = (Matrix<double>)jvp(new object?[] { x, a, v, dx })!;
                    var adjoint = (Matrix<double>)vjp(new object?[] { x, a, v, fbar })!;
                    double left = MatrixFunctions.Inner(fbar, tangent), right = MatrixFunctions.Inner(adjoint, dx);
                    double dot = Math.Abs(left - right) / Math.Max(1, Math.Abs(left));

                    // The tangent itself against central differences, so that the rules cannot agree on a wrong derivative.
                    const double h = 1e-6;
                    var plus = (Matrix<double>)f(new object?[] { x + h * dx, a, v })!;
                    var minus = (Matrix<double>)f(new object?[] { x - h * dx, a, v })!;
                    var numerical = (plus - minus) / (2 * h);
                    double fd = (tangent - numerical).FrobeniusNorm() / Math.Max(1, numerical.FrobeniusNorm());
                    worst = Math.Max(worst, dot);
                    if (!(dot < 1e-10)) failures.Add($"{s_samples[i].Op} (seed {seed}): ⟨F̄, T(dX)⟩ = {left:R}, ⟨Adj(F̄), dX⟩ = {right:R}");
                    if (!(fd < 1e-6)) failures.Add($"{s_samples[i].Op} (seed {seed}): JVP differs from central differences by {fd:E2}");
                }
            }
            _output.WriteLine($"{s_samples.Length} operations × 3 seeds, worst dot-product mismatch {worst:E2}");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }
}

using GradGen;
using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Tests.Objectives
{
    /// <summary>Matrix- and vector-valued functions: the seed 001 example and its vec identities.</summary>
    public static partial class JacobianObjectives
    {
        // seed 001: F = A exp∘(XB), ∂F/∂X = (B ⊗ I) diag(e^{XB}) (I ⊗ Aᵀ)
        [Differentiable] public static Matrix<double> SeedExample(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A * (X * B).PointwiseExp();

        // vec(AXB) = (Bᵀ ⊗ A) vec(X)
        [Differentiable] public static Matrix<double> AXB(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A * X * B;

        // vec(Xᵀ) = K_mn vec(X)
        [Differentiable] public static Matrix<double> Transposed(Matrix<double> X) => X.Transpose();

        // vec(A ∘ X) = diag(vec A) vec(X)
        [Differentiable] public static Matrix<double> Hadamard(Matrix<double> X, Matrix<double> A) => A.PointwiseMultiply(X);

        // dX⁻¹ = −X⁻¹ dX X⁻¹: J = −X⁻ᵀ ⊗ X⁻¹
        [Differentiable] public static Matrix<double> Inverse(Matrix<double> X) => X.Inverse();

        // d(XᵀX) = dXᵀ X + Xᵀ dX: J = (Xᵀ ⊗ I) K_mn + (I ⊗ Xᵀ)
        [Differentiable] public static Matrix<double> Gram(Matrix<double> X) => X.Transpose() * X;

        // a scalar factor: d(tr(X) A) = tr(dX) A
        [Differentiable] public static Matrix<double> TraceTimesA(Matrix<double> X, Matrix<double> A) => X.Trace() * A;

        // vector-valued of a vector: tanh∘(Ax − b)
        [Differentiable] public static Vector<double> Residual(Vector<double> x, Matrix<double> A, Vector<double> b) => (A * x - b).PointwiseTanh();

        // vector-valued of a matrix: Xv
        [Differentiable] public static Vector<double> MatrixTimesVector(Matrix<double> X, Vector<double> v) => X * v;

        // a Kronecker product inside: X ⊗ B
        [Differentiable] public static Matrix<double> Kronecker(Matrix<double> X, Matrix<double> B) => X.KroneckerProduct(B);

        // vec(X ∘ A) = diag(vec A) vec(X), the constant on the right
        [Differentiable] public static Matrix<double> HadamardRight(Matrix<double> X, Matrix<double> A) => X.PointwiseMultiply(A);

        // both factors vary: d(X ∘ X) = 2 X ∘ dX, and d(X X) = dX X + X dX: J = Xᵀ ⊗ I + I ⊗ X
        [Differentiable] public static Matrix<double> HadamardSquare(Matrix<double> X) => X.PointwiseMultiply(X);

        [Differentiable] public static Matrix<double> Square(Matrix<double> X) => X * X;

        // a matrix-valued function of a scalar: d/dt exp∘(tA) = A ∘ exp∘(tA)
        [Differentiable] public static Matrix<double> OfScalar(double t, Matrix<double> A) => (t * A).PointwiseExp();

        // a composition with a solve and a Hadamard quotient
        [Differentiable] public static Matrix<double> Mixed(Matrix<double> X, Matrix<double> A, Matrix<double> P) => (A + X.TransposeThisAndMultiply(X)).Solve(X.Transpose()).PointwiseDivide(P) - 2 * X.Transpose();
    }
}

using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace GradGen.Runtime
{
    /// <summary>
    /// S = V Λ Vᵀ of a symmetric S by MathNet's symmetric eigensolver, once for the eigenvalues, eigenvectors and the
    /// inverse gaps a generated method reads. The values are ascending, as MathNet's <c>S.Evd()</c> gives them.
    /// </summary>
    public sealed class SymmetricEigenFactors
    {
        private readonly Evd<double> _evd;

        internal SymmetricEigenFactors(Evd<double> evd) => _evd = evd;

        /// <summary>λ, ascending.</summary>
        public Vector<double> Values() => _evd.EigenValues.Map(c => c.Real);

        /// <summary>V, orthonormal columns in λ's order.</summary>
        public Matrix<double> Vectors() => _evd.EigenVectors;
    }

    /// <summary>A = U Σ Vᵀ by MathNet's SVD, once for the singular values and the thin singular vectors a generated method reads.</summary>
    public sealed class SingularFactors
    {
        private readonly Svd<double> _svd;
        private readonly int _rank;

        internal SingularFactors(Svd<double> svd, int rows, int columns) => (_svd, _rank) = (svd, Math.Min(rows, columns));

        /// <summary>σ, descending.</summary>
        public Vector<double> Values() => _svd.S.SubVector(0, _rank);

        /// <summary>U's first min(m, n) columns.</summary>
        public Matrix<double> Left() => _svd.U.SubMatrix(0, _svd.U.RowCount, 0, _rank);

        /// <summary>V's first min(m, n) columns (Vᵀ's first rows, transposed).</summary>
        public Matrix<double> Right() => _svd.VT.SubMatrix(0, _rank, 0, _svd.VT.ColumnCount).Transpose();

        /// <summary>
        /// A.Svd().U, all m columns, where A determines all of them: an A with no more rows than columns. A taller A's last
        /// m − n columns are any orthonormal basis of the rest of the space, so no derivative of them exists, and it throws.
        /// </summary>
        public Matrix<double> FullLeft()
        {
            if (_svd.U.RowCount > _svd.VT.RowCount) throw Undetermined("U", "no more rows than columns", _svd.U.RowCount - _rank);
            return _svd.U;
        }

        /// <summary>V (A.Svd().VT transposed), all n columns, where A determines them: an A with no more columns than rows.</summary>
        public Matrix<double> FullRight()
        {
            if (_svd.VT.RowCount > _svd.U.RowCount) throw Undetermined("VT", "no more columns than rows", _svd.VT.RowCount - _rank);
            return _svd.VT.Transpose();
        }

        private ArgumentException Undetermined(string factor, string shape, int free) => new(
            $"A.Svd().{factor}: GradGen differentiates {factor} where A determines all of it, for an A with {shape}; this A is "
            + $"{_svd.U.RowCount}×{_svd.VT.RowCount}, and {free} of {factor}'s vectors are any orthonormal basis of the rest of the "
            + "space (read the thin factor of A's transpose instead).", "A");
    }

    public static partial class MatrixFunctions
    {
        /// <summary>
        /// The symmetric eigendecomposition of S. GradGen differentiates the symmetric one only: an S whose asymmetry is
        /// more than rounding (|Sᵢⱼ − Sⱼᵢ| &gt; 1e-10 max|S|) throws, where MathNet's Evd() would switch to complex eigenvalues.
        /// </summary>
        public static SymmetricEigenFactors SymmetricEigen(Matrix<double> s)
        {
            if (s.RowCount != s.ColumnCount) throw new ArgumentException($"S.Evd() needs a square S, got {s.RowCount}×{s.ColumnCount}.", nameof(s));
            double scale = s.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
            double asymmetry = (s - s.Transpose()).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
            if (asymmetry > 1e-10 * Math.Max(scale, double.Epsilon))
            {
                throw new ArgumentException($"S.Evd(): GradGen differentiates the symmetric eigendecomposition, and the {s.RowCount}×"
                    + $"{s.ColumnCount} matrix S is not symmetric (max |Sᵢⱼ − Sⱼᵢ| = {asymmetry:G3}).", nameof(s));
            }
            return new SymmetricEigenFactors(s.Evd(Symmetricity.Symmetric));
        }

        /// <summary>The SVD of A, with its vectors (for the derivatives of the singular values).</summary>
        public static SingularFactors SingularValueDecomposition(Matrix<double> a) => new(a.Svd(computeVectors: true), a.RowCount, a.ColumnCount);

        /// <summary>
        /// Fᵢⱼ = 1/(λⱼ − λᵢ) for i ≠ j, the eigenvectors' derivative weights; 0 on the diagonal and where λᵢ and λⱼ agree to
        /// rounding (1e-12 max|λ|), where the eigenvectors are any basis of a repeated eigenvalue's space.
        /// </summary>
        public static Matrix<double> InverseGaps(Vector<double> lambda)
        {
            int n = lambda.Count;
            double tolerance = 1e-12 * Math.Max(lambda.AbsoluteMaximum(), double.Epsilon);
            var f = Matrix<double>.Build.Dense(n, n);
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    double gap = lambda[j] - lambda[i];
                    if (i != j && Math.Abs(gap) > tolerance) f[i, j] = 1 / gap;
                }
            }
            return f;
        }
    }
}

using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace GradGen.Runtime
{
    /// <summary>
    /// MathNet's own A.LU() (P A = L U), for the L, U and P a generated method reads: the same factors, pivots included, as
    /// the user's code computes, so the value is the user's and the derivative rules permute with the pivots MathNet chose.
    /// (Solves, inverses and determinants take GradGen's LU instead: <see cref="LuFactors"/>.)
    /// </summary>
    public static partial class MatrixFunctions
    {
        /// <summary>A.LU(): MathNet's factorisation with partial pivoting (A square).</summary>
        public static LU<double> PivotedLu(Matrix<double> a) => a.LU();

        /// <summary>P X, X's rows reordered as A's are in P A = L U (MathNet's PermuteRows on a copy).</summary>
        public static Matrix<double> PermuteRows(Matrix<double> x, Permutation p)
        {
            var result = x.Clone();
            result.PermuteRows(p);
            return result;
        }

        /// <summary>Pᵀ X, the inverse reordering.</summary>
        public static Matrix<double> UnpermuteRows(Matrix<double> x, Permutation p)
        {
            var result = x.Clone();
            result.PermuteRows(p.Inverse());
            return result;
        }
    }
}

using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace GradGen.Runtime
{
    /// <summary>
    /// A = Q R by MathNet's thin Householder QR, once for the Q and R a generated method reads. The factors are MathNet's
    /// as they are (R's diagonal may be negative); the thin ones are the first columns and rows of MathNet's full ones.
    /// </summary>
    public sealed class QrFactors
    {
        private readonly QR<double> _qr;

        internal QrFactors(QR<double> qr) => _qr = qr;

        /// <summary>Q, m × n with orthonormal columns.</summary>
        public Matrix<double> Q() => _qr.Q;

        /// <summary>R, n × n upper triangular.</summary>
        public Matrix<double> R() => _qr.R;
    }

    public static partial class MatrixFunctions
    {
        /// <summary>
        /// The thin QR of an A with no more columns than rows (a wider A's Q and R have no derivative GradGen writes: the
        /// last columns of R are not a triangular factor's).
        /// </summary>
        public static QrFactors QrDecomposition(Matrix<double> a)
        {
            RequireNotWide(a);
            return new QrFactors(a.QR(QRMethod.Thin));
        }

        /// <summary>A.GramSchmidt(): MathNet's modified Gram–Schmidt thin QR, its factors as the user's code reads them.</summary>
        public static QrFactors GramSchmidtDecomposition(Matrix<double> a)
        {
            RequireNotWide(a);
            return new QrFactors(a.GramSchmidt());
        }

        /// <summary>
        /// A itself, once it is known square: MathNet's A.QR() is the full factorisation, whose Q has m − n columns a tall A
        /// does not determine. A.QR(QRMethod.Thin) gives the factors of a tall A.
        /// </summary>
        public static Matrix<double> RequireSquareForFullQr(Matrix<double> a)
        {
            RequireNotWide(a);
            if (a.RowCount > a.ColumnCount)
            {
                throw new ArgumentException($"A.QR().Q and .R: the full QR of a {a.RowCount}×{a.ColumnCount} A has a Q whose last "
                    + $"{a.RowCount - a.ColumnCount} columns A does not determine; write A.QR(QRMethod.Thin) for a tall A.", nameof(a));
            }
            return a;
        }

        private static void RequireNotWide(Matrix<double> a)
        {
            if (a.RowCount < a.ColumnCount)
            {
                throw new ArgumentException($"A.QR(): GradGen differentiates Q and R of an A with no more columns than rows; this "
                    + $"A is {a.RowCount}×{a.ColumnCount} (factor its transpose instead).", nameof(a));
            }
        }
    }
}

using System;
using GradGen.Runtime;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>
    /// g(X + tD) as the quartic c₀ + c₁t + c₂t² + c₃t³ + c₄t⁴ it is: with Y₀ = A − XBXᵀ, P = DBXᵀ + XBDᵀ, Q = DBDᵀ,
    /// ‖Y₀ − tP − t²Q‖²_F − tr(X_uᵀ(X + tD)) expands to c₀ = ‖Y₀‖² − ⟨X_u, X⟩, c₁ = −2⟨Y₀, P⟩ − ⟨X_u, D⟩,
    /// c₂ = ‖P‖² − 2⟨Y₀, Q⟩, c₃ = 2⟨P, Q⟩, c₄ = ‖Q‖². Four products (on GradGen's runtime, so a sparse B costs O(nnz · n)
    /// where it is a factor) give the exact line search of Frank-Wolfe.
    /// </summary>
    public sealed record SegmentQuartic(double C0, double C1, double C2, double C3, double C4)
    {
        public static SegmentQuartic Along(Matrix<double> x, Matrix<double> d, Matrix<double> a, Matrix<double> b, Matrix<double> xu)
        {
            var xb = MatrixFunctions.Multiply(x, b);
            var db = MatrixFunctions.Multiply(d, b);
            var y0 = a - MatrixFunctions.TransposeAndMultiply(xb, x);
            var p = MatrixFunctions.TransposeAndMultiply(db, x);
            MatrixFunctions.AddScaledProduct(p, 1.0, xb, d, transposeB: true);
            var q = MatrixFunctions.TransposeAndMultiply(db, d);
            return new SegmentQuartic(
                MatrixFunctions.Inner(y0, y0) - MatrixFunctions.Inner(xu, x),
                -2 * MatrixFunctions.Inner(y0, p) - MatrixFunctions.Inner(xu, d),
                MatrixFunctions.Inner(p, p) - 2 * MatrixFunctions.Inner(y0, q),
                2 * MatrixFunctions.Inner(p, q),
                MatrixFunctions.Inner(q, q));
        }

        public double Value(double t) => C0 + t * (C1 + t * (C2 + t * (C3 + t * C4)));

        public double Slope(double t) => C1 + t * (2 * C2 + t * (3 * C3 + t * 4 * C4));

        /// <summary>argmin over t ∈ [0, 1]: the ends, and each point where the slope turns from negative to positive (bisected).</summary>
        public double Minimize()
        {
            double best = Value(0) <= Value(1) ? 0 : 1;
            const int pieces = 64;
            for (int i = 0; i < pieces; i++)
            {
                double lo = (double)i / pieces, hi = (double)(i + 1) / pieces;
                if (!(Slope(lo) < 0 && Slope(hi) >= 0)) continue;
                for (int step = 0; step < 60; step++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (Slope(mid) < 0) lo = mid; else hi = mid;
                }
                if (Value(hi) < Value(best)) best = hi;
            }
            return best;
        }
    }
}

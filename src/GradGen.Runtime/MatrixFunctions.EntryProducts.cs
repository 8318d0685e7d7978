using MathNet.Numerics.LinearAlgebra;

namespace GradGen.Runtime
{
    public static partial class MatrixFunctions
    {
        /// <summary>Π of all entries (column by column for a matrix).</summary>
        public static double ProductOfEntries(Vector<double> v) => Product(v.ToArray());

        /// <summary>Π of all entries of a matrix.</summary>
        public static double ProductOfEntries(Matrix<double> a) => Product(a.ToColumnMajorArray());

        /// <summary>Each entry replaced by the product of all the others, exact with zero entries (no division).</summary>
        public static Vector<double> ProductsOfOthers(Vector<double> v) => Vector<double>.Build.Dense(Others(v.ToArray()));

        /// <summary>As for a vector, over a matrix's entries.</summary>
        public static Matrix<double> ProductsOfOthers(Matrix<double> a)
            => Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, Others(a.ToColumnMajorArray()));

        /// <summary>The differential of <see cref="ProductsOfOthers(Vector{double})"/> at v along dv.</summary>
        public static Vector<double> ProductsOfOthersTangent(Vector<double> v, Vector<double> dv)
            => Vector<double>.Build.Dense(OthersTangent(v.ToArray(), dv.ToArray()));

        /// <summary>The differential of <see cref="ProductsOfOthers(Matrix{double})"/> at A along dA.</summary>
        public static Matrix<double> ProductsOfOthersTangent(Matrix<double> a, Matrix<double> da)
            => Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, OthersTangent(a.ToColumnMajorArray(), da.ToColumnMajorArray()));

        private static double Product(double[] x)
        {
            double p = 1;
            foreach (double e in x) p *= e;
            return p;
        }

        /// <summary>oᵢ = (Π_{k&lt;i} xₖ)(Π_{k&gt;i} xₖ): a prefix pass, then a suffix pass.</summary>
        private static double[] Others(double[] x)
        {
            var o = new double[x.Length];
            double prefix = 1;
            for (int i = 0; i < x.Length; i++)
            {
                o[i] = prefix;
                prefix *= x[i];
            }
            double suffix = 1;
            for (int i = x.Length - 1; i >= 0; i--)
            {
                o[i] *= suffix;
                suffix *= x[i];
            }
            return o;
        }

        /// <summary>doᵢ = d(prefix)ᵢ suffixᵢ + prefixᵢ d(suffix)ᵢ, each running product carried with its differential.</summary>
        private static double[] OthersTangent(double[] x, double[] dx)
        {
            int n = x.Length;
            var prefix = new double[n];
            var dPrefix = new double[n];
            double p = 1, dp = 0;
            for (int i = 0; i < n; i++)
            {
                prefix[i] = p;
                dPrefix[i] = dp;
                dp = dp * x[i] + p * dx[i];
                p *= x[i];
            }
            var d = new double[n];
            double s = 1, ds = 0;
            for (int i = n - 1; i >= 0; i--)
            {
                d[i] = dPrefix[i] * s + prefix[i] * ds;
                ds = ds * x[i] + s * dx[i];
                s *= x[i];
            }
            return d;
        }
    }
}

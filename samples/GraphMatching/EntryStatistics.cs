using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace GraphMatching
{
    /// <summary>The mean and (population) standard deviation of a matrix's entries, which scale unary terms.</summary>
    public static class EntryStatistics
    {
        public static (double Mean, double Deviation) Of(Matrix<double> m)
        {
            double mean = m.Enumerate().Average();
            return (mean, Math.Sqrt(m.Enumerate().Select(v => (v - mean) * (v - mean)).Average()));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Objectives;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// Recycled temporaries (GradGen.Runtime.Scratch): the generated code hands its dead matrices to the thread's scratch
    /// just before it returns, and the runtime's products and elementwise passes compute into them on the next call. What
    /// must hold: a result the caller holds is never written by a later call, a recycled matrix's old entries (NaN
    /// included) never reach a result, and a gradient written into the caller's matrix allocates nothing once warm.
    /// </summary>
    public class ScratchTests
    {
        private const int N = 40;   // 1 600 entries: above Scratch.MinEntries

        /// <summary>A generated member of a test objective, called at fresh random inputs of one set of shapes.</summary>
        public static IEnumerable<object[]> Members() => new[]
        {
            new object[] { "GradG" }, new object[] { "ValueAndGradG" }, new object[] { "ValueAndGradNormAXB" },
            new object[] { "HvpLeastSquares" }, new object[] { "JvpSeedExample" }, new object[] { "VjpSeedExample" },
            new object[] { "HvpG" },
        };

        private static Func<int, Matrix<double>> Member(string name)
        {
            return name switch
            {
                "GradG" => seed => Cvpr(seed, (x, a, b, u) => CvprObjectives.GradG(x, a, b, u)),
                "ValueAndGradG" => seed => Cvpr(seed, (x, a, b, u) => CvprObjectives.ValueAndGradG(x, a, b, u).Gradient),
                "ValueAndGradNormAXB" => seed => Draw(seed,
                    r => FormulaTable.ValueAndGradNormAXB(r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N)).Gradient),
                "HvpG" => seed => Draw(seed,
                    r => HessianObjectives.HvpG(r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N))),
                "JvpSeedExample" => seed => Draw(seed,
                    r => JacobianObjectives.JvpSeedExample(0.1 * r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N))),
                "VjpSeedExample" => seed => Draw(seed,
                    r => JacobianObjectives.VjpSeedExample(0.1 * r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N))),
                "HvpLeastSquares" => seed => Draw(seed, r => HessianObjectives.HvpLeastSquares(
                    r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N))),
                _ => throw new ArgumentException(name),
            };
        }

        private static Matrix<double> Cvpr(int seed, Func<Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>, Matrix<double>> f)
            => Draw(seed, r => f(r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N)));

        private static Matrix<double> Draw(int seed, Func<RandomMatrices, Matrix<double>> f) => f(new RandomMatrices(seed));

        [Theory]
        [MemberData(nameof(Members))]
        public void A_result_the_caller_holds_is_not_written_by_the_next_call(string name)
        {
            var call = Member(name);
            Scratch.Release();
            var first = call(1);
            var kept = first.Clone();
            Assert.True(Scratch.Held > 0, $"{name} recycled nothing");
            var second = call(2);
            Assert.False(ReferenceEquals(first, second));
            Assert.Equal(kept, first);
            // And the second result, computed into recycled storage, is what a fresh computation gives.
            Scratch.Release();
            Assert.True(Compare.RelativeError(second, call(2)) == 0, $"{name}: recycled storage changed the result");
        }

        private static readonly Lazy<System.Reflection.Assembly> s_vectors = new(() => InMemoryAssembly.Build(GeneratorHarness.Usings + @"
public static partial class Vectors
{
    [Differentiable] public static double Softplus(Vector<double> z) => (z.PointwiseExp() + 1.0).PointwiseLog().Sum();
    [Differentiable] public static double Reread(Vector<double> z)
    {
        var e = z.PointwiseExp();
        var a = e + 1.0;
        return a.PointwiseLog().Sum() + e.DotProduct(e) + a.PointwiseTanh().Sum();
    }
}"));

        [Theory]
        [InlineData("ValueAndGradSoftplus")]
        [InlineData("GradReread")]
        public void Recycled_vectors_leave_a_held_result_intact_and_the_next_one_exact(string name)
        {
            var method = s_vectors.Value.GetType("Vectors")!.GetMethod(name)!;
            Vector<double> Call(int seed)
            {
                var random = new Random(seed);
                var z = Vector<double>.Build.Dense(3000, _ => 4 * random.NextDouble() - 2);
                object result = method.Invoke(null, new object[] { z })!;
                return result is ValueTuple<double, Vector<double>> both ? both.Item2 : (Vector<double>)result;
            }
            Scratch.Release();
            var first = Call(1);
            var kept = first.Clone();
            Assert.True(Scratch.Held > 0, $"{name} recycled nothing");
            var second = Call(2);
            Assert.Equal(kept, first);
            Scratch.Release();
            Assert.Equal(Call(2), second);
        }

        [Fact]
        public void Nan_left_in_recycled_storage_never_reaches_a_later_result()
        {
            var r = new RandomMatrices(3);
            var (X, A, B, Xu) = (r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N));
            Scratch.Release();
            var fresh = CvprObjectives.GradG(X, A, B, Xu);
            var poisoned = Matrix<double>.Build.Dense(N, N, double.NaN);
            Assert.True(double.IsNaN(CvprObjectives.GradG(poisoned, A, B, Xu)[0, 0]));
            Assert.True(Scratch.Held >= 2);
            Assert.Equal(fresh, CvprObjectives.GradG(X, A, B, Xu));
        }

        [Fact]
        public void A_gradient_into_the_callers_matrix_allocates_nothing_once_warm()
        {
            var r = new RandomMatrices(4);
            var (X, A, B, Xu) = (r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N), r.Matrix(N, N));
            var grad = Matrix<double>.Build.Dense(N, N);
            long PerCall(bool release)
            {
                // The least of five batches: a one-off allocation on this thread (a lazy static, a type load) is not the call's.
                long least = long.MaxValue;
                for (int batch = 0; batch < 5; batch++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 10; i++)
                    {
                        if (release) Scratch.Release();
                        CvprObjectives.ValueAndGradGInto(X, A, B, Xu, grad);
                    }
                    least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / 10);
                }
                return least;
            }
            CvprObjectives.ValueAndGradGInto(X, A, B, Xu, grad);
            long warm = PerCall(release: false), cold = PerCall(release: true);
            // Two 40×40 temporaries are 25.6 KB a call without the scratch; with it, argument arrays and no matrix (≈ 1.3 KB).
            Assert.True(cold > 2 * 8 * N * N, $"without the scratch a call allocated {cold} bytes");
            Assert.True(warm < 8 * N * N / 4, $"a warm call allocated {warm} bytes");
        }

        [Fact]
        public void The_scratch_hands_back_only_what_it_kept_and_keeps_within_its_bounds()
        {
            Scratch.Release();
            var m = Matrix<double>.Build.Dense(40, 30);
            Scratch.Recycle(m, m);
            Assert.Equal(1, Scratch.Held);   // recycled twice, kept once
            Assert.NotSame(m, Scratch.Overwritten(30, 40));
            Assert.Same(m, Scratch.Overwritten(40, 30));
            Assert.Equal(0, Scratch.Held);
            Assert.NotSame(m, Scratch.Overwritten(40, 30));

            // A vector is handed back for its length only, never for a matrix's shape, and a matrix never for a vector.
            var v = Vector<double>.Build.Dense(1600);
            var square = Matrix<double>.Build.Dense(40, 40);
            Scratch.Recycle(v);
            Scratch.Recycle(square);
            Assert.NotSame(v, Scratch.Overwritten(1600, 1));
            Assert.Same(v, Scratch.Overwritten(1600));   // the vector, though the 40×40 matrix of as many entries is newer
            Assert.NotSame(v, Scratch.Overwritten(1600));
            Assert.Same(square, Scratch.Overwritten(40, 40));
            Scratch.Recycle(Vector<double>.Build.Sparse(5000), Vector<double>.Build.Dense(1000));   // sparse, too short: not kept
            Assert.Equal(0, Scratch.Held);

            // Too small to be worth it, a sparse or diagonal matrix (not an array of its own), null: not kept.
            Scratch.Recycle(Matrix<double>.Build.Dense(31, 33), SparseMatrix.Create(100, 100, 0.0), DiagonalMatrix.CreateIdentity(100),
                null!);
            Assert.Equal(0, Scratch.Held);

            // Eight at most: the oldest goes first.
            var many = new List<Matrix<double>>();
            for (int i = 0; i < Scratch.Slots + 2; i++) many.Add(Matrix<double>.Build.Dense(40, 40 + i));
            Scratch.Recycle(many.ToArray());
            Assert.Equal(Scratch.Slots, Scratch.Held);
            Assert.NotSame(many[0], Scratch.Overwritten(40, 40));
            Assert.NotSame(many[1], Scratch.Overwritten(40, 41));
            Assert.Same(many[2], Scratch.Overwritten(40, 42));

            // Within MaxEntries: a large one evicts the rest; one larger than the bound is not kept.
            Scratch.Release();
            Scratch.Recycle(Matrix<double>.Build.Dense(64, 64));
            var big = Matrix<double>.Build.Dense(1024, (int)(Scratch.MaxEntries / 1024));
            Scratch.Recycle(big);
            Assert.Equal(1, Scratch.Held);
            Assert.Same(big, Scratch.Overwritten(big.RowCount, big.ColumnCount));
            Scratch.Recycle(Matrix<double>.Build.Dense(1024, (int)(Scratch.MaxEntries / 1024) + 1));
            Assert.Equal(0, Scratch.Held);

            Scratch.Recycle(m);
            Scratch.Release();
            Assert.Equal(0, Scratch.Held);
        }
    }

    /// <summary>Scratch.Enabled is process-wide: switched only while no other test runs.</summary>
    [Collection(nameof(GlobalProvider))]
    public class ScratchSwitchTests
    {
        [Fact]
        public void Switched_off_the_scratch_keeps_nothing_and_hands_out_new_zeroed_matrices()
        {
            Scratch.Release();
            var m = Matrix<double>.Build.Dense(40, 40, 1.0);
            try
            {
                Scratch.Enabled = false;
                Scratch.Recycle(m);
                Assert.Equal(0, Scratch.Held);
                Scratch.Enabled = true;
                Scratch.Recycle(m);
                Scratch.Enabled = false;
                var handed = Scratch.Overwritten(40, 40);
                Assert.NotSame(m, handed);
                Assert.Equal(0.0, handed.Enumerate().Max(Math.Abs));
            }
            finally
            {
                Scratch.Enabled = true;
                Scratch.Release();
            }
        }
    }
}

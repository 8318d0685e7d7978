using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Runtime;
using GradGen.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>
    /// The liveness claim behind recycled temporaries, on random programs: with every size recycled, a generated member
    /// called twice at different inputs leaves the first result it returned untouched, and its second result equals the one
    /// it gives with nothing kept. A wrongly recycled result or input would be overwritten by the second call. Runs alone
    /// (Scratch.MinEntries is process-wide); GRADGEN_FUZZ_COUNT lengthens it.
    /// </summary>
    [Collection(nameof(GlobalProvider))]
    public class RandomScratchTests
    {
        private readonly ITestOutputHelper _output;

        public RandomScratchTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Random_programs_never_write_a_result_already_returned_and_compute_the_same_into_recycled_storage()
        {
            var failures = new List<string>();
            int tried = 0, recycled = 0;
            int minEntries = Scratch.MinEntries;
            try
            {
                Scratch.MinEntries = 0;
                foreach (var seeds in Fuzz.Seeds(120))
                {
                    var objectives = seeds.Select(RandomObjectives.Create).ToList();
                    var assembly = InMemoryAssembly.BuildClass("RandomS", objectives.Select(o => o.Source));
                    foreach (var objective in objectives)
                    {
                        tried++;
                        var members = new[] { "Grad", "ValueAndGrad" }.Select(m => (m, assembly.Static("RandomS", m + objective.Name)));
                        foreach (var (member, call) in members)
                        {
                            Matrix<double> Gradient(int seed)
                            {
                                var inputs = new RandomMatrices(seed);
                                var args = objective.Parameters.Select(p => (object?)(inputs.Matrix(p.Rows, p.Columns) * 0.5)).ToArray();
                                object result = call(args)!;
                                return result is ValueTuple<double, Matrix<double>> both ? both.Item2 : (Matrix<double>)result;
                            }
                            Scratch.Release();
                            var first = Gradient(objective.Seed);
                            var kept = first.Clone();
                            if (Scratch.Held > 0) recycled++;
                            var second = Gradient(objective.Seed + 1);
                            Scratch.Release();
                            var fresh = Gradient(objective.Seed + 1);
                            string seed = $"seed {objective.Seed}: {member}";
                            if (!first.Equals(kept)) failures.Add($"{seed} wrote over its first result\n{objective.Source}");
                            if (!second.Equals(fresh)) failures.Add($"{seed} differs in recycled storage\n{objective.Source}");
                        }
                    }
                }
            }
            finally
            {
                Scratch.MinEntries = minEntries;
                Scratch.Release();
            }
            _output.WriteLine($"{tried} random objectives, {recycled} member calls recycled something");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
            Assert.True(recycled > tried / 2, $"only {recycled} of {2 * tried} calls recycled anything");
        }
    }
}

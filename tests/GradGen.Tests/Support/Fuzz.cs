using System;
using System.Collections.Generic;
using System.Linq;

namespace GradGen.Tests.Support
{
    /// <summary>
    /// How many random programs the fuzzing tests try: their default, or GRADGEN_FUZZ_COUNT for long runs (e.g. 20 000),
    /// starting at GRADGEN_FUZZ_SEED (1); in chunks, so that each in-memory compilation stays small. A failure names its seed.
    /// </summary>
    public static class Fuzz
    {
        public const int Chunk = 400;

        public static IEnumerable<int[]> Seeds(int defaultCount)
        {
            int count = Read("GRADGEN_FUZZ_COUNT") ?? defaultCount, first = Read("GRADGEN_FUZZ_SEED") ?? 1;
            for (int start = 0; start < count; start += Chunk)
            {
                yield return Enumerable.Range(first + start, Math.Min(Chunk, count - start)).ToArray();
            }
        }

        private static int? Read(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : null;
    }
}

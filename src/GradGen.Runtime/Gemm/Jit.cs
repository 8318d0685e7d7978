using System.Runtime.CompilerServices;

namespace GradGen.Runtime.Gemm
{
    internal static class Jit
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (512), which netstandard2.0 does not name; .NET Core 3+ honours it.
        /// Hot kernel loops take it: compiled fully optimised at once, they skip tiering, whose code ran them slower.
        /// </summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;

        /// <summary>
        /// <see cref="Optimized"/>, and never inlined: a tile's loop keeps its accumulators in registers only as a call of
        /// its own. Inlined into its caller's loops when that caller tiered up, SmallGemm's 16×4 tile ran at a third of its
        /// speed (32 against 95 GFLOP/s at n = 256, two halves, Zen 4).
        /// </summary>
        public const MethodImplOptions Kernel = Optimized | MethodImplOptions.NoInlining;
    }
}

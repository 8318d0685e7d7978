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
    }
}

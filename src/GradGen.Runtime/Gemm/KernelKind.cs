using System.Numerics;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// The micro-kernel a product runs, one per SIMD shape (OpenBLAS's per-core kernels in miniature). Each has its own
    /// register tile (<see cref="MicroKernel.TileOf"/>) and, through it, its own cache blocking (<see cref="CacheBlocking"/>).
    /// </summary>
    internal enum KernelKind
    {
        /// <summary><see cref="Vector{T}"/> multiply, then add, 3 vectors × 4 columns: any runtime (netstandard2.0), no FMA.</summary>
        MultiplyAdd,

        /// <summary><see cref="Vector{T}"/> fused multiply-add, 3 vectors × 4 columns (.NET 9+): the AVX2 + FMA kernel, 12×4.</summary>
        Fused,

        /// <summary>Vector128 fused multiply-add, 4 vectors × 4 columns (8×4): ARM NEON's 32 registers, or SSE-width x86.</summary>
        Vector128,

        /// <summary>Vector512 fused multiply-add, 3 vectors × 8 columns (24×8): 24 of AVX-512's 32 registers hold C.</summary>
        Avx512,
    }

    /// <summary>Which kernels this process can run, and which one it picks.</summary>
    internal static class KernelChoice
    {
        /// <summary>The kernel products use: the widest one the runtime reports as accelerated, chosen once per process.</summary>
        public static readonly KernelKind Best = ChooseBest();

        /// <summary>Whether <paramref name="kind"/> runs here at all (tests force each of these in turn).</summary>
        public static bool CanRun(KernelKind kind)
        {
            switch (kind)
            {
                case KernelKind.MultiplyAdd: return true;
#if NET9_0_OR_GREATER
                case KernelKind.Fused:
                    return System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
                case KernelKind.Vector128:
                    return System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
                case KernelKind.Avx512: return System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
#endif
                default: return false;
            }
        }

        /// <summary>A reader's name for the kernel, with its tile.</summary>
        public static string Describe(KernelKind kind)
        {
            var tile = MicroKernel.TileOf(kind);
            string simd = kind switch
            {
                KernelKind.Avx512 => "AVX-512 (Vector512) FMA",
                KernelKind.Vector128 => "Vector128 FMA",
                KernelKind.Fused => $"Vector<double> ({Vector<double>.Count * 64}-bit) FMA",
                _ => $"Vector<double> ({Vector<double>.Count * 64}-bit) multiply-add",
            };
            return $"{simd}, {tile.Rows}×{tile.Columns} tile";
        }

        /// <summary>The chosen kernel with its blocking and the caches it was fitted to.</summary>
        public static string Report()
            => $"{Describe(Best)}; {CacheBlocking.For(Best)} ({CacheSizes.OfThisMachine()})"
               + (System.Numerics.Vector.IsHardwareAccelerated ? "" : "; no SIMD here, so MathNet's own product runs instead")
               + $"; float: {DescribeSingle(ManagedGemm.SingleKind)}; {CacheBlocking.ForSingle(ManagedGemm.SingleKind)}";

        /// <summary>A reader's name for a float kernel (bodies computed in float), with its tile.</summary>
        public static string DescribeSingle(KernelKind kind)
        {
            var tile = SingleMicroKernel.TileOf(kind);
            string simd = kind switch
            {
                KernelKind.Avx512 => "AVX-512 (Vector512) FMA",
                KernelKind.MultiplyAdd => $"Vector<float> ({Vector<float>.Count * 32}-bit) multiply-add",
                _ => $"Vector<float> ({Vector<float>.Count * 32}-bit) FMA",
            };
            return $"{simd}, {tile.Rows}×{tile.Columns} tile";
        }

        private static KernelKind ChooseBest()
        {
#if NET9_0_OR_GREATER
            // Vector512.IsHardwareAccelerated is false where the runtime knows 512-bit work throttles the core (early
            // Xeons): there the 256-bit kernel is the faster one, as measured on such a Xeon (25 against 33 GFLOP/s).
            if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && CanRun(KernelKind.Avx512)) return KernelKind.Avx512;
            if (System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported) return KernelKind.Vector128;
            if (Vector<double>.Count >= 4 && CanRun(KernelKind.Fused)) return KernelKind.Fused;
#endif
            return KernelKind.MultiplyAdd;
        }
    }
}

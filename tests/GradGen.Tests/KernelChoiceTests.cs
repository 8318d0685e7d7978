using System;
using System.Numerics;
using GradGen.Runtime;
using GradGen.Runtime.Gemm;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// What the runtime picks for this CPU and how it names it: the kernels each instruction set runs, the kernel chosen,
    /// the blocking's panel in L3, the fallback cache sizes and the names GradGenLinearAlgebra.ManagedKernel reports
    /// (from the mutation run of Gemm/KernelKind.cs and Gemm/CacheBlocking.cs, whose survivors these are).
    /// </summary>
    public class KernelChoiceTests
    {
        [Fact]
        public void Each_instruction_set_runs_its_kernels_and_the_widest_accelerated_one_is_chosen()
        {
            Assert.True(KernelChoice.CanRun(KernelKind.MultiplyAdd));
            bool fma = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
            Assert.Equal(fma, KernelChoice.CanRun(KernelKind.Fused));
            Assert.Equal(fma, KernelChoice.CanRun(KernelKind.Vector128));
            Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, KernelChoice.CanRun(KernelKind.Avx512));
            var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && KernelChoice.CanRun(KernelKind.Avx512)
                ? KernelKind.Avx512
                : System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported ? KernelKind.Vector128
                : Vector<double>.Count >= 4 && fma ? KernelKind.Fused
                : KernelKind.MultiplyAdd;
            Assert.Equal(expected, KernelChoice.Best);
        }

        [Fact]
        public void Kernels_are_named_with_their_vectors_and_tiles()
        {
            int bits = Vector<double>.Count * 64, rows = 3 * Vector<double>.Count;
            Assert.Equal("AVX-512 (Vector512) FMA, 24×8 tile", KernelChoice.Describe(KernelKind.Avx512));
            Assert.Equal("Vector128 FMA, 8×4 tile", KernelChoice.Describe(KernelKind.Vector128));
            Assert.Equal($"Vector<double> ({bits}-bit) FMA, {rows}×4 tile", KernelChoice.Describe(KernelKind.Fused));
            Assert.Equal($"Vector<double> ({bits}-bit) multiply-add, {rows}×4 tile", KernelChoice.Describe(KernelKind.MultiplyAdd));
            string report = KernelChoice.Report();
            Assert.StartsWith(KernelChoice.Describe(KernelChoice.Best) + "; KC ", report);
            Assert.Equal(!Vector.IsHardwareAccelerated, report.Contains("no SIMD here"));
            var single = ManagedGemm.SingleKind;
            Assert.EndsWith($"; float: {KernelChoice.DescribeSingle(single)}; {CacheBlocking.ForSingle(single)}", report);
            Assert.Equal("AVX-512 (Vector512) FMA, 48×8 tile", KernelChoice.DescribeSingle(KernelKind.Avx512));
            Assert.Equal($"Vector<float> ({bits}-bit) FMA, {2 * rows}×4 tile", KernelChoice.DescribeSingle(KernelKind.Fused));
            Assert.Equal("KC 256, MC 240, NC 4096", new CacheBlocking(256, 240, 4096).ToString());
            Assert.Equal("L1d 48 KB, L2 1024 KB, L3 32768 KB", new CacheSizes(48 * 1024, 1024 * 1024, 32L * 1024 * 1024).ToString());
        }

        [Fact]
        public void Each_cores_panel_of_B_takes_at_most_its_share_of_half_of_L3()
        {
            var zen4 = new CacheSizes(32 * 1024, 1024 * 1024, 32L * 1024 * 1024);
            foreach (var kind in (KernelKind[])Enum.GetValues(typeof(KernelKind)))
            {
                var b = CacheBlocking.Compute(zen4)[(int)kind];
                Assert.InRange(b.NC, 256, 4096);
                Assert.True(8L * b.KC * b.NC <= zen4.L3 / 2 / Math.Max(1, Environment.ProcessorCount) || b.NC == 256, $"{kind} {b}");
                // The largest panel that fits, to a whole tile (or the 4096 cap).
                Assert.True(b.NC == 4096 || 8L * b.KC * (b.NC + MicroKernel.TileOf(kind).Columns) > zen4.L3 / 2 / Environment.ProcessorCount,
                    $"{kind} {b}");
            }
        }

        [Fact]
        public void Without_a_readable_sysfs_the_caches_are_common_ones()
        {
            // 32 KB L1d, 512 KB L2, 8 MB L3: current x86 and ARM cores, so the blocking still fits where nothing is read.
            Assert.Equal((32L * 1024, 512L * 1024, 8L * 1024 * 1024), (CacheSizes.Typical.L1, CacheSizes.Typical.L2, CacheSizes.Typical.L3));
            Assert.Throws<FormatException>(() => CacheSizes.ParseSize(""));
            string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gradgen-sysfs-" + Guid.NewGuid().ToString("N"));
            try
            {
                // An L2 alone: L1 and L3 fall back (L3 at least L2).
                string folder = System.IO.Path.Combine(root, "index2");
                System.IO.Directory.CreateDirectory(folder);
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "level"), "2\n");
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "type"), "Unified\n");
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "size"), "16384K\n");
                var caches = CacheSizes.ReadFrom(root);
                Assert.Equal((CacheSizes.Typical.L1, 16L * 1024 * 1024, 16L * 1024 * 1024), (caches.L1, caches.L2, caches.L3));
            }
            finally
            {
                System.IO.Directory.Delete(root, true);
            }
        }
    }
}

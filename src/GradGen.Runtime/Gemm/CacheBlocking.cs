using System;
using System.IO;

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// The Goto/BLIS blocking of one kernel on this CPU, from its cache sizes: a KC×NR sliver of packed B stays in half
    /// of L1 (it is read once per MR rows of A), an MC×KC block of packed A in half of L2, a KC×NC panel of B in a
    /// share of L3. Chosen once per process and kernel.
    /// </summary>
    internal readonly struct CacheBlocking
    {
        /// <summary>Depth of a packed panel.</summary>
        public readonly int KC;

        /// <summary>Rows of a packed A block (a multiple of the tile's rows).</summary>
        public readonly int MC;

        /// <summary>Columns of a packed B panel (a multiple of the tile's columns).</summary>
        public readonly int NC;

        internal CacheBlocking(int kc, int mc, int nc) { KC = kc; MC = mc; NC = nc; }

        private static readonly CacheBlocking[] s_byKind = Compute(CacheSizes.OfThisMachine());
        private static readonly CacheBlocking[] s_singleByKind = Compute(CacheSizes.OfThisMachine(), sizeof(float));

        /// <summary>The blocking of a double kernel.</summary>
        public static CacheBlocking For(KernelKind kind) => s_byKind[(int)kind];

        /// <summary>The blocking of a float kernel: its own (taller) tile, and values half the size.</summary>
        public static CacheBlocking ForSingle(KernelKind kind) => s_singleByKind[(int)kind];

        /// <summary>The blocking of every kernel for the given caches (in bytes), for values of <paramref name="bytes"/> each.</summary>
        internal static CacheBlocking[] Compute(CacheSizes caches, int bytes = sizeof(double))
        {
            var kinds = (KernelKind[])Enum.GetValues(typeof(KernelKind));
            var result = new CacheBlocking[kinds.Length];
            foreach (var kind in kinds)
            {
                var tile = bytes == sizeof(double) ? MicroKernel.TileOf(kind) : SingleMicroKernel.TileOf(kind);
                // B's sliver (kc × NR) in half of L1, or in all of it for the 24×8 AVX-512 tile: BLIS's Zen 4 depth of 512,
                // 4–5 % ahead of half (KC 256) at n = 512–1024 on a Zen 4 EPYC, with MC anywhere in 120–240 alike. The
                // narrower tiles keep the rule and the cap (384) they were measured with on Zen 2 and Xeon.
                bool wide = kind == KernelKind.Avx512;
                int kc = RoundDown(Clamp((wide ? caches.L1 : caches.L1 / 2) / (bytes * tile.Columns), 128, wide ? 512 : 384), 32);
                int mc = RoundDown(Clamp(caches.L2 / 2 / (bytes * kc), tile.Rows, 512), tile.Rows);
                // Each core packs its own panel: together they take at most half of L3.
                int nc = RoundDown(Clamp(caches.L3 / 2 / Math.Max(1, Environment.ProcessorCount) / (bytes * kc), 256, 4096), tile.Columns);
                result[(int)kind] = new CacheBlocking(kc, Math.Max(tile.Rows, mc), Math.Max(tile.Columns, nc));
            }
            return result;
        }

        public override string ToString() => $"KC {KC}, MC {MC}, NC {NC}";

        private static int Clamp(long value, int low, int high) => (int)Math.Max(low, Math.Min(high, value));

        private static int RoundDown(int value, int multiple) => Math.Max(multiple, value / multiple * multiple);
    }

    /// <summary>Data cache sizes of one core (L1, L2) and of the chip (L3), in bytes.</summary>
    internal readonly struct CacheSizes
    {
        public readonly long L1, L2, L3;

        public CacheSizes(long l1, long l2, long l3) { L1 = l1; L2 = l2; L3 = l3; }

        /// <summary>Common sizes of current x86 and ARM cores, where the machine does not say.</summary>
        public static readonly CacheSizes Typical = new(32 * 1024, 512 * 1024, 8 * 1024 * 1024);

        /// <summary>
        /// Read once per process from Linux's sysfs (cpu0's caches); <see cref="Typical"/> elsewhere or when it cannot be read.
        /// </summary>
        public static CacheSizes OfThisMachine() => s_here;

        private static readonly CacheSizes s_here = ReadFrom("/sys/devices/system/cpu/cpu0/cache");

        /// <summary>Read from a sysfs cache folder (index0, index1, … each with level, type and size); tests give their own.</summary>
        internal static CacheSizes ReadFrom(string root)
        {
            try
            {
                if (!Directory.Exists(root)) return Typical;
                long l1 = 0, l2 = 0, l3 = 0;
                foreach (var index in Directory.GetDirectories(root, "index*"))
                {
                    string type = File.ReadAllText(Path.Combine(index, "type")).Trim();
                    if (type == "Instruction") continue;
                    int level = int.Parse(File.ReadAllText(Path.Combine(index, "level")).Trim());
                    long size = ParseSize(File.ReadAllText(Path.Combine(index, "size")).Trim());
                    if (level == 1) l1 = size;
                    else if (level == 2) l2 = size;
                    else if (level == 3) l3 = size;
                }
                return new CacheSizes(l1 > 0 ? l1 : Typical.L1, l2 > 0 ? l2 : Typical.L2, l3 > 0 ? l3 : Math.Max(l2, Typical.L3));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException)
            {
                return Typical;
            }
        }

        /// <summary>sysfs sizes read "48K", "1024K", "32768K" (or a plain byte count).</summary>
        internal static long ParseSize(string text)
        {
            long unit = 1;
            char last = text.Length > 0 ? char.ToUpperInvariant(text[text.Length - 1]) : ' ';
            if (last == 'K') unit = 1024;
            else if (last == 'M') unit = 1024 * 1024;
            if (unit != 1) text = text.Substring(0, text.Length - 1);
            return long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) * unit;
        }

        public override string ToString() => $"L1d {L1 / 1024} KB, L2 {L2 / 1024} KB, L3 {L3 / 1024} KB";
    }
}

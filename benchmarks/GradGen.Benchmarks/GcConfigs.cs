using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// The same benchmarks under the default GC and with the large-object threshold raised to 4 MB
    /// (DOTNET_GCLOHThreshold). By default every matrix from 103×103 up is a large object: each temporary
    /// counts towards a gen2 collection. NumPy's temporaries are plain malloc; this shows what that costs.
    /// </summary>
    public sealed class GcConfigs : ManualConfig
    {
        public GcConfigs()
        {
            AddJob(Job.Default.WithId("DefaultGC"));
            AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x400000")).WithId("LOH4MB"));
        }
    }
}

using BenchmarkDotNet.Running;

namespace GradGen.Benchmarks
{
    public static class Program
    {
        // dotnet run -c Release --project benchmarks/GradGen.Benchmarks -- --filter '*CvprGradient*'
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

using System.Linq;
using GradGen.Tests.Support;
using Xunit;
namespace GradGen.Tests.Statements
{
    public class DumpTest
    {
        [Fact]
        public void Dump()
        {
            string d = System.Environment.GetEnvironmentVariable("DUMP") ?? "0";
            string src = d.StartsWith("r") ? "public static partial class D {\n" + RandomPrograms.Create(int.Parse(d.Substring(1))) + "}\n"
                : StatementGradientTests.Source(StatementObjectives.All[int.Parse(d)], "D");
            var run = GeneratorHarness.Run(GeneratorHarness.Usings + src);
            System.IO.File.WriteAllText("/tmp/gen/src.cs", src);
            System.IO.File.WriteAllText("/tmp/gen/out.cs", string.Join("\n", run.Files.Values) + "\n" + string.Join("\n", run.GeneratorDiagnostics.Concat(run.Errors)));
        }
    }
}

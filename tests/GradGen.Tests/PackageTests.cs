using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Tests
{
    /// <summary>
    /// The NuGet package as a user meets it: packed, restored from a local folder feed into a fresh
    /// console project outside the solution, built with warnings as errors, run, and its gradient checked.
    /// </summary>
    public class PackageTests
    {
        private readonly ITestOutputHelper _output;

        public PackageTests(ITestOutputHelper output) => _output = output;

        private const string Program = @"using System;
using GradGen;
using GradGen.Runtime;
using MathNet.Numerics.LinearAlgebra;

var rng = new Random(3);
Matrix<double> R(int m, int n) => Matrix<double>.Build.Dense(m, n, (_, _) => rng.NextDouble() - 0.5);
var (X, A, B, Xu) = (R(5, 4), R(5, 5), R(4, 4), R(5, 4));
var Y = A - X * B * X.Transpose();
var seed = -2 * (Y * X * B.Transpose() + Y.Transpose() * X * B) - Xu;
var numerical = GradientCheck.Numerical(x => Objectives.G(x, A, B, Xu), X);
Console.WriteLine($""seed-error={(Objectives.GradG(X, A, B, Xu) - seed).FrobeniusNorm() / seed.FrobeniusNorm():E3}"");
Console.WriteLine($""fd-error={GradientCheck.RelativeError(Objectives.GradG(X, A, B, Xu), numerical):E3}"");

public static partial class Objectives
{
    [Differentiable]
    public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
    {
        var Y = A - X * B * X.Transpose();
        return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
    }
}
";

        [Fact]
        public void Package_restores_into_a_fresh_console_project_and_computes_the_gradient()
        {
            string root = RepositoryRoot();
            string work = Path.Combine(Path.GetTempPath(), "gradgen-package-" + Guid.NewGuid().ToString("N"));
            string feed = Path.Combine(work, "feed");
            string app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            // A fresh version each run, so that no cached package of an older build is ever used.
            string version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
            try
            {
                Run("dotnet", $"pack \"{Path.Combine(root, "src", "GradGen.Package", "GradGen.Package.csproj")}\" -c Release -o \"{feed}\" -p:Version={version}", root);
                string package = Assert.Single(Directory.GetFiles(feed, $"GradGen.{version}.nupkg"));
                AssertDebuggable(package);

                File.WriteAllText(Path.Combine(app, "nuget.config"),
                    $"<configuration><packageSources><add key=\"gradgen-local\" value=\"{feed}\" /></packageSources></configuration>");
                File.WriteAllText(Path.Combine(app, "App.csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <WarningLevel>9999</WarningLevel>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""GradGen"" Version=""{version}"" />
  </ItemGroup>
</Project>");
                File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

                string output = Run("dotnet", "run -c Release", app);

                double seedError = Value(output, "seed-error=");
                double fdError = Value(output, "fd-error=");
                Assert.True(seedError < 1e-12, output);
                Assert.True(fdError < 1e-6, output);
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            }
        }

        /// <summary>
        /// The libraries carry their XML documentation beside them; their portable PDBs are in the symbol package
        /// (.snupkg), each the one its DLL names (same PDB id), and each lists the library's own source files.
        /// </summary>
        private static void AssertDebuggable(string package)
        {
            string symbols = Path.ChangeExtension(package, ".snupkg");
            Assert.True(File.Exists(symbols), $"no symbol package beside {package}");
            using var zip = System.IO.Compression.ZipFile.OpenRead(package);
            using var symbolZip = System.IO.Compression.ZipFile.OpenRead(symbols);
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
            Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("GradGen.Package"));
            foreach (string tfm in new[] { "netstandard2.0", "net10.0" })
            {
                foreach (var (library, source) in Libraries)
                {
                    Assert.NotNull(zip.GetEntry($"lib/{tfm}/{library}.xml"));
                    var codeView = CodeViewOf(Bytes(zip, $"lib/{tfm}/{library}.dll"));
                    using var pdb = System.Reflection.Metadata.MetadataReaderProvider.FromPortablePdbStream(
                        new MemoryStream(Bytes(symbolZip, $"lib/{tfm}/{library}.pdb")));
                    var reader = pdb.GetMetadataReader();
                    var id = new System.Reflection.Metadata.BlobContentId(reader.DebugMetadataHeader!.Id);
                    Assert.Equal(codeView.Guid, id.Guid);
                    Assert.Equal(codeView.Stamp, id.Stamp);
                    Assert.Contains(reader.Documents,
                        d => reader.GetString(reader.GetDocument(d).Name).EndsWith(source, StringComparison.Ordinal));
                }
            }
            var docs = zip.GetEntry("lib/net10.0/GradGen.Runtime.xml")!;
            using var text = new StreamReader(docs.Open());
            Assert.Contains("M:GradGen.Runtime.ShapeErrors.Mismatch", text.ReadToEnd());
        }

        /// <summary>Each shipped library and one of its source files, which its PDB must list.</summary>
        private static readonly (string Library, string Source)[] Libraries =
            { ("GradGen.Runtime", "ShapeErrors.cs"), ("GradGen.Abstractions", "DifferentiableAttribute.cs") };

        private static (Guid Guid, uint Stamp) CodeViewOf(byte[] dll)
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(dll));
            var entry = Assert.Single(pe.ReadDebugDirectory(),
                d => d.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.CodeView);
            return (pe.ReadCodeViewDebugDirectoryData(entry).Guid, entry.Stamp);
        }

        private static byte[] Bytes(System.IO.Compression.ZipArchive zip, string path)
        {
            var entry = zip.GetEntry(path);
            Assert.True(entry != null, $"{path} is not in the package");
            using var stream = new MemoryStream();
            using (var open = entry!.Open()) open.CopyTo(stream);
            return stream.ToArray();
        }

        private static double Value(string output, string key)
        {
            var line = output.Split('\n').Single(l => l.StartsWith(key, StringComparison.Ordinal));
            return double.Parse(line.Substring(key.Length), System.Globalization.CultureInfo.InvariantCulture);
        }

        private string Run(string file, string arguments, string directory)
        {
            var start = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The test host's MSBuild variables would point a child build at the wrong SDK pieces.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
            {
                start.Environment.Remove(key);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(300_000), $"{file} {arguments} timed out");
            string output = stdout.Result + stderr.Result;
            _output.WriteLine($"$ {file} {arguments}\n{output}");
            Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}:\n{output}");
            return output;
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GradGen.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("GradGen.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

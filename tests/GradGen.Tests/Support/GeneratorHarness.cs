using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using GradGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GradGen.Tests.Support
{
    /// <summary>Runs the real generator on source text, the way the compiler does, and compiles the result.</summary>
    public static class GeneratorHarness
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        {
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
            paths.Add(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location);
            paths.Add(typeof(DifferentiableAttribute).Assembly.Location);
            paths.Add(typeof(GradGen.Runtime.GradientCheck).Assembly.Location);
            return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        });

        /// <summary>The framework, MathNet, GradGen.Abstractions and GradGen.Runtime, as a user's project references them.</summary>
        public static ImmutableArray<MetadataReference> References => s_references.Value;

        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        /// <summary>The usings of a typical user file, for test sources.</summary>
        public const string Usings = "using System;\nusing GradGen;\nusing MathNet.Numerics.LinearAlgebra;\n";

        public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
            "UserAssembly",
            // UTF-8 text, as files on disk are: a PDB records each document's checksum, which needs the encoding.
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(s, System.Text.Encoding.UTF8),
                ParseOptions, path: $"User{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Generates for <paramref name="source"/>; returns the generated files, the generator's diagnostics and the whole compilation's.</summary>
        public static GeneratorRun Run(string source)
        {
            var input = Compilation(source);
            var driver = Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
            var result = driver.GetRunResult();
            var files = result.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString());
            return new GeneratorRun(files, generatorDiagnostics, output.GetDiagnostics(), result, output);
        }
    }

    public sealed record GeneratorRun(
        IReadOnlyDictionary<string, string> Files,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompilationDiagnostics,
        GeneratorDriverRunResult Result,
        Compilation Output)
    {
        public IEnumerable<Diagnostic> Errors => CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

        public string Single() => Files.Values.Single();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace GradGen.Tests.Support
{
    /// <summary>Compiles source through the real generator into an assembly loaded in memory, to call what was generated.</summary>
    public static class InMemoryAssembly
    {
        public static Assembly Build(params string[] sources) => Build(withSymbols: false, sources);

        /// <summary>As <see cref="Build(string[])"/>, with a portable PDB loaded beside it: stack traces carry files and lines.</summary>
        public static Assembly BuildWithSymbols(params string[] sources) => Build(withSymbols: true, sources);

        private static Assembly Build(bool withSymbols, string[] sources)
        {
            var driver = GeneratorHarness.Driver();
            driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(sources), out var output, out var generatorDiagnostics);
            var problems = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", problems.Take(10)));
            }
            using var stream = new MemoryStream();
            using var pdb = new MemoryStream();
            var emitted = withSymbols
                ? output.Emit(stream, pdb, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(
                    debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb))
                : output.Emit(stream);
            if (!emitted.Success) throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Take(10)));
            stream.Position = 0;
            pdb.Position = 0;
            var context = new AssemblyLoadContext("GradGen.Tests.Generated", isCollectible: true);
            return withSymbols ? context.LoadFromStream(stream, pdb) : context.LoadFromStream(stream);
        }

        /// <summary>Compiles <paramref name="members"/> as the body of <c>public static partial class {className}</c>, with the usual usings.</summary>
        public static Assembly BuildClass(string className, IEnumerable<string> members)
            => Build(GeneratorHarness.Usings + "using System.Linq;\n" + $"public static partial class {className}\n{{\n" + string.Join("\n", members) + "}\n");

        public static Func<object?[], object?> Static(this Assembly assembly, string type, string method)
        {
            var info = assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException(type, method);
            return args => info.Invoke(null, args);
        }
    }
}

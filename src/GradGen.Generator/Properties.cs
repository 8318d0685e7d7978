using System.Runtime.CompilerServices;

// The descriptor tests walk every operation (Ir/Operations) without going through a compilation.
[assembly: InternalsVisibleTo("GradGen.Tests")]

using System.Runtime.CompilerServices;

// The product kernel's tests call it directly, whatever provider another test has switched to.
[assembly: InternalsVisibleTo("GradGen.Tests")]

// The kernel benchmark forces each product kernel in turn, beside OpenBLAS.
[assembly: InternalsVisibleTo("GradGen.Benchmarks")]

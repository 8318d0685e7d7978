using System.Linq;
using BenchmarkDotNet.Attributes;
using GradGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GradGen.Benchmarks
{
    /// <summary>The generator itself: one full run on a 20-line objective (parse of the model, derivation, emission).</summary>
    [MemoryDiagnoser]
    public class GeneratorRun
    {
        private const string Source = @"
using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;
public static partial class Objectives
{
    [Differentiable(nameof(X), nameof(b))]
    public static double F(Matrix<double> X, Vector<double> b, Matrix<double> A, Matrix<double> B, Matrix<double> Xu, Vector<double> y, double lambda)
    {
        var Y = A - X * B * X.Transpose();
        var P = X.PointwiseTanh();
        var r = X * b - y;
        var S = X.TransposeThisAndMultiply(X) + Matrix<double>.Build.DenseIdentity(X.ColumnCount);
        var quadratic = Math.Pow(Y.FrobeniusNorm(), 2);
        var unary = (Xu.Transpose() * X).Trace();
        var smooth = P.PointwiseMultiply(P).ColumnSums().Sum();
        var fit = r.DotProduct(r);
        var logdet = Math.Log(S.Determinant());
        var barrier = S.Solve(X.Transpose()).Trace();
        var kron = X.KroneckerProduct(B).Trace();
        var weights = b.PointwiseExp().Sum();
        var norm = Math.Sqrt(1 + Math.Pow(b.L2Norm(), 2));
        var mixed = (X.Transpose() * Y * X).Diagonal().Sum();
        var sig = 1 / (1 + Math.Exp(-lambda * unary));
        return quadratic - unary + lambda * (smooth + fit) + logdet + barrier + kron + weights + norm + mixed + sig;
    }
}";

        private CSharpCompilation _compilation = null!;

        [GlobalSetup]
        public void Setup() => _compilation = GeneratorInput.Compile(Source);

        [Benchmark]
        public int RunGenerator() => GeneratorInput.Run(_compilation);
    }

    /// <summary>
    /// Generation time against the method's length: the long chain of the tests (products, Hadamard
    /// products, tanh, transposes of earlier statements) at 10, 100 and 300 statements. Linear means
    /// ≈3× per 3× statements (it was exponential: ≈14 s at 60 statements, unfinished after 10 min at 80).
    /// </summary>
    [MemoryDiagnoser]
    public class GeneratorLongMethod
    {
        [Params(10, 100, 300)]
        public int Statements { get; set; }

        private CSharpCompilation _compilation = null!;

        [GlobalSetup]
        public void Setup()
            => _compilation = GeneratorInput.Compile("using System;\nusing GradGen;\nusing MathNet.Numerics.LinearAlgebra;\n" + GradGen.Tests.Support.LongObjectives.Chain(Statements));

        [Benchmark]
        public int RunGenerator() => GeneratorInput.Run(_compilation);
    }

    internal static class GeneratorInput
    {
        public static CSharpCompilation Compile(string source)
        {
            var references = ((string)System.AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
                .Append(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location)
                .Append(typeof(DifferentiableAttribute).Assembly.Location)
                .Distinct().Select(p => MetadataReference.CreateFromFile(p));
            var compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            // Measure the real path: the objective must generate, with no diagnostics.
            var result = CSharpGeneratorDriver.Create(new DifferentiableGenerator()).RunGenerators(compilation).GetRunResult();
            if (result.GeneratedTrees.Length != 1 || !result.Diagnostics.IsEmpty)
            {
                throw new System.InvalidOperationException("The benchmark objective did not generate: " + string.Join("; ", result.Diagnostics));
            }
            return compilation;
        }

        /// <summary>One full run of a fresh driver: the method's model, derivation and emission.</summary>
        public static int Run(CSharpCompilation compilation)
            => CSharpGeneratorDriver.Create(new DifferentiableGenerator()).RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;
    }
}

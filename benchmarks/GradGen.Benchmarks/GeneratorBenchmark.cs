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
        public void Setup()
        {
            var references = ((string)System.AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
                .Append(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location)
                .Append(typeof(DifferentiableAttribute).Assembly.Location)
                .Distinct().Select(p => MetadataReference.CreateFromFile(p));
            _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(Source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            // Measure the real path: the objective must generate, with no diagnostics.
            var result = CSharpGeneratorDriver.Create(new DifferentiableGenerator()).RunGenerators(_compilation).GetRunResult();
            if (result.GeneratedTrees.Length != 1 || !result.Diagnostics.IsEmpty)
            {
                throw new System.InvalidOperationException("The benchmark objective did not generate: " + string.Join("; ", result.Diagnostics));
            }
        }

        [Benchmark]
        public int RunGenerator()
        {
            var driver = CSharpGeneratorDriver.Create(new DifferentiableGenerator()).RunGenerators(_compilation);
            return driver.GetRunResult().GeneratedTrees.Length;
        }
    }
}

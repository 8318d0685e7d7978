using System.Collections;
using System.Linq;
using System.Reflection;
using GradGen.Generator;
using GradGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The pipeline caches: an unrelated edit re-runs nothing downstream of the transform, and
    /// no step output holds a symbol, syntax node, compilation or location.
    /// </summary>
    public class IncrementalTests
    {
        private const string Objective = @"
using System;
using GradGen;
using MathNet.Numerics.LinearAlgebra;
public static partial class Objectives
{
    [Differentiable]
    public static double G(Matrix<double> X, Matrix<double> A, Matrix<double> B, Matrix<double> Xu)
    {
        var Y = A - X * B * X.Transpose();
        return Math.Pow(Y.FrobeniusNorm(), 2) - (Xu.Transpose() * X).Trace();
    }
}";

        [Fact]
        public void Unrelated_edit_leaves_tracked_steps_cached()
        {
            var compilation = GeneratorHarness.Compilation(Objective, "public class Unrelated { public int A = 1; }");
            var driver = GeneratorHarness.Driver().RunGenerators(compilation);

            var edited = compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.Last(),
                CSharpSyntaxTree.ParseText("public class Unrelated { public int A = 2; public int B = 3; }", GeneratorHarness.ParseOptions, path: "User1.cs"));
            var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

            foreach (var name in new[] { TrackingNames.Methods, TrackingNames.Models })
            {
                var steps = second.TrackedSteps[name];
                Assert.NotEmpty(steps);
                Assert.All(steps.SelectMany(s => s.Outputs), o => Assert.True(
                    o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{name} was {o.Reason}"));
            }
            Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
                o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        [Fact]
        public void Edit_of_the_objective_regenerates()
        {
            var compilation = GeneratorHarness.Compilation(Objective);
            var driver = GeneratorHarness.Driver().RunGenerators(compilation);
            var edited = compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.Single(),
                CSharpSyntaxTree.ParseText(Objective.Replace("Math.Pow(Y.FrobeniusNorm(), 2)", "Math.Pow(Y.FrobeniusNorm(), 3)"), GeneratorHarness.ParseOptions, path: "User0.cs"));

            var second = driver.RunGenerators(edited).GetRunResult();

            Assert.Contains(second.Results.Single().TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Contains("‖Y‖_F³", second.GeneratedTrees.Single().ToString());
        }

        [Fact]
        public void Step_outputs_hold_no_compiler_objects()
        {
            var driver = GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(Objective));
            var result = driver.GetRunResult().Results.Single();
            foreach (var step in result.TrackedSteps.Where(s => s.Key is TrackingNames.Methods or TrackingNames.Models).SelectMany(s => s.Value))
            {
                foreach (var (value, _) in step.Outputs) AssertNoCompilerObjects(value, depth: 0);
            }
        }

        /// <summary>Walks the object graph of a step output (records, arrays, tuples) and rejects Roslyn objects.</summary>
        private static void AssertNoCompilerObjects(object? value, int depth)
        {
            if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
            Assert.False(value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel, $"pipeline output holds a {value.GetType().Name}");
            if (value is IEnumerable items)
            {
                foreach (var item in items) AssertNoCompilerObjects(item, depth + 1);
                return;
            }
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                AssertNoCompilerObjects(property.GetValue(value), depth + 1);
            }
        }
    }
}

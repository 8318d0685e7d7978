using System;
using System.Linq;
using GradGen.Generator;
using GradGen.Generator.Calculus;
using GradGen.Generator.Emit;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using GradGen.Tests.Support;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>The stages run one way: Lower yields a value model, Derive a frozen graph, Emit text from both.</summary>
    public class StageTests
    {
        private const string Source = GeneratorHarness.Usings + @"
public static partial class Stages
{
    [Differentiable]
    public static Matrix<double> F(Matrix<double> X, Matrix<double> A, Matrix<double> B) => A * X.PointwiseExp() * B;
}";

        private static (MethodModel Model, string Generated) Lower()
        {
            var run = GeneratorHarness.Run(Source);
            var step = run.Result.Results.Single().TrackedSteps[TrackingNames.Models].Single();
            return ((MethodModel)step.Outputs.Single().Value, run.Single());
        }

        [Fact]
        public void The_derivation_is_frozen_after_Derive()
        {
            var (model, _) = Lower();
            var derivation = Derivation.Of(model);
            int count = derivation.Graph.Nodes.Count;
            // Finding a node that exists still works; adding one is a bug in a later stage, and throws.
            Assert.Equal(0, derivation.Graph.Add(derivation.Graph[0]));
            Assert.Throws<InvalidOperationException>(() => derivation.Graph.Add(Node.Leaf(Op.Param, ValueKind.Matrix, "Fresh")));
            Assert.Equal(count, derivation.Graph.Nodes.Count);
        }

        [Fact]
        public void Emit_writes_the_same_text_from_the_same_derivation_and_adds_no_node()
        {
            var (model, generated) = Lower();
            var derivation = Derivation.Of(model);
            int count = derivation.Graph.Nodes.Count;
            // The Jacobian's Kronecker form is found while deriving (it used to add its transposes while writing).
            Assert.NotNull(derivation.Kronecker);
            Assert.Contains("with J = (Bᵀ ⊗ I)·(I ⊗ A)·diag(vec exp(X))\n", generated);
            Assert.Equal(generated, GradientEmitter.Emit(model, derivation));
            Assert.Equal(generated, GradientEmitter.Emit(model, derivation));
            Assert.Equal(count, derivation.Graph.Nodes.Count);
        }
    }
}

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
            Assert.Equal(new NodeId(0), derivation.Graph.Add(derivation.Graph[new NodeId(0)]));
            Assert.Throws<InvalidOperationException>(() => derivation.Graph.Add(Node.Leaf(Op.Param, ValueKind.Matrix, "Fresh")));
            Assert.Equal(count, derivation.Graph.Nodes.Count);
        }

        [Fact]
        public void The_IR_builders_speak_in_node_ids_not_ints()
        {
            // An int where a node is meant (a size, a count, an axis) compiled before ids had a type; now it cannot.
            const System.Reflection.BindingFlags declared = System.Reflection.BindingFlags.Public
                | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly;
            var builders = typeof(IrBuilder).GetMethods(declared).Concat(typeof(Generator.Simplify.AlgebraBuilder).GetMethods(declared))
                .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object)).ToList();
            Assert.True(builders.Count > 60, $"only {builders.Count} builder methods found");
            var untyped = builders.Where(m => m.ReturnType == typeof(int)
                || m.GetParameters().Any(p => p.ParameterType == typeof(int) && p.Name != "item")).Select(m => m.Name).ToList();
            Assert.Empty(untyped);
            Assert.All(builders.Where(m => m.Name is "MatMul" or "Add" or "Transpose" or "Solve"),
                m => Assert.Equal(typeof(NodeId), m.ReturnType));
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

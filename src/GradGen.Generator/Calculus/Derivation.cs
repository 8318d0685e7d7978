using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Calculus
{
    /// <summary>
    /// The forward graph of a method extended with its gradient nodes.
    /// Nodes below <see cref="ForwardCount"/> are the objective as written; the rest are derivative.
    /// </summary>
    public sealed class Derivation
    {
        private Derivation(GraphBuilder graph, int forwardCount, int value, int[] gradients)
        {
            Graph = graph;
            ForwardCount = forwardCount;
            Value = value;
            Gradients = gradients;
        }

        public GraphBuilder Graph { get; }
        public int ForwardCount { get; }
        public int Value { get; }
        public IReadOnlyList<int> Gradients { get; }

        public static Derivation Of(MethodModel model)
        {
            var graph = new GraphBuilder(model.Nodes);
            int forwardCount = graph.Nodes.Count;
            var ir = new AlgebraBuilder(graph);
            var wrt = model.Wrt.Select(name => ir.Param(name, model.Parameters.First(p => p.Name == name).Kind)).ToList();
            var gradients = ReverseMode.Gradient(ir, model.Output, wrt);
            return new Derivation(graph, forwardCount, model.Output, gradients);
        }
    }
}

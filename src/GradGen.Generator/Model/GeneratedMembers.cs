using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// The members generated for one [Differentiable] method F, by name: the parser checks the names
    /// are free in the type, the emitter writes them. One list, so the two cannot drift apart.
    /// </summary>
    public static class GeneratedMembers
    {
        /// <summary>
        /// GradFInto and ValueAndGradFInto write the gradient into caller-owned matrices (no result
        /// allocation in a loop). They exist when every wrt parameter is a matrix or a vector: a double
        /// cannot be written into.
        /// </summary>
        public static bool WritesInto(ValueKind returnKind, IEnumerable<ValueKind> wrtKinds)
            => returnKind == ValueKind.Scalar && wrtKinds.All(k => k != ValueKind.Scalar);

        public static IReadOnlyList<string> Names(string method, ValueKind returnKind, int order, bool writesInto)
        {
            var names = returnKind == ValueKind.Scalar
                ? new List<string> { "Grad" + method, "ValueAndGrad" + method }
                : new List<string> { "Jacobian" + method, "Jvp" + method, "Vjp" + method };
            if (writesInto) names.AddRange(new[] { "Grad" + method + "Into", "ValueAndGrad" + method + "Into" });
            if (order == 2) names.AddRange(new[] { "Hvp" + method, "Hessian" + method });
            return names;
        }
    }
}

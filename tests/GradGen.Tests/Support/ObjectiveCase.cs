using System;
using System.Linq;

namespace GradGen.Tests.Support
{
    /// <summary>
    /// One objective of a test catalogue: a method named F (its wrt parameters first, WrtCount of them), and how to draw its
    /// arguments; <see cref="Source"/> wraps it, with its [Differentiable] attribute, in a class of its own.
    /// </summary>
    public sealed record ObjectiveCase(string Name, string Method, Func<RandomMatrices, object[]> Draw, int WrtCount = 1)
    {
        public string Source(string className)
        {
            var parameters = Method.Substring(Method.IndexOf('(') + 1).Split(')')[0].Split(',')
                .Select(p => p.Trim().Split(' ').Last()).ToList();
            string attribute = WrtCount == 1 ? "[Differentiable]"
                : $"[Differentiable({string.Join(", ", parameters.Take(WrtCount).Select(p => $"nameof({p})"))})]";
            return $"public static partial class {className}\n{{\n    {attribute}\n    public static {Method}\n}}\n";
        }
    }
}

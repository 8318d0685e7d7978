using System;

namespace GradGen
{
    /// <summary>
    /// Declares a matrix parameter, field or property of a [Differentiable] method symmetric (Aᵀ = A).
    /// GradGen then simplifies with it (for the CVPR objective with symmetric A and B, the gradient
    /// needs 3 matrix products instead of 5), and the generated methods check it in Debug builds.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class SymmetricAttribute : Attribute
    {
    }
}

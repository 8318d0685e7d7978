using System;

namespace GradGen
{
    /// <summary>
    /// Marks a method whose gradient GradGen generates at compile time.
    /// With no names the method is differentiated with respect to its first parameter;
    /// otherwise with respect to the named parameters, in the given order.
    /// Every other parameter, field, property and constant is held fixed.
    /// </summary>
    /// <remarks>
    /// For <c>double F(Matrix&lt;double&gt; X, ...)</c> the generator adds <c>GradF(...)</c>
    /// and <c>ValueAndGradF(...)</c> to the same partial type.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
        public DifferentiableAttribute(params string[] wrt)
        {
            Wrt = wrt ?? Array.Empty<string>();
        }

        /// <summary>The parameters to differentiate with respect to (empty: the first parameter).</summary>
        public string[] Wrt { get; }

        /// <summary>
        /// 2 also generates <c>HvpF(..., V)</c> (the Hessian applied to V) and <c>HessianF(...)</c> for a
        /// scalar F of one parameter. Opt-in, so that first-order users pay no compile time or code size.
        /// </summary>
        public int Order { get; set; } = 1;

        /// <summary>
        /// For a body with loops: keep the loop's state every k iterations instead of every value each iteration
        /// overwrites, and recompute one segment of k iterations at a time in the reverse pass (about one more forward
        /// pass of work; T/k states and one segment's values stored, so k ≈ √T stores O(√T)). 0, the default, keeps all.
        /// </summary>
        public int CheckpointEvery { get; set; }

        /// <summary>
        /// For a method written in float: compute its gradient in float throughout, its products on GradGen's sgemm (twice the
        /// lanes of double), as the method itself computes. Without it (the default) the gradient is computed in double and
        /// rounded to float once. Bodies that call something with no float kernel yet stay in double; the generated file says so.
        /// </summary>
        public bool ComputeInFloat { get; set; }
    }
}

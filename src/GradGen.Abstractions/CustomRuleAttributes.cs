using System;

namespace GradGen
{
    /// <summary>
    /// Marks a static method as the reverse-mode rule (vector-Jacobian product) of a function F that GradGen must not
    /// look into (native code, an iterative solver, a numerically better formula). A [Differentiable] method that calls
    /// F then calls this rule in its gradient and VJP instead of differentiating F's body.
    /// </summary>
    /// <remarks>
    /// The rule lives in F's type and takes F's parameters, then <c>result</c> (F's value) and <c>resultBar</c> (its adjoint),
    /// both of F's return type. It returns the adjoint of each differentiable parameter of F (double, Vector&lt;double&gt;,
    /// Matrix&lt;double&gt;; int parameters are held fixed): one value, or a tuple in parameter order.
    /// <code>
    /// static double LogSumExp(Vector&lt;double&gt; x) { ... }
    /// [VjpOf(nameof(LogSumExp))]
    /// static Vector&lt;double&gt; LogSumExpVjp(Vector&lt;double&gt; x, double result, double resultBar)
    ///     =&gt; resultBar * (x - result).PointwiseExp();
    /// </code>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class VjpOfAttribute : Attribute
    {
        /// <param name="function">The name of F, as <c>nameof(F)</c>.</param>
        public VjpOfAttribute(string function) => Function = function;

        /// <summary>The name of the function this is the rule of.</summary>
        public string Function { get; }
    }

    /// <summary>
    /// Marks a static method as the forward-mode rule (Jacobian-vector product) of a function F that GradGen must not look
    /// into: a [Differentiable] method that calls F then calls this rule in its JVP and Jacobian.
    /// </summary>
    /// <remarks>
    /// The rule lives in F's type and takes F's parameters, then one tangent per differentiable parameter (double,
    /// Vector&lt;double&gt;, Matrix&lt;double&gt;, in parameter order), and returns the tangent of F's result.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class JvpOfAttribute : Attribute
    {
        /// <param name="function">The name of F, as <c>nameof(F)</c>.</param>
        public JvpOfAttribute(string function) => Function = function;

        /// <summary>The name of the function this is the rule of.</summary>
        public string Function { get; }
    }
}

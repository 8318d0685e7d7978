namespace GradGen.Generator.Ir
{
    /// <summary>The elementwise functions σ of <see cref="Op.Map"/> (Node.Function).</summary>
    public enum Elementwise
    {
        Exp,
        Log,
        Tanh,
        Sin,
        Cos,
        Sqrt,
        Abs,
        Tan,
        Atan,
        Asin,
        Acos,
        Sinh,
        Cosh,
        Log10,
        Cbrt,    // the real cube root (Math.Cbrt), negative for negative x
        Pow,     // x^k, k in Node.Value
        Relu,    // max(x, 0)
        Sign,    // σ' of abs (a subgradient: 0 at 0)
        Step,    // σ' of relu: 1 where x > 0, else 0 (a subgradient at 0)
    }

    public static class ElementwiseNames
    {
        /// <summary>The function as the derivation comment and local names write it: exp, log10, relu.</summary>
        public static string Symbol(this Elementwise function) => function.ToString().ToLowerInvariant();
    }
}

namespace GradGen.Generator.Ir
{
    /// <summary>The elementwise functions σ of <see cref="Op.Map"/>, by name.</summary>
    public static class Elementwise
    {
        public const string Exp = "exp";
        public const string Log = "log";
        public const string Tanh = "tanh";
        public const string Sin = "sin";
        public const string Cos = "cos";
        public const string Sqrt = "sqrt";
        public const string Abs = "abs";
        public const string Tan = "tan";
        public const string Atan = "atan";
        public const string Asin = "asin";
        public const string Acos = "acos";
        public const string Sinh = "sinh";
        public const string Cosh = "cosh";
        public const string Log10 = "log10";
        public const string Cbrt = "cbrt";    // the real cube root (Math.Cbrt), negative for negative x
        public const string Pow = "pow";      // x^k, k in Node.Value
        public const string Relu = "relu";    // max(x, 0)
        public const string Sign = "sign";    // σ' of abs (a subgradient: 0 at 0)
        public const string Step = "step";    // σ' of relu: 1 where x > 0, else 0 (a subgradient at 0)
    }
}

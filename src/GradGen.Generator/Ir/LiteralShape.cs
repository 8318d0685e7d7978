namespace GradGen.Generator.Ir
{
    /// <summary>
    /// The sizes a MathNet builder call writes as literals (Matrix&lt;double&gt;.Build.Dense(2, 3), DenseIdentity(n)): its rows,
    /// and its columns where they are a literal too (null where they are not, and for a vector, which has none).
    /// </summary>
    public readonly record struct LiteralShape(int Rows, int? Columns, bool IsVector);
}

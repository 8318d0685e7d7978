namespace GradGen.Generator.Ir
{
    /// <summary>The part of a matrix that MathNet's LowerTriangle() and kin keep (the Value of an Op.Triangle node).</summary>
    public enum Triangle
    {
        Lower,          // LowerTriangle(): the diagonal and below
        StrictlyLower,  // StrictlyLowerTriangle()
        Upper,          // UpperTriangle(): the diagonal and above
        StrictlyUpper,  // StrictlyUpperTriangle()
    }
}

namespace GradGen.Generator.Model
{
    /// <summary>
    /// The floating-point type a [Differentiable] method is written in. The IR and the rules do not depend on it: a
    /// Single method is derived as real-number mathematics like any other, its gradient computed in double by the same
    /// code and rounded to float once at the boundary (the float facade, Emit/SinglePrecisionFacade.cs).
    /// </summary>
    public enum Precision
    {
        Double,
        Single,
    }
}

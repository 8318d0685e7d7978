using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// The product of all entries, p = Π xₖ (what Aggregate(1.0, (p, v) => p * v) folds), with dp = ⟨O(x), dx⟩ where
    /// O(x)ᵢ = Π_{k≠i} xₖ: the products of the others, taken from prefix and suffix products in the runtime, so a zero entry
    /// gives the right (finite) derivative where p / xᵢ would divide by zero.
    /// </summary>
    internal static class EntryProducts
    {
        public static Operation[] All => new[] { EntryProduct, ProductsOfOthers, ProductsOfOthersTangent };

        /// <summary>Π xₖ over a vector's or a matrix's entries.</summary>
        public static readonly Operation EntryProduct = new(Op.EntryProduct)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.Inner(r.Ir.ProductsOfOthers(r.A), r.DA)),
            Adjoint = static r => new[] { r.Ir.Times(r.Bar, r.Ir.ProductsOfOthers(r.A)) },   // x̄ = p̄ O(x)
            Shape = static (s, n) => Shaped.Check(null),
            Notation = static (t, n) => ($"Π{t.Arg(n, 0)}", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.ProductOfEntries({w.Text(n.Args[0])})", Primary),
        };

        /// <summary>O(x)ᵢ = Π_{k≠i} xₖ, shaped like x.</summary>
        public static readonly Operation ProductsOfOthers = new(Op.ProductsOfOthers)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => r.If(r.DA, () => r.Ir.ProductsOfOthersTangent(r.A, r.DA)),
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0])),
            Notation = static (t, n) => ($"Π₋({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.ProductsOfOthers({w.Text(n.Args[0])})", Primary),
        };

        /// <summary>dO(x)ᵢ along dx: Σ_{j≠i} dxⱼ Π_{k≠i,j} xₖ, from the prefix and suffix products' differentials.</summary>
        public static readonly Operation ProductsOfOthersTangent = new(Op.ProductsOfOthersTangent)
        {
            SizeFrom = Operation.LikeFirst,
            Tangent = static r => throw new System.NotSupportedException("third derivatives of a product are not taken"),
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]),
                s.SameShape(n.Args[0], n.Args[1], "the product's entries and their tangent")),
            Notation = static (t, n) => ($"dΠ₋({t.Text(n.Args[0])}; {t.Text(n.Args[1])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.ProductsOfOthersTangent({w.Text(n.Args[0])}, {w.Text(n.Args[1])})", Primary),
        };
    }
}

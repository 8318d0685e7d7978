namespace GradGen.Generator.Ir
{
    /// <summary>The kinds of IR node. Each has one adjoint rule in <c>Calculus/Rules.cs</c>.</summary>
    public enum Op
    {
        // Leaves
        Param,      // a parameter of the method (Name)
        Member,     // a field, property or constant of the containing type, held fixed (Name is its C# text)
        Const,      // a scalar literal (Value)
        Identity,   // I, square, sized by Args[0] (Axis: 0 = rows, 1 = columns of that node)
        Ones,       // 𝟙 sized like Args[0]: a matrix (Axis 2) or a vector of its rows (0) / columns (1)
        Zero,       // 0 shaped like Args[0]

        // Linear
        Add,        // A + B
        Sub,        // A − B
        Neg,        // −A
        Scale,      // s·A (Args: scalar s, A)
        Transpose,  // Aᵀ
        Trace,      // tr(A)
        ColumnSums, // 𝟙ᵀA as a vector
        RowSums,    // A𝟙
        Sum,        // Σᵢ vᵢ of a vector

        // Products
        Mul,        // scalar a·b
        Div,        // scalar a / b
        MatMul,     // A B
        Hadamard,   // A ∘ B
        Outer,      // u vᵀ
        Inner,      // ⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ

        // Nonlinear
        Pow,        // aᵏ for a scalar a and constant k (Value)
        FrobeniusNorm, // ‖A‖_F
    }

    /// <summary>What a node's value is at run time.</summary>
    public enum ValueKind
    {
        Scalar,
        Vector,
        Matrix,
    }
}

namespace GradGen.Generator.Ir
{
    /// <summary>The kinds of IR node. Each has one adjoint rule in <c>Calculus/Rules.cs</c>.</summary>
    public enum Op
    {
        // Leaves
        Param,      // a parameter of the method (Name)
        Member,     // a field, property or constant of the containing type, held fixed (Name is its C# text)
        Const,      // a scalar literal (Value)
        Identity,   // I, square, sized by Args[0] (Axis: the rows or the columns of that node)
        Ones,       // 𝟙 sized like Args[0]: a matrix (Axis: Like) or a vector of its rows (Rows) / columns (Columns)
        Zero,       // 0 shaped like Args[0]
        Opaque,     // an expression that does not depend on the wrt parameters, emitted as written (Name; Args: the locals it reads)

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
        AddScalar,  // A + s𝟙 (Args: s, A)
        Diagonal,   // diag(A), the vector of diagonal entries
        DiagMatrix, // Diag(v), shaped like Args[1] when given, else square
        AsColumn,   // v as an n×1 matrix
        AsRow,      // vᵀ as a 1×n matrix
        ColumnOf,   // column j of a matrix, as a vector (Args: M, j)
        RowOf,      // row i of a matrix, as a vector (Args: M, i)
        PlaceColumn, // the matrix shaped like Args[2] that is v in column j and 0 elsewhere: v e_jᵀ (Args: v, j, like)
        PlaceRow,   // e_i vᵀ shaped like Args[2] (Args: v, i, like)
        Element,    // Aᵢⱼ or vᵢ, a scalar (Args: A, i, j or v, i)
        IndexOf,    // an int index chosen from a vector's entries (Name: MaximumIndex, MinimumIndex, …), held fixed
        PlaceElement, // s e_i e_jᵀ (or s e_i) shaped like the last argument (Args: s, i, j, like or s, i, like)
        SubMatrix,  // A[i:i+r, j:j+c] (Args: A, i, r, j, c) or v[i:i+n] (Args: v, i, n)
        PlaceBlock, // a block placed into zeros shaped like the last argument (Args: B, i, r, j, c, like or b, i, n, like)
        Append,     // [A B]
        Stack,      // [A; B]
        Dimension,  // the rows, columns or length (Axis) of Args[0], an int read at run time
        IndexGrid,  // the row (Axis: Rows) or column indices of every entry of a matrix shaped like Args[0], or 0…n−1 (Axis: Like)

        // Products
        Mul,        // scalar a·b
        Div,        // scalar a / b
        MatMul,     // A B
        Hadamard,   // A ∘ B
        Outer,      // u vᵀ
        Inner,      // ⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ
        PointwiseDivide, // A ⊘ B
        DivScalar,  // A / s
        ScalarDivide, // s ⊘ A, elementwise
        Kronecker,  // A ⊗ B
        KroneckerAdjointLeft,  // Ā of C = A ⊗ B: Āᵢⱼ = ⟨C̄ block ij, B⟩ (Args: C̄, B)
        KroneckerAdjointRight, // B̄ of C = A ⊗ B: B̄ = Σᵢⱼ Aᵢⱼ C̄ block ij (Args: C̄, A)
        Solve,      // A⁻¹B by an LU factorisation, never an explicit inverse
        LeastSquares, // A⁺B = argmin ‖A X − B‖_F by A.QR().Solve(B) (A tall, full column rank)

        // Nonlinear
        Pow,        // aᵏ for a scalar a and constant k (Value)
        FrobeniusNorm, // ‖A‖_F (‖v‖₂ for a vector)
        ReciprocalOrZero, // 1/x, and 0 where x = 0: ‖A‖'s rules (the subgradient 0 at A = 0)
        PowerOf,    // a^p or A^∘p with a value p, not a constant (Args: a, p)
        Map,        // σ(A) elementwise, σ in Function (see Elementwise); Value is the exponent of Pow
        Inverse,    // A⁻¹
        Adjugate,   // adj A = |A| A⁻¹, finite where A is singular too (the gradient of |A| is its transpose)
        Det,        // |A|
        LogDet,     // log|A|, from the LU factorisation (no overflow)

        // Cholesky
        PositiveDefinite, // S as S.Cholesky() reads it, symmetric positive definite: its value is S's; operations on it use S = L Lᵀ
        CholeskyFactor, // L of S = L Lᵀ (Args: a PositiveDefinite node)
        LowerHalf,  // Φ(A): the lower triangle of A with its diagonal halved (the Cholesky factor's rules)

        // Spectral
        Eigenvalues, // λ of a symmetric S, ascending (S.Evd().EigenValues.Real())
        Eigenvectors, // V of S = V Λ Vᵀ (S.Evd().EigenVectors)
        InverseGaps, // Fᵢⱼ = 1/(λⱼ − λᵢ), 0 on the diagonal and at repeated eigenvalues (Args: λ): the eigenvectors' rules
        SingularValues, // σ of A, descending (A.Svd().S)
        LeftSingular, // U of A's thin SVD (derivatives of σ)
        RightSingular, // V of A's thin SVD (derivatives of σ)
        SvdU,       // U of A.Svd() as MathNet gives it (m × m), differentiated where A determines all of it: m ≤ n
        SvdV,       // V of A.Svd() (n × n, the user's VT transposed), differentiated where A determines all of it: m ≥ n
        QrQ,        // Q of A's thin QR, A = Q R with A m × n, m ≥ n (A.QR(QRMethod.Thin).Q; A.QR().Q of a square A)
        QrR,        // R of A's thin QR, n × n upper triangular
        Square,     // A, checked square at run time: the operand of A.QR()'s full Q and R, which only a square A determines
        GramSchmidtQ, // Q of A.GramSchmidt(): the thin QR by modified Gram–Schmidt (R's diagonal positive)
        GramSchmidtR, // R of A.GramSchmidt()
        LuL,        // L of A.LU(): P A = L U, L unit lower triangular (P A's row pivots, locally constant)
        LuU,        // U of A.LU(), upper triangular
        Pivot,      // P X (Value 0) or Pᵀ X (Value 1), P the row permutation of A.LU() (Args: A, X; no derivative in A)
        Triangle,   // a triangle of A (Value: a Triangle part): LowerTriangle(), StrictlyLowerTriangle(), UpperTriangle(), …
        EntryProduct, // Π of all entries of a vector or matrix (Aggregate(1.0, (p, v) => p * v))
        ProductsOfOthers, // each entry replaced by the product of all the others (its derivative weights; zeros allowed)
        ProductsOfOthersTangent, // d of ProductsOfOthers(Args[0]) along Args[1] (second order through a product)

        // Custom rules
        Call,       // F(args) of a user's function with [VjpOf]/[JvpOf] rules, not looked into (Name: F; its rules: Model.CustomRuleModel)
        RuleCall,   // a call of one of those rules (Name: the rule; Item: the tuple item read, 0 for a single value)
        Cotangent,  // F̄ in a VJP rule's body lowered in place (Order = 2): a leaf shaped like the call Args[0], replaced by its adjoint
    }

    /// <summary>What a node's value is at run time.</summary>
    public enum ValueKind
    {
        Scalar,
        Vector,
        Matrix,
    }
}

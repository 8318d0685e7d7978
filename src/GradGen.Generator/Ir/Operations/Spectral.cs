using GradGen.Generator.Emit;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>
    /// The symmetric eigendecomposition S = V Λ Vᵀ (S.Evd(), eigenvalues ascending as MathNet's) and the singular values
    /// of A = U Σ Vᵀ (A.Svd().S, descending), with the rules JAX's eigh and svd JVPs and ChainRules' use: dλ = diag(Vᵀ dS V),
    /// dV = V (F ∘ Vᵀ dS V) with Fᵢⱼ = 1/(λⱼ − λᵢ), dσ = diag(Uᵀ dA V). Where two eigenvalues coincide (to rounding)
    /// Fᵢⱼ is 0:
    /// the eigenvectors of a repeated eigenvalue are any basis of its space, and their gradient is taken as zero rather than
    /// ∞ (no NaN). Operations on one matrix share one decomposition (<see cref="FactorKind"/>). Dot-product and finite-difference
    /// tests use functions of V that do not depend on its columns' signs (V Diag(f(λ)) Vᵀ, V ∘ V).
    /// </summary>
    internal static class Spectral
    {
        public static Operation[] All => new[]
        {
            Eigenvalues, Eigenvectors, InverseGaps, SingularValues, LeftSingular, RightSingular, SvdU, SvdV,
        };


        /// <summary>λ of a symmetric S, ascending.</summary>
        public static readonly Operation Eigenvalues = new(Op.Eigenvalues)
        {
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Rows),
            Tangent = static r => r.If(r.DA, () => r.Ir.Diagonal(r.Ir.MatMul(r.Ir.MatMul(r.Ir.Transpose(V(r)), r.DA), V(r)))),
            // S̄ = V Diag(λ̄) Vᵀ
            Adjoint = static r => new[] { r.Ir.MatMul(r.Ir.MatMul(V(r), r.Ir.DiagMatrix(r.Bar)), r.Ir.Transpose(V(r))) },
            Shape = static (s, n) => new((s.Rows(n.Args[0]), null), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the matrix Evd decomposes")),
            Notation = static (t, n) => ($"λ({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SymmetricEigen({w.Text(n.Args[0])}).Values()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, evd, n) => ($"{evd}.Values()", Primary), Operation.NotCubic, FactorKind.SymmetricEigen),
        };

        /// <summary>V of a symmetric S = V Λ Vᵀ, orthonormal columns in the eigenvalues' order.</summary>
        public static readonly Operation Eigenvectors = new(Op.Eigenvectors)
        {
            SizeFrom = Operation.LikeFirst,
            // dV = V (F ∘ M), M = Vᵀ dS V taken symmetric (½(M + Mᵀ)), as S is.
            Tangent = static r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                NodeId m = ir.MatMul(ir.MatMul(ir.Transpose(r.Id), r.DA), r.Id);
                NodeId symmetric = ir.Scale(ir.Const(0.5), ir.Add(m, ir.Transpose(m)));
                return ir.MatMul(r.Id, ir.Hadamard(Gaps(r), symmetric));
            }),
            // S̄ = ½(G + Gᵀ), G = V (F ∘ Vᵀ V̄) Vᵀ.
            Adjoint = static r =>
            {
                var ir = r.Ir;
                NodeId g = ir.MatMul(ir.MatMul(r.Id, ir.Hadamard(Gaps(r), ir.MatMul(ir.Transpose(r.Id), r.Bar))), ir.Transpose(r.Id));
                return new[] { ir.Scale(ir.Const(0.5), ir.Add(g, ir.Transpose(g))) };
            },
            Shape = static (s, n) => new(s.ShapeOf(n.Args[0]), s.Equal(s.Rows(n.Args[0]), s.Columns(n.Args[0]),
                "rows and columns of the matrix Evd decomposes")),
            Notation = static (t, n) => ($"V({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SymmetricEigen({w.Text(n.Args[0])}).Vectors()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, evd, n) => ($"{evd}.Vectors()", Primary), Operation.NotCubic, FactorKind.SymmetricEigen),
        };

        /// <summary>Fᵢⱼ = 1/(λⱼ − λᵢ) off the diagonal, 0 on it and where λᵢ = λⱼ to rounding (Args: λ).</summary>
        public static readonly Operation InverseGaps = new(Op.InverseGaps)
        {
            // dFᵢⱼ = −Fᵢⱼ² (dλⱼ − dλᵢ): −F ∘ F ∘ (𝟙 dλᵀ − dλ 𝟙ᵀ).
            Tangent = static r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                NodeId ones = ir.Ones(r.A, Axis.Like);
                NodeId differences = ir.Sub(ir.Outer(ones, r.DA), ir.Outer(r.DA, ones));
                return ir.Neg(ir.Hadamard(ir.Hadamard(r.Id, r.Id), differences));
            }),
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => new((s.Rows(n.Args[0]), s.Rows(n.Args[0]))),
            Notation = static (t, n) => ($"F({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.InverseGaps({w.Text(n.Args[0])})", Primary),
        };

        /// <summary>σ of A, descending (min(m, n) of them).</summary>
        public static readonly Operation SingularValues = new(Op.SingularValues)
        {
            Tangent = static r => r.If(r.DA, () => r.Ir.Diagonal(r.Ir.MatMul(r.Ir.MatMul(r.Ir.Transpose(U(r)), r.DA), Vs(r)))),
            // Ā = U Diag(σ̄) Vᵀ
            Adjoint = static r => new[] { r.Ir.MatMul(r.Ir.MatMul(U(r), r.Ir.DiagMatrix(r.Bar)), r.Ir.Transpose(Vs(r))) },
            Shape = static (s, n) => new(s.FreshShape(ValueKind.Vector)),
            Notation = static (t, n) => ($"σ({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SingularValueDecomposition({w.Text(n.Args[0])}).Values()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, svd, n) => ($"{svd}.Values()", Primary), Operation.NotCubic, FactorKind.Singular),
        };

        /// <summary>U of A's thin SVD (m × min(m, n)); only derivatives hold it.</summary>
        public static readonly Operation LeftSingular = new(Op.LeftSingular)
        {
            SizeFrom = static (nodes, n, axis) => axis == Axis.Rows ? (n.Args[0], Axis.Rows) : null,
            Tangent = static r => throw new System.NotSupportedException("second order through singular vectors (reported at lowering)"),
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => new((s.Rows(n.Args[0]), s.FreshShape(ValueKind.Vector).Rows)),
            Notation = static (t, n) => ($"U({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SingularValueDecomposition({w.Text(n.Args[0])}).Left()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, svd, n) => ($"{svd}.Left()", Primary), Operation.NotCubic, FactorKind.Singular),
        };

        /// <summary>V of A's thin SVD (n × min(m, n)); only derivatives hold it.</summary>
        public static readonly Operation RightSingular = new(Op.RightSingular)
        {
            SizeFrom = static (nodes, n, axis) => axis == Axis.Rows ? (n.Args[0], Axis.Columns) : null,
            Tangent = static r => throw new System.NotSupportedException("second order through singular vectors (reported at lowering)"),
            Adjoint = Operation.DerivativeOnly,
            Shape = static (s, n) => new((s.Columns(n.Args[0]), s.FreshShape(ValueKind.Vector).Rows)),
            Notation = static (t, n) => ($"V({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SingularValueDecomposition({w.Text(n.Args[0])}).Right()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, svd, n) => ($"{svd}.Right()", Primary), Operation.NotCubic, FactorKind.Singular),
        };

        /// <summary>
        /// U of A = U Σ Vᵀ as A.Svd().U gives it: all m columns, which A determines when it has no more rows than
        /// columns (then the thin and the full U are one; a taller A's last m − n columns are any basis of the rest,
        /// and the run time refuses it). With P = Uᵀ dA V, Fᵢⱼ = 1/(σⱼ² − σᵢ²) (0 where σᵢ = σⱼ):
        /// dU = U (F ∘ (P Σ + Σ Pᵀ)), JAX's svd JVP without its projection term, which is zero here.
        /// </summary>
        public static readonly Operation SvdU = new(Op.SvdU)
        {
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Rows),
            Tangent = static r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                NodeId p = ir.MatMul(ir.MatMul(ir.Transpose(r.Id), r.DA), Vs(r)), sigma = Sigma(r);
                return ir.MatMul(r.Id, ir.Hadamard(SquareGaps(r), ir.Add(ir.MatMul(p, sigma), ir.MatMul(sigma, ir.Transpose(p)))));
            }),
            // Ā = U (F ∘ (Uᵀ Ū − Ūᵀ U)) Σ Vᵀ
            Adjoint = static r =>
            {
                var ir = r.Ir;
                NodeId m = ir.MatMul(ir.Transpose(r.Id), r.Bar);
                NodeId inner = ir.MatMul(ir.Hadamard(SquareGaps(r), ir.Sub(m, ir.Transpose(m))), Sigma(r));
                return new[] { ir.MatMul(ir.MatMul(r.Id, inner), ir.Transpose(Vs(r))) };
            },
            Shape = static (s, n) => new((s.Rows(n.Args[0]), s.Rows(n.Args[0]))),
            Notation = static (t, n) => ($"U({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SingularValueDecomposition({w.Text(n.Args[0])}).FullLeft()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, svd, n) => ($"{svd}.FullLeft()", Primary), Operation.NotCubic, FactorKind.Singular),
        };

        /// <summary>
        /// V of A = U Σ Vᵀ as A.Svd().VT gives it (transposed): all n columns, which A determines when it has no more columns
        /// than rows. dV = V (F ∘ (Σ P + Pᵀ Σ)), P and F as for <see cref="SvdU"/>.
        /// </summary>
        public static readonly Operation SvdV = new(Op.SvdV)
        {
            SizeFrom = static (nodes, n, axis) => (n.Args[0], Axis.Columns),
            Tangent = static r => r.If(r.DA, () =>
            {
                var ir = r.Ir;
                NodeId p = ir.MatMul(ir.MatMul(ir.Transpose(U(r)), r.DA), r.Id), sigma = Sigma(r);
                NodeId symmetrised = ir.Add(ir.MatMul(sigma, p), ir.MatMul(ir.Transpose(p), sigma));
                return ir.MatMul(r.Id, ir.Hadamard(SquareGaps(r), symmetrised));
            }),
            // Ā = U Σ (F ∘ (Vᵀ V̄ − V̄ᵀ V)) Vᵀ
            Adjoint = static r =>
            {
                var ir = r.Ir;
                NodeId m = ir.MatMul(ir.Transpose(r.Id), r.Bar);
                NodeId inner = ir.MatMul(Sigma(r), ir.Hadamard(SquareGaps(r), ir.Sub(m, ir.Transpose(m))));
                return new[] { ir.MatMul(ir.MatMul(U(r), inner), ir.Transpose(r.Id)) };
            },
            Shape = static (s, n) => new((s.Columns(n.Args[0]), s.Columns(n.Args[0]))),
            Notation = static (t, n) => ($"V({t.Text(n.Args[0])})", Notation.Atom),
            Emit = static (w, id, n) => ($"{Runtime}.SingularValueDecomposition({w.Text(n.Args[0])}).FullRight()", Primary),
            IsCubic = Operation.Cubic,
            OnFactors = new(static (w, svd, n) => ($"{svd}.FullRight()", Primary), Operation.NotCubic, FactorKind.Singular),
        };

        /// <summary>Σ as a k × k diagonal matrix (k = min(m, n)).</summary>
        private static NodeId Sigma(Rule r) => r.Ir.DiagMatrix(r.Ir.SingularValues(r.A));

        /// <summary>Fᵢⱼ = 1/(σⱼ² − σᵢ²), 0 on the diagonal and where two singular values agree to rounding.</summary>
        private static NodeId SquareGaps(Rule r)
        {
            NodeId sigma = r.Ir.SingularValues(r.A);
            return r.Ir.InverseGaps(r.Ir.Hadamard(sigma, sigma));
        }

        private static NodeId V(Rule r) => r.Ir.Eigenvectors(r.A);

        private static NodeId Gaps(Rule r) => r.Ir.InverseGaps(r.Ir.Eigenvalues(r.A));

        private static NodeId U(Rule r) => r.Ir.LeftSingular(r.A);

        private static NodeId Vs(Rule r) => r.Ir.RightSingular(r.A);
    }
}

using System;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Calculus
{
    /// <summary>
    /// One reverse-mode (adjoint) rule per IR kind: the trace trick done systematically.
    /// For C = op(A, B, ...) with adjoint C̄ (so that df = tr(C̄ᵀ dC) + ...), a rule returns each
    /// operand's contribution Ā with tr(C̄ᵀ dC) = Σ tr(Āᵀ dA). Read beside seed notes 000 and 001:
    /// d(XY) = dX Y + X dY gives tr(C̄ᵀ dX Y) = tr((C̄ Yᵀ)ᵀ dX), hence Ā = C̄ Bᵀ; and so on.
    /// A contribution of -1 means "none" (the operand is not differentiable through this node).
    /// Beside it, <see cref="Tangent"/> is the forward (differential) rule of the same node, the seed's
    /// d(XY) = dX Y + X dY read literally; JVPs, Jacobians and Hessian-vector products use it.
    /// </summary>
    internal static class Rules
    {
        /// <summary>
        /// The differential of node <paramref name="id"/> given its operands' differentials
        /// (-1 where an operand's differential is zero); -1 if the result is zero.
        /// </summary>
        public static int Tangent(AlgebraBuilder ir, int id, int[] dot)
        {
            var node = ir[id];
            int a = node.Arity > 0 ? node.Args[0] : -1;
            int b = node.Arity > 1 ? node.Args[1] : -1;
            int da = dot.Length > 0 ? dot[0] : -1;
            int db = dot.Length > 1 ? dot[1] : -1;
            // Sums of terms that may be absent, and products with an absent factor.
            int Sum(params int[] terms) => terms.Where(t => t >= 0).ToList() is { Count: > 0 } present ? ir.SumOf(present, id) : -1;
            int If(int d, Func<int> make) => d < 0 ? -1 : make();
            return node.Op switch
            {
                Op.Add => Sum(da, db),                                                            // d(A + B) = dA + dB
                Op.Sub => Sum(da, If(db, () => ir.Neg(db))),                                      // d(A − B) = dA − dB
                Op.Neg => If(da, () => ir.Neg(da)),
                Op.Scale => Sum(If(da, () => ir.Times(da, b)), If(db, () => ir.Times(a, db))),    // d(sA) = ds A + s dA
                Op.Transpose => If(da, () => ir.Transpose(da)),                                   // d(Aᵀ) = (dA)ᵀ
                Op.Trace => If(da, () => ir.Trace(da)),                                           // d tr(A) = tr(dA)
                Op.ColumnSums => If(da, () => ir.ColumnSums(da)),
                Op.RowSums => If(da, () => ir.RowSums(da)),
                Op.Sum => If(da, () => ir.Sum(da)),
                Op.AddScalar => db < 0 ? If(da, () => ir.Times(da, ir.Ones(b, Axis.Like))) : ir.AddScalar(da < 0 ? ir.Const(0) : da, db), // d(A + s𝟙) = dA + ds 𝟙
                Op.Diagonal => If(da, () => ir.Diagonal(da)),
                Op.DiagMatrix => If(da, () => node.Arity == 2 ? ir.DiagMatrix(da, b) : ir.DiagMatrix(da)),
                Op.AsColumn => If(da, () => ir.AsColumn(da)),
                Op.AsRow => If(da, () => ir.AsRow(da)),
                Op.ColumnOf => If(da, () => ir.ColumnOf(da, b)),
                Op.RowOf => If(da, () => ir.RowOf(da, b)),
                Op.PlaceColumn => If(da, () => ir.PlaceColumn(da, b, node.Args[2])),
                Op.PlaceRow => If(da, () => ir.PlaceRow(da, b, node.Args[2])),
                Op.Mul => Sum(If(da, () => ir.Mul(da, b)), If(db, () => ir.Mul(a, db))),         // d(ab) = da b + a db
                Op.Div => Sum(If(da, () => ir.Div(da, b)), If(db, () => ir.Neg(ir.Div(ir.Mul(a, db), ir.Pow(b, 2))))),
                Op.MatMul => Sum(If(da, () => ir.MatMul(da, b)), If(db, () => ir.MatMul(a, db))), // d(AB) = dA B + A dB
                Op.Hadamard => Sum(If(da, () => ir.Hadamard(da, b)), If(db, () => ir.Hadamard(a, db))), // d(A∘B) = dA∘B + A∘dB
                Op.Outer => Sum(If(da, () => ir.Outer(da, b)), If(db, () => ir.Outer(a, db))),
                Op.Inner => Sum(If(da, () => ir.Inner(da, b)), If(db, () => ir.Inner(a, db))),
                Op.PointwiseDivide => Sum(If(da, () => ir.PointwiseDivide(da, b)), If(db, () => ir.Neg(ir.PointwiseDivide(ir.Hadamard(id, db), b)))),
                Op.DivScalar => Sum(If(da, () => ir.DivScalar(da, b)), If(db, () => ir.Neg(ir.Times(ir.Div(db, b), id)))),
                Op.ScalarDivide => Sum(If(da, () => ir.ScalarDivide(da, b)), If(db, () => ir.Neg(ir.PointwiseDivide(ir.Hadamard(id, db), b)))),
                Op.Kronecker => Sum(If(da, () => ir.Kronecker(da, b)), If(db, () => ir.Kronecker(a, db))), // d(A⊗B) = dA⊗B + A⊗dB
                Op.KroneckerAdjointLeft => Sum(If(da, () => ir.KroneckerAdjointLeft(da, b)), If(db, () => ir.KroneckerAdjointLeft(a, db))),
                Op.KroneckerAdjointRight => Sum(If(da, () => ir.KroneckerAdjointRight(da, b)), If(db, () => ir.KroneckerAdjointRight(a, db))),
                Op.Solve => ir.Solve(a, Sum(db, If(da, () => ir.Neg(ir.MatMul(da, id))))),        // C = A⁻¹B: dC = A⁻¹(dB − dA C)
                Op.Pow => If(da, () => ir.Mul(ir.Mul(ir.Const(node.Value), ir.Pow(a, node.Value - 1)), da)), // d(aᵏ) = k aᵏ⁻¹ da
                Op.FrobeniusNorm => If(da, () => ir.Div(ir.Inner(a, da), id)),                   // d‖A‖ = ⟨A, dA⟩/‖A‖
                Op.Map => If(da, () => ir.Hadamard(Derivative(ir, node, a, id), da)),            // dσ(A) = σ′(A) ∘ dA
                Op.Inverse => If(da, () => ir.Neg(ir.MatMul(ir.MatMul(id, da), id))),           // dA⁻¹ = −A⁻¹ dA A⁻¹
                Op.Det => If(da, () => ir.Mul(id, ir.Trace(ir.Solve(a, da)))),                    // d|A| = |A| tr(A⁻¹ dA)
                Op.LogDet => If(da, () => ir.Trace(ir.Solve(a, da))),                             // d log|A| = tr(A⁻¹ dA)
                _ => throw new NotSupportedException($"No differential rule for {node.Op}"),
            };
        }

        /// <summary>The adjoint contributions of node <paramref name="id"/>'s operands, given its adjoint.</summary>
        public static int[] Adjoint(AlgebraBuilder ir, int id, int bar)
        {
            var node = ir[id];
            int a = node.Arity > 0 ? node.Args[0] : -1;
            int b = node.Arity > 1 ? node.Args[1] : -1;
            return node.Op switch
            {
                Op.Add => new[] { bar, bar },                                          // d(A + B) = dA + dB
                Op.Sub => new[] { bar, ir.Neg(bar) },                                 // d(A − B) = dA − dB
                Op.Neg => new[] { ir.Neg(bar) },                                      // d(−A) = −dA
                Op.Scale => new[] { ScalarOf(ir, bar, b), ir.Times(a, bar) },         // d(sA) = ds A + s dA
                Op.Transpose => new[] { ir.Transpose(bar) },                          // d(Aᵀ) = (dA)ᵀ: Ā = C̄ᵀ
                Op.Trace => new[] { ir.Scale(bar, ir.Identity(a, Axis.Rows)) },       // d tr(A) = tr(I dA): Ā = s̄ I
                Op.ColumnSums => new[] { ir.Outer(ir.Ones(a, Axis.Rows), bar) },      // 𝟙ᵀA: Ā = 𝟙 v̄ᵀ
                Op.RowSums => new[] { ir.Outer(bar, ir.Ones(a, Axis.Columns)) },      // A𝟙: Ā = v̄ 𝟙ᵀ
                Op.Sum => new[] { ir.Scale(bar, ir.Ones(a, Axis.Like)) },             // 𝟙ᵀv: v̄ = s̄ 𝟙
                Op.Mul => new[] { ir.Mul(bar, b), ir.Mul(bar, a) },                   // d(ab) = da b + a db
                Op.Div => new[] { ir.Div(bar, b), ir.Neg(ir.Div(ir.Mul(bar, a), ir.Pow(b, 2))) }, // d(a/b) = da/b − a db/b²
                Op.MatMul => MatMul(ir, a, b, bar),                                   // d(AB) = dA B + A dB
                Op.Hadamard => new[] { ir.Hadamard(bar, b), ir.Hadamard(bar, a) },    // d(A∘B) = dA∘B + A∘dB; tr(C̄ᵀ(dA∘B)) = tr((C̄∘B)ᵀ dA)
                Op.Outer => new[] { ir.MatMul(bar, b), ir.MatMul(ir.Transpose(bar), a) }, // d(uvᵀ) = du vᵀ + u dvᵀ
                Op.Inner => new[] { ir.Times(bar, b), ir.Times(bar, a) },             // d⟨A,B⟩ = ⟨dA,B⟩ + ⟨A,dB⟩
                Op.Pow => new[] { ir.Mul(bar, ir.Mul(ir.Const(node.Value), ir.Pow(a, node.Value - 1))) }, // d(aᵏ) = k aᵏ⁻¹ da
                Op.FrobeniusNorm => new[] { ir.Times(ir.Div(bar, id), a) },           // d‖A‖_F = tr(Aᵀ dA)/‖A‖_F
                Op.AddScalar => new[] { ir.SumAll(bar), bar },                        // d(A + s𝟙) = dA + ds 𝟙
                Op.Diagonal => new[] { ir.DiagMatrix(bar, a) },                       // d diag(A) = diag(dA): Ā = Diag(v̄)
                Op.DiagMatrix => new[] { ir.Diagonal(bar), -1 },                      // d Diag(v) = Diag(dv): v̄ = diag(C̄)
                Op.AsColumn => new[] { ir.ColumnOf(bar, ir.Const(0)) },               // v̄ = C̄[:,0]
                Op.AsRow => new[] { ir.RowOf(bar, ir.Const(0)) },
                Op.ColumnOf => new[] { ir.PlaceColumn(bar, b, a), -1 },               // v = A e_j: Ā = v̄ e_jᵀ
                Op.RowOf => new[] { ir.PlaceRow(bar, b, a), -1 },                     // v = Aᵀ e_i: Ā = e_i v̄ᵀ
                Op.PlaceColumn => new[] { ir.ColumnOf(bar, b), -1, -1 },
                Op.PlaceRow => new[] { ir.RowOf(bar, b), -1, -1 },
                Op.PointwiseDivide => new[] { ir.PointwiseDivide(bar, b), ir.Neg(ir.PointwiseDivide(ir.Hadamard(bar, id), b)) }, // d(A⊘B) = dA⊘B − C∘dB⊘B
                Op.DivScalar => new[] { ir.DivScalar(bar, b), ir.Neg(ir.Div(ir.Inner(bar, id), b)) },                            // d(A/s) = dA/s − C ds/s
                Op.ScalarDivide => new[] { ir.SumAll(ir.PointwiseDivide(bar, b)), ir.Neg(ir.PointwiseDivide(ir.Hadamard(bar, id), b)) }, // d(s⊘A) = ds⊘A − C∘dA⊘A
                Op.Kronecker => new[] { ir.KroneckerAdjointLeft(bar, b), ir.KroneckerAdjointRight(bar, a) },                     // d(A⊗B) = dA⊗B + A⊗dB
                Op.Solve => Solve(ir, id, a, b, bar),                                 // C = A⁻¹B: dC = A⁻¹(dB − dA C)
                Op.Map => new[] { ir.Hadamard(bar, Derivative(ir, node, a, id)) },    // dσ(A) = σ′(A) ∘ dA (seed 001)
                Op.Inverse => new[] { ir.Neg(ir.MatMul(ir.MatMul(ir.Transpose(id), bar), ir.Transpose(id))) }, // dA⁻¹ = −A⁻¹ dA A⁻¹: Ā = −Cᵀ C̄ Cᵀ
                Op.Det => new[] { ir.Scale(ir.Mul(bar, id), ir.Transpose(ir.Inverse(a))) },  // d|A| = tr(A^# dA) = |A| tr(A⁻¹ dA): Ā = s̄ |A| A⁻ᵀ
                Op.LogDet => new[] { ir.Scale(bar, ir.Transpose(ir.Inverse(a))) },   // d log|A| = tr(A⁻¹ dA): Ā = s̄ A⁻ᵀ
                _ => throw new NotSupportedException($"No adjoint rule for {node.Op}"),
            };
        }

        /// <summary>σ′(A), written with the result C = σ(A) where that is cheaper (exp′ = C, tanh′ = 1 − C∘C).</summary>
        private static int Derivative(AlgebraBuilder ir, Node node, int a, int c) => node.Name switch
        {
            Elementwise.Exp => c,
            Elementwise.Log => ir.PowElementwise(a, -1),
            Elementwise.Tanh => ir.PlusConst(1, ir.Neg(ir.Hadamard(c, c))),
            Elementwise.Sin => ir.Map(Elementwise.Cos, a),
            Elementwise.Cos => ir.Neg(ir.Map(Elementwise.Sin, a)),
            Elementwise.Sqrt => ir.Times(ir.Const(0.5), ir.PowElementwise(c, -1)),
            Elementwise.Abs => ir.Map(Elementwise.Sign, a),
            Elementwise.Pow => ir.Times(ir.Const(node.Value), ir.PowElementwise(a, node.Value - 1)),
            Elementwise.Relu => ir.Map(Elementwise.Step, a),
            _ => throw new NotSupportedException($"No derivative for the elementwise function {node.Name}"),
        };

        /// <summary>C = A⁻¹B: B̄ = A⁻ᵀ C̄ (a second solve), Ā = −B̄ Cᵀ; no inverse is formed.</summary>
        private static int[] Solve(AlgebraBuilder ir, int c, int a, int b, int bar)
        {
            int bbar = ir.Solve(ir.Transpose(a), bar);
            int abar = ir.KindOf(b) == ValueKind.Vector ? ir.Outer(bbar, c) : ir.MatMul(bbar, ir.Transpose(c));
            return new[] { ir.Neg(abar), bbar };
        }

        /// <summary>C = AB: Ā = C̄ Bᵀ, B̄ = Aᵀ C̄ (for a vector B, Ā = C̄ bᵀ is an outer product).</summary>
        private static int[] MatMul(AlgebraBuilder ir, int a, int b, int bar)
        {
            int abar = ir.KindOf(b) == ValueKind.Vector ? ir.Outer(bar, b) : ir.MatMul(bar, ir.Transpose(b));
            return new[] { abar, ir.MatMul(ir.Transpose(a), bar) };
        }

        /// <summary>The adjoint of the scalar s in C = sA: s̄ = ⟨C̄, A⟩ (or C̄·A for a scalar A).</summary>
        private static int ScalarOf(AlgebraBuilder ir, int bar, int operand)
            => ir.KindOf(operand) == ValueKind.Scalar ? ir.Mul(bar, operand) : ir.Inner(bar, operand);
    }
}

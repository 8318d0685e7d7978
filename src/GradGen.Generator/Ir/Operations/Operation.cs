using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Emit;
using GradGen.Generator.Lowering;
using GradGen.Generator.Simplify;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>The differential of a node from its operands' differentials (None: zero); None if it is zero.</summary>
    internal delegate NodeId TangentRule(Rule r);

    /// <summary>Each operand's adjoint contribution from the node's adjoint (None: none; see <see cref="Rule.Bar"/>).</summary>
    internal delegate NodeId[] AdjointRule(Rule r);

    /// <summary>A node's symbolic shape from its operands' (a scalar's is ignored), and what must agree.</summary>
    internal delegate Shaped ShapeRule(ShapeInference s, Node n);

    /// <summary>The node in the seed notation, with its precedence (<see cref="Notation"/>'s levels).</summary>
    internal delegate (string Text, int Level) NotationRule(Notation t, Node n);

    /// <summary>The node as a C# expression (MathNet or a runtime kernel), with its precedence (MathNetSyntax's levels).</summary>
    internal delegate (string Text, int Level) EmitRule(BodyWriter w, NodeId id, Node n);

    /// <summary>Is the node a symmetric matrix given what is known of its operands (<see cref="AlgebraBuilder.IsSymmetric"/>)?</summary>
    internal delegate bool SymmetryRule(AlgebraBuilder ir, NodeId id, Node n);

    /// <summary>
    /// Where a size of the node (its rows or columns: <see cref="Ir.Axis"/>) can be read without computing it: an operand
    /// and that operand's axis (the rows of A B are the rows of A); null where only the node itself has it.
    /// </summary>
    internal delegate (NodeId Node, Axis Axis)? SizeRule(IReadOnlyList<Node> nodes, Node n, Axis axis);

    /// <summary>Is the node an O(n³) operation (listed in the derivation comment)?</summary>
    internal delegate bool CostRule(IReadOnlyList<Node> nodes, Node n);

    /// <summary>Factorisations one local serves for several operations of a matrix (LU: Cholesky on a PositiveDefinite view).</summary>
    internal enum FactorKind
    {
        Lu,
        SymmetricEigen,
        Singular,
        Qr,
        PivotedLu,   // MathNet's own A.LU() (its L, U and P as the user reads them)
        GramSchmidt, // A.GramSchmidt()
    }

    /// <summary>
    /// For an operation on a factorisation of its first operand: its C# form given the factors' local
    /// (<c>luS.Solve(x)</c>), and whether it is still O(n³) then (A⁻¹ is; A⁻¹b and log|A| are not).
    /// </summary>
    internal sealed class Factored
    {
        public Factored(Func<BodyWriter, string, Node, (string Text, int Level)> emit, CostRule isCubic, FactorKind kind = FactorKind.Lu)
        {
            Emit = emit;
            IsCubic = isCubic;
            Kind = kind;
        }

        public FactorKind Kind { get; }

        public Func<BodyWriter, string, Node, (string Text, int Level)> Emit { get; }

        public CostRule IsCubic { get; }
    }

    /// <summary>
    /// Everything GradGen knows about one IR operation, in one place (as JAX keeps a primitive's shape
    /// rule, JVP, transpose and lowering together): its shape rule, its differential (forward) rule,
    /// its adjoint (reverse) rule, its notation in the derivation comment, its C# emission, its cost
    /// class and its symmetry fact. The descriptors live in this folder, one file per family; the
    /// stages look an operation up with <see cref="Operations.Of"/> and never switch on it themselves.
    /// </summary>
    internal sealed class Operation
    {
        public Operation(Op op) => Op = op;

        public Op Op { get; }

        /// <summary>The MathNet members that lower to it (operators such as A * B are lowered by their syntax).</summary>
        public IReadOnlyList<MemberRow> Members { get; init; } = Array.Empty<MemberRow>();

        /// <summary>A leaf has no operands to differentiate through (its Args, if any, only give sizes).</summary>
        public bool IsLeaf { get; init; }

        /// <summary>
        /// A fact about its operand, not a computation (S as positive definite): its value is the operand's, so emitted code
        /// reads the operand in its place and never gives it a local of its own.
        /// </summary>
        public bool IsView { get; init; }

        public ShapeRule Shape { get; init; } = Shaped.Untracked;

        /// <summary>Null for leaves only.</summary>
        public TangentRule? Tangent { get; init; }

        /// <summary>Null for leaves only.</summary>
        public AdjointRule? Adjoint { get; init; }

        public NotationRule Notation { get; init; } = null!;

        public EmitRule Emit { get; init; } = null!;

        public CostRule IsCubic { get; init; } = static (_, _) => false;

        public SizeRule SizeFrom { get; init; } = static (_, _, _) => null;

        /// <summary>
        /// J with vec(C) = J vec(dX), from the operands' (the seed notes' vec rules), for the comment of a Jacobian;
        /// null for an operation without a simple Kronecker form (the comment then leaves J out).
        /// </summary>
        public System.Func<Calculus.VecContext, Node, List<Calculus.KroneckerTerm>?>? VecForm { get; init; }

        /// <summary>Shaped like the first operand (A + B, A ∘ B, σ(A), A⁻¹, …): its sizes are the first operand's.</summary>
        public static readonly SizeRule LikeFirst = static (_, n, axis) => (n.Args[0], axis);

        /// <summary>Shaped like the second operand (s·A, A + s𝟙, s ⊘ A).</summary>
        public static readonly SizeRule LikeSecond = static (_, n, axis) => (n.Args[1], axis);

        public SymmetryRule IsSymmetric { get; init; } = static (_, _, _) => false;

        /// <summary>Set for the operations an LU factorisation of their first operand serves; one is shared between them.</summary>
        public Factored? OnFactors { get; init; }

        /// <summary>Cost rules for operations that are always, or (on shared factors) never, O(n³).</summary>
        public static readonly CostRule Cubic = static (_, _) => true, NotCubic = static (_, _) => false;

        /// <summary>The adjoint rule of operations that only derivative graphs contain (adjoints of adjoints are never formed).</summary>
        public static readonly AdjointRule DerivativeOnly = static r
            => throw new NotSupportedException($"{r.Node.Op} appears only in derivatives; it has no adjoint rule");
    }

    /// <summary>
    /// A MathNet member that lowers to this operation: on what it is called, its name, its arguments' kinds
    /// (M matrix, V vector, S scalar) and how it is built (A.TransposeThisAndMultiply(B) is MatMul(Aᵀ, B)).
    /// </summary>
    internal sealed record MemberRow(Receiver Receiver, string Name, string ArgKinds, MemberRule Build);

    /// <summary>What a shape rule yields: the node's dimensions and, if two sizes cannot agree, why.</summary>
    internal readonly struct Shaped
    {
        public Shaped((Dim Rows, Dim? Columns) shape, string? problem = null)
        {
            Shape = shape;
            Problem = problem;
        }

        /// <summary>Rows and columns; a vector has no Columns; a scalar's shape is unused.</summary>
        public (Dim Rows, Dim? Columns) Shape { get; }

        public string? Problem { get; }

        /// <summary>A scalar's rule: only a check of its operands' sizes.</summary>
        public static Shaped Check(string? problem) => new((default, null), problem);

        /// <summary>Sizes GradGen does not track (leaves, Kronecker products, diagonals): fresh dimensions.</summary>
        public static readonly ShapeRule Untracked = static (s, n) => new(s.FreshShape(n.Kind));
    }

    /// <summary>One node as the calculus rules see it: its operands, their differentials or its adjoint, and the builder.</summary>
    internal sealed class Rule
    {
        public Rule(AlgebraBuilder ir, NodeId id, NodeId[]? dot = null, NodeId? bar = null)
        {
            Ir = ir;
            Id = id;
            Node = ir[id];
            A = Node.Arity > 0 ? Node.Args[0] : NodeId.None;
            B = Node.Arity > 1 ? Node.Args[1] : NodeId.None;
            _dots = dot ?? System.Array.Empty<NodeId>();
            DA = dot is { Length: > 0 } ? dot[0] : NodeId.None;
            DB = dot is { Length: > 1 } ? dot[1] : NodeId.None;
            Bar = bar ?? NodeId.None;
        }

        public AlgebraBuilder Ir { get; }

        /// <summary>The node C itself (its value, for rules that read it: exp′ = C, d(A⁻¹) = −C dA C).</summary>
        public NodeId Id { get; }

        public Node Node { get; }

        /// <summary>The first and second operands (None if absent).</summary>
        public NodeId A { get; }

        public NodeId B { get; }

        /// <summary>The operands' differentials, None where zero (tangent rules).</summary>
        public NodeId DA { get; }

        public NodeId DB { get; }

        private readonly NodeId[] _dots;

        /// <summary>Operand <paramref name="i"/>'s differential, None where zero (rules of operations with many operands).</summary>
        public NodeId Dot(int i) => i < _dots.Length ? _dots[i] : NodeId.None;

        /// <summary>The node's adjoint C̄ (adjoint rules).</summary>
        public NodeId Bar { get; }

        /// <summary>A sum of terms that may be absent (None); None if all are.</summary>
        public NodeId Sum(params NodeId[] terms)
            => terms.Where(t => t.Exists).ToList() is { Count: > 0 } present ? Ir.SumOf(present, Id) : NodeId.None;

        /// <summary>A term with the factor <paramref name="d"/>: absent if d is.</summary>
        public NodeId If(NodeId d, Func<NodeId> make) => d.IsNone ? NodeId.None : make();
    }
}

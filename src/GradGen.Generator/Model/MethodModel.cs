using GradGen.Generator.Ir;

namespace GradGen.Generator.Model
{
    /// <summary>One enclosing type declaration, outermost first: <c>partial class Name&lt;T&gt;</c>.</summary>
    public sealed record TypeDeclModel(string Keyword, string NameWithTypeParameters);

    /// <summary>A parameter of the differentiable method, as written and as IR sees it.</summary>
    public sealed record ParameterModel(string Name, string TypeName, ValueKind Kind);

    /// <summary>
    /// A size a generated method checks before it starts: <paramref name="Parameter"/>'s rows, columns or length (Axis: rows,
    /// columns, or Like for a vector's length) must equal <paramref name="Reference"/>'s, or, where Reference is empty, Size.
    /// </summary>
    public sealed record ShapeCheckModel(string Parameter, Ir.Axis Axis, string Reference, Ir.Axis ReferenceAxis, int Size);

    /// <summary>
    /// A user's function F called with custom rules instead of being looked into: the C# callee texts of F and of its
    /// [VjpOf] and [JvpOf] rules ("" where absent), which of F's parameters are differentiable (the rest are ints, held
    /// fixed), and whether the VJP returns a tuple (two or more differentiable parameters).
    /// </summary>
    public sealed record CustomRuleModel(string Function, string Vjp, string Jvp, EquatableArray<bool> Differentiable, bool VjpTuple);

    /// <summary>
    /// A VJP rule's body lowered in place for one call (Order = 2, so that forward mode can differentiate the gradient): the
    /// Op.Call node, the Op.Cotangent leaf standing for its adjoint, and the adjoint of each differentiable argument in order.
    /// </summary>
    public sealed record RuleBodyModel(Ir.NodeId Call, Ir.NodeId Cotangent, EquatableArray<Ir.NodeId> Adjoints);

    /// <summary>A user's local: its name and the IR node it holds.</summary>
    public sealed record LocalModel(string Name, Ir.NodeId Node);

    /// <summary>
    /// Everything the emitter needs to know about one [Differentiable] method, as values only
    /// (no symbols, syntax or locations), so that the pipeline caches it.
    /// </summary>
    /// <param name="Wrt">The parameters differentiated, in the attribute's order.</param>
    /// <param name="ReturnKind">Scalar: a gradient; matrix or vector: a Jacobian.</param>
    /// <param name="Order">2 also generates Hessian-vector products and Hessians.</param>
    /// <param name="Nodes">The objective's IR as written, in topological order; <paramref name="Output"/> is the returned node.</param>
    /// <param name="Symmetric">The C# names of [Symmetric] leaves, spelled as IR leaves spell them (X, this.A, global::T.B).</param>
    /// <param name="ReservedNames">Every name in scope, which generated locals and parameters avoid.</param>
    /// <param name="Program">A body with statements (loops, branches, reassignment); then Nodes is empty.</param>
    /// <param name="CheckpointEvery">With a Program: top-level loops keep their state every k iterations (0: every value).</param>
    /// <param name="Inlined">The user's helper methods whose bodies were differentiated in place (Type.Method).</param>
    /// <param name="ShapeChecks">The parameters' sizes the body needs equal, checked up front with the caller's names.</param>
    /// <param name="Shapes">The parameters' shapes in letters, as inferred: "X m×n, A m×m".</param>
    /// <param name="CustomRules">The functions called through their [VjpOf]/[JvpOf] rules (Op.Call nodes name them).</param>
    /// <param name="RuleBodies">With Order = 2: each call's VJP rule body, lowered into <paramref name="Nodes"/>.</param>
    /// <param name="Source">Where the method is declared, for the generated file's header: "Objectives.cs, line 12".</param>
    /// <param name="Precision">float or double: the parameters' and the result's element type (one per method).</param>
    /// <param name="Map">A straight-line body's statements in the user's source, for the forward pass's #line directives.</param>
    /// <param name="ComputeInFloat">A float method whose gradient is computed in float where every kernel has a float twin.</param>
    public sealed record MethodModel(
        string HintName,
        string Namespace,
        EquatableArray<TypeDeclModel> ContainingTypes,
        string MethodName,
        string Accessibility,
        bool IsStatic,
        EquatableArray<ParameterModel> Parameters,
        EquatableArray<string> Wrt,
        ValueKind ReturnKind,
        int Order,
        EquatableArray<Node> Nodes,
        Ir.NodeId Output,
        EquatableArray<LocalModel> Locals,
        EquatableArray<string> Symmetric,
        EquatableArray<string> ReservedNames,
        ProgramModel? Program = null,
        int CheckpointEvery = 0,
        EquatableArray<string> Inlined = default,
        EquatableArray<ShapeCheckModel> ShapeChecks = default,
        string Shapes = "",
        EquatableArray<CustomRuleModel> CustomRules = default,
        EquatableArray<RuleBodyModel> RuleBodies = default,
        string Source = "",
        Precision Precision = Precision.Double,
        SourceMap? Map = null,
        bool ComputeInFloat = false);

    /// <summary>What the transform step yields for one method: a model, diagnostics, or both.</summary>
    public sealed record MethodResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}

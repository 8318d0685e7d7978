using GradGen.Generator.Ir;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// A method body with statements (loops, branches, reassignment), as values: the variables it assigns and its
    /// statements, each right-hand side lowered to its own small IR graph whose leaves are the variables it reads.
    /// Straight-line bodies never get one: they are one graph (<see cref="MethodModel.Nodes"/>).
    /// </summary>
    /// <param name="Variables">Every local the body assigns, hoisted to the top of generated methods (names made unique).</param>
    /// <param name="Body">The top-level statements.</param>
    /// <param name="Result">The returned expression.</param>
    public sealed record ProgramModel(EquatableArray<VariableModel> Variables, EquatableArray<StatementModel> Body, ExpressionModel Result);

    /// <summary>A local of the body. Active: it depends on a differentiated parameter, so it has an adjoint.</summary>
    public sealed record VariableModel(string Name, ValueKind Kind, bool IsInt, bool Active);

    /// <summary>A right-hand side: an IR graph over the variables and parameters it reads (Param leaves), and its root.</summary>
    /// <param name="Source">The user's text, shortened, for the derivation comment.</param>
    /// <param name="Span">The user's statement it is part of, for the forward pass's #line directives; null if unknown.</param>
    public sealed record ExpressionModel(EquatableArray<Node> Nodes, NodeId Output, string Source, SourceSpan? Span = null);

    /// <summary>One statement of a <see cref="ProgramModel"/>.</summary>
    public abstract record StatementModel;

    /// <summary><c>Target = Value</c> for a double, vector or matrix local (compound assignments are lowered to this form).</summary>
    /// <param name="First">The local's declaration outside every loop: it has no earlier value to keep.</param>
    public sealed record AssignModel(string Target, ExpressionModel Value, bool First) : StatementModel;

    /// <summary><c>Target = Text</c> for an int local (an index, a counter): no derivative, kept as written.</summary>
    public sealed record IntAssignModel(string Target, string Text, bool First) : StatementModel;

    /// <summary>
    /// A loop whose trip count does not depend on the differentiated values: <c>for (Init; Condition; Step) Body</c>,
    /// where Init and Step are int assignments (a while loop has neither; a foreach over rows has a hidden index).
    /// </summary>
    /// <param name="Header">The loop as the user wrote it, for the comment.</param>
    public sealed record LoopModel(EquatableArray<StatementModel> Init, string Condition, EquatableArray<StatementModel> Step,
        EquatableArray<StatementModel> Body, string Header) : StatementModel;

    /// <summary><c>foreach (Variable in Collection)</c> over ints (an array of constants, a range): Variable is an int local.</summary>
    public sealed record ForEachIntModel(string Variable, string Collection, EquatableArray<StatementModel> Body, string Header)
        : StatementModel;

    /// <summary><c>if (Condition) Then else Else</c>: the derivative is that of the branch taken.</summary>
    public sealed record BranchModel(string Condition, EquatableArray<StatementModel> Then, EquatableArray<StatementModel> Else,
        string Header) : StatementModel;

    /// <summary>What an element write replaces: one entry, a row or a column.</summary>
    public enum WritePart
    {
        Entry,
        Row,
        Column,
    }

    /// <summary>
    /// <c>Target[Indices] = Value</c>, <c>Target.SetRow(i, Value)</c> or <c>SetColumn</c>: an in-place write into a local
    /// vector or matrix built in the method. The old entry, row or column is kept where the reverse pass reads the target.
    /// </summary>
    /// <param name="Indices">The index expressions as generated code writes them.</param>
    /// <param name="IndexReads">The int variables the indices read (their values must be restored for the reverse pass).</param>
    public sealed record ElementWriteModel(string Target, WritePart Part, EquatableArray<string> Indices, EquatableArray<string> IndexReads,
        ExpressionModel Value) : StatementModel;
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic GradGen reports. IDs are stable; titles say what is wrong, messages say what to change.
    /// Listed in AnalyzerReleases.Unshipped.md and the README.
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string Category = "GradGen";

        public static readonly DiagnosticDescriptor TypeNotPartial = new(
            "GG0001", "Containing type is not partial",
            "Type '{0}' must be declared 'partial' so that GradGen can add the gradient of '{1}' to it",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedParameter = new(
            "GG0002", "Unsupported parameter",
            "Parameter '{0}' of type '{1}' is not supported in a [Differentiable] method: use a Matrix or Vector of double or "
                + "float, double, float or int, passed by value",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
            "GG0003", "Unsupported return type",
            "A [Differentiable] method must return double or float (for a gradient) or a Matrix or Vector of either (for a "
                + "Jacobian); '{0}' is not supported",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedStatement = new(
            "GG0004", "Unsupported statement",
            "{0} is not supported in a [Differentiable] method: {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedExpression = new(
            "GG0005", "Unsupported expression or member",
            "'{0}' is not supported in a [Differentiable] method: {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnknownWrt = new(
            "GG0006", "Unknown parameter name",
            "'{0}' is not a parameter of '{1}': name one of its parameters, for example with nameof",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotDifferentiableWrt = new(
            "GG0007", "Parameter cannot be differentiated",
            "Cannot differentiate with respect to '{0}' of type '{1}': use a Matrix<double>, Vector<double> or double parameter",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedMethod = new(
            "GG0008", "Unsupported method",
            "[Differentiable] method '{0}' is not supported: {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NameClash = new(
            "GG0009", "Generated name already exists",
            "Type '{0}' already has a member named '{1}', which GradGen would generate for '{2}': rename one of them",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotDifferentiable = new(
            "GG0010", "Operation is not differentiable",
            "'{0}' is not differentiable on the path of the differentiated parameter '{1}': compute it outside the [Differentiable] "
                + "method and pass it in, or use a differentiable form",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ShapeMismatch = new(
            "GG0011", "Shape mismatch",
            "Shapes do not match in '{0}': {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor CustomRule = new(
            "GG0012", "Custom rule",
            "Custom rule '{0}': {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor InternalError = new(
            "GG9999", "GradGen internal error",
            "GradGen could not process '{0}': {1}. Please report this with the method's source.",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new()
        {
            [TypeNotPartial.Id] = TypeNotPartial,
            [UnsupportedParameter.Id] = UnsupportedParameter,
            [UnsupportedReturnType.Id] = UnsupportedReturnType,
            [UnsupportedStatement.Id] = UnsupportedStatement,
            [UnsupportedExpression.Id] = UnsupportedExpression,
            [UnknownWrt.Id] = UnknownWrt,
            [NotDifferentiableWrt.Id] = NotDifferentiableWrt,
            [UnsupportedMethod.Id] = UnsupportedMethod,
            [NameClash.Id] = NameClash,
            [NotDifferentiable.Id] = NotDifferentiable,
            [ShapeMismatch.Id] = ShapeMismatch,
            [CustomRule.Id] = CustomRule,
            [InternalError.Id] = InternalError,
        };

        public static DiagnosticDescriptor ById(string id) => s_byId[id];
    }
}

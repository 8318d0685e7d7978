using GradGen.Generator.Emit;
using GradGen.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.Generator
{
    /// <summary>
    /// The pipeline only: [Differentiable] methods → value-only models (Lower) → derivation (Derive) → source (Emit),
    /// and diagnostics, located in the user's syntax trees. The stages live in Lowering/, Ir/, Calculus/, Simplify/ and Emit/.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DifferentiableGenerator : IIncrementalGenerator
    {
        public const string AttributeName = "GradGen.DifferentiableAttribute";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var methods = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeName,
                    predicate: static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    transform: static (ctx, ct) => MethodParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.Methods);

            var models = methods
                .Select(static (result, _) => result.Model)
                .WithTrackingName(TrackingNames.Models);

            // Diagnostics meet the compilation only here, to be located in its syntax trees: the cached
            // models stay free of trees, and methods without diagnostics never reach this step.
            var diagnostics = methods
                .Select(static (result, _) => result.Diagnostics)
                .Where(static d => d.Count > 0)
                .Combine(context.CompilationProvider);
            context.RegisterSourceOutput(diagnostics, static (spc, pair) =>
            {
                foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            });

            context.RegisterSourceOutput(models, static (spc, model) =>
            {
                if (model is null) return;
                string source;
                try
                {
                    // Lower happened in the transform; here Derive (calculus and algebra, then frozen), then Plan and Write.
                    source = model.Precision == Model.Precision.Single ? EmitSingle(model) : EmitDouble(model);
                }
                catch (System.Exception e)
                {
                    // Never throw into the user's build: report and emit nothing for this method.
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.DiagnosticDescriptors.InternalError, Location.None,
                        model.HintName, e.GetType().Name + ": " + e.Message + " " + e.StackTrace?.Split('\n')[0].Trim()));
                    return;
                }
                spc.AddSource(model.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
            });
        }

        /// <summary>A float method: computed in float where asked and possible, else in double behind the float facade.</summary>
        private static string EmitSingle(Model.MethodModel model)
        {
            if (!model.ComputeInFloat) return SinglePrecisionFacade.Emit(model, EmitDouble);
            return SingleArithmetic.TryEmit(model, EmitDouble, out string blocker)
                ?? SinglePrecisionFacade.Emit(model, EmitDouble, blocker);
        }

        private static string EmitDouble(Model.MethodModel model)
            => model.Program is not null ? ProgramEmitter.Emit(model) : GradientEmitter.Emit(model, Calculus.Derivation.Of(model));
    }
}

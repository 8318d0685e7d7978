using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// The transform step: from the attributed method's syntax and symbol to a value-only
    /// <see cref="MethodModel"/> (or diagnostics). Checks the method's shape, then lowers its body.
    /// </summary>
    internal static class MethodParser
    {
        public static MethodResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var diagnostics = new List<DiagnosticInfo>();
            if (context.TargetNode is not MethodDeclarationSyntax syntax)
            {
                var local = (LocalFunctionStatementSyntax)context.TargetNode;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethod, local.Identifier.GetLocation(),
                    method.Name, "local functions cannot be differentiated; make it a method of a partial type"));
                return new MethodResult(null, diagnostics.ToEquatableArray());
            }
            try
            {
                var model = ParseCore(context, syntax, method, diagnostics, cancellation);
                return new MethodResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
            }
            catch (System.OperationCanceledException)
            {
                throw;
            }
            catch (System.Exception e)
            {
                // The generator must never throw into the user's build; report instead.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), method.Name,
                    e.GetType().Name + ": " + e.Message));
                return new MethodResult(null, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>
        /// float or double, from the return type and the parameters; a method that mixes the two is reported at the first
        /// parameter that differs from the return type (one precision a method keeps generated signatures unambiguous).
        /// </summary>
        private static Precision PrecisionOf(IMethodSymbol method, MethodDeclarationSyntax syntax,
            System.Action<DiagnosticDescriptor, Location, string[]> report, CancellationToken cancellation)
        {
            var returned = TypeClassifier.PrecisionOf(method.ReturnType);
            var first = returned ?? method.Parameters.Select(p => TypeClassifier.PrecisionOf(p.Type)).FirstOrDefault(q => q is not null);
            foreach (var p in method.Parameters)
            {
                if (TypeClassifier.PrecisionOf(p.Type) is not { } own || first is null || own == first) continue;
                report(DiagnosticDescriptors.UnsupportedParameter, LocationOf(p, syntax, cancellation), new[] { p.Name,
                    $"{p.Type.ToDisplayString()} in a method written in {Word(first.Value)} (one precision per method: "
                        + $"make it {Word(first.Value)} too)" });
                break;
            }
            return first ?? Precision.Double;
        }

        /// <summary>A parameter's declaration in the user's source, or the method's name where it has none.</summary>
        private static Location LocationOf(IParameterSymbol p, MethodDeclarationSyntax syntax, CancellationToken cancellation)
            => p.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellation).GetLocation() ?? syntax.Identifier.GetLocation();

        private static string Word(Precision precision) => precision == Precision.Single ? "float" : "double";

        private static MethodModel? ParseCore(
            GeneratorAttributeSyntaxContext context,
            MethodDeclarationSyntax syntax,
            IMethodSymbol method,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellation)
        {
            void Report(DiagnosticDescriptor d, Location l, params string[] args) => diagnostics.Add(DiagnosticInfo.Create(d, l, args));

            // The containing types must all be partial, or there is nowhere to put the gradient.
            var types = new List<TypeDeclModel>();
            for (var type = syntax.Parent as TypeDeclarationSyntax; type is not null; type = type.Parent as TypeDeclarationSyntax)
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(DiagnosticDescriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.Text, method.Name);
                }
                types.Insert(0, new TypeDeclModel(Keyword(type), type.Identifier.Text + type.TypeParameterList?.ToString()));
            }
            if (syntax.Parent is not TypeDeclarationSyntax)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                    "it must be declared in a partial class, struct or record");
            }

            if (method.IsGenericMethod) Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                "generic methods cannot be differentiated");
            if (method.IsAsync) Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                "async methods cannot be differentiated");
            if (method.IsAbstract || method.IsExtern || method.IsPartialDefinition) Report(DiagnosticDescriptors.UnsupportedMethod,
                syntax.Identifier.GetLocation(), method.Name, "the method needs a body");

            // double or float: a gradient; a matrix or vector (of either): a Jacobian (with JVP and VJP).
            var returnKind = TypeClassifier.IsFloatingScalar(method.ReturnType) ? ValueKind.Scalar
                : TypeClassifier.Classify(method.ReturnType);
            // An async method's Task<double> is a consequence of its being async, reported above: one cause, one diagnostic.
            if (!method.IsAsync && (returnKind is null || method.ReturnType.SpecialType == SpecialType.System_Int32))
            {
                Report(DiagnosticDescriptors.UnsupportedReturnType, syntax.ReturnType.GetLocation(), method.ReturnType.ToDisplayString());
            }

            var parameters = new List<ParameterModel>();
            foreach (var p in method.Parameters)
            {
                var kind = TypeClassifier.Classify(p.Type);
                if (kind is null || p.RefKind != RefKind.None || p.IsParams)
                {
                    var location = LocationOf(p, syntax, cancellation);
                    string refKind = p.RefKind != RefKind.None ? p.RefKind.ToString().ToLowerInvariant() + " " : "";
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, refKind + p.Type.ToDisplayString());
                    continue;
                }
                parameters.Add(new ParameterModel(p.Name, p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), kind.Value));
            }

            var precision = PrecisionOf(method, syntax, Report, cancellation);
            var wrt = ResolveWrt(context, method, diagnostics, cancellation);
            int order = context.Attributes[0].NamedArguments.FirstOrDefault(a => a.Key == "Order").Value.Value as int? ?? 1;
            int checkpointEvery = context.Attributes[0].NamedArguments.FirstOrDefault(a
                => a.Key == "CheckpointEvery").Value.Value as int? ?? 0;
            bool computeInFloat = context.Attributes[0].NamedArguments.FirstOrDefault(a
                => a.Key == "ComputeInFloat").Value.Value as bool? ?? false;
            if (computeInFloat && precision != Precision.Single)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                    "ComputeInFloat is for a method written in float (its parameters and result float)");
            }
            if (checkpointEvery < 0)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                    "CheckpointEvery is a number of loop iterations: 0 (keep every value) or more");
            }
            if (order is not (1 or 2) || (order == 2 && (returnKind != ValueKind.Scalar || wrt.Count != 1)))
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                    order is 1 or 2 ? "Order = 2 (Hessians) needs a double-valued method and one parameter in [Differentiable]"
                        : $"Order = {order}: only 1 (gradients) and 2 (Hessians) are generated");
            }
            if (returnKind is ValueKind.Matrix or ValueKind.Vector && wrt.Count > 1)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                    "a matrix- or vector-valued method has one Jacobian per parameter: name one parameter in [Differentiable]");
            }

            // Names the generated members would take must be free.
            var wrtKinds = wrt.Select(name => parameters.FirstOrDefault(p => p.Name == name)?.Kind ?? ValueKind.Scalar);
            bool writesInto = returnKind is { } kindReturned && GeneratedMembers.WritesInto(kindReturned, wrtKinds);
            foreach (var generated in GeneratedMembers.Names(method.Name, returnKind ?? ValueKind.Scalar, order, writesInto))
            {
                if (method.ContainingType.GetMembers(generated)
                    .Any(m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.Length > 0))
                {
                    Report(DiagnosticDescriptors.NameClash, syntax.Identifier.GetLocation(), method.ContainingType.Name, generated,
                        method.Name);
                }
            }

            // A float method's private double members would collide with those of a [Differentiable] double overload.
            if (precision == Precision.Single && method.ContainingType.GetMembers(method.Name).Any(m => m is IMethodSymbol other
                && !SymbolEqualityComparer.Default.Equals(other, method)
                && other.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableGenerator.AttributeName)))
            {
                Report(DiagnosticDescriptors.NameClash, syntax.Identifier.GetLocation(), method.ContainingType.Name, "Grad" + method.Name,
                    method.Name + " (a float method beside a [Differentiable] overload: its double members would share names)");
            }

            // A method whose signature is wrong is not lowered: its body's errors would only be echoes.
            if (diagnostics.Count > 0) return null;

            // Code that does not compile gets the compiler's errors, not ours nor generated code.
            var compilerDiagnostics = context.SemanticModel.GetDiagnostics(syntax.Span, cancellation);
            if (compilerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return null;

            var reserved = new SortedSet<string>(System.StringComparer.Ordinal);
            foreach (var p in method.Parameters) reserved.Add(p.Name);
            foreach (var m in method.ContainingType.GetMembers()) reserved.Add(m.Name);
            foreach (var token in syntax.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
            {
                reserved.Add(token.ValueText);
            }

            var ir = new IrBuilder(new GraphBuilder());
            var lowerer = new Lowerer(context.SemanticModel, ir, wrt, cancellation) { SecondOrder = order == 2 };
            ProgramModel? program = null;
            var shapeChecks = new List<ShapeCheckModel>();
            string shapes = "";
            NodeId output;
            ValueKind outputKind;
            if (Lowerer.NeedsStatements(syntax) || lowerer.CallsStatementHelper(syntax))
            {
                program = lowerer.LowerProgram(syntax, reserved);
                diagnostics.AddRange(lowerer.Diagnostics);
                if (order == 2 && lowerer.CustomCalls.Count > 0)
                {
                    var (_, at, name) = lowerer.CustomCalls.Values.First();
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CustomRule, at, name,
                        "Hessians (Order = 2) through custom rules are generated for bodies without loops or branches so far"));
                }
                if (diagnostics.Count > 0 || program is null) return null;
                if (ShapeInference.ProgramChecks(program, parameters, lowerer.ReturnsEarly) is { } found) (shapeChecks, shapes) = found;
                output = NodeId.None;
                outputKind = program.Result.Nodes[program.Result.Output.Index].Kind;
                if (order == 2 && (HasElementWrites(program.Body) || checkpointEvery > 0))
                {
                    Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                        "Hessians through statements are generated without element writes and without CheckpointEvery so far");
                    return null;
                }
            }
            else
            {
                output = lowerer.LowerBody(syntax);
                diagnostics.AddRange(lowerer.Diagnostics);
                if (diagnostics.Count > 0 || output.IsNone) return null;
                if (order == 2 && ir.Graph.Nodes.Any(n => n.Op is Op.SingularValues or Op.SvdU or Op.SvdV))
                {
                    Report(DiagnosticDescriptors.UnsupportedMethod, syntax.Identifier.GetLocation(), method.Name,
                        "Hessians (Order = 2) through an Svd (S, U, VT, W, L2Norm, ConditionNumber) are not generated yet");
                    return null;
                }
                diagnostics.AddRange(ShapeInference.Check(ir.Graph.Nodes, lowerer.ConstantShapes, lowerer.Origins, out var inferred));
                if (diagnostics.Count > 0) return null;
                (shapeChecks, shapes) = inferred.ParameterChecks(ir.Graph.Nodes, method.Parameters.Select(p => p.Name));
                outputKind = ir.KindOf(output);
            }
            diagnostics.AddRange(MissingRules(lowerer, returnKind!.Value, order, method.Name));
            if (precision == Precision.Single && lowerer.CustomCalls.Count > 0)
            {
                // The float facade computes in double, and a user's rule is written for the types it was given.
                var (_, at, name) = lowerer.CustomCalls.Values.First();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CustomRule, at, name,
                    "custom rules are called from double-precision methods only so far (a float method computes in double)"));
            }
            if (diagnostics.Count > 0) return null;
            if (outputKind != returnKind)
            {
                string returned = outputKind.ToString().ToLowerInvariant();
                Report(DiagnosticDescriptors.UnsupportedReturnType, syntax.ReturnType.GetLocation(),
                    $"a {returned} value returned as {method.ReturnType.ToDisplayString()}");
                return null;
            }

            return new MethodModel(
                HintName(method),
                method.ContainingNamespace.IsGlobalNamespace ? "" : method.ContainingNamespace.ToDisplayString(),
                types.ToEquatableArray(),
                method.Name,
                SyntaxFacts.GetText(method.DeclaredAccessibility),
                method.IsStatic,
                parameters.ToEquatableArray(),
                wrt.ToEquatableArray(),
                returnKind!.Value,
                order,
                ir.Graph.ToArray(),
                output,
                lowerer.Locals.ToEquatableArray(),
                SymmetricLeaves(method).ToEquatableArray(),
                reserved.ToEquatableArray(),
                program,
                checkpointEvery,
                lowerer.Inlined.ToEquatableArray(),
                shapeChecks.ToEquatableArray(),
                shapes,
                lowerer.CustomCalls.Values.Select(c => c.Rule).ToEquatableArray(),
                lowerer.RuleBodies.ToEquatableArray(),
                SourceOf(syntax),
                precision,
                program is null ? lowerer.Map : null,
                computeInFloat);
        }

        /// <summary>
        /// A function called through custom rules needs the rule of each mode the generated members use: the VJP for a gradient
        /// (GradF) or VjpF, the JVP for JvpF and JacobianF; second order through a rule is not generated yet. One GG0012 per
        /// function, at its first call.
        /// </summary>
        private static IEnumerable<DiagnosticInfo> MissingRules(Lowerer lowerer, ValueKind returnKind, int order, string method)
        {
            foreach (var (rule, at, name) in lowerer.CustomCalls.Values)
            {
                string? missing = order == 2 && rule.Jvp.Length == 0 ? $"Hessians (Order = 2) of {method} differentiate its gradient "
                        + $"along a direction, which needs a [JvpOf(nameof({name.Split('.').Last()}))] rule too"
                    : rule.Vjp.Length == 0 ? $"{method}'s {(returnKind == ValueKind.Scalar ? "gradient" : "VJP")} needs a "
                        + $"[VjpOf(nameof({name.Split('.').Last()}))] rule (reverse mode); {name} has only a [JvpOf] one"
                    : rule.Jvp.Length == 0 && returnKind != ValueKind.Scalar ? $"{method}'s JVP and Jacobian need a "
                        + $"[JvpOf(nameof({name.Split('.').Last()}))] rule (forward mode); {name} has only a [VjpOf] one"
                    : null;
                if (missing is not null) yield return DiagnosticInfo.Create(DiagnosticDescriptors.CustomRule, at, name, missing);
            }
        }

        /// <summary>"File.cs, line n" of the method's name (the file name only: generated text stays the same on every machine).</summary>
        private static string SourceOf(MethodDeclarationSyntax syntax)
        {
            string file = System.IO.Path.GetFileName(syntax.SyntaxTree.FilePath);
            int line = syntax.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            return file.Length == 0 ? "" : $"{file}, line {line}";
        }

        private static bool HasElementWrites(IEnumerable<StatementModel> statements) => statements.Any(s => s switch
        {
            ElementWriteModel => true,
            LoopModel l => HasElementWrites(l.Init.Concat(l.Body).Concat(l.Step)),
            ForEachIntModel f => HasElementWrites(f.Body),
            BranchModel b => HasElementWrites(b.Then.Concat(b.Else)),
            _ => false,
        });

        private static List<string> ResolveWrt(GeneratorAttributeSyntaxContext context, IMethodSymbol method,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            var attribute = context.Attributes[0];
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellation).GetLocation() ?? context.TargetNode.GetLocation();
            var names = attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Array, IsNull: false } array
                ? array.Values.Select(v => v.Value as string ?? "").ToList()
                : new List<string>();
            if (names.Count == 0)
            {
                if (method.Parameters.Length == 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethod, location, method.Name,
                        "it has no parameter to differentiate with respect to"));
                    return names;
                }
                names.Add(method.Parameters[0].Name);
            }
            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellation) as AttributeSyntax;
            for (int i = 0; i < names.Count; i++)
            {
                string name = names[i];
                // Point at the offending name itself when it was written out.
                var arguments = attributeSyntax?.ArgumentList?.Arguments;
                if (arguments is { } list && i < list.Count) location = list[i].GetLocation();
                var parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
                if (parameter is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownWrt, location, name, method.Name));
                }
                else if (!TypeClassifier.IsDifferentiable(parameter.Type) && TypeClassifier.Classify(parameter.Type) is not null)
                {
                    // A parameter of an unsupported type (Matrix<float>) is reported once, as GG0002.
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotDifferentiableWrt, location, name,
                        parameter.Type.ToDisplayString()));
                }
            }
            if (names.Distinct().Count() != names.Count)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethod, location, method.Name,
                    "a parameter is named twice in [Differentiable]"));
            }
            return names;
        }

        private const string SymmetricAttribute = "GradGen.SymmetricAttribute";

        /// <summary>[Symmetric] parameters, fields and properties, named as IR leaves name them (X, this.A, global::T.B).</summary>
        private static IEnumerable<string> SymmetricLeaves(IMethodSymbol method)
        {
            bool IsSymmetric(ISymbol s) => s.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == SymmetricAttribute);
            foreach (var p in method.Parameters.Where(IsSymmetric)) yield return p.Name;
            foreach (var m in method.ContainingType.GetMembers().Where(m => m is IFieldSymbol or IPropertySymbol && IsSymmetric(m)))
            {
                yield return m.IsStatic ? m.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + m.Name
                    : "this." + m.Name;
            }
        }

        private static string Keyword(TypeDeclarationSyntax type) => type switch
        {
            RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };

        /// <summary>A stable, readable file name; overloads get their position among the method's overloads.</summary>
        private static string HintName(IMethodSymbol method)
        {
            string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                .Replace("global::", "").Replace('<', '[').Replace('>', ']');
            var overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().ToList();
            string suffix = overloads.Count > 1 ? "." + overloads.IndexOf(method) : "";
            return $"{type}.{method.Name}{suffix}.g.cs";
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Lowering
{
    /// <summary>
    /// A helper of the user's with statements (a loop, a branch, reassignment), called from the body of a method lowered as a
    /// program: its statements join the program just before the statement that calls it, as a choice's branches do. Each
    /// parameter becomes a variable assigned its argument, each of the helper's locals a variable of its own (numbered where
    /// the caller has the name; a helper called twice gets two sets), and the call reads the variable its final return
    /// assigns. So the helper is differentiated with the rest, through the same tape.
    /// </summary>
    internal sealed partial class Lowerer
    {
        /// <summary>Does the body call a helper of the user's with statements (so that it must be lowered as a program)?</summary>
        public bool CallsStatementHelper(MethodDeclarationSyntax method)
        {
            foreach (var call in method.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax)) continue;   // a lambda's: reported there
                if (_semantics.GetSymbolInfo(call, _cancellation).Symbol is not IMethodSymbol called) continue;
                var original = called.OriginalDefinition;
                // Source methods only (MathNet's have no declaration): their rules are looked for among their type's members.
                if (HelperDeclaration(original) is not { Body: not null } declaration || HelperBody(declaration) is not null) continue;
                if (RuleOf(original, VjpAttribute) is null && RuleOf(original, JvpAttribute) is null) return true;
            }
            return false;
        }

        /// <summary>The helper's statements added to the pending ones; the node reading the variable its return assigns.</summary>
        private NodeId InlineStatements(InvocationExpressionSyntax invocation, IMethodSymbol method, MethodDeclarationSyntax declaration)
        {
            var statements = declaration.Body!.Statements;
            var given = invocation.ArgumentList.Arguments;
            if (statements.LastOrDefault() is not ReturnStatementSyntax { Expression: { } returned }
                || statements.Take(statements.Count - 1).Any(s => s.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any()))
            {
                return Unsupported(invocation, $"{method.Name} returns from inside its body: end it with its only 'return'");
            }
            if (given.Count != method.Parameters.Length || given.Any(a => a.NameColon is not null || a.RefKindKeyword.Value is not null))
            {
                return Unsupported(invocation, $"pass every argument of {method.Name} in order, without names");
            }

            // The enclosing right-hand side's graph is set aside while the helper's statements get graphs of their own.
            var saved = SetAside();
            var savedReturn = _return;
            var savedLoops = _loops.ToArray();
            int before = Diagnostics.Count;
            var lowered = new List<StatementModel>();
            var scope = new List<ISymbol>();

            // Arguments are read in the caller's terms, before the helper's semantic model takes over.
            var parameters = new List<(IParameterSymbol Symbol, VariableModel Variable)>();
            for (int i = 0; i < given.Count; i++)
            {
                var p = method.Parameters[i];
                bool isInt = p.Type.SpecialType == SpecialType.System_Int32;
                var variable = new VariableModel(Unique(p.Name), TypeClassifier.Classify(p.Type)!.Value, isInt,
                    !isInt && DependsOnWrt(given[i].Expression));
                Declare(variable);
                Assign(variable, given[i].Expression, first: _loopDepth == 0, lowered);
                parameters.Add((p, variable));
            }

            var caller = EnterHelper(method, declaration);
            _return = null;
            _loops.Clear();
            foreach (var (symbol, variable) in parameters)
            {
                _variables![symbol] = variable;
                scope.Add(symbol);
            }
            DeclareLocals(declaration, scope);
            MarkActive(declaration);
            LowerSequence(statements.Take(statements.Count - 1).ToList(), lowered);
            var resultKind = TypeClassifier.Classify(method.ReturnType)!.Value;
            var result = new VariableModel(Unique(char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1)), resultKind,
                method.ReturnType.SpecialType == SpecialType.System_Int32, DependsOnWrt(returned));
            Declare(result);
            Assign(result, returned, first: _loopDepth == 0, lowered);

            // The helper's symbols leave the caller's scope; their variables stay declared (a second call gets new ones), each
            // as the fixpoint left it: a parameter given a fixed argument becomes active if the helper assigns it an active value.
            foreach (var symbol in scope)
            {
                var final = _variables![symbol];
                if (symbol is IParameterSymbol) _hidden[_hidden.FindIndex(v => v.Name == final.Name)] = final;
                else Declare(final);
                _variables.Remove(symbol);
            }
            LeaveHelper(caller);
            _return = savedReturn;
            foreach (var loop in savedLoops.Reverse()) _loops.Push(loop);
            Resume(saved);
            if (Diagnostics.Count > before) return Failed;
            _pending.AddRange(lowered);
            return _ir.Param(result.Name, resultKind);
        }

        /// <summary>
        /// A loop's header as the derivation comment shows it: the user's text, and inside a helper the helper's name, since its
        /// variables may be numbered (i2 &lt; k2 runs what the helper wrote as i &lt; k).
        /// </summary>
        private string InHelper(string header) => _inlining.Count == 0 || _variables is null ? header
            : header + " in " + _inlining[_inlining.Count - 1].Name;

        /// <summary>A variable generated code declares (at the top of the method) that no symbol of the caller's names.</summary>
        private void Declare(VariableModel variable)
        {
            _hidden.Add(variable);
            if (variable.Active) _activeVariables.Add(variable.Name);
        }

        /// <summary>The helper's locals as variables of the program, each with a name unique in the method being generated.</summary>
        private void DeclareLocals(MethodDeclarationSyntax declaration, List<ISymbol> scope)
        {
            foreach (var node in declaration.Body!.DescendantNodes())
            {
                if (node is not (VariableDeclaratorSyntax or ForEachStatementSyntax)) continue;
                if (_semantics.GetDeclaredSymbol(node, _cancellation) is not ILocalSymbol symbol) continue;
                if (TypeClassifier.Classify(symbol.Type) is not { } kind)
                {
                    Unsupported(node, $"a helper's locals are Matrix<double>, Vector<double>, double or int, not {symbol.Type}");
                    continue;
                }
                bool isInt = symbol.Type.SpecialType == SpecialType.System_Int32;
                _variables![symbol] = new VariableModel(Unique(symbol.Name), kind, isInt, false);
                scope.Add(symbol);
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Calculus;
using GradGen.Generator.Ir;
using GradGen.Generator.Ir.Operations;
using GradGen.Generator.Model;
using static GradGen.Generator.Emit.MathNetSyntax;

namespace GradGen.Generator.Emit
{
    /// <summary>
    /// Writes the statements that compute some roots of a derivation: one named local per node
    /// that is a user's local, a root, or used more than once; everything else inline. Nodes come
    /// out in index order, which is topological. Each local carries its formula in seed notation as
    /// a trailing comment. Linear combinations are accumulated term by term (BodyWriter.Accumulation.cs),
    /// temporaries reuse storage nothing reads any more (BodyWriter.Liveness.cs), and the cheaper forms
    /// of <see cref="Peepholes"/> and <see cref="ProductChains"/> are chosen here.
    /// </summary>
    internal sealed partial class BodyWriter
    {
        private readonly Derivation _derivation;
        private readonly IReadOnlyList<Node> _nodes;
        private readonly Notation _notation;
        private readonly Dictionary<NodeId, string> _locals = new();
        private readonly FreshNames _names;
        private readonly IReadOnlyDictionary<NodeId, string> _userNames;
        private readonly Stack<(HashSet<NodeId> Locals, HashSet<(NodeId, FactorKind)> Factors, HashSet<NodeId> Tuples)> _scopes = new();
        private int[] _uses = System.Array.Empty<int>();   // by node index: how often this body reads the node (0: never)
        private List<NodeId> _reached = new();               // the nodes it reads, in id (topological) order
        private Peepholes _peepholes;
        private readonly SourceMap? _map;   // the user's statement each forward node comes from (#line), if known
        private Liveness _liveness = null!;

        public BodyWriter(Derivation derivation, MethodModel model, Notation notation)
        {
            _derivation = derivation;
            _nodes = derivation.Graph.Nodes;
            _notation = notation;
            _names = new FreshNames(model.ReservedNames);
            _userNames = model.Locals.ToDictionary(l => l.Node, l => l.Name);
            _customRules = model.CustomRules;
            _map = model.Map;
            // ForwardFrontier reads operands before the first Write: nothing computed yet, nothing fused.
            _peepholes = new Peepholes(_nodes, System.Array.Empty<NodeId>(), _ => false);
        }

        private const string ReverseHeader
            = "// Reverse pass: adjoints by the trace trick (C̄ for each C, the objective's differential being Σ tr(C̄ᵀ dC)).";

        /// <summary>Writes locals for everything <paramref name="roots"/> need; returns each root's C# expression.</summary>
        /// <param name="roots">The nodes to compute, with a preferred local name (null: a name from the formula).</param>
        /// <param name="hoist">Nodes to compute into locals as well, without returning them (loop invariants).</param>
        /// <param name="header">The comment above the first statement; null for none.</param>
        /// <param name="into">Roots to write into a caller's matrix or vector (by name) instead of a new one.</param>
        public string[] Write(SourceWriter w, IReadOnlyList<(NodeId Node, string? Name)> roots, IEnumerable<NodeId>? hoist = null,
            string? header = "// Forward pass: the objective as written.",
            string derivativeHeader = ReverseHeader, IReadOnlyList<(NodeId Node, string Target)>? into = null,
            IReadOnlyDictionary<NodeId, System.Func<string, string>>? statementFor = null)
        {
            var statements = statementFor ?? new Dictionary<NodeId, System.Func<string, string>>();
            var stated = new HashSet<NodeId>();
            var targets = new Dictionary<NodeId, string>();
            foreach (var (node, target) in into ?? System.Array.Empty<(NodeId, string)>())
            {
                _names.Take(target);   // a parameter of the method: no local may take its name
                if (!targets.ContainsKey(node)) targets[node] = target;
            }
            var hoisted = new HashSet<NodeId>(hoist ?? Enumerable.Empty<NodeId>());
            var computed = roots.Select(r => r.Node).Concat(hoisted).ToList();
            _peepholes = new Peepholes(_nodes, computed, _locals.ContainsKey);
            CountUses(computed);
            _liveness = new Liveness(this, computed);
            PlanFactorisations(computed);
            PlanTuples(computed);
            bool reverseHeader = header is null;
            // Each header is written above the first statement of its part, and only if there is one.
            bool forwardHeader = header is null;
            foreach (NodeId id in _reached)
            {
                if (_locals.ContainsKey(id)) continue;
                bool named = _userNames.ContainsKey(id) && id.Index < _derivation.ForwardCount;
                if (!_liveness.BecomesLocal(id) && !IsLongInline(id)) continue;
                if (_map is not null) w.MapTo(id.Index < _derivation.ForwardCount ? _map.SpanOf(id) : null);
                if (id.Index < _derivation.ForwardCount && !forwardHeader)
                {
                    w.Line(header!);
                    forwardHeader = true;
                }
                if (id.Index >= _derivation.ForwardCount && !reverseHeader)
                {
                    w.Line(derivativeHeader);
                    reverseHeader = true;
                }
                WriteFactorisationsFor(w, id);
                WriteTuplesFor(w, id);
                if (targets.TryGetValue(id, out var into1))
                {
                    WriteInto(w, id, into1);
                    _locals[id] = into1;
                    continue;
                }
                if (statements.TryGetValue(id, out var statement) && _uses[id.Index] == 1 && !Accumulates(id, _liveness.IsResult(id)))
                {
                    // A root read by nothing else that is a statement of its own (a reassignment, an adjoint accumulated).
                    string text = statement(Expr(id).Text);
                    w.Line(text + Comment(id, text));
                    stated.Add(id);
                    continue;
                }
                // A user's local keeps the user's name (it is already unique in the method's scope).
                string name = named ? Claim(_userNames[id]) : Fresh(roots.FirstOrDefault(r => r.Node == id).Name ?? Label(id));
                if (Accumulates(id, _liveness.IsResult(id))) WriteAccumulation(w, id, name);
                else
                {
                    string text = Expr(id).Text;
                    w.Line(IntoDeadTemporary(id, name, text) ?? $"var {name} = {text};{Comment(id, name)}");
                }
                _locals[id] = name;
                _liveness.Declared(id);
            }
            w.MapTo(null);
            foreach (var statement in statements)
            {
                if (!stated.Contains(statement.Key)) w.Line(statement.Value(Expr(statement.Key).Text));
            }
            // Results that are inputs, earlier locals or another result's node are copied in.
            foreach (var (node, target) in into ?? System.Array.Empty<(NodeId, string)>())
            {
                if (!(_locals.TryGetValue(node, out var local) && local == target)) w.Line($"{Wrap(node, Primary)}.CopyTo({target});");
            }
            return roots.Select(r => Expr(r.Node).Text).ToArray();
        }

        /// <summary>
        /// After the last <see cref="Write"/> of a method, just before its return: hands the matrices the body allocated and
        /// nothing reads any more to the runtime's <c>Scratch</c>, so the thread's next call computes into them instead of
        /// allocating (at n ≥ 128 each is a large-object allocation). Only for a body written by one Write at the method's
        /// top level: the liveness is that Write's.
        /// </summary>
        public void WriteRecycling(SourceWriter w)
        {
            // One call per kind: the runtime's Recycle takes matrices or vectors.
            foreach (var kind in _liveness.DeadTemporaries().GroupBy(id => _nodes[id.Index].Kind).OrderByDescending(g => g.Key))
            {
                string dead = string.Join(", ", kind.Select(id => _locals[id]));
                w.Line($"{Scratch}.Recycle({dead});  // not read again: storage for this thread's next call");
            }
        }

        /// <summary>A root written into the caller's <paramref name="target"/>: term by term, as one dgemm, or copied.</summary>
        private void WriteInto(SourceWriter w, NodeId id, string target)
        {
            if (Accumulates(id, isRoot: true))
            {
                WriteAccumulation(w, id, target, into: true);
                return;
            }
            if (FusedProduct(id) is { } p)
            {
                string operands = GemmOperands(w, p, id);   // may first write a factor into free storage
                w.Line($"{Runtime}.ScaledProductInto({target}, 1.0, {operands});  // {target} = {_notation.Describe(id)}");
                return;
            }
            w.Line($"{Wrap(id, Primary)}.CopyTo({target});  // {target} = {_notation.Describe(id)}");
        }

        /// <summary>Locals declared from here on are forgotten at <see cref="EndScope"/> (the end of a C# block).</summary>
        public void BeginScope()
            => _scopes.Push((new HashSet<NodeId>(_locals.Keys), new HashSet<(NodeId, FactorKind)>(_factors.Keys),
                new HashSet<NodeId>(_tuples.Keys)));

        public void EndScope()
        {
            var (locals, factors, tuples) = _scopes.Pop();
            foreach (NodeId id in _locals.Keys.Where(k => !locals.Contains(k)).ToList()) _locals.Remove(id);
            foreach (var key in _factors.Keys.Where(k => !factors.Contains(k)).ToList()) _factors.Remove(key);
            foreach (NodeId id in _tuples.Keys.Where(k => !tuples.Contains(k)).ToList()) _tuples.Remove(id);
        }

        /// <summary>
        /// Writes <c>for (int k = 0; k &lt; count; k++)</c> that sets the unit direction <paramref name="direction"/>
        /// (shaped like <paramref name="like"/>), computes <paramref name="node"/> from it with the locals already
        /// written, and stores vec of it with <paramref name="store"/> (SetColumn or SetRow of <paramref name="target"/>).
        /// </summary>
        public void WriteDirectionLoop(SourceWriter w, string count, string direction, string like, NodeId node, string name,
            string target, string store, string comment)
        {
            const string jacobians = "global::GradGen.Runtime.Jacobians";
            w.Open($"for (int k = 0; k < {count}; k++)");
            w.Line($"var {direction} = {jacobians}.Unit({like}, k);");
            BeginScope();
            string value = Write(w, new List<(NodeId, string?)> { (node, name) }, header: null, derivativeHeader: comment)[0];
            EndScope();
            w.Line($"{target}.{store}(k, {jacobians}.Vec({value}));");
            w.Close();
        }

        /// <summary>The forward nodes that derivative nodes reachable from <paramref name="roots"/> read: what a loop over directions
        /// should compute once, before it.</summary>
        public IEnumerable<NodeId> ForwardFrontier(IEnumerable<NodeId> roots)
        {
            var seen = new HashSet<NodeId>();
            var frontier = new SortedSet<NodeId>();
            void Visit(NodeId id)
            {
                if (!seen.Add(id)) return;
                if (id.Index < _derivation.ForwardCount)
                {
                    if (!_nodes[id.Index].IsLeaf) frontier.Add(id);
                    return;
                }
                foreach (NodeId operand in Operands(id)) Visit(operand);
            }
            foreach (NodeId root in roots) Visit(root);
            return frontier;
        }

        /// <summary>Longest C# expression a node is written inline as; a longer one gets a local, so no statement nests deeply.</summary>
        private const int MaxInline = 90;

        /// <summary>
        /// A node read once whose expression would run past <see cref="MaxInline"/> characters: written as a statement of its own
        /// (JVP and VJP bodies read as a sequence of named steps, not one nested expression). Its operands are locals or short,
        /// so the text measured is bounded and the check costs O(1) per node.
        /// </summary>
        private bool IsLongInline(NodeId id)
        {
            var n = _nodes[id.Index];
            // Products keep their fused forms: a chain ordered at run time, transposes and α folded into one dgemm.
            if (n.IsLeaf || Operations.Of(n.Op).IsView || n.Kind == ValueKind.Scalar || n.Op is Op.MatMul or Op.Transpose) return false;
            // A term of a linear combination is a statement of the accumulation already; a trace or diagonal of it is fused.
            if (_liveness.SoleReader(id) is NodeId reader
                && _nodes[reader.Index].Op is Op.Add or Op.Sub or Op.Neg or Op.Scale or Op.Transpose or Op.Trace or Op.Diagonal
                    or Op.Inner)
            {
                return false;
            }
            // Measured as a reader sees it: without the namespaces every runtime and MathNet call spells out.
            string text = Expr(id).Text;
            return NestingDepth(text) >= MaxNesting || text.Length - Occurrences(text, RuntimePrefix) * RuntimePrefix.Length
                - Occurrences(text, MathNetPrefix) * MathNetPrefix.Length > MaxInline;
        }

        /// <summary>A call holding another call (f(g(x))), read once, is a statement of its own: one nested call per line.</summary>
        private const int MaxNesting = 2;

        private const string RuntimePrefix = Runtime + ".", MathNetPrefix = "global::MathNet.Numerics.LinearAlgebra.";

        private static int Occurrences(string text, string part)
        {
            int count = 0;
            for (int at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0;
                at = text.IndexOf(part, at + part.Length, System.StringComparison.Ordinal)) count++;
            return count;
        }

        private static int NestingDepth(string text)
        {
            int depth = 0, deepest = 0;
            foreach (char c in text)
            {
                if (c == '(') deepest = System.Math.Max(deepest, ++depth);
                else if (c == ')') depth--;
            }
            return deepest;
        }

        private string Comment(NodeId id, string name)
        {
            string formula = _notation.Describe(id);
            return formula == name ? "" : "  // " + formula;
        }

        /// <summary>How often each reachable node is read, counting a transpose folded into a product as a read of its operand.</summary>
        private void CountUses(IEnumerable<NodeId> roots)
        {
            var uses = _uses = new int[_nodes.Count];
            void Visit(NodeId id)
            {
                if (uses[id.Index]++ > 0) return;
                foreach (NodeId operand in Operands(id)) Visit(operand);
            }
            foreach (NodeId root in roots) Visit(root);
            _reached = new List<NodeId>();
            for (int i = 0; i < uses.Length; i++)
            {
                if (uses[i] > 0) _reached.Add(new NodeId(i));
            }
        }

        /// <summary>The operands as the emitted code reads them (see <see cref="Peepholes"/>).</summary>
        private EquatableArray<NodeId> Operands(NodeId id) => _peepholes.Operands(id);

        internal (NodeId Left, NodeId Right, string Method) FoldedProduct(NodeId id) => Peepholes.FoldedProduct(_nodes, id);

        /// <summary>
        /// A chain of three or more factors (through products computed only here) whose associations do
        /// not all cost the same for the sizes the shapes allow: its factors, for a run-time choice of order
        /// (see <see cref="ProductChains"/>). Null where the order is free and the product is written as it is.
        /// </summary>
        private List<NodeId>? Chain(NodeId id)
        {
            var n = _nodes[id.Index];
            if (n.Op != Op.MatMul || n.Kind == ValueKind.Scalar) return null;
            bool Inner(NodeId node) => _nodes[node.Index] is { Op: Op.MatMul } p && p.Kind != ValueKind.Scalar
                && !_locals.ContainsKey(node) && _uses[node.Index] == 1;
            var factors = ProductChains.Factors(_nodes, id, Inner);
            return ProductChains.OrderIsFree(_nodes, factors, _derivation.Shapes) ? null : factors;
        }

        /// <summary>MatrixFunctions.Product(F₁, …, F_k), with a vector end as its own argument.</summary>
        private string ChainCall(List<NodeId> factors)
        {
            string Matrices(IEnumerable<NodeId> ids) => string.Join(", ", ids.Select(f => Expr(f).Text));
            string Array(IEnumerable<NodeId> ids) => "new[] { " + Matrices(ids) + " }";
            NodeId last = factors[factors.Count - 1];
            if (_nodes[factors[0].Index].Kind == ValueKind.Vector)
            {
                return $"{Runtime}.Product({Expr(factors[0]).Text}, {Array(factors.Skip(1))})";
            }
            if (_nodes[last.Index].Kind == ValueKind.Vector)
            {
                return $"{Runtime}.Product({Array(factors.Take(factors.Count - 1))}, {Expr(last).Text})";
            }
            return $"{Runtime}.Product({Matrices(factors)})";
        }

        /// <summary>
        /// A node as C#: its local if it has one; else the cheaper form chosen for it here (a fused trace or
        /// squared norm, a chain ordered at run time, a solve on shared LU factors); else its operation's emission rule.
        /// </summary>
        internal (string Text, int Level) Expr(NodeId id)
        {
            if (_locals.TryGetValue(id, out var local)) return (local, Primary);
            var n = _nodes[id.Index];
            switch (n.Op)
            {
                case Op.Trace when _peepholes.FusedTrace(id) is { } t:
                    // tr(AᵀB) = tr(ABᵀ) = ⟨A, B⟩ and tr(AB) = Σ AᵢⱼBⱼᵢ: O(n²), the product is never formed.
                    return t.Method.Length > 0
                        ? ($"{Runtime}.Inner({Expr(t.Left).Text}, {Expr(t.Right).Text})", Primary)
                        : ($"{Runtime}.TraceOfProduct({Expr(t.Left).Text}, {Expr(t.Right).Text})", Primary);
                case Op.Pow when _peepholes.SquaredNorm(id) is { } of:
                    return _nodes[of.Index].Kind == ValueKind.Vector
                        ? ($"{Wrap(of, Primary)}.DotProduct({Expr(of).Text})", Primary)
                        : ($"{Runtime}.Inner({Expr(of).Text}, {Expr(of).Text})", Primary);
                case Op.MatMul when _peepholes.DiagonalScaling(id) is { } d:
                    // Diag(v) B and A Diag(v) scale rows or columns: the diagonal matrix is never formed.
                    return d.Rows ? ($"{Runtime}.ScaleRows({Expr(d.Vector).Text}, {Expr(d.Matrix).Text})", Primary)
                        : ($"{Runtime}.ScaleColumns({Expr(d.Matrix).Text}, {Expr(d.Vector).Text})", Primary);
                case Op.Diagonal when _peepholes.DiagonalOfProduct(id) is { } p:
                    return ($"{Runtime}.{p.Method}({Expr(p.Left).Text}, {Expr(p.Right).Text})", Primary);
                case Op.MatMul when Chain(id) is { } chain:
                    return (ChainCall(chain), Primary);
            }
            var operation = Operations.Of(n.Op);
            if (operation.OnFactors is { } factored && _factors.TryGetValue((n.Args[0], factored.Kind), out var lu))
            {
                return factored.Emit(this, lu, n);
            }
            if (_tuples.TryGetValue(id, out var tuple)) return ($"{tuple}.Item{n.Item}", Primary);
            return operation.Emit(this, id, n);
        }

        // What the operations' emission rules (Ir/Operations) read.

        private readonly EquatableArray<CustomRuleModel> _customRules;

        /// <summary>The custom rules of the function <paramref name="callee"/> is, or is a rule of.</summary>
        internal CustomRuleModel CustomRuleOf(string callee)
            => _customRules.First(r => r.Function == callee || r.Vjp == callee || r.Jvp == callee);

        internal IReadOnlyList<Node> Nodes => _nodes;

        /// <summary>Is <paramref name="id"/> written inline where it is read (no local of its own)?</summary>
        internal bool IsInline(NodeId id) => !_locals.ContainsKey(id);

        /// <summary>A node's C# text at any precedence (an argument of a call).</summary>
        internal string Text(NodeId id) => Expr(id).Text;

        /// <summary>Operand <paramref name="i"/> of <paramref name="n"/> as the receiver of a member call.</summary>
        internal string Arg(Node n, int i) => Wrap(n.Args[i], Primary);

        /// <summary>
        /// A size of <paramref name="node"/> (rows, columns, or a vector's length), read where it costs nothing
        /// (see <see cref="Peepholes.SizeSource"/>).
        /// </summary>
        internal string SizeOf(NodeId node, Axis axis)
        {
            var (source, sourceAxis) = _peepholes.SizeSource(node, axis);
            return Size(Wrap(source, Primary), _nodes[source.Index].Kind, sourceAxis);
        }

        /// <summary>"rows, columns" of a matrix, for the Build.Dense-style constructors.</summary>
        internal string ShapeOf(NodeId node) => SizeOf(node, Axis.Rows) + ", " + SizeOf(node, Axis.Columns);

        /// <summary>An integer index: a literal as an int, anything else (an int parameter, a size) as written.</summary>
        internal string Index(NodeId id) => _nodes[id.Index].Op == Op.Const
            ? ((int)_nodes[id.Index].Value).ToString(System.Globalization.CultureInfo.InvariantCulture) : Expr(id).Text;

        internal string Wrap(NodeId id, int level)
        {
            var (text, own) = Expr(id);
            return own < level ? "(" + text + ")" : text;
        }

        /// <summary>
        /// A readable name for a generated local, from its formula: XB for X B, XBt for X Bᵀ, expXB for exp(X B),
        /// Sinvx for S⁻¹x, Ybar for the adjoint of Y; else the name of its operation (hadamard, inner, …).
        /// </summary>
        private string Label(NodeId id)
        {
            string? Short(NodeId i, int depth)
            {
                if (_userNames.TryGetValue(i, out var user) && i.Index < _derivation.ForwardCount) return user;
                var n = _nodes[i.Index];
                if (depth > 3) return null;
                return n.Op switch
                {
                    Op.Param or Op.Member => Notation.ShortName(n.Name),
                    Op.Transpose => Short(n.Args[0], depth + 1) is { } s ? s + "t" : null,
                    Op.MatMul => Short(n.Args[0], depth + 1) is { } l && Short(n.Args[1], depth + 1) is { } r ? l + r : null,
                    Op.Add or Op.Sub => Short(n.Args[0], depth + 1) is { } l && Short(n.Args[1], depth + 1) is { } r
                        ? l + (n.Op == Op.Add ? "Plus" : "Minus") + r : null,
                    Op.Map => Short(n.Args[0], depth + 1) is { } s ? n.Function?.Symbol() + s : null,
                    Op.Inverse => Short(n.Args[0], depth + 1) is { } s ? s + "inv" : null,
                    Op.Solve => Short(n.Args[0], depth + 1) is { } l && Short(n.Args[1], depth + 1) is { } r ? l + "inv" + r : null,
                    Op.PositiveDefinite => Short(n.Args[0], depth),
                    Op.Call => Notation.ShortName(n.Name) is var f ? char.ToLowerInvariant(f[0]) + f.Substring(1) : null,
                    _ => null,
                };
            }
            var label = Short(id, 0);
            if (label is { Length: <= 12 }) return label;
            // Ȳ, the adjoint of a forward local Y, is "Ybar"; anything else is named after its operation.
            if (_derivation.AdjointOf.TryGetValue(id, out NodeId of) && Short(of, 0) is { Length: <= 12 } forward) return forward + "bar";
            string op = _nodes[id.Index].Op.ToString();
            return char.ToLowerInvariant(op[0]) + op.Substring(1);
        }

        private string Claim(string name)
        {
            _names.Take(name);
            return name;
        }

        private string Fresh(string name) => _names.Numbered(name);
    }
}

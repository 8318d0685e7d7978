using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using GradGen.Generator.Ir;

namespace GradGen.Generator.Simplify
{
    /// <summary>
    /// Builds derivative nodes in a canonical, simplified form while they are made, so the adjoint
    /// rules can stay one-liners: constants fold; <c>I</c>, <c>𝟙</c> and scalar factors drop out of
    /// products; transposes move to the leaves (where the emitter folds them into
    /// TransposeThisAndMultiply/TransposeAndMultiply); sums become linear combinations grouped by
    /// coefficient, and scalar products become monomials (so (2‖Y‖)/‖Y‖ is 2).
    /// Forward nodes it meets are atoms: they are never rewritten.
    /// </summary>
    public sealed class AlgebraBuilder : IrBuilder
    {
        private readonly int _forwardCount;

        private readonly HashSet<int> _symmetricLeaves;
        private readonly Dictionary<int, bool> _symmetric = new();

        /// <summary>Every node already in <paramref name="graph"/> is a forward node, kept as written.</summary>
        /// <param name="symmetricLeaves">Leaves declared [Symmetric]: Aᵀ = A.</param>
        public AlgebraBuilder(GraphBuilder graph, IEnumerable<int>? symmetricLeaves = null) : base(graph)
        {
            _forwardCount = graph.Nodes.Count;
            _symmetricLeaves = new HashSet<int>(symmetricLeaves ?? Enumerable.Empty<int>());
        }

        /// <summary>
        /// Is the node a symmetric matrix by construction? [Symmetric] leaves, I, and what preserves
        /// symmetry: sums, scalings, Hadamard products and elementwise maps of symmetric matrices,
        /// inverses, congruences P S Pᵀ and Gram products P Pᵀ, PᵀP.
        /// </summary>
        public bool IsSymmetric(int id)
        {
            if (_symmetric.TryGetValue(id, out bool known)) return known;
            var n = this[id];
            bool Sym(int i) => IsSymmetric(n.Args[i]);
            bool IsTransposeOf(int t, int p) => this[t].Op == Op.Transpose && this[t].Args[0] == p;
            bool result = n.Kind == ValueKind.Matrix && n.Op switch
            {
                Op.Param or Op.Member => _symmetricLeaves.Contains(id),
                Op.Identity => true,
                Op.Add or Op.Sub or Op.Hadamard or Op.PointwiseDivide => Sym(0) && Sym(1),
                Op.Neg or Op.Map or Op.Inverse or Op.Transpose => Sym(0),
                Op.Scale or Op.AddScalar => Sym(1),
                Op.DivScalar => Sym(0),
                Op.DiagMatrix => n.Arity == 1,
                Op.Outer => n.Args[0] == n.Args[1],
                Op.MatMul => IsTransposeOf(n.Args[1], n.Args[0]) || IsTransposeOf(n.Args[0], n.Args[1])
                    // (P S) Pᵀ and P (S Pᵀ)
                    || (this[n.Args[0]].Op == Op.MatMul && IsTransposeOf(n.Args[1], this[n.Args[0]].Args[0]) && IsSymmetric(this[n.Args[0]].Args[1]))
                    || (this[n.Args[1]].Op == Op.MatMul && IsTransposeOf(this[n.Args[1]].Args[1], n.Args[0]) && IsSymmetric(this[n.Args[1]].Args[0])),
                _ => false,
            };
            _symmetric[id] = result;
            return result;
        }

        /// <summary>A node of the objective as written: an atom to the algebra (its value must stay bit-exact).</summary>
        private bool IsForward(int id) => id < _forwardCount && this[id].Op != Op.Const;

        private bool IsConst(int id, out double value)
        {
            var n = this[id];
            value = n.Value;
            return n.Op == Op.Const;
        }

        private bool IsConst(int id, double value) => this[id].IsConst(value);

        /// <summary>The op of a derivative node; forward nodes (but constants) read as atoms.</summary>
        private Op OpOf(int id) => IsForward(id) ? Op.Param : this[id].Op;

        private int Arg(int id, int i) => this[id].Args[i];

        // ---- Sums: linear combinations ----

        public override int Add(int a, int b) => Combine(new[] { (1.0, a), (1.0, b) });

        public override int Sub(int a, int b) => Combine(new[] { (1.0, a), (-1.0, b) });

        public override int Neg(int a) => Combine(new[] { (-1.0, a) });

        public override int SumOf(IReadOnlyList<int> terms, int shapeOf)
            => terms.Count == 0 ? Zero(shapeOf) : Combine(terms.Select(t => (1.0, t)).ToArray());

        /// <summary>Σ cᵢ tᵢ: merges equal terms, then groups terms of equal |c| under one factor.</summary>
        private int Combine(IEnumerable<(double Coef, int Term)> input)
        {
            var terms = new List<(double Coef, int Term)>();
            double constant = 0;
            void Collect(double c, int t)
            {
                switch (OpOf(t))
                {
                    case Op.Add: Collect(c, Arg(t, 0)); Collect(c, Arg(t, 1)); return;
                    case Op.Sub: Collect(c, Arg(t, 0)); Collect(-c, Arg(t, 1)); return;
                    case Op.Neg: Collect(-c, Arg(t, 0)); return;
                    case Op.Zero: return;
                    case Op.Const: constant += c * this[t].Value; return;
                    case Op.Scale when IsConst(Arg(t, 0), out double s): Collect(c * s, Arg(t, 1)); return;
                    case Op.Mul when IsConst(Arg(t, 0), out double s): Collect(c * s, Arg(t, 1)); return;
                }
                int i = terms.FindIndex(x => x.Term == t);
                if (i >= 0) terms[i] = (terms[i].Coef + c, t);
                else terms.Add((c, t));
            }
            var list = input.ToList();
            foreach (var (c, t) in list) Collect(c, t);
            terms.RemoveAll(x => x.Coef == 0);

            int shape = list[0].Term;
            if (terms.Count == 0) return KindOf(shape) == ValueKind.Scalar ? Const(constant) : Zero(shape);

            // Group by |coefficient|, largest first, keeping first-seen order inside a group.
            var groups = terms
                .GroupBy(x => Math.Abs(x.Coef))
                .OrderByDescending(g => g.Key)
                .Select(g => (Factor: g.First().Coef, Terms: g.Select(x => (Sign: Math.Sign(x.Coef) == Math.Sign(g.First().Coef) ? 1 : -1, x.Term)).ToList()))
                .ToList();

            int result = -1;
            foreach (var (factor, members) in groups)
            {
                // Inside a group: t₁ ± t₂ ± ... ; then the group is factor·(...).
                int inner = members[0].Sign > 0 ? members[0].Term : Make(Op.Neg, KindOf(members[0].Term), members[0].Term);
                for (int i = 1; i < members.Count; i++)
                {
                    inner = Make(members[i].Sign > 0 ? Op.Add : Op.Sub, KindOf(inner), inner, members[i].Term);
                }
                double magnitude = Math.Abs(factor);
                int scaled = magnitude == 1 ? inner : Make(KindOf(inner) == ValueKind.Scalar ? Op.Mul : Op.Scale, KindOf(inner), Const(magnitude), inner);
                if (result < 0 && factor < 0 && magnitude != 1) result = Make(KindOf(inner) == ValueKind.Scalar ? Op.Mul : Op.Scale, KindOf(inner), Const(factor), inner);
                else if (result < 0) result = factor < 0 ? Make(Op.Neg, KindOf(scaled), scaled) : scaled;
                else result = Make(factor < 0 ? Op.Sub : Op.Add, KindOf(result), result, scaled);
            }
            if (constant != 0) result = constant > 0 ? Make(Op.Add, ValueKind.Scalar, result, Const(constant)) : Make(Op.Sub, ValueKind.Scalar, result, Const(-constant));
            return result;
        }

        /// <summary>s·x for a scalar s, whether x is a scalar or not.</summary>
        public int Times(int s, int x) => KindOf(x) == ValueKind.Scalar ? Mul(s, x) : Scale(s, x);

        /// <summary>c + x for scalars, x + c𝟙 otherwise.</summary>
        public int PlusConst(double c, int x) => KindOf(x) == ValueKind.Scalar ? Add(Const(c), x) : AddScalar(Const(c), x);

        /// <summary>xᵏ elementwise (a monomial for scalars).</summary>
        public int PowElementwise(int x, double k) => KindOf(x) == ValueKind.Scalar ? Pow(x, k) : k == 1 ? x : Map(Elementwise.Pow, x, k);

        /// <summary>The sum of all entries: x itself for a scalar, 𝟙ᵀv, 𝟙ᵀA𝟙.</summary>
        public int SumAll(int x) => KindOf(x) switch
        {
            ValueKind.Scalar => x,
            ValueKind.Vector => Sum(x),
            _ => Sum(ColumnSums(x)),
        };

        public override int AddScalar(int s, int a) => IsConst(s, 0) ? a : base.AddScalar(s, a);

        public override int DivScalar(int a, int s) => IsConst(s, out double c) ? Scale(Const(1 / c), a) : Scale(Div(Const(1), s), a);

        public override int Diagonal(int a) => OpOf(a) == Op.DiagMatrix ? Arg(a, 0) : base.Diagonal(a);

        public override int ColumnOf(int m, int j) => OpOf(m) == Op.AsColumn && IsConst(j, 0) ? Arg(m, 0) : base.ColumnOf(m, j);

        public override int RowOf(int m, int i) => OpOf(m) == Op.AsRow && IsConst(i, 0) ? Arg(m, 0) : base.RowOf(m, i);

        // ---- Scalar products: monomials c·Π xᵢ^kᵢ ----

        public override int Mul(int a, int b) => Monomial(new[] { (a, 1.0), (b, 1.0) });

        public override int Div(int a, int b) => Monomial(new[] { (a, 1.0), (b, -1.0) });

        public override int Pow(int a, double k) => Monomial(new[] { (a, k) });

        private int Monomial(IEnumerable<(int Factor, double Exponent)> input)
        {
            double coef = 1;
            var powers = new List<(int Factor, double Exponent)>();
            void Collect(int f, double k)
            {
                var n = this[f];
                switch (IsForward(f) ? Op.Param : n.Op)
                {
                    case Op.Const: coef *= Math.Pow(n.Value, k); return;
                    case Op.Mul: Collect(n.Args[0], k); Collect(n.Args[1], k); return;
                    case Op.Div: Collect(n.Args[0], k); Collect(n.Args[1], -k); return;
                    case Op.Neg when k == Math.Round(k): coef *= Math.Pow(-1, k); Collect(n.Args[0], k); return;
                    case Op.Pow: Collect(n.Args[0], k * n.Value); return;
                }
                int i = powers.FindIndex(x => x.Factor == f);
                if (i >= 0) powers[i] = (f, powers[i].Exponent + k);
                else powers.Add((f, k));
            }
            foreach (var (f, k) in input) Collect(f, k);
            powers.RemoveAll(x => x.Exponent == 0);
            if (coef == 0 || powers.Count == 0) return Const(coef);

            int Product(IEnumerable<(int Factor, double Exponent)> ps)
            {
                int acc = -1;
                foreach (var (f, k) in ps)
                {
                    int p = k == 1 ? f : Graph.Add(new Node(Op.Pow, ValueKind.Scalar, new Model.EquatableArray<int>(new[] { f }), Value: k));
                    acc = acc < 0 ? p : Make(Op.Mul, ValueKind.Scalar, acc, p);
                }
                return acc;
            }
            var ordered = powers.OrderBy(x => x.Factor).ToList();
            var numerator = ordered.Where(x => x.Exponent > 0).ToList();
            var denominator = ordered.Where(x => x.Exponent < 0).Select(x => (x.Factor, -x.Exponent)).ToList();
            double magnitude = Math.Abs(coef);
            int top = numerator.Count == 0 ? Const(magnitude) : Product(numerator);
            if (numerator.Count > 0 && magnitude != 1) top = Make(Op.Mul, ValueKind.Scalar, Const(magnitude), top);
            if (denominator.Count > 0) top = Make(Op.Div, ValueKind.Scalar, top, Product(denominator));
            return coef < 0 ? Make(Op.Neg, ValueKind.Scalar, top) : top;
        }

        // ---- Matrix structure ----

        public override int Scale(int s, int a)
        {
            if (IsConst(s, 1)) return a;
            if (IsConst(s, out _)) return Combine(new[] { (this[s].Value, a) });
            if (OpOf(a) == Op.Zero) return a;
            if (OpOf(a) == Op.Scale) return Scale(Mul(s, Arg(a, 0)), Arg(a, 1));
            if (OpOf(a) == Op.Neg) return Scale(Neg(s), Arg(a, 0));
            if (OpOf(s) == Op.Neg) return Neg(Scale(Arg(s, 0), a));
            return Make(Op.Scale, KindOf(a), s, a);
        }

        /// <summary>Splits c·x into its scalar factor and the rest, so products can pull factors out.</summary>
        private (int Factor, int Body) Unscale(int x)
        {
            switch (OpOf(x))
            {
                case Op.Scale: return (Arg(x, 0), Arg(x, 1));
                case Op.Neg: var (f, r) = Unscale(Arg(x, 0)); return (Neg(f), r);
                default: return (Const(1), x);
            }
        }

        private int WithFactors(int f1, int f2, int body) => Scale(Mul(f1, f2), body);

        public override int MatMul(int a, int b)
        {
            var (fa, ra) = Unscale(a);
            var (fb, rb) = Unscale(b);
            if (!IsConst(fa, 1) || !IsConst(fb, 1)) return WithFactors(fa, fb, MatMul(ra, rb));
            if (OpOf(a) == Op.Identity) return b;
            if (OpOf(b) == Op.Identity) return a;
            if (KindOf(b) == ValueKind.Vector && KindOf(a) == ValueKind.Vector) return Inner(a, b);
            // AᵀBᵀ = (BA)ᵀ: one transpose instead of two, and BA may already be computed.
            if (this[a].Op == Op.Transpose && this[b].Op == Op.Transpose && KindOf(b) == ValueKind.Matrix)
            {
                return Make(Op.Transpose, ValueKind.Matrix, MatMul(this[b].Args[0], this[a].Args[0]));
            }
            return Chain(a, b);
        }

        /// <summary>
        /// A product chain in a canonical association that reuses what is already computed: the chain is
        /// flattened (through derivative products only), adjacent pairs whose product already exists are
        /// contracted, oldest first (forward intermediates before derivative ones), and the rest is
        /// associated from the left. So Y X B and Yᵀ(X B) share the forward X B when Yᵀ = Y.
        /// </summary>
        private int Chain(int a, int b)
        {
            var factors = new List<int>();
            void Flatten(int x)
            {
                var n = this[x];
                if (!IsForward(x) && n.Op == Op.MatMul && n.Kind == ValueKind.Matrix) { Flatten(n.Args[0]); Flatten(n.Args[1]); }
                else factors.Add(x);
            }
            Flatten(a);
            Flatten(b);
            while (factors.Count > 2)
            {
                int best = -1, bestId = int.MaxValue;
                for (int i = 0; i + 1 < factors.Count; i++)
                {
                    var pair = Node.Of(Op.MatMul, KindOf(factors[i + 1]), factors[i], factors[i + 1]);
                    if (Graph.TryFind(pair, out int existing) && existing < bestId) (best, bestId) = (i, existing);
                }
                if (best < 0) break;
                factors[best] = bestId;
                factors.RemoveAt(best + 1);
            }
            // A chain ending in a vector goes right to left: matrix-vector products only, never M M.
            if (KindOf(factors[factors.Count - 1]) == ValueKind.Vector)
            {
                int right = factors[factors.Count - 1];
                for (int i = factors.Count - 2; i >= 0; i--) right = Make(Op.MatMul, ValueKind.Vector, factors[i], right);
                return right;
            }
            int acc = factors[0];
            for (int i = 1; i < factors.Count; i++) acc = Make(Op.MatMul, KindOf(factors[i]), acc, factors[i]);
            return acc;
        }

        public override int Hadamard(int a, int b)
        {
            if (KindOf(a) == ValueKind.Scalar) return Mul(a, b);
            var (fa, ra) = Unscale(a);
            var (fb, rb) = Unscale(b);
            if (!IsConst(fa, 1) || !IsConst(fb, 1)) return WithFactors(fa, fb, Hadamard(ra, rb));
            if (OpOf(a) == Op.Ones) return b;
            if (OpOf(b) == Op.Ones) return a;
            return b < a ? Make(Op.Hadamard, KindOf(a), b, a) : Make(Op.Hadamard, KindOf(a), a, b);
        }

        public override int Outer(int u, int v)
        {
            var (fu, ru) = Unscale(u);
            var (fv, rv) = Unscale(v);
            if (!IsConst(fu, 1) || !IsConst(fv, 1)) return WithFactors(fu, fv, Outer(ru, rv));
            // 𝟙 𝟙ᵀ as long as a matrix's rows and columns is the all-ones matrix of that shape.
            if (OpOf(u) == Op.Ones && OpOf(v) == Op.Ones && LengthOf(u) is ({ } m, Axis.Rows) && LengthOf(v) == (m, Axis.Columns))
            {
                return Ones(m, Axis.Like);
            }
            return Make(Op.Outer, ValueKind.Matrix, u, v);
        }

        /// <summary>Which matrix dimension a ones vector is as long as: (M, Rows) or (M, Columns), if known.</summary>
        private (int? Matrix, int Axis) LengthOf(int ones)
        {
            var n = this[ones];
            int source = n.Args[0];
            if (n.Axis != Axis.Like) return (source, n.Axis);
            return this[source].Op switch
            {
                Op.ColumnSums => (Arg(source, 0), Axis.Columns),
                Op.RowSums => (Arg(source, 0), Axis.Rows),
                _ => (null, Axis.Like),
            };
        }

        public override int Inner(int a, int b)
        {
            if (KindOf(a) == ValueKind.Scalar) return Mul(a, b);
            var (fa, ra) = Unscale(a);
            var (fb, rb) = Unscale(b);
            if (!IsConst(fa, 1) || !IsConst(fb, 1)) return Mul(Mul(fa, fb), Inner(ra, rb));
            return b < a ? Make(Op.Inner, ValueKind.Scalar, b, a) : Make(Op.Inner, ValueKind.Scalar, a, b);
        }

        public override int Transpose(int a)
        {
            var n = this[a];
            if (IsSymmetric(a)) return a;
            switch (IsForward(a) && n.Op != Op.Transpose ? Op.Param : n.Op)
            {
                case Op.Transpose: return n.Args[0];
                case Op.Identity: return a;
                case Op.Scale: return Scale(n.Args[0], Transpose(n.Args[1]));
                case Op.Neg: return Neg(Transpose(n.Args[0]));
                case Op.Add: return Add(Transpose(n.Args[0]), Transpose(n.Args[1]));
                case Op.Sub: return Sub(Transpose(n.Args[0]), Transpose(n.Args[1]));
                // (AB)ᵀ = BᵀAᵀ only where that removes a transpose: (PᵀQ)ᵀ = QᵀP, but (PQ)ᵀ stays.
                case Op.MatMul when n.Kind == ValueKind.Matrix && KindOf(n.Args[0]) == ValueKind.Matrix
                                    && (this[n.Args[0]].Op == Op.Transpose || this[n.Args[1]].Op == Op.Transpose):
                    return MatMul(Transpose(n.Args[1]), Transpose(n.Args[0]));
                case Op.Hadamard: return Hadamard(Transpose(n.Args[0]), Transpose(n.Args[1]));
                case Op.Outer: return Outer(n.Args[1], n.Args[0]);
            }
            // MathNet vectors have no orientation, and a scalar is its own transpose.
            return n.Kind != ValueKind.Matrix ? a : Make(Op.Transpose, n.Kind, a);
        }

        public override int Solve(int a, int b)
        {
            var (f, body) = Unscale(b);
            return IsConst(f, 1) ? base.Solve(a, b) : Scale(f, Solve(a, body));
        }

        public override int Trace(int a)
        {
            var n = this[a];
            if (IsForward(a)) return base.Trace(a);
            // tr(PᵀQ) = tr(PQᵀ) = ⟨P, Q⟩: an O(n²) inner product, never a matrix product.
            if (n.Op == Op.MatMul && OpOf(n.Args[0]) == Op.Transpose) return Inner(Arg(n.Args[0], 0), n.Args[1]);
            if (n.Op == Op.MatMul && OpOf(n.Args[1]) == Op.Transpose) return Inner(n.Args[0], Arg(n.Args[1], 0));
            return base.Trace(a);
        }
    }
}

using System.Collections.Generic;
using GradGen.Generator.Emit;
using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using GradGen.Generator.Simplify;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>
    /// The simplifier's rules applied to derivative nodes directly, as the adjoint and tangent rules call them: forms that a
    /// gradient of a user's method reaches only in some corner (a trace of a derivative product, two 1/‖A‖ factors, a
    /// negated base under a fractional power) are built here and read back in the derivation comment's notation.
    /// </summary>
    public class AlgebraRuleTests
    {
        /// <summary>A forward leaf P (an atom the algebra never rewrites) and derivative leaves V, W (matrices), u (a vector),
        /// s, t (scalars): leaves added after the builder is made, as an adjoint seed is.</summary>
        private sealed class Fixture
        {
            public readonly AlgebraBuilder Ir;
            public readonly NodeId P, V, W, U, S, T;

            public Fixture()
            {
                var graph = new GraphBuilder();
                P = graph.Add(Node.Leaf(Op.Param, ValueKind.Matrix, "P"));
                Ir = new AlgebraBuilder(graph);
                V = Ir.Param("V", ValueKind.Matrix);
                W = Ir.Param("W", ValueKind.Matrix);
                U = Ir.Param("u", ValueKind.Vector);
                S = Ir.Param("s", ValueKind.Scalar);
                T = Ir.Param("t", ValueKind.Scalar);
            }

            public string Show(NodeId id) => new Notation(Ir.Graph.Nodes, new Dictionary<NodeId, string>()).Describe(id);
        }

        [Fact]
        public void A_trace_of_a_derivative_product_with_a_transpose_is_an_inner_product()
        {
            var f = new Fixture();
            Assert.Equal("⟨V, W⟩", f.Show(f.Ir.Trace(f.Ir.MatMul(f.Ir.Transpose(f.V), f.W))));
            Assert.Equal("⟨V, W⟩", f.Show(f.Ir.Trace(f.Ir.MatMul(f.V, f.Ir.Transpose(f.W)))));
            Assert.Equal("tr(V W)", f.Show(f.Ir.Trace(f.Ir.MatMul(f.V, f.W))));
        }

        [Fact]
        public void A_transpose_moves_into_a_product_only_where_that_removes_one()
        {
            var f = new Fixture();
            Assert.Equal("W Vᵀ", f.Show(f.Ir.Transpose(f.Ir.MatMul(f.V, f.Ir.Transpose(f.W)))));
            Assert.Equal("Wᵀ V", f.Show(f.Ir.Transpose(f.Ir.MatMul(f.Ir.Transpose(f.V), f.W))));
            Assert.Equal("(V W)ᵀ", f.Show(f.Ir.Transpose(f.Ir.MatMul(f.V, f.W))));
        }

        [Fact]
        public void Vectors_and_scalars_are_their_own_transposes()
        {
            var f = new Fixture();
            Assert.Equal(f.U, f.Ir.Transpose(f.U));
            Assert.Equal(f.S, f.Ir.Transpose(f.S));
            // A matrix times a vector is a vector: it has no orientation to flip, so it is not rewritten as u V.
            NodeId product = f.Ir.MatMul(f.Ir.Transpose(f.V), f.U);
            Assert.Equal(product, f.Ir.Transpose(product));
        }

        [Fact]
        public void A_negated_base_leaves_a_sign_only_under_an_integer_power()
        {
            var f = new Fixture();
            Assert.Equal("(−s)^0.5", f.Show(f.Ir.Pow(f.Ir.Neg(f.S), 0.5)));
            Assert.Equal("−s³", f.Show(f.Ir.Pow(f.Ir.Neg(f.S), 3)));
        }

        [Fact]
        public void One_over_a_norm_cancels_against_the_norm_and_otherwise_collects_its_powers()
        {
            var f = new Fixture();
            NodeId r = f.Ir.ReciprocalOrZero(f.S);
            // s²·(1/s) is s, never 1/(1/s), which is ∞ where the norm s is 0.
            Assert.Equal(f.S, f.Ir.Mul(f.Ir.Pow(f.S, 2), r));
            Assert.Equal(f.Ir.Pow(r, 2), f.Ir.Mul(r, r));
            Assert.Equal(f.Ir.Pow(r, 3), f.Ir.Mul(f.Ir.Mul(r, r), r));
        }

        [Fact]
        public void A_zero_coefficient_leaves_no_product()
        {
            var f = new Fixture();
            NodeId zero = f.Ir.Mul(f.Ir.Const(0), f.Ir.Mul(f.S, f.T));
            Assert.Equal(Op.Const, f.Ir.Graph[zero].Op);
            Assert.Equal(0.0, f.Ir.Graph[zero].Value);
        }

        [Fact]
        public void A_sum_writes_its_constant_last_with_the_constant_s_sign()
        {
            var f = new Fixture();
            Assert.Equal("s + 3", f.Show(f.Ir.Add(f.S, f.Ir.Const(3))));
            Assert.Equal("s − 3", f.Show(f.Ir.Sub(f.S, f.Ir.Const(3))));
            Assert.Equal("2 s·t − 1", f.Show(f.Ir.Sub(f.Ir.Add(f.Ir.Mul(f.S, f.T), f.Ir.Mul(f.T, f.S)), f.Ir.Const(1))));
        }

        [Fact]
        public void An_adjoint_with_no_contributions_is_a_zero_of_the_parameter_s_shape()
        {
            var f = new Fixture();
            NodeId zero = f.Ir.SumOf(new List<NodeId>(), f.V);
            Assert.Equal(Op.Zero, f.Ir.Graph[zero].Op);
            Assert.Equal(0.0, f.Ir.Graph[f.Ir.SumOf(new List<NodeId>(), f.S)].Value);
        }

        [Fact]
        public void The_first_derivative_node_is_rewritten_too_when_an_inverse_is_computed_anyway()
        {
            // A, B and A⁻¹ are the forward nodes (A⁻¹ also a root, as in a log-det gradient); the solve right after them is the
            // first node the derivation adds.
            var graph = new GraphBuilder();
            NodeId a = graph.Add(Node.Leaf(Op.Param, ValueKind.Matrix, "A"));
            NodeId b = graph.Add(Node.Leaf(Op.Param, ValueKind.Matrix, "B"));
            var ir = new AlgebraBuilder(graph);
            NodeId inverse = ir.Inverse(a);
            int forwardCount = graph.Nodes.Count;
            ir = new AlgebraBuilder(graph);
            NodeId solve = graph.Add(new Node(Op.Solve, ValueKind.Matrix, new EquatableArray<NodeId>(new[] { a, b })));
            Assert.Equal(forwardCount, solve.Index);
            NodeId[] roots = ReuseInverses.Apply(ir, forwardCount, new[] { solve, inverse });
            Assert.Equal(ir.MatMul(inverse, b), roots[0]);
        }

        [Fact]
        public void Adding_zero_to_every_entry_and_reading_the_only_column_or_row_give_the_operand_back()
        {
            var f = new Fixture();
            Assert.Equal(f.V, f.Ir.AddScalar(f.Ir.Const(0), f.V));
            Assert.Equal("V + 2𝟙", f.Show(f.Ir.AddScalar(f.Ir.Const(2), f.V)));
            Assert.Equal(f.U, f.Ir.ColumnOf(f.Ir.AsColumn(f.U), f.Ir.Const(0)));
            Assert.Equal(f.U, f.Ir.RowOf(f.Ir.AsRow(f.U), f.Ir.Const(0)));
            // Only column 0 is u: another index is left for the run time's bounds check.
            Assert.NotEqual(f.U, f.Ir.ColumnOf(f.Ir.AsColumn(f.U), f.Ir.Const(1)));
            Assert.NotEqual(f.U, f.Ir.RowOf(f.Ir.AsRow(f.U), f.Ir.Const(1)));
            Assert.NotEqual(f.U, f.Ir.ColumnOf(f.Ir.AsRow(f.U), f.Ir.Const(0)));
        }

        [Fact]
        public void Gram_products_are_symmetric_and_other_products_are_not()
        {
            var f = new Fixture();
            Assert.True(f.Ir.IsSymmetric(f.Ir.MatMul(f.V, f.Ir.Transpose(f.V))));
            Assert.True(f.Ir.IsSymmetric(f.Ir.MatMul(f.Ir.Transpose(f.V), f.V)));
            Assert.False(f.Ir.IsSymmetric(f.Ir.MatMul(f.V, f.Ir.Transpose(f.W))));
            Assert.False(f.Ir.IsSymmetric(f.Ir.MatMul(f.V, f.W)));
        }
    }
}

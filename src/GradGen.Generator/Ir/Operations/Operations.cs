using System;
using System.Collections.Generic;
using System.Linq;

namespace GradGen.Generator.Ir.Operations
{
    /// <summary>The descriptor of every <see cref="Ir.Op"/>, gathered from the family files of this folder.</summary>
    internal static class Operations
    {
        private static readonly Operation?[] s_byOp = Index();

        public static Operation Of(Op op) => s_byOp[(int)op] ?? throw new InvalidOperationException($"No descriptor for {op}");

        /// <summary>Every descriptor, in family order.</summary>
        public static IEnumerable<Operation> All
            => Leaves.All.Concat(Linear.All).Concat(Reductions.All).Concat(Products.All).Concat(Lu.All).Concat(LuFactors.All)
                .Concat(Qr.All).Concat(Cholesky.All).Concat(Pointwise.All).Concat(CustomRules.All).Concat(Blocks.All)
                .Concat(Spectral.All).Concat(EntryProducts.All);

        private static Operation?[] Index()
        {
            var byOp = new Operation?[Enum.GetValues(typeof(Op)).Length];
            foreach (var operation in All)
            {
                if (byOp[(int)operation.Op] is not null) throw new InvalidOperationException($"Two descriptors for {operation.Op}");
                byOp[(int)operation.Op] = operation;
            }
            return byOp;
        }

    }
}

using System;

namespace GradGen.Generator.Ir
{
    /// <summary>
    /// A symbolic size of <see cref="ShapeInference"/>: a class of sizes found equal, maybe with a literal value. A type of its
    /// own so that a dimension is never taken for a node id or a size; a vector's missing column dimension is a null Dim?.
    /// </summary>
    internal readonly struct Dim : IEquatable<Dim>
    {
        public Dim(int index) => Index = index;

        public int Index { get; }

        public bool Equals(Dim other) => Index == other.Index;

        public override bool Equals(object? obj) => obj is Dim other && Equals(other);

        public override int GetHashCode() => Index;

        public static bool operator ==(Dim a, Dim b) => a.Index == b.Index;
        public static bool operator !=(Dim a, Dim b) => a.Index != b.Index;

        public override string ToString() => "d" + Index;
    }
}

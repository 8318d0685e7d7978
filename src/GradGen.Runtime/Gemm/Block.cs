namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// A column-major block of an array: element (i, j) at Data[Offset + j·Stride + i]. The kernels name the double one
    /// <c>Block</c> (GlobalUsings.cs); the single-precision kernel uses <c>Block&lt;float&gt;</c>.
    /// </summary>
    internal readonly struct Block<T>
    {
        public readonly T[] Data;
        public readonly int Offset, Stride;

        public Block(T[] data, int offset, int stride) { Data = data; Offset = offset; Stride = stride; }

        public int At(int row, int column) => Offset + column * Stride + row;

        /// <summary>The block starting at (row, column) of this one.</summary>
        public Block<T> From(int row, int column) => new(Data, At(row, column), Stride);
    }
}

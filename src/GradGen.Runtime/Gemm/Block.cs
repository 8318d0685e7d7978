namespace GradGen.Runtime.Gemm
{
    /// <summary>A column-major block of an array: element (i, j) at Data[Offset + j·Stride + i].</summary>
    internal readonly struct Block
    {
        public readonly double[] Data;
        public readonly int Offset, Stride;

        public Block(double[] data, int offset, int stride) { Data = data; Offset = offset; Stride = stride; }

        public int At(int row, int column) => Offset + column * Stride + row;

        /// <summary>The block starting at (row, column) of this one.</summary>
        public Block From(int row, int column) => new(Data, At(row, column), Stride);
    }
}

namespace GradGen.Runtime.Gemm
{
    /// <summary>
    /// The micro-kernel of one precision as <see cref="PackedGemm{T, TKernel}"/> calls it: a struct, so that the loop nest
    /// is compiled once per precision with the call inlined, not dispatched through an interface.
    /// </summary>
    internal interface ITileKernel<T>
    {
        /// <summary>The register tile, which sets the packed slivers' shape.</summary>
        Tile Tile { get; }

        /// <summary>C[tile] ← α·(sliver A · sliver B) + β·C[tile]; only the top-left mr×nr part is written.</summary>
        void Run(int kc, T[] a, int aAt, T[] b, int bAt, double alpha, double beta, T[] c, int offset, int ldc, int mr, int nr);

        /// <summary>c[at .. at + count) ← β·c, writing zeros rather than reading when β = 0.</summary>
        void Scale(T[] c, int at, int count, double beta);
    }

    /// <summary>The double kernels (<see cref="MicroKernel"/>), one per <see cref="KernelKind"/>.</summary>
    internal readonly struct DoubleTiles : ITileKernel<double>
    {
        private readonly KernelKind _kind;

        public DoubleTiles(KernelKind kind) { _kind = kind; Tile = MicroKernel.TileOf(kind); }

        public Tile Tile { get; }

        public void Run(int kc, double[] a, int aAt, double[] b, int bAt, double alpha, double beta, double[] c, int offset, int ldc,
            int mr, int nr) => MicroKernel.Run(_kind, kc, a, aAt, b, bAt, alpha, beta, c, offset, ldc, mr, nr);

        public void Scale(double[] c, int at, int count, double beta)
        {
            for (int i = at, end = at + count; i < end; i++) c[i] = beta == 0.0 ? 0.0 : beta * c[i];
        }
    }

    /// <summary>The float kernels (<see cref="SingleMicroKernel"/>): twice the lanes of the double ones in the same registers.</summary>
    internal readonly struct SingleTiles : ITileKernel<float>
    {
        private readonly KernelKind _kind;

        public SingleTiles(KernelKind kind) { _kind = kind; Tile = SingleMicroKernel.TileOf(kind); }

        public Tile Tile { get; }

        public void Run(int kc, float[] a, int aAt, float[] b, int bAt, double alpha, double beta, float[] c, int offset, int ldc,
            int mr, int nr) => SingleMicroKernel.Run(_kind, kc, a, aAt, b, bAt, (float)alpha, (float)beta, c, offset, ldc, mr, nr);

        public void Scale(float[] c, int at, int count, double beta)
        {
            float keep = (float)beta;
            for (int i = at, end = at + count; i < end; i++) c[i] = keep == 0f ? 0f : keep * c[i];
        }
    }
}

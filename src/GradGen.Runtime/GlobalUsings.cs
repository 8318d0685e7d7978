// The double-precision kernels (dgemm, LU, the sparse products) read blocks of double arrays throughout.
global using Block = GradGen.Runtime.Gemm.Block<double>;

using System;
using System.Reflection;
using System.Runtime.InteropServices;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace GradGen.Runtime
{
    /// <summary>
    /// Opt-in native speed: routes MathNet's dense double matrix products to the system OpenBLAS
    /// (Debian: <c>apt-get install libopenblas0-pthread</c>) through P/Invoke of <c>cblas_dgemm</c>
    /// (and dot products, axpy, sums and differences to <c>cblas_ddot</c>/<c>cblas_daxpy</c>), computes the
    /// Frobenius norm in O(n²) (the managed one forms A·Aᵀ), and sends everything else
    /// to MathNet's managed provider. MathNet's own native provider packages are
    /// not needed. When the library cannot be loaded, nothing changes and the status says why.
    /// </summary>
    public static class GradGenLinearAlgebra
    {
        private static readonly object s_gate = new();

        /// <summary>
        /// The managed product kernel this process runs while products are not native, chosen at start-up from the CPU's
        /// SIMD features and cache sizes, e.g. "AVX-512 (Vector512) FMA, 24×8 tile; KC 384, MC 168, NC 2048 (L1d 48 KB, …)".
        /// </summary>
        public static string ManagedKernel => Gemm.KernelChoice.Report();

        /// <summary>True while products go to OpenBLAS.</summary>
        public static bool IsNativeBlasActive => LinearAlgebraControl.Provider is BlasProvider;

        /// <summary>Switches MathNet to OpenBLAS products if the library loads and computes correctly; returns whether it did.</summary>
        public static bool UseNativeBlas(out string status)
        {
            lock (s_gate)
            {
                if (IsNativeBlasActive)
                {
                    status = "OpenBLAS products already active";
                    return true;
                }
                if (!OpenBlas.TryProbe(out status)) return false;
                var managed = LinearAlgebraControl.Provider;
                var proxy = DispatchProxy.Create<ILinearAlgebraProvider, BlasProvider>();
                ((BlasProvider)(object)proxy).Fallback = managed;
                LinearAlgebraControl.Provider = proxy;
                status = $"dense double products, dot products, sums and axpy by OpenBLAS ({OpenBlas.Library}, {OpenBlas.CoreName} kernel); "
                    + $"everything else by {managed}";
                return true;
            }
        }

        /// <summary>Back to MathNet's managed provider.</summary>
        public static void UseManaged()
        {
            lock (s_gate) LinearAlgebraControl.UseManaged();
        }
    }

    /// <summary>The provider: dgemm-shaped calls on doubles go native, every other call to the fallback.</summary>
    public class BlasProvider : DispatchProxy
    {
        internal ILinearAlgebraProvider Fallback = null!;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method is null) return null;
            args ??= Array.Empty<object?>();
            switch (method.Name)
            {
                case "MatrixMultiplyWithUpdate" when args.Length == 11 && args[3] is double[] a && args[6] is double[] b && args[10] is double[] c:
                    OpenBlas.Gemm((Transpose)args[0]!, (Transpose)args[1]!, (double)args[2]!, a, (int)args[4]!, (int)args[5]!, b, (int)args[7]!, (int)args[8]!, (double)args[9]!, c);
                    return null;
                case "MatrixMultiply" when args.Length == 7 && args[0] is double[] x && args[3] is double[] y && args[6] is double[] result:
                    OpenBlas.Gemm(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, x, (int)args[1]!, (int)args[2]!, y, (int)args[4]!, (int)args[5]!, 0.0, result);
                    return null;
                // Sums and differences as daxpy: right after a dgemm, OpenBLAS's threads are still spinning
                // and MathNet's managed parallel loop competes with them (≈90 µs instead of ≈30 at n = 256).
                case "AddArrays" or "SubtractArrays" when args.Length == 3 && args[0] is double[] x1 && args[1] is double[] y1 && args[2] is double[] r1
                    && x1.Length == y1.Length && r1.Length == x1.Length && !(method.Name == "SubtractArrays" && ReferenceEquals(r1, y1) && !ReferenceEquals(x1, y1)):
                    double sign = method.Name == "AddArrays" ? 1.0 : -1.0;
                    if (ReferenceEquals(r1, y1) && !ReferenceEquals(r1, x1)) OpenBlas.Axpy(1.0, x1, y1);    // x + y into y (only sums get here)
                    else
                    {
                        if (!ReferenceEquals(r1, x1)) Array.Copy(x1, r1, x1.Length);
                        OpenBlas.Axpy(sign, ReferenceEquals(y1, r1) ? (double[])y1.Clone() : y1, r1);
                    }
                    return null;
                // The O(n²) kernels of generated gradients (⟨A, B⟩ and result += αA) as ddot and daxpy.
                case "DotProduct" when args.Length == 2 && args[0] is double[] u && args[1] is double[] v && u.Length == v.Length:
                    return OpenBlas.Dot(u, v);
                case "AddVectorToScaledVector" when args.Length == 4 && args[0] is double[] y && args[1] is double alpha && args[2] is double[] xs
                    && ReferenceEquals(args[3], y) && xs.Length == y.Length:
                    OpenBlas.Axpy(alpha, xs, y);
                    return null;
                // MathNet's managed Frobenius norm forms A·Aᵀ (O(n³)); Σ aᵢⱼ² is O(n²).
                case "MatrixNorm" when args.Length == 4 && args[0] is Norm.FrobeniusNorm && args[3] is double[] entries:
                    double sum = 0;
                    foreach (double v in entries) sum += v * v;
                    return Math.Sqrt(sum);
                case "ToString":
                    return "GradGen OpenBLAS products over " + Fallback;
                default:
                    try
                    {
                        return method.Invoke(Fallback, args);
                    }
                    catch (TargetInvocationException e) when (e.InnerException is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                        throw;
                    }
            }
        }
    }

    /// <summary>The few OpenBLAS entry points used, column-major as MathNet stores matrices.</summary>
    internal static class OpenBlas
    {
        public const string Library = "libopenblas.so.0";
        private const int ColumnMajor = 102, NoTrans = 111, Trans = 112;

        [DllImport(Library, EntryPoint = "cblas_dgemm", CallingConvention = CallingConvention.Cdecl)]
        private static extern void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
            double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc);

        [DllImport(Library, EntryPoint = "cblas_ddot", CallingConvention = CallingConvention.Cdecl)]
        private static extern double cblas_ddot(int n, double[] x, int incx, double[] y, int incy);

        [DllImport(Library, EntryPoint = "cblas_daxpy", CallingConvention = CallingConvention.Cdecl)]
        private static extern void cblas_daxpy(int n, double alpha, double[] x, int incx, double[] y, int incy);

        [DllImport(Library, EntryPoint = "openblas_get_corename", CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr openblas_get_corename();

        /// <summary>The core kernel OpenBLAS picked for this CPU (or was told to, by OPENBLAS_CORETYPE), e.g. "Zen" or "Haswell".</summary>
        public static string CoreName
        {
            get
            {
                try { return Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "unknown"; }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return "unknown"; }
            }
        }

        /// <summary>Σ xᵢyᵢ over two arrays of equal length.</summary>
        public static double Dot(double[] x, double[] y) => x.Length == 0 ? 0.0 : cblas_ddot(x.Length, x, 1, y, 1);

        /// <summary>y ← y + αx, in place.</summary>
        public static void Axpy(double alpha, double[] x, double[] y)
        {
            if (x.Length > 0) cblas_daxpy(x.Length, alpha, x, 1, y, 1);
        }

        /// <summary>C = α op(A) op(B) + β C, with A rowsA×columnsA and B rowsB×columnsB as stored.</summary>
        public static void Gemm(Transpose transposeA, Transpose transposeB, double alpha, double[] a, int rowsA, int columnsA, double[] b, int rowsB, int columnsB, double beta, double[] c)
        {
            bool ta = transposeA != Transpose.DontTranspose, tb = transposeB != Transpose.DontTranspose;
            int m = ta ? columnsA : rowsA, k = ta ? rowsA : columnsA, n = tb ? rowsB : columnsB;
            if ((tb ? columnsB : rowsB) != k) throw new ArgumentException($"Matrix dimensions must agree: op(A) is {m}×{k}, op(B) is {(tb ? columnsB : rowsB)}×{n}.");
            if (m == 0 || n == 0) return;
            if (k == 0)
            {
                for (int i = 0; i < m * n; i++) c[i] = beta == 0 ? 0 : beta * c[i];
                return;
            }
            cblas_dgemm(ColumnMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, m, n, k, alpha, a, Math.Max(1, rowsA), b, Math.Max(1, rowsB), beta, c, Math.Max(1, m));
        }

        /// <summary>Loads the library and checks one small product against the exact answer.</summary>
        public static bool TryProbe(out string status)
        {
            try
            {
                var a = new[] { 1.0, 3.0, 2.0, 4.0 };      // [[1, 2], [3, 4]] column-major
                var c = new double[4];
                Gemm(Transpose.DontTranspose, Transpose.Transpose, 1.0, a, 2, 2, a, 2, 2, 0.0, c);   // A Aᵀ = [[5, 11], [11, 25]]
                if (c[0] != 5 || c[1] != 11 || c[2] != 11 || c[3] != 25)
                {
                    status = $"{Library} loaded but computed a wrong product; staying managed";
                    return false;
                }
                status = "ok";
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                status = $"{Library} not available ({e.GetType().Name}); staying managed. On Debian: apt-get install libopenblas0-pthread";
                return false;
            }
        }
    }
}

#!/usr/bin/python3
"""Peer timings of the CVPR 2021 gradient, for benchmarks/README.md (not a dependency of GradGen).

g(X) = ||A - X B X^T||_F^2 - tr(X_u^T X),  grad = -2 (Y X B^T + Y^T X B) - X_u,  Y = A - X B X^T.

NumPy: the hand-written value and gradient (the seed formula, sharing XB).
PyTorch: autograd of g (value + backward).
Needs Debian's python3-numpy and python3-torch: run it with /usr/bin/python3 (apt-get install python3-numpy python3-torch). Prints one JSON line per (tool, n).
Checks that both agree with each other before timing. With --float32, also NumPy's float32 hand gradient and one n×n product
in float64 and float32 (OpenBLAS's dgemm and sgemm) with GFLOP/s.
"""
import json
import sys
import timeit

import numpy as np

try:
    import torch
except ImportError:  # torch is optional
    torch = None


def numpy_value_and_grad(X, A, B, Xu):
    XB = X @ B
    Y = A - XB @ X.T
    value = np.sum(Y * Y) - np.sum(Xu * X)
    grad = -2.0 * (Y @ X @ B.T + Y.T @ XB) - Xu
    return value, grad


def torch_value_and_grad(X, A, B, Xu):
    X = X.detach().requires_grad_(True)
    Y = A - X @ B @ X.T
    g = torch.sum(Y * Y) - torch.trace(Xu.T @ X)
    g.backward()
    return g.item(), X.grad


def best_ms(f, repeat):
    timer = timeit.Timer(f)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e3


def blas_kernels():
    """Which BLAS each peer runs and with which core kernel and threads (threadpoolctl's report, without threadpoolctl:
    it is not packaged here). Reads the shared libraries this process has loaded and asks each OpenBLAS for its core."""
    import ctypes
    np.ones((2, 2)) @ np.ones((2, 2))
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and line.split()[-1].startswith("/")})
    for path in paths:
        lib = ctypes.CDLL(path)
        report = {"tool": "blas", "library": path}
        try:
            lib.openblas_get_corename.restype = ctypes.c_char_p
            report["openblas_core"] = lib.openblas_get_corename().decode()
            report["threads"] = lib.openblas_get_num_threads()
        except AttributeError:
            pass
        print(json.dumps(report))
    if torch is not None:
        config = torch.__config__.show()
        blas = next((part.split("=", 1)[1] for part in config.replace(",", " ").split() if part.startswith("BLAS_INFO=")), "unknown")
        print(json.dumps({"tool": "torch", "blas": blas, "threads": torch.get_num_threads()}))


def main(sizes):
    blas_kernels()
    rng = np.random.default_rng(1)
    for n in sizes:
        X, A, B, Xu = (rng.standard_normal((n, n)) for _ in range(4))
        v, g = numpy_value_and_grad(X, A, B, Xu)
        print(json.dumps({"tool": "numpy (hand gradient)", "n": n, "ms": round(best_ms(lambda: numpy_value_and_grad(X, A, B, Xu), 5), 4)}))
        if torch is not None:
            tX, tA, tB, tXu = (torch.from_numpy(M) for M in (X, A, B, Xu))
            tv, tg = torch_value_and_grad(tX, tA, tB, tXu)
            assert abs(tv - v) <= 1e-9 * abs(v) and np.linalg.norm(tg.numpy() - g) <= 1e-9 * np.linalg.norm(g), "numpy and torch disagree"
            print(json.dumps({"tool": f"pytorch {torch.__version__} (autograd)", "n": n, "ms": round(best_ms(lambda: torch_value_and_grad(tX, tA, tB, tXu), 5), 4)}))
        if FLOAT32:
            # The same in float32 (OpenBLAS's sgemm), and one n×n product in each precision with its GFLOP/s.
            X32, A32, B32, Xu32 = (M.astype(np.float32) for M in (X, A, B, Xu))
            print(json.dumps({"tool": "numpy float32 (hand gradient)", "n": n, "ms": round(best_ms(lambda: numpy_value_and_grad(X32, A32, B32, Xu32), 5), 4)}))
            for name, M in (("dgemm", X), ("sgemm", X32)):
                ms = best_ms(lambda: M @ M, 5)
                print(json.dumps({"tool": f"numpy {name}", "n": n, "ms": round(ms, 4), "gflops": round(2 * n ** 3 / ms / 1e6, 1)}))
    sys.stdout.flush()


FLOAT32 = "--float32" in sys.argv

if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:] if a.isdigit()] or [32, 128, 256, 512])

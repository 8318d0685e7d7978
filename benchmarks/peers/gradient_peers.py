#!/usr/bin/python3
"""Peer timings of the CVPR 2021 gradient, for benchmarks/README.md (not a dependency of GradGen).

g(X) = ||A - X B X^T||_F^2 - tr(X_u^T X),  grad = -2 (Y X B^T + Y^T X B) - X_u,  Y = A - X B X^T.

NumPy: the hand-written value and gradient (the seed formula, sharing XB).
PyTorch: autograd of g (value + backward).
Needs Debian's python3-numpy and python3-torch: run it with /usr/bin/python3 (apt-get install python3-numpy python3-torch). Prints one JSON line per (tool, n).
Checks that both agree with each other before timing.
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


def main(sizes):
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
    sys.stdout.flush()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [32, 128, 256, 512])

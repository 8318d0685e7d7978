"""NumPy and PyTorch peers of the ElementwiseGradient benchmark: value and gradient of Σ log(1 + exp(zᵢ)) at 10⁶ entries.

Run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in this command alone, e.g.
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/softplus_peers.py
(Debian's python3-numpy; python3-torch adds the autograd peer.)
Prints one JSON line per peer: best and median milliseconds over repeats.
"""
import json
import time

import numpy as np


def best_and_median(f, repeats=30):
    f()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return round(times[0], 3), round(times[len(times) // 2], 3)


def numpy_softplus(z):
    e = np.exp(z)
    one_plus = e + 1.0
    return np.log(one_plus).sum(), e / one_plus


def main():
    rng = np.random.default_rng(3)
    z = 4 * rng.random(1_000_000) - 2
    best, median = best_and_median(lambda: numpy_softplus(z))
    print(json.dumps({"peer": "numpy", "n": z.size, "best_ms": best, "median_ms": median}))
    try:
        import torch
        t = torch.tensor(z, dtype=torch.float64)

        def torch_softplus():
            x = t.clone().requires_grad_(True)
            value = torch.log(torch.exp(x) + 1.0).sum()
            value.backward()
            return value.item(), x.grad

        best, median = best_and_median(torch_softplus)
        print(json.dumps({"peer": "torch autograd", "n": z.size, "best_ms": best, "median_ms": median, "threads": torch.get_num_threads()}))
    except ImportError:
        pass


if __name__ == "__main__":
    main()

"""NumPy GEMM baseline for `pnn bench perf`: times C = A @ B and prints one JSON object.

Threads are set by the caller through OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before numpy loads.
Reports the BLAS library numpy actually loaded and, for OpenBLAS, the core kernel it chose.
"""
import argparse
import ctypes
import json
import statistics
import sys
import time


def blas_info():
    """The BLAS shared library mapped into this process and, for OpenBLAS, its kernel and threads."""
    info = {}
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and ".so" in line})
        info["libraries"] = libs
        openblas = [lib for lib in libs if "openblas" in lib.lower()]
        if openblas:
            lib = ctypes.CDLL(openblas[0])
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            info["corename"] = lib.openblas_get_corename().decode()
            info["config"] = lib.openblas_get_config().decode()
            info["threads"] = lib.openblas_get_num_threads()
    except (OSError, AttributeError) as err:
        info["error"] = str(err)
    return info


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1024)
    parser.add_argument("--dtype", default="float32")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    try:
        import numpy as np
    except ImportError as err:
        print(json.dumps({"error": f"numpy missing: {err}", "not_installed": "numpy"}))
        return 0
    rng = np.random.default_rng(1)
    a = rng.random((args.n, args.n), dtype=np.float64).astype(args.dtype)
    b = rng.random((args.n, args.n), dtype=np.float64).astype(args.dtype)
    c = np.empty((args.n, args.n), dtype=args.dtype)
    for _ in range(args.warmup):
        np.matmul(a, b, out=c)
    times = []
    for _ in range(args.reps):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - start)
    print(json.dumps({
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "blas": blas_info(),
        "n": args.n,
        "dtype": args.dtype,
        "times": times,
        "min": min(times),
        "median": statistics.median(times),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

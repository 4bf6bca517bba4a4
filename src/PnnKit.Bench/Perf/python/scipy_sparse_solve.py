"""SciPy sparse direct-solve baseline for `pnn bench perf`: factor + solve of a stiffness matrix.

Reads the free stiffness matrix the C# side wrote (CSR: int32 n, int32 nnz, int32 row pointers,
int32 columns, float64 values, little-endian), builds the same block of right-hand sides
(entry (i, r) = sin(0.37 i + 1.3 r + 0.1)), and times scipy.sparse.linalg.splu (SuperLU, its default
COLAMD column ordering) followed by the solve, as one operation. Prints one JSON object, including
the relative residual of the solution so both sides are known to solve the same system. When
scikit-sparse is installed, CHOLMOD (supernodal Cholesky, AMD/METIS ordering) is timed too.
"""
import argparse
import json
import statistics
import sys
import time


def read_csr(path, np, sp):
    with open(path, "rb") as f:
        n, nnz = np.frombuffer(f.read(8), dtype="<i4")
        indptr = np.frombuffer(f.read(4 * (n + 1)), dtype="<i4")
        indices = np.frombuffer(f.read(4 * nnz), dtype="<i4")
        data = np.frombuffer(f.read(8 * nnz), dtype="<f8")
    return sp.csr_matrix((data, indices, indptr), shape=(n, n))


def timed(op, warmup, reps, clock=time.perf_counter):
    for _ in range(warmup):
        op()
    times = []
    for _ in range(reps):
        start = clock()
        op()
        times.append(clock() - start)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--matrix", required=True)
    parser.add_argument("--rhs", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    try:
        import numpy as np
        import scipy
        import scipy.sparse as sp
        import scipy.sparse.linalg as spla
    except ImportError as err:
        print(json.dumps({"error": f"scipy missing: {err}", "not_installed": "scipy"}))
        return 0
    a = read_csr(args.matrix, np, sp).tocsc()
    n = a.shape[0]
    i = np.arange(n)[:, None]
    r = np.arange(args.rhs)[None, :]
    b = np.asfortranarray(np.sin(0.37 * i + 1.3 * r + 0.1))
    result = {}

    def superlu():
        result["x"] = spla.splu(a).solve(b)

    times = timed(superlu, args.warmup, args.reps)
    # CPU time of this (single-threaded) process: what the solve costs without the scheduler's preemptions.
    cpu = timed(superlu, 0, args.reps, time.process_time)
    x = result["x"]
    residual = float(np.linalg.norm(a @ x - b) / np.linalg.norm(b))
    out = {
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "solver": "scipy.sparse.linalg.splu (SuperLU, permc_spec=COLAMD) + solve",
        "n": n,
        "nnz": int(a.nnz),
        "rhs": args.rhs,
        "times": times,
        "min": min(times),
        "median": statistics.median(times),
        "cpu_min": min(cpu),
        "residual": residual,
        "factor_nnz": int(spla.splu(a).L.nnz + spla.splu(a).U.nnz),
    }
    try:
        from sksparse.cholmod import cholesky
    except ImportError:
        out["cholmod"] = "scikit-sparse not installed"
    else:
        ctimes = timed(lambda: cholesky(a)(b), args.warmup, args.reps)
        out["cholmod"] = {"min": min(ctimes), "median": statistics.median(ctimes)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

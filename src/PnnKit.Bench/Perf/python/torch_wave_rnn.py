"""PyTorch baseline for the wave-solver item of `pnn bench perf`; prints one JSON object.

The same computation as PnnKit's WaveRnn on a 140x140 grid, written the way wavetorch (Hughes et al.,
Sci. Adv. 2019) writes it: leapfrog update u+ = a (2u - b u- + c^2 dt^2 lap(u)) with a 5-point Laplacian
by conv2d (zero field outside), absorbing layer sigma = smax (d/w)^p, a trainable density in the design
region projected by tanh, one point source, probes integrating u^2. float64, like PnnKit's solver.
"forward" times the forward pass under no_grad; "train" times forward + backward (autograd through every
time step). Reports min and median wall time over several runs after a warm-up run, on the thread count given,
and the mean process CPU time per run.
"""
import argparse
import json
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--n", type=int, default=140)
    parser.add_argument("--pml", type=int, default=20)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    try:
        import torch
        import torch.nn.functional as F
    except ImportError as err:
        print(json.dumps({"error": f"torch missing: {err}", "not_installed": "torch"}))
        return 0
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    dtype = torch.float64
    n, w, steps, batch = args.n, args.pml, args.steps, args.batch
    dt, h, c0, c1, beta, eta, smax, p = 0.5, 1.0, 1.0, 0.9, 100.0, 0.5, 3.0, 4.0
    idx = torch.arange(n, dtype=dtype)
    dist = torch.maximum(w - idx, idx - (n - 1 - w)).clamp(min=0)
    d = torch.maximum(dist[:, None], dist[None, :])
    sigma = smax * (d / w) ** p
    a = 1 / (1 + sigma * dt / 2)
    b = 1 - sigma * dt / 2
    design = torch.zeros(n, n, dtype=torch.bool)
    design[n // 4:3 * n // 4, n // 4:3 * n // 4] = True
    rho = torch.full((n, n), 0.5, dtype=dtype, requires_grad=True)
    kernel = torch.tensor([[[[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]]], dtype=dtype) / (h * h)
    src = (n // 2, n // 7)
    probes = [(n // 2 - n // 7, n - n // 7), (n // 2, n - n // 7), (n // 2 + n // 7, n - n // 7)]
    px = torch.tensor([q[0] for q in probes])
    py = torch.tensor([q[1] for q in probes])
    x = torch.sin(0.3 * torch.arange(steps, dtype=dtype))[None, :].repeat(batch, 1)

    def run():
        t = torch.tanh(torch.tensor(beta * eta, dtype=dtype))
        proj = (t + torch.tanh(beta * (rho - eta))) / (t + torch.tanh(torch.tensor(beta * (1 - eta), dtype=dtype)))
        c = torch.where(design, c0 + (c1 - c0) * proj, torch.full_like(proj, c0))
        c2dt2 = (c * dt) ** 2
        u_prev = torch.zeros(batch, n, n, dtype=dtype)
        u = torch.zeros(batch, n, n, dtype=dtype)
        out = torch.zeros(batch, len(probes), dtype=dtype)
        src_mask = torch.zeros(n, n, dtype=dtype)
        src_mask[src] = a[src] * dt * dt
        for k in range(steps):
            lap = F.conv2d(u.unsqueeze(1), kernel, padding=1).squeeze(1)
            u_next = a * (2 * u - b * u_prev + c2dt2 * lap) + src_mask * x[:, k, None, None]
            out = out + u_next[:, px, py] ** 2 * dt
            u_prev, u = u, u_next
        return out

    def forward():
        with torch.no_grad():
            run()

    def train():
        rho.grad = None
        run().sum().backward()

    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "n": n, "steps": steps, "batch": batch}
    for name, op in (("forward", forward), ("train", train)):
        op()  # warm-up: allocator, kernels, thread pool
        times = []
        cpu = 0.0
        for _ in range(args.repetitions):
            start, start_cpu = time.perf_counter(), time.process_time()
            op()
            times.append(time.perf_counter() - start)
            cpu += time.process_time() - start_cpu
        # Process CPU seconds per call (mean): unlike wall time it leaves out the waits for a core on a loaded machine.
        result[name] = {"times": times, "min": min(times), "median": statistics.median(times), "cpu_mean": cpu / args.repetitions}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""PyTorch baseline for the D2NN training step of `pnn bench perf`; prints one JSON object.

Lin et al. (Science 2018) geometry: n×n phase masks (200), λ = 0.75 mm, pitch 0.4 mm, 3 cm between
planes, 5 masks. One step on a batch of random real input amplitudes: (zero-pad to M×M, torch.fft.fft2,
multiply by the band-limited angular-spectrum transfer function, ifft2, crop, phase mask) × layers,
a last propagation, power in 10 detector regions, softmax cross-entropy, backward, Adam step.
complex64 on the CPU, torch.set_num_threads(threads). Times several steps after warm-up.
"""
import argparse
import json
import math
import statistics
import sys
import time


def transfer(torch, n, m, pitch, wavelength, distance):
    # Band-limited angular spectrum (Matsushima & Shimobaba 2009), as AngularSpectrumPropagation.
    df = 1.0 / (m * pitch)
    limit = 1.0 / (wavelength * math.sqrt((2 * df * distance) ** 2 + 1))
    f = torch.fft.fftfreq(m, d=pitch, dtype=torch.float64)
    fy, fx = torch.meshgrid(f, f, indexing="ij")
    arg = 1.0 / wavelength ** 2 - fx ** 2 - fy ** 2
    keep = (arg > 0) & (fx.abs() <= limit) & (fy.abs() <= limit)
    phase = 2 * math.pi * distance * torch.sqrt(arg.clamp(min=0))
    h = torch.polar(torch.ones_like(phase), phase) * keep
    return h.to(torch.complex64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--padded", type=int, default=512)
    parser.add_argument("--layers", type=int, default=5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--region", type=int, default=20)
    parser.add_argument("--steps", type=int, default=5)
    args = parser.parse_args()
    try:
        import torch
    except ImportError as err:
        print(json.dumps({"error": f"torch missing: {err}", "not_installed": "torch"}))
        return 0
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    n, m, off = args.n, args.padded, (args.padded - args.n) // 2
    h = transfer(torch, n, m, 0.4e-3, 0.75e-3, 3e-2)
    phases = [torch.nn.Parameter(2 * math.pi * torch.rand(n, n)) for _ in range(args.layers)]
    opt = torch.optim.Adam(phases, lr=0.01)
    x = torch.rand(args.batch, n, n)
    y = torch.randint(0, 10, (args.batch,))
    # 10 square regions on a 4-column grid with gaps of one region, centred (DetectorRegions).
    cols, rows, r = 4, 3, args.region
    x0, y0 = (n - (cols * 2 * r - r)) // 2, (n - (rows * 2 * r - r)) // 2
    corners = [(y0 + (k // cols) * 2 * r, x0 + (k % cols) * 2 * r) for k in range(10)]

    def propagate(field):
        padded = torch.zeros(field.shape[0], m, m, dtype=torch.complex64)
        padded[:, off:off + n, off:off + n] = field
        out = torch.fft.ifft2(torch.fft.fft2(padded) * h)
        return out[:, off:off + n, off:off + n]

    def step():
        opt.zero_grad(set_to_none=True)
        field = x.to(torch.complex64)
        for p in phases:
            field = propagate(field) * torch.polar(torch.ones_like(p), p)
        power = propagate(field).abs().square()
        scores = torch.stack([power[:, a:a + r, b:b + r].sum(dim=(1, 2)) for a, b in corners], dim=1)
        loss = torch.nn.functional.cross_entropy(scores, y)
        loss.backward()
        opt.step()

    step()  # warm-up: allocator, FFT plans, thread pool
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "times": times,
        "min": min(times),
        "median": statistics.median(times),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

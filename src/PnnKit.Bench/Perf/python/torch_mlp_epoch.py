"""PyTorch baseline for the MLP training epoch of `pnn bench perf`; prints one JSON object.

MLP 784-256-10, ReLU, softmax cross-entropy, Adam (lr 1e-3), batch 64, one epoch over 8,000 random
784-dim samples with 10 classes, float32 on the CPU. Times several epochs after a warm-up epoch and
reports min and median, for the thread count given (torch.set_num_threads).
"""
import argparse
import json
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--samples", type=int, default=8000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    try:
        import torch
    except ImportError as err:
        print(json.dumps({"error": f"torch missing: {err}", "not_installed": "torch"}))
        return 0
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x = torch.randn(args.samples, 784)
    y = torch.randint(0, 10, (args.samples,))
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        perm = torch.randperm(args.samples)
        total = 0.0
        for start in range(0, args.samples, args.batch):
            idx = perm[start:start + args.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item()
        return total

    epoch()  # warm-up: allocator, kernels, thread pool
    times = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "samples": args.samples,
        "batch": args.batch,
        "times": times,
        "min": min(times),
        "median": statistics.median(times),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

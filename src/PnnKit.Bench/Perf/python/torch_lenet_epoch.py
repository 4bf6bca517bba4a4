"""PyTorch baseline for the LeNet-5 training epoch of `pnn bench perf`; prints one JSON object.

LeNet-5 on MNIST-shaped random data (1×28×28, 10 classes): conv 1→6 5×5 pad 2, ReLU, maxpool 2,
conv 6→16 5×5, ReLU, maxpool 2, flatten, 400→120 ReLU, 120→84 ReLU, 84→10; softmax cross-entropy,
Adam (lr 1e-3), batch 64, one epoch over --samples random samples, float32 on the CPU. Times several
epochs after a warm-up epoch and reports min and median, for the thread count given (torch.set_num_threads).
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
    nn = torch.nn
    x = torch.randn(args.samples, 1, 28, 28)
    y = torch.randint(0, 10, (args.samples,))
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

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

    epoch()  # warm-up: allocator, oneDNN primitives, thread pool
    times = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "samples": args.samples,
        "batch": args.batch,
        "times": times,
        "min": min(times),
        "median": statistics.median(times),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

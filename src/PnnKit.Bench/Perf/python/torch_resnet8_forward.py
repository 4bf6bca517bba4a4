"""PyTorch baseline for the ResNet-8 inference forward of `pnn bench perf`; prints one JSON object.

ResNet-8 on CIFAR-shaped random inputs (3×32×32), batch 64, float32 on the CPU, eval mode under
torch.no_grad(): stem conv 3→16 3×3 pad 1 + BN + ReLU; basic blocks 16→16 (stride 1, identity
shortcut), 16→32 and 32→64 (stride 2, 1×1 stride-2 conv + BN shortcut), each conv-BN-ReLU-conv-BN
plus shortcut, then ReLU; global average pool; flatten; linear 64→10. Convolutions have no bias
(BN follows). After --warmup untimed calls, each of --reps samples times enough forwards to last
at least 5 ms (as the C# harness does) and reports seconds per forward: min and median.
"""
import argparse
import json
import math
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
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

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.main = nn.Sequential(
                nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout))
            self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))
                             if stride != 1 or cin != cout else nn.Identity())
            self.relu = nn.ReLU()

        def forward(self, x):
            return self.relu(self.main(x) + self.shortcut(x))

    model = nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
        Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
    model.eval()
    x = torch.randn(args.batch, 3, 32, 32)
    floor = 5e-3
    with torch.no_grad():
        last = 0.0
        for _ in range(max(1, args.warmup)):
            start = time.perf_counter()
            model(x)
            last = time.perf_counter() - start
        inner = 1 if last >= floor else int(math.ceil(floor / max(last, 1e-7)))
        times = []
        for _ in range(args.reps):
            start = time.perf_counter()
            for _ in range(inner):
                model(x)
            times.append((time.perf_counter() - start) / inner)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "batch": args.batch,
        "inner": inner,
        "times": times,
        "min": min(times),
        "median": statistics.median(times),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Trains the small CNN `pnn repro photonic-tensor-processor` runs on the 9-input × 3-output photonic crossbar, and exports it to ONNX.

The model a user brings to the rack processor: trained in PyTorch without knowing the chip (the paper's claim is that
pretrained networks run without chip-specific retraining), then imported and converted onto the intensity crossbar.
Every convolution is 3×3, so one input channel's patch is exactly the crossbar's 9 inputs.

  /usr/bin/python3 train_ptp_cnn.py                                   # Fashion-MNIST from /usr/share/datasets/fashion-mnist
  /usr/bin/python3 train_ptp_cnn.py --dataset cifar-10 --data DIR     # CIFAR-10 binary batches (`pnn data fetch cifar-10 --to DIR`)

Run from this folder with Debian's Python (apt-get install python3-torch python3-numpy). Seeded and single-threaded, so a
rerun with PyTorch 1.13 writes the same file. Choices are made on a validation split (the last 10 % of the training
images; the epoch kept is the best validation accuracy of 1..--epochs); the test images are not read here.
"""
import argparse
import gzip
import os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_mnist(directory):
    images = torch.tensor(idx(os.path.join(directory, "train-images-idx3-ubyte.gz")), dtype=torch.float32).unsqueeze(1) / 255.0
    labels = torch.tensor(idx(os.path.join(directory, "train-labels-idx1-ubyte.gz")), dtype=torch.long)
    return images, labels


def cifar10(directory):
    """The five training batches of the binary version: records of 1 label byte and 3,072 CHW pixel bytes."""
    for candidate in (os.path.join(directory, "cifar-10-batches-bin"), os.path.join(directory, "cifar-10", "cifar-10-batches-bin"), directory):
        if os.path.exists(os.path.join(candidate, "data_batch_1.bin")):
            directory = candidate
            break
    else:
        raise SystemExit(f"{directory}: no cifar-10-batches-bin/data_batch_1.bin; run `pnn data fetch cifar-10 --to {directory}` first")
    records = np.concatenate([np.fromfile(os.path.join(directory, f"data_batch_{b}.bin"), dtype=np.uint8).reshape(-1, 3073) for b in range(1, 6)])
    images = torch.tensor(records[:, 1:].reshape(-1, 3, 32, 32), dtype=torch.float32) / 255.0
    return images, torch.tensor(records[:, 0], dtype=torch.long)


class PtpCnn(nn.Module):
    """Two 3×3 conv blocks (conv, batch norm, ReLU, 2×2 max pool) and two dense layers: C×S×S → 10 logits."""

    def __init__(self, channels, side, widths, hidden):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, widths[0], 3, padding=1)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.conv2 = nn.Conv2d(widths[0], widths[1], 3, padding=1)
        self.bn2 = nn.BatchNorm2d(widths[1])
        self.fc1 = nn.Linear(widths[1] * (side // 4) ** 2, hidden)
        self.fc2 = nn.Linear(hidden, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(x), 1000)) / len(x)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", choices=["fashion-mnist", "cifar-10"], default="fashion-mnist")
    parser.add_argument("--data", help="directory of the data set (default: /usr/share/datasets/fashion-mnist for fashion-mnist)")
    parser.add_argument("--epochs", type=int, help="epochs to try; the best on validation is kept (default 6 fashion-mnist, 20 cifar-10)")
    parser.add_argument("--out", help="ONNX file to write (default: ptp-cnn-DATASET.onnx)")
    args = parser.parse_args()
    torch.manual_seed(15)
    torch.set_num_threads(1)
    if args.dataset == "fashion-mnist":
        images, labels = fashion_mnist(args.data or "/usr/share/datasets/fashion-mnist")
        model, epochs = PtpCnn(1, 28, (8, 16), 64), args.epochs or 6
    else:
        if args.data is None:
            raise SystemExit("--dataset cifar-10 needs --data DIR (where `pnn data fetch cifar-10 --to DIR` put the batches)")
        images, labels = cifar10(args.data)
        model, epochs = PtpCnn(3, 32, (32, 64), 128), args.epochs or 20
    held = len(images) // 10
    train_x, train_y, val_x, val_y = images[:-held], labels[:-held], images[-held:], labels[-held:]
    print(f"{args.dataset}: {len(train_x)} train / {len(val_x)} validation images")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    best, best_state = -1.0, None
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(len(train_x))
        for i in range(0, len(order), 64):
            batch = order[i:i + 64]
            x = train_x[batch]
            if args.dataset == "cifar-10":  # random horizontal flips: the usual CIFAR augmentation
                flip = torch.rand(len(x)) < 0.5
                x = torch.where(flip[:, None, None, None], x.flip(3), x)
            optimizer.zero_grad()
            F.cross_entropy(model(x), train_y[batch]).backward()
            optimizer.step()
        val = accuracy(model, val_x, val_y)
        print(f"epoch {epoch}: validation accuracy {val:.4f}")
        if val > best:
            best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    print(f"kept the best epoch: validation accuracy {best:.4f}")
    model.eval()
    shape = (1, 1, 28, 28) if args.dataset == "fashion-mnist" else (1, 3, 32, 32)
    torch.onnx.export(model, torch.zeros(*shape), args.out or f"ptp-cnn-{args.dataset}.onnx", opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=True, training=torch.onnx.TrainingMode.PRESERVE)

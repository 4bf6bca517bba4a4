#!/usr/bin/python3
"""Trains LeNet-5 on PnnKit's bundled MNIST subset in PyTorch and exports it to ONNX (lenet5-mnist-subset.onnx).

The model a hardware team brings: trained in PyTorch, then `pnn import`, `pnn convert --to memristive|photonic`,
`pnn robustness`. Run from this folder with Debian's Python (apt-get install python3-torch python3-numpy):
/usr/bin/python3 train_lenet5.py. Seeded and single-threaded, so a rerun with PyTorch 1.13 writes the same file.
Choices are made on a validation split: the last 800 of the 8,000 training digits (epochs: the best validation
accuracy of 1..EPOCHS); the 2,000 test digits are not read here.
"""
import gzip
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

EPOCHS = 12


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class LeNet5(nn.Module):
    """LeNet-5 (LeCun et al. 1998) with batch norm and max pooling: 1x28x28 → 10 logits."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.bn1 = nn.BatchNorm2d(6)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.bn2 = nn.BatchNorm2d(16)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


if __name__ == "__main__":
    torch.manual_seed(15)
    torch.set_num_threads(1)
    images = torch.tensor(idx("../data/mnist-subset/train-images-idx3-ubyte.gz"), dtype=torch.float32).unsqueeze(1) / 255.0
    labels = torch.tensor(idx("../data/mnist-subset/train-labels-idx1-ubyte.gz"), dtype=torch.long)
    train_x, train_y, val_x, val_y = images[:7200], labels[:7200], images[7200:], labels[7200:]
    model = LeNet5()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    best, best_state = -1.0, None
    for epoch in range(1, EPOCHS + 1):
        model.train()
        order = torch.randperm(len(train_x))
        for i in range(0, len(order), 64):
            batch = order[i:i + 64]
            optimizer.zero_grad()
            F.cross_entropy(model(train_x[batch]), train_y[batch]).backward()
            optimizer.step()
        val = accuracy(model, val_x, val_y)
        print(f"epoch {epoch}: validation accuracy {val:.4f}")
        if val > best:
            best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    print(f"kept the best epoch: validation accuracy {best:.4f}")
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), "lenet5-mnist-subset.onnx", opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=True, training=torch.onnx.TrainingMode.PRESERVE)

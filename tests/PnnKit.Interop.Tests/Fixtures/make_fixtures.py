#!/usr/bin/python3
"""Exports the small ONNX fixtures PnnKit's importer is tested on, with PyTorch's own exporter.

Run from this folder with Debian's Python (apt-get install python3-torch): /usr/bin/python3 make_fixtures.py
Seeded, so a rerun with the same PyTorch (1.13) writes the same weights. Each model is small on purpose
(the files are committed); the tests compare PnnKit's forward pass with ONNX Runtime's on the same file.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

OPSET = 13  # the lowest opset PnnKit imports


class LeNet(nn.Module):
    """LeNet-5 shape on 1x28x28 (MNIST): conv-bn-relu-maxpool twice, average pooling, three dense layers, softmax."""

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
        x = F.avg_pool2d(torch.tanh(self.bn2(self.conv2(x))), 2)
        x = torch.flatten(x, 1)
        x = torch.sigmoid(self.fc1(x))
        x = F.relu(self.fc2(x))
        return F.softmax(self.fc3(x), dim=1)


class Block(nn.Module):
    """A ResNet basic block; with stride 2 the shortcut is a 1x1 convolution with batch norm."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class TinyResNet(nn.Module):
    """ResNet-8 shape on 3x32x32 (CIFAR-10) with few channels: stem, three blocks (identity, strided, strided), global pooling."""

    def __init__(self, width=8):
        super().__init__()
        self.stem = nn.Conv2d(3, width, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(width)
        self.blocks = nn.Sequential(Block(width, width, 1), Block(width, 2 * width, 2), Block(2 * width, 4 * width, 2))
        self.fc = nn.Linear(4 * width, 10)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn(self.stem(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class MatMulMlp(nn.Module):
    """x @ W + b written out, so the exporter emits MatMul + Add instead of Gemm; a dilated, strided conv in front."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(2, 1))
        self.w = nn.Parameter(torch.randn(4 * 4 * 4, 7) * 0.2)
        self.b = nn.Parameter(torch.randn(7) * 0.1)

    def forward(self, x):
        x = F.relu(self.conv(x)).reshape(-1, 4 * 4 * 4)  # a constant shape: Reshape(x, [-1, 64])
        return torch.matmul(x, self.w) + self.b


def randomize_batch_norm(model):
    # Fresh BN layers have mean 0, var 1, scale 1, shift 0: folding them would be invisible. Give them real statistics.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.3, 0.3)


def export(model, shape, path):
    model.eval()
    randomize_batch_norm(model)
    x = torch.randn(2, *shape)
    # PRESERVE keeps BatchNormalization nodes (inference form) instead of fusing them into the convolutions,
    # so PnnKit's own folding is what the tests check.
    torch.onnx.export(model, x, path, opset_version=OPSET, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}}, do_constant_folding=True,
                      training=torch.onnx.TrainingMode.PRESERVE)
    print(f"{path}: {sum(p.numel() for p in model.parameters())} parameters")


if __name__ == "__main__":
    torch.manual_seed(15)
    export(LeNet(), (1, 28, 28), "lenet5-mnist.onnx")
    export(TinyResNet(), (3, 32, 32), "resnet8-tiny-cifar.onnx")
    export(MatMulMlp(), (2, 9, 5), "matmul-mlp.onnx")

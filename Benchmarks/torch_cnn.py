#!/usr/bin/env python3
"""PyTorch CPU reference for the CNN benchmark: source 004's SimpleCNN (conv 1→32 3×3, ReLU,
max-pool 2, conv 32→64 3×3, ReLU, max-pool 2, flatten 1600, linear 128, ReLU, linear 10) trained
with cross-entropy and Adam (lr 1e-3, batch 64) on an IDX dataset, in float32.

Written the way the workload is usually written in PyTorch, without a DataLoader's worker
processes (which would compete for the two cores): the images are converted once to a float
tensor scaled by 1/255, each epoch shuffles with `torch.randperm`, and each batch is gathered by
indexing. `torch.set_num_threads(--threads)` (default: $OMP_NUM_THREADS, else every core) sets
the intra-op threads. Prints one RESULT line like the Swift benchmark:

    python3 Benchmarks/torch_cnn.py --threads 2 --epochs 3
"""
import argparse
import os
import resource
import time

import numpy as np
import torch
from torch import nn

from numpy_mlp import read_idx


def load(folder, prefix):
    def path(name):
        plain = os.path.join(folder, name)
        return plain + ".gz" if os.path.exists(plain + ".gz") else plain

    images = read_idx(path(f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(path(f"{prefix}-labels-idx1-ubyte"))
    x = torch.from_numpy(images.astype(np.float32) / np.float32(255)).reshape(len(images), 1, 28, 28)
    return x, torch.from_numpy(labels.astype(np.int64))


class SimpleCNN(nn.Module):
    """Source 004's network, layer for layer."""

    def __init__(self):
        super().__init__()
        self.conv_layers = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=3), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.classifier(self.conv_layers(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("OMP_NUM_THREADS", os.cpu_count())))
    parser.add_argument("--data", default=os.environ.get("NEURAL_DATASET_DIR", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--precision", choices=["float"], default="float", help="float32 only")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N images only (a smoke test)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    if args.limit:
        x_train, y_train = x_train[: args.limit], y_train[: args.limit]
    model = SimpleCNN()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_function = nn.CrossEntropyLoss()

    n = len(x_train)
    seconds = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(n)
        total_loss = 0.0
        for s in range(0, n, args.batch):
            idx = order[s : s + args.batch]
            logits = model(x_train[idx])
            loss = loss_function(logits, y_train[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(idx)
        seconds.append(time.perf_counter() - start)
        print(f"torch float epoch {epoch}: {seconds[-1]:.3f} s, loss {total_loss / n:.4f}", flush=True)

    model.eval()
    with torch.no_grad():
        correct = sum(int((model(x_test[s : s + 1000]).argmax(1) == y_test[s : s + 1000]).sum()) for s in range(0, len(x_test), 1000))
    accuracy = correct / len(x_test)
    median = sorted(seconds)[len(seconds) // 2]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"RESULT impl=torch precision=float threads={args.threads} "
          f"epochs={','.join(f'{s:.4f}' for s in seconds)} median={median:.4f} "
          f"test_accuracy={accuracy:.4f} maxrss_kb={maxrss}")


if __name__ == "__main__":
    main()

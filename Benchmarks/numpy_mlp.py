#!/usr/bin/env python3
"""NumPy reference for the training benchmark: the sources' MLP [784, 256, 128, 10], ReLU,
softmax + cross-entropy, He init, mini-batch SGD (lr 0.1, batch 64) on an IDX dataset.

Written the way the workload is usually written in NumPy: the images are converted once to the
training dtype and scaled by 1/255, each batch is gathered by fancy indexing, and the updates are
in place (`W -= lr * dW`). Prints one RESULT line like the Swift benchmark:

    OPENBLAS_NUM_THREADS=2 python3 numpy_mlp.py --precision float --epochs 3
"""
import argparse
import gzip
import os
import resource
import struct
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise SystemExit(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4 : 4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(folder, prefix):
    images = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"))
    return images.reshape(len(images), -1), labels.astype(np.int64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", choices=["float", "double"], default="double")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--data", default=os.environ.get("NEURAL_DATASET_DIR", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    dtype = np.float32 if args.precision == "float" else np.float64

    x_bytes, y_train = load(args.data, "train")
    t_bytes, y_test = load(args.data, "t10k")
    x_train = x_bytes.astype(dtype) / dtype(255)
    x_test = t_bytes.astype(dtype) / dtype(255)

    sizes = [784, 256, 128, 10]
    rng = np.random.default_rng(args.seed)
    weights = [(rng.standard_normal((m, n)) * np.sqrt(2.0 / m)).astype(dtype) for m, n in zip(sizes, sizes[1:])]
    biases = [np.zeros(n, dtype=dtype) for n in sizes[1:]]
    lr = dtype(args.lr)

    def forward(x):
        activations = [x]
        for l, (w, b) in enumerate(zip(weights, biases)):
            z = activations[-1] @ w + b
            activations.append(np.maximum(z, 0, out=z) if l < len(weights) - 1 else z)
        return activations

    n = len(x_train)
    seconds = []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = rng.permutation(n)
        total_loss = 0.0
        for s in range(0, n, args.batch):
            idx = order[s : s + args.batch]
            x, y = x_train[idx], y_train[idx]
            rows = len(idx)
            acts = forward(x)
            logits = acts[-1]
            logits -= logits.max(axis=1, keepdims=True)
            np.exp(logits, out=logits)
            logits /= logits.sum(axis=1, keepdims=True)
            total_loss -= np.log(logits[np.arange(rows), y]).sum()
            delta = logits
            delta[np.arange(rows), y] -= 1
            delta /= rows
            for l in range(len(weights) - 1, -1, -1):
                d_w = acts[l].T @ delta
                d_b = delta.sum(axis=0)
                if l > 0:
                    delta = (delta @ weights[l].T) * (acts[l] > 0)
                weights[l] -= lr * d_w
                biases[l] -= lr * d_b
        seconds.append(time.perf_counter() - start)
        print(f"numpy {args.precision} epoch {epoch}: {seconds[-1]:.3f} s, loss {total_loss / n:.4f}", flush=True)

    accuracy = float((forward(x_test)[-1].argmax(axis=1) == y_test).mean())
    median = sorted(seconds)[len(seconds) // 2]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"RESULT impl=numpy precision={args.precision} threads={threads} "
          f"epochs={','.join(f'{s:.4f}' for s in seconds)} median={median:.4f} "
          f"test_accuracy={accuracy:.4f} maxrss_kb={maxrss}")


if __name__ == "__main__":
    main()

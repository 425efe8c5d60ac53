#!/usr/bin/env python3
"""Writes the NeuralTrainingTests fixtures: tiny IDX files (good and broken) and the NumPy
reference gradients of a small MLP. Run from this folder: python3 generate.py"""
import gzip
import json
import os
import struct

import numpy as np


def idx(dims, data, type_code=0x08):
    return struct.pack(">BBBB", 0, 0, type_code, len(dims)) + struct.pack(">" + "I" * len(dims), *dims) + bytes(data)


def write(name, content, compress=True):
    if compress:
        # mtime=0 keeps the bytes reproducible.
        with open(name, "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
                g.write(content)
    else:
        with open(name, "wb") as f:
            f.write(content)


# Three 2x3 images with pixels 0..17 and labels 2, 0, 1.
pixels = list(range(18))
labels = [2, 0, 1]
os.makedirs("tiny", exist_ok=True)
for prefix in ("train", "t10k"):
    write(f"tiny/{prefix}-images-idx3-ubyte.gz", idx([3, 2, 3], pixels))
    write(f"tiny/{prefix}-labels-idx1-ubyte.gz", idx([3], labels))
write("plain-images-idx3-ubyte", idx([3, 2, 3], pixels), compress=False)
write("bad-magic.gz", b"\x12\x34\x08\x03" + idx([3, 2, 3], pixels)[4:])
write("truncated-data.gz", idx([3, 2, 3], pixels)[:-5])
good = gzip.compress(idx([3, 2, 3], pixels), mtime=0)
write("truncated-gzip.gz", good[: len(good) // 2], compress=False)
write("int-type.gz", idx([3], [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3], type_code=0x0C))
# A gzip bomb: the header promises three labels, the stream inflates to 3 + 4 MiB bytes. The
# reader must stop inflating just past the 11 bytes the header promises.
write("bomb.gz", idx([3], labels) + bytes(4 << 20))
# Dimensions whose product (2^48) overflows every limit: rejected from the header alone.
write("huge-dimensions.gz", idx([65536, 65536, 65536], []))
# Images of zero rows: an empty dimension.
write("zero-rows.gz", idx([3, 0, 3], []))
os.makedirs("mismatch", exist_ok=True)
write("mismatch/train-images-idx3-ubyte.gz", idx([3, 2, 3], pixels))
write("mismatch/train-labels-idx1-ubyte.gz", idx([2], labels[:2]))

# Reference gradients of a [6, 5, 4, 3] MLP on the three tiny images, for each activation.
def act(name, z):
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky-relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "tanh":
        return np.tanh(z)
    return 1 / (1 + np.exp(-z))


def dact(name, a):
    if name == "relu":
        return (a > 0).astype(float)
    if name == "leaky-relu":
        return np.where(a > 0, 1.0, 0.01)
    if name == "tanh":
        return 1 - a * a
    return a * (1 - a)


rng = np.random.default_rng(7)
sizes = [6, 5, 4, 3]
x = np.array(pixels, dtype=np.float64).reshape(3, 6) / 255
y = np.array(labels)
cases = []
for name in ("relu", "leaky-relu", "tanh", "sigmoid"):
    ws = [rng.standard_normal((m, n)) for m, n in zip(sizes, sizes[1:])]
    bs = [rng.standard_normal(n) * 0.1 for n in sizes[1:]]
    acts = [x]
    for l, (w, b) in enumerate(zip(ws, bs)):
        z = acts[-1] @ w + b
        acts.append(act(name, z) if l < len(ws) - 1 else z)
    z = acts[-1]
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(3), y]).sum()
    correct = int((z.argmax(axis=1) == y).sum())
    delta = p.copy()
    delta[np.arange(3), y] -= 1
    grads_w, grads_b = [None] * 3, [None] * 3
    for l in range(2, -1, -1):
        grads_w[l] = acts[l].T @ delta / 3
        grads_b[l] = delta.sum(axis=0) / 3
        if l > 0:
            delta = (delta @ ws[l].T) * dact(name, acts[l])
    params = np.concatenate([np.concatenate([w.ravel(), b]) for w, b in zip(ws, bs)])
    grads = np.concatenate([np.concatenate([w.ravel(), b]) for w, b in zip(grads_w, grads_b)])
    # One Adam step (lr 0.01, defaults) and one SGD step (lr 0.1) from these parameters.
    m = 0.1 * grads
    v = 0.001 * grads**2
    adam = params - 0.01 * (m / 0.1) / (np.sqrt(v / 0.001) + 1e-8)
    adamw = params * (1 - 0.01 * 0.01) - 0.01 * (m / 0.1) / (np.sqrt(v / 0.001) + 1e-8)
    cases.append({
        "activation": name, "layerSizes": sizes, "labels": labels, "pixels": pixels,
        "parameters": params.tolist(), "lossSum": float(loss), "correct": correct,
        "gradient": grads.tolist(), "sgd": (params - 0.1 * grads).tolist(),
        "momentum": (params - 0.01 * grads).tolist(), "adam": adam.tolist(), "adamw": adamw.tolist(),
    })
with open("gradients.json", "w") as f:
    json.dump(cases, f, indent=1)

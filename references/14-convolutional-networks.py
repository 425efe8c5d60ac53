#!/usr/bin/env python3
"""Independent reference values for chapters/14-convolutional-networks.md.

Every convolution, pooling and gradient of the chapter is recomputed with PyTorch float64
(`F.conv2d`, `F.max_pool2d`, `F.avg_pool2d`, `F.unfold`, autograd), and the by-hand convolution
a second time with an explicit NumPy loop; shapes and parameter counts come from building source
004's SimpleCNN as `nn.Module`s and counting `numel()`; the receptive field is measured, as in the
chapter, from the support of one output's gradient and compared with the recurrence
r ← r + (k − 1)·j, j ← j·s written out in plain integers.

The Fashion-MNIST run (the first 10,000 training images, 3 epochs, Adam at 1e-3, batch 64, tested
on all 10,000 test images) is repeated in PyTorch (float32, two threads) with PyTorch's own
random numbers: --runs seeds with He-normal weights (the chapter's initialisation) and as many
with PyTorch's default initialisation (source 004's); the chapter's ranges must hold for every
run. `--no-train` skips these runs (about 8 seconds each).

    python3 references/14-convolutional-networks.py [--runs 8] [--no-train]
"""
import argparse
import os
import time

from workbook_reference import Checks, dataset_folder, read_idx

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)

EDGE_IMAGE = [
    [0, 0, 0, 1, 1, 1],
    [0, 0, 0, 1, 1, 1],
    [0, 0, 1, 1, 1, 1],
    [0, 0, 1, 1, 1, 1],
    [0, 0, 0, 1, 1, 1],
    [0, 0, 0, 1, 1, 1],
]
SOBEL_X = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
SOBEL_Y = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]
HORIZONTAL_EDGE_IMAGE = [
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 1, 0],
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
]
CHANNELS = [
    [[1, 2, 0], [0, 1, 3], [2, 1, 0]],
    [[0, 1, 1], [2, 0, 1], [1, 1, 2]],
]
CHANNEL_KERNEL = [[[1, 0], [0, -1]], [[0.5, 0.5], [0.5, 0.5]]]
FEATURE_MAP = [[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [3, 2, 1, 6]]
UPSTREAM = [[1, 2], [3, 4]]


def image(rows):
    return torch.tensor(rows, dtype=torch.float64).reshape(1, 1, len(rows), len(rows[0]))


def correlate(picture, kernel):
    """The definition, as a loop: y[i, j] = Σ_u Σ_v x[i + u, j + v] · k[u, v] (no flipping)."""
    x, k = np.array(picture, float), np.array(kernel, float)
    rows, columns = x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1
    out = np.zeros((rows, columns))
    for i in range(rows):
        for j in range(columns):
            out[i, j] = sum(x[i + u, j + v] * k[u, v] for u in range(k.shape[0]) for v in range(k.shape[1]))
    return out


def output_size(n, k, p=0, s=1):
    return (n + 2 * p - k) // s + 1


class SimpleCNN(nn.Module):
    """Source 004's network; `pool` chooses the pooling (max, or average for the receptive field)."""

    def __init__(self, padding=0, pool=nn.MaxPool2d):
        super().__init__()
        side = 28
        for _ in range(2):
            side = output_size(side, 3, padding) // 2
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=padding), nn.ReLU(), pool(2),
            nn.Conv2d(32, 64, 3, padding=padding), nn.ReLU(), pool(2), nn.Flatten())
        self.classifier = nn.Sequential(nn.Linear(64 * side * side, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


def he_normal(model, generator):
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            fan_in = module.weight[0].numel()
            with torch.no_grad():
                module.weight.normal_(0, (2 / fan_in) ** 0.5, generator=generator)
                module.bias.zero_()


def by_hand(checks):
    checks.section("A convolution by hand")
    x, k = image(EDGE_IMAGE), image(SOBEL_X)
    y = F.conv2d(x, k)[0, 0]
    loop = correlate(EDGE_IMAGE, SOBEL_X)
    assert np.allclose(y.numpy(), loop, atol=0, rtol=0)
    checks.approx("edgeMap", y.tolist(), "[[1, 4, 3, 0], [3, 4, 1, 0], [3, 4, 1, 0], [1, 4, 3, 0]]")
    checks.approx("edgeMap[0, 1]", y[0, 1].item(), "4")
    checks.approx("edgeMap.sum().item", y.sum().item(), "32")
    checks.approx("loopMap", loop.tolist(), "[[1, 4, 3, 0], [3, 4, 1, 0], [3, 4, 1, 0], [1, 4, 3, 0]]")
    flipped = F.conv2d(x, torch.flip(k, dims=[2, 3]))[0, 0]
    checks.approx("flippedMap", flipped.tolist(), "[[-1, -4, -3, 0], [-3, -4, -1, 0], [-3, -4, -1, 0], [-1, -4, -3, 0]]")
    flat = F.conv2d(torch.ones(1, 1, 6, 6), k)[0, 0]
    checks.approx("flatResponse.sum().item", flat.sum().item(), "0")

    checks.section("Padding and stride")
    padded = F.conv2d(x, k, padding=1, stride=2)[0, 0]
    checks.approx("stridedMap", padded.tolist(), "[[0, 3, 0], [0, 4, 0], [0, 4, 0]]")
    same = F.conv2d(x, k, padding=1)[0, 0]
    checks.equal("[sameMap.shape[0], sameMap.shape[1]]", list(same.shape), [6, 6])
    checks.approx("sameMap.slice(axis: 0, 0..<1)", [same[0].tolist()], "[[0, 0, 3, 3, 0, -3]]")
    for n, kk, p, s in [(6, 3, 0, 1), (6, 3, 1, 1), (6, 3, 1, 2), (28, 3, 0, 1), (28, 3, 1, 1), (28, 5, 2, 2),
                        (26, 2, 0, 2), (13, 3, 0, 1), (11, 2, 0, 2), (32, 7, 3, 2)]:
        out = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, kk, kk), padding=p, stride=s).shape[-1]
        assert out == output_size(n, kk, p, s)
        checks.equal(f"convolutionOutputSize(inputSize: {n}, kernelSize: {kk}, stride: {s}, padding: {p})", out, out)

    checks.section("Channels")
    xs = torch.tensor(CHANNELS, dtype=torch.float64).unsqueeze(0)
    ks = torch.tensor(CHANNEL_KERNEL, dtype=torch.float64).unsqueeze(0)
    yc = F.conv2d(xs, ks, bias=torch.tensor([0.5]))[0, 0]
    checks.approx("channelMap", yc.tolist(), "[[2, 1], [1.5, 3.5]]")
    per_channel = [F.conv2d(xs[:, c : c + 1], ks[:, c : c + 1])[0, 0] for c in range(2)]
    checks.approx("firstChannelPart", per_channel[0].tolist(), "[[0, -1], [-1, 1]]")
    checks.approx("secondChannelPart", per_channel[1].tolist(), "[[1.5, 1.5], [2, 2]]")


def pooling(checks):
    checks.section("Pooling")
    fmap = torch.tensor(FEATURE_MAP, dtype=torch.float64).reshape(1, 1, 4, 4).requires_grad_()
    up = torch.tensor(UPSTREAM, dtype=torch.float64).reshape(1, 1, 2, 2)
    mx = F.max_pool2d(fmap, 2)
    (mx * up).sum().backward()
    checks.approx("maxPooled", mx[0, 0].tolist(), "[[4, 5], [3, 7]]")
    checks.approx("featureMap.grad!", fmap.grad[0, 0].tolist(), "[[0, 0, 0, 0], [1, 0, 0, 2], [0, 0, 4, 0], [3, 0, 0, 0]]")
    fmap2 = torch.tensor(FEATURE_MAP, dtype=torch.float64).reshape(1, 1, 4, 4).requires_grad_()
    av = F.avg_pool2d(fmap2, 2)
    (av * up).sum().backward()
    checks.approx("averagePooled", av[0, 0].tolist(), "[[2.5, 2], [1.5, 4]]")
    checks.approx("averagedMap.grad!", fmap2.grad[0, 0].tolist(),
                  "[[0.25, 0.25, 0.5, 0.5], [0.25, 0.25, 0.5, 0.5], [0.75, 0.75, 1, 1], [0.75, 0.75, 1, 1]]")
    shifted = torch.tensor(FEATURE_MAP, dtype=torch.float64)
    shifted = torch.roll(shifted, shifts=1, dims=1)  # every column one to the right, the last wraps
    shifted[:, 0] = 0
    checks.approx("shiftedPooled", F.max_pool2d(shifted.reshape(1, 1, 4, 4), 2)[0, 0].tolist(), "[[4, 3], [3, 7]]")


def parameters(checks):
    checks.section("Parameter sharing")
    conv1 = nn.Conv2d(1, 32, 3)
    conv_params = sum(p.numel() for p in conv1.parameters())
    checks.equal("firstConvolution.parameterCount", conv_params, 320)
    outputs = 32 * 26 * 26
    dense = 784 * outputs + outputs
    checks.equal("featureMapSize", outputs, 21632)
    checks.equal("denseEquivalent", dense, 16981120)
    checks.approx("Double(denseEquivalent) / Double(firstConvolution.parameterCount)", dense / conv_params, "53066")

    checks.section("Source 004's SimpleCNN")
    model = SimpleCNN()
    counts = [sum(p.numel() for p in m.parameters()) for m in [model.features[0], model.features[3], model.classifier[0], model.classifier[2]]]
    checks.equal("layerParameterCounts", counts, [320, 18496, 204928, 1290])
    total = sum(p.numel() for p in model.parameters())
    checks.equal("simpleCNN.parameterCount", total, 225034)
    shapes = []
    x = torch.zeros(2, 1, 28, 28)
    for m in list(model.features) + list(model.classifier):
        x = m(x)
        shapes.append(list(x.shape))
    checks.equal("shapes", shapes, [[2, 32, 26, 26], [2, 32, 26, 26], [2, 32, 13, 13], [2, 64, 11, 11], [2, 64, 11, 11],
                                     [2, 64, 5, 5], [2, 1600], [2, 128], [2, 128], [2, 10]])
    conv_share = (counts[0] + counts[1]) / total
    checks.approx("convolutionShare", conv_share, "0.0836")
    macs = [26 * 26 * 32 * 9, 11 * 11 * 64 * 288, 1600 * 128, 128 * 10]
    checks.equal("multiplyAdds", macs, [194688, 2230272, 204800, 1280])
    checks.approx("Double(multiplyAdds[1]) / Double(multiplyAdds.reduce(0, +))", macs[1] / sum(macs), "0.848")

    checks.section("Receptive field")
    r, j = 1, 1
    fields = []
    for k, s in [(3, 1), (2, 2), (3, 1), (2, 2)]:
        r, j = r + (k - 1) * j, j * s
        fields.append(r)
    checks.equal("receptiveFields", fields, [3, 4, 8, 10])
    probe = SimpleCNN(pool=nn.AvgPool2d)
    with torch.no_grad():
        for m in probe.features:
            if isinstance(m, nn.Conv2d):
                m.weight.fill_(0.1)
                m.bias.fill_(0.1)
    pixels = torch.full((1, 1, 28, 28), 0.5, requires_grad=True)
    probe.features(pixels).reshape(1, 64, 5, 5)[0, 0, 2, 2].backward()
    support = (pixels.grad[0, 0] != 0).nonzero()
    rows, cols = support[:, 0], support[:, 1]
    checks.equal("[supportRows.min()!, supportRows.max()!]", [rows.min().item(), rows.max().item()], [8, 17])
    checks.equal("[supportColumns.min()!, supportColumns.max()!]", [cols.min().item(), cols.max().item()], [8, 17])
    checks.equal("supportRows.count", len(support), 100)


def im2col(checks):
    checks.section("Convolution as one matrix product")
    x, k = image(EDGE_IMAGE), image(SOBEL_X)
    columns = F.unfold(x, 3)
    checks.equal("[edgeColumns.shape[1], edgeColumns.shape[2]]", list(columns.shape[1:]), [9, 16])
    checks.approx("patchAtRow1Column1", columns[0, :, 5].tolist(), "[0, 0, 1, 0, 1, 1, 0, 1, 1]")
    product = (k.reshape(1, 9) @ columns[0]).reshape(4, 4)
    checks.approx("productMap", product.tolist(), "[[1, 4, 3, 0], [3, 4, 1, 0], [3, 4, 1, 0], [1, 4, 3, 0]]")
    torch.manual_seed(0)
    batch = torch.rand(2, 32, 13, 13)
    unfolded = F.unfold(batch, 3)
    checks.equal("[secondColumns.shape[1], secondColumns.shape[2]]", list(unfolded.shape[1:]), [288, 121])


def train_runs(checks, runs):
    checks.section("Training the SimpleCNN on 10,000 images")
    folder = dataset_folder()
    if folder is None:
        checks.note("the training ranges", "Fashion-MNIST not found")
        return

    def load(prefix):
        def path(name):
            p = os.path.join(folder, name)
            return p + ".gz" if os.path.exists(p + ".gz") else p
        images = read_idx(path(f"{prefix}-images-idx3-ubyte"))
        labels = read_idx(path(f"{prefix}-labels-idx1-ubyte"))
        return (torch.from_numpy(images.astype(np.float32) / np.float32(255)).reshape(-1, 1, 28, 28),
                torch.from_numpy(labels.astype(np.int64)))

    x_train, y_train = load("train")
    x_test, y_test = load("t10k")
    x_train, y_train = x_train[:10000], y_train[:10000]
    torch.set_num_threads(2)
    results = {"he": [], "default": []}
    for initialisation in results:
        for seed in range(runs):
            torch.manual_seed(seed)
            model = SimpleCNN().float()
            if initialisation == "he":
                he_normal(model, torch.Generator().manual_seed(seed))
            optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
            losses, accuracies = [], []
            start = time.perf_counter()
            for _ in range(3):
                order = torch.randperm(len(x_train))
                total, correct = 0.0, 0
                for s in range(0, len(order), 64):
                    idx = order[s : s + 64]
                    logits = model(x_train[idx])
                    loss = F.cross_entropy(logits, y_train[idx])
                    optimizer.zero_grad()
                    loss.backward()
                    optimizer.step()
                    total += loss.item() * len(idx)
                    correct += int((logits.argmax(1) == y_train[idx]).sum())
                losses.append(total / len(order))
                accuracies.append(correct / len(order))
            with torch.no_grad():
                right = sum(int((model(x_test[s : s + 1000]).argmax(1) == y_test[s : s + 1000]).sum()) for s in range(0, 10000, 1000))
            results[initialisation].append((losses, accuracies, right / 10000))
            print(f"  {initialisation:7} seed {seed}: losses {losses[0]:.4f} {losses[2]:.4f}, train acc {accuracies[2]:.4f}, "
                  f"test acc {right / 10000:.4f} ({time.perf_counter() - start:.1f} s)", flush=True)
    for initialisation, rows in results.items():
        first = [r[0][0] for r in rows]
        second = [r[0][2] for r in rows]
        train = [r[1][2] for r in rows]
        test = [r[2] for r in rows]
        print(f"  {initialisation}: first-epoch loss {min(first):.3f}-{max(first):.3f}, third {min(second):.3f}-{max(second):.3f}, "
              f"training accuracy {min(train):.3f}-{max(train):.3f}, test accuracy {min(test):.3f}-{max(test):.3f}")
    every = [r for rows in results.values() for r in rows]
    checks.within_runs("epochLosses[0]", [r[0][0] for r in every], 0.5, 1.05)
    checks.within_runs("epochLosses[2]", [r[0][2] for r in every], 0.28, 0.55)
    checks.within_runs("trainingAccuracies[2]", [r[1][2] for r in every], 0.78, 0.92)
    checks.within_runs("testAccuracies[2]", [r[2] for r in every], 0.76, 0.9)
    uniform = F.cross_entropy(torch.zeros(1, 10, dtype=torch.float64), torch.tensor([3])).item()
    checks.approx("log(10.0)", uniform, "2.302585")


def exercises(checks):
    checks.section("Exercises")
    y = F.conv2d(image(HORIZONTAL_EDGE_IMAGE), image(SOBEL_Y))[0, 0]
    checks.approx("horizontalMap", y.tolist(), "[[0, 1, 3, 3], [4, 4, 4, 4], [4, 3, 1, 1], [0, 0, 0, 0]]")
    wrong = F.conv2d(image(HORIZONTAL_EDGE_IMAGE), image(SOBEL_X))[0, 0]
    print(f"  (the starter's vertical kernel gives {wrong.tolist()})")
    model = SimpleCNN(padding=1)
    features = model.features(torch.zeros(1, 1, 28, 28))
    checks.equal("paddedFeatures.shape", list(features.shape), [1, 3136])
    total = sum(p.numel() for p in model.parameters())
    checks.equal("paddedTotal", total, 421642)
    pool_input = torch.tensor([2, 6, 1, 0, 3, 1, 7, 8, 4, 0, 2, 5, 9, 1, 3, 4], dtype=torch.float64).reshape(1, 1, 4, 4).requires_grad_()
    pool_upstream = torch.tensor([0.5, -1, 2, 3], dtype=torch.float64).reshape(1, 1, 2, 2)
    (F.max_pool2d(pool_input, 2) * pool_upstream).sum().backward()
    checks.approx("onlyMap(poolInput.grad!)", pool_input.grad[0, 0].tolist(), "[[0, 0.5, 0, 0], [0, 0, 0, -1], [0, 0, 0, 3], [2, 0, 0, 0]] ± 1e-12")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--no-train", action="store_true")
    args = parser.parse_args()
    checks = Checks("14-convolutional-networks")
    by_hand(checks)
    pooling(checks)
    parameters(checks)
    im2col(checks)
    exercises(checks)
    if not args.no_train:
        train_runs(checks, args.runs)
    checks.finish()


if __name__ == "__main__":
    main()

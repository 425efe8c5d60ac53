#!/usr/bin/env python3
"""Independent reference values for chapters/12-training-on-real-data.md.

Deterministic values: the Fashion-MNIST facts are read straight from Debian's IDX files
(dataset-fashion-mnist, /usr/share/datasets/fashion-mnist, or $NEURAL_DATASET_DIR) with gzip and
NumPy; the parameter, update and operation counts are worked out by hand from the layer shapes and
from the list of matrix products one training step makes; the starting network of
`workbook train --seed 42` is redrawn with a pure-Python copy of the workbook's seeded generator
(He normal, N(0, 2/fan_in), row by row into (fan_in × fan_out) matrices, zero biases).

Training checks: the chapter's are ranges, since its numbers depend on the seed and on the
implementation. This script reruns the chapter's short experiment independently in PyTorch
(float32, the chapter's default precision): the [784, 256, 128, 10] ReLU/softmax MLP, He-normal
weights, zero biases, batches of 64 on the first 10,000 training images, a fresh shuffle per epoch,
3 epochs, the whole test set after each; SGD at 0.1, SGD at 0.001 and Adam at 0.001. Its random
numbers are PyTorch's (seed 42), not the workbook's, so only the ranges can be compared. It takes a
few seconds; pass --no-train to skip it. Benchmarks/numpy_mlp.py is the project's NumPy reference for
the full 60,000-image training whose figures the chapter quotes in its table.

    python3 references/12-training-on-real-data.py [--no-train]
"""
import math
import re
import sys

from workbook_reference import Checks, SeededGenerator, check_splitmix64_reference, dataset_folder, read_idx

import gzip
import os
import struct

import numpy as np
import torch

def train_short(optimizer_name, learning_rate, train_x, train_y, test_x, test_y, epochs=3, seed=42):
    """The chapter's short experiment in PyTorch float32; returns (mean training loss, test accuracy,
    test predictions) per epoch."""
    torch.manual_seed(seed)
    sizes = [784, 256, 128, 10]
    layers = []
    for m, n in zip(sizes, sizes[1:]):
        linear = torch.nn.Linear(m, n)
        torch.nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # N(0, 2/fan_in)
        torch.nn.init.zeros_(linear.bias)
        layers += [linear, torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])  # no ReLU after the output layer; softmax is in the loss
    optimizer = (torch.optim.SGD(model.parameters(), lr=learning_rate) if optimizer_name == "sgd"
                 else torch.optim.Adam(model.parameters(), lr=learning_rate))
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(train_x))
        loss_sum = 0.0
        for start in range(0, len(train_x), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(batch)
        with torch.no_grad():
            predictions = model(test_x).argmax(dim=1)
            accuracy = (predictions == test_y).float().mean().item()
        history.append((loss_sum / len(train_x), accuracy, predictions))
    return history


def tune(learning_rate, batch_size, dropout, train_x, train_y, valid_x, valid_y, epochs=4, seed=42):
    """One run of source 004's tuning grid in PyTorch float32: 784-256-128-10, ReLU, Dropout(p) after
    each hidden layer, Adam; returns (last mean training loss, validation accuracy per epoch)."""
    torch.manual_seed(seed)
    sizes = [784, 256, 128, 10]
    layers = []
    for m, n in zip(sizes, sizes[1:]):
        linear = torch.nn.Linear(m, n)
        torch.nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        torch.nn.init.zeros_(linear.bias)
        layers += [linear, torch.nn.ReLU(), torch.nn.Dropout(dropout)]
    model = torch.nn.Sequential(*layers[:-2])
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    accuracies, last_loss = [], 0.0
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(train_x))
        loss_sum = 0.0
        for start in range(0, len(train_x), batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(batch)
        last_loss = loss_sum / len(train_x)
        model.eval()
        with torch.no_grad():
            accuracies.append((model(valid_x).argmax(dim=1) == valid_y).float().mean().item())
    return last_loss, accuracies


def main():
    c = Checks("12-training-on-real-data")

    # -- The data: Fashion-MNIST, read from the IDX files.
    c.section("The data: Fashion-MNIST")
    folder = dataset_folder()
    train_images = read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz"))
    train_labels = read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz"))
    test_images = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz"))
    test_labels = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz"))
    c.equal("fullTraining.count", len(train_labels), 60000)
    c.equal("test.count", len(test_labels), 10000)
    c.equal("[fullTraining.rows, fullTraining.columns]", list(train_images.shape[1:]), [28, 28])
    c.equal("fullTraining.featureCount", int(np.prod(train_images.shape[1:])), 784)
    c.equal("fullTraining.classCount", len(np.unique(train_labels)), 10)
    c.equal("perClass", np.bincount(train_labels, minlength=10).tolist(), [6000] * 10)
    c.equal("Int(fullTraining.pixels.max()!)", int(train_images.max()), 255)
    c.equal("fullTraining.pixels.count", int(train_images.size), 47040000)
    # The figure of one image per class: the first index of each label, and each image's mean
    # intensity (pixels / 255).
    first_of_each_class = [int(np.argmax(train_labels == label)) for label in range(10)]
    c.equal("firstOfEachClass", first_of_each_class, [1, 16, 5, 3, 19, 8, 18, 6, 23, 0])
    c.approx("meanInk", [train_images[i].mean() / 255 for i in first_of_each_class],
             "[0.4232, 0.2607, 0.4210, 0.2333, 0.1590, 0.0995, 0.4402, 0.1627, 0.3911, 0.3814]")

    # -- The network and its cost, by hand.
    c.section("The network and its cost")
    sizes = [784, 256, 128, 10]
    shapes = list(zip(sizes, sizes[1:]))
    weight_count = sum(m * n for m, n in shapes)
    parameter_count = sum(m * n + n for m, n in shapes)
    # The matrix products of one step, per example: each (b × n)·(n × m) costs 2·b·n·m operations.
    forward_products = shapes  # x·W for every layer
    weight_gradient_products = shapes  # Aᵀ·δ for every layer
    input_gradient_products = shapes[1:]  # δ·Wᵀ for layers 2 and 3 (the image needs no gradient)
    flops_per_example = sum(2 * n * m for n, m in forward_products + weight_gradient_products + input_gradient_products)
    c.equal("sizes", sizes, [784, 256, 128, 10])
    c.equal("parameterCount", parameter_count, 235146)
    c.equal("weightCount", weight_count, 234752)
    c.equal("batchesPerEpoch", math.ceil(60000 / 64), 938)
    c.equal("flopsPerExample", flops_per_example, 1007104)
    c.approx("gigaflopsPerEpoch", flops_per_example * 60000 / 1e9, "60.43")

    # -- One network, two engines: the starting network of seed 42, redrawn here.
    c.section("One network, two engines")
    generator = SeededGenerator(42)
    starting = [generator.gaussian_matrix(m, n, math.sqrt(2.0 / m)) for m, n in shapes]
    starting_biases = [np.zeros(n) for _, n in shapes]
    parameters = np.concatenate([np.concatenate([w.ravel(), b]) for w, b in zip(starting, starting_biases)])
    c.note("Activation.trainable.contains(hidden) == true",
           "a fact about which activations the Swift training module has kernels for")
    c.note("(startingNetwork == TrainingConfiguration(seed: 42).initialNetwork()) == true",
           "compares two of the library's code paths; the network itself is redrawn below")
    c.note("(sessionParameters == chapterParameters) == true",
           "compares two of the library's code paths; the network itself is redrawn below")
    c.equal("sessionParameters.count", int(parameters.size), 235146)
    c.approx("firstWeights", starting[0].ravel()[:3],
             "[0.04456029887744148, 0.07012849110880724, -0.022771357458422722] ± 1e-15")

    # -- Training inside the workbook: ranges, rerun independently in PyTorch.
    c.section("Training inside the workbook (independent PyTorch run; the chapter's checks are ranges)")
    if "--no-train" in sys.argv:
        print("  skipped (--no-train)")
    else:
        torch.set_num_threads(1)  # one thread: steady timing on a shared machine
        subset_x = torch.tensor(train_images[:10_000].reshape(10_000, 784), dtype=torch.float32) / 255
        subset_y = torch.tensor(train_labels[:10_000], dtype=torch.int64)
        test_x = torch.tensor(test_images.reshape(10_000, 784), dtype=torch.float32) / 255
        test_y = torch.tensor(test_labels, dtype=torch.int64)
        sgd = train_short("sgd", 0.1, subset_x, subset_y, test_x, test_y)
        slow = train_short("sgd", 0.001, subset_x, subset_y, test_x, test_y)
        adam = train_short("adam", 0.001, subset_x, subset_y, test_x, test_y)
        c.equal("sgd.entries.count", len(sgd), 3)
        c.within("sgdFirst.training.meanLoss", sgd[0][0], 0.6, 1.2)
        c.within("sgdLast.training.meanLoss", sgd[-1][0], 0.3, 0.7)
        c.equal("sgdLast.training.meanLoss < sgdFirst.training.meanLoss", sgd[-1][0] < sgd[0][0], True,
                shown=[sgd[0][0], sgd[-1][0]])
        c.within("sgdLast.test.accuracy", sgd[-1][1], 0.60, 0.85)
        c.equal("sgdLast.test.examples", len(test_y), 10000)
        # Which classes it confuses: the rows of the confusion matrix are the test labels' counts;
        # PyTorch's own network also recognises shirts least often, and gets at least ten wrong.
        c.equal("confusion.map { $0.reduce(0, +) }", np.bincount(test_labels, minlength=10).tolist(), [1000] * 10)
        sgd_predictions = sgd[-1][2]
        recall = [(sgd_predictions[test_y == k] == k).float().mean().item() for k in range(10)]
        class_names = ["T-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"]
        c.equal("classNames[worstRecallClass]", class_names[int(np.argmin(recall))], "shirt", shown=[round(r, 3) for r in recall])
        c.equal("recall[6] < 0.1", recall[6] < 0.1, True, shown=recall[6])
        shirt_answers = np.bincount(sgd_predictions[test_y == 6].numpy(), minlength=10)
        c.equal("[0, 2, 4].map { confusion[6][$0] }.reduce(0, +) > 500", int(shirt_answers[[0, 2, 4]].sum()) > 500, True,
                shown=shirt_answers.tolist())
        c.note("abs(referenceCorrect - Double(sgdLast.test.correct)) <= 5",
               "compares two of the library's code paths (the Float engine and Neural in Double) on the same weights")
        c.equal("wrongIndices.count", min(10, int((sgd_predictions != test_y).sum())), 10)
        c.within("slowLast.training.meanLoss", slow[-1][0], 1.2, 2.0)
        c.within("slowLast.test.accuracy", slow[-1][1], 0.35, 0.70)
        c.equal("slowLast.test.accuracy < sgdLast.test.accuracy", slow[-1][1] < sgd[-1][1], True,
                shown=[slow[-1][1], sgd[-1][1]])
        c.within("adamLast.test.accuracy", adam[-1][1], 0.75, 0.88)
        c.equal("adamLast.test.accuracy > slowLast.test.accuracy", adam[-1][1] > slow[-1][1], True,
                shown=[adam[-1][1], slow[-1][1]])

    # -- Source 004's tuning grid: the same statements, rerun in PyTorch.
    c.section("Tuning: learning rate, batch size and dropout (independent PyTorch run; orderings and ranges)")
    c.equal("tuningUpdatesPerEpoch", [math.ceil(10_000 / b) for b in (32, 256)], [313, 40])
    if "--no-train" in sys.argv:
        print("  skipped (--no-train)")
    else:
        torch.set_num_threads(1)
        tx = torch.tensor(train_images[:10_000].reshape(10_000, 784), dtype=torch.float32) / 255
        ty = torch.tensor(train_labels[:10_000], dtype=torch.int64)
        vx = torch.tensor(train_images[10_000:12_000].reshape(2_000, 784), dtype=torch.float32) / 255
        vy = torch.tensor(train_labels[10_000:12_000], dtype=torch.int64)
        runs = []
        for rate in (1e-2, 1e-3, 1e-4):
            for batch in (32, 256):
                for p in (0.0, 0.3, 0.5):
                    loss, accuracies = tune(rate, batch, p, tx, ty, vx, vy)
                    runs.append({"rate": rate, "batch": batch, "p": p, "loss": loss, "accuracy": accuracies[-1]})
                    print(f"    η {rate:g}, batch {batch}, p {p}: training loss {loss:.4f}, validation accuracy {accuracies[-1]:.4f}")
        c.equal("tuning.count", len(runs), 18)
        no_dropout = [r for r in runs if r["p"] == 0]
        slowest = min(no_dropout, key=lambda r: r["accuracy"])
        best = max(runs, key=lambda r: r["accuracy"])
        best_of_rate = [max(r["accuracy"] for r in runs if r["rate"] == rate) for rate in (1e-2, 1e-3, 1e-4)]
        c.equal("[slowest.learningRate, Double(slowest.batchSize)]", [slowest["rate"], float(slowest["batch"])], [0.0001, 256.0])
        c.within("slowest.validationAccuracy", slowest["accuracy"], 0.65, 0.83)
        c.equal("best.learningRate", best["rate"], 0.001)
        c.within("best.validationAccuracy", best["accuracy"], 0.82, 0.89)
        c.equal("bestOfEachRate[1] > bestOfEachRate[0]", best_of_rate[1] > best_of_rate[0], True, shown=best_of_rate)
        c.equal("bestOfEachRate[1] > bestOfEachRate[2]", best_of_rate[1] > best_of_rate[2], True, shown=best_of_rate)
        rises = 0
        for rate in (1e-2, 1e-3, 1e-4):
            for batch in (32, 256):
                losses = [r["loss"] for r in runs if r["rate"] == rate and r["batch"] == batch]
                rises += losses[0] < losses[1] < losses[2]
        c.equal("lossRisesWithDropout", rises, 6)
        c.equal("heavyDropoutLosses.min()! > noDropoutLosses.min()!",
                min(r["loss"] for r in runs if r["p"] == 0.5) > min(r["loss"] for r in no_dropout), True)

    # -- Exercise: parameters of [784, 512, 10].
    c.section("Exercise: Parameters of a wider network")
    wider = [784, 512, 10]
    c.equal("widerParameterCount", sum(m * n + n for m, n in zip(wider, wider[1:])), 407050)

    # -- Exercise: batches of 100.
    c.section("Exercise: Batches at another batch size")
    updates = math.ceil(60000 / 100)
    c.equal("updatesPerEpoch", updates, 600)
    c.equal("updatesInTwentyEpochs", updates * 20, 12000)

    c.finish()


if __name__ == "__main__":
    main()

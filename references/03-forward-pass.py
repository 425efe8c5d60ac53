#!/usr/bin/env python3
"""Independent reference values for chapters/03-forward-pass.md.

The 2-2-2 network is evaluated twice: in the column convention z = W·a + b with NumPy, and in the
row (batch) convention Z = X·W + b with PyTorch's nn.Linear layers (whose stored weight is the
column convention's W, so x·Wᵀ + b). The 784-128-64-10 and 4-8-4-1 networks are rebuilt from the
workbook's seeded generator (pure-Python copy) with He-normal weights N(0, 2/fan_in) drawn row by
row into (fan_in × fan_out) matrices and zero biases.

    python3 references/03-forward-pass.py
"""
import math
import re
import sys

from workbook_reference import Checks, SeededGenerator, check_splitmix64_reference

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

def softmax_columns(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def he_normal_network(sizes, generator):
    """(fan_in × fan_out) weight matrices N(0, 2/fan_in), filled row by row, layer after layer."""
    return [generator.gaussian_matrix(m, n, math.sqrt(2.0 / m)) for m, n in zip(sizes, sizes[1:])]


def main():
    c = Checks("03-forward-pass")

    # -- Worked example: a 2-2-2 network in the column convention.
    c.section("Worked example: a 2-2-2 network")
    w1 = np.array([[0.3, 0.7], [-0.2, 0.4]])
    b1 = np.array([[0.1], [-0.1]])
    w2 = np.array([[0.5, -0.3], [0.2, 0.6]])
    b2 = np.array([[0.0], [0.0]])
    x = np.array([[1.0], [0.5]])
    z1 = w1 @ x + b1
    a1 = np.maximum(z1, 0)
    z2 = w2 @ a1 + b2
    a2 = softmax_columns(z2)
    c.approx("0.3 * 1 + 0.7 * 0.5 + 0.1", 0.3 * 1 + 0.7 * 0.5 + 0.1, "0.75")
    c.approx("hiddenPass.preActivation", z1, "[[0.75], [-0.1]] ± 1e-10")
    c.equal("[hiddenPass.preActivation.rows, hiddenPass.preActivation.columns]", list(z1.shape), [2, 1])
    c.approx("hiddenPass.activation", a1, "[[0.75], [0]]")
    c.approx("reluDerivative(hiddenPass.preActivation)", (z1 > 0).astype(float), "[[1], [0]] ± 1e-9")
    c.approx("outputPass.preActivation", z2, "[[0.375], [0.15]] ± 1e-10")
    c.approx("outputExponentials", np.exp(z2), "[[1.455], [1.162]]")
    c.approx("outputSum", np.exp(z2).sum(), "2.617")
    c.approx("outputPass.activation", a2, "[[0.556], [0.444]]")
    c.approx("outputPass.activation", a2, "[[0.556014], [0.443986]]")
    c.approx("outputPass.activation.sum()", a2.sum(), "1 ± 1e-12")
    c.equal("predictedClass", int(a2[:, 0].argmax()), 0)
    c.approx("outputPass.preActivation[0, 0] - outputPass.preActivation[1, 0]", z2[0, 0] - z2[1, 0], "0.225 ± 1e-10")

    def hidden_layer(column):
        z = w1 @ np.array(column, dtype=float).reshape(2, 1) + b1
        return z, np.maximum(z, 0)

    c.approx("hiddenLayer.forward(Matrix(column: [0, 1])).activation", hidden_layer([0, 1])[1], "[[0.8], [0.3]] ± 1e-10")
    c.approx("hiddenLayer.forward(Matrix(column: [2, 1.25])).preActivation[1, 0]", hidden_layer([2, 1.25])[0][1, 0],
             "0 ± 1e-12")

    # The forward-pass explorable: x₁ and x₂ on −1, −0.5, …, 2 (7 positions each, 49 states),
    # evaluated with PyTorch's functional ops; position 2 is 0, position 4 is 1, position 0 is −1.
    grid = np.arange(-1.0, 2.0 + 1e-9, 0.5)

    def torch_forward(x1, x2):
        x = torch.tensor([[x1], [x2]])
        hidden = torch.relu(torch.tensor(w1) @ x + torch.tensor(b1))
        output = torch.softmax(torch.tensor(w2) @ hidden + torch.tensor(b2), dim=0)
        return [output[0, 0].item(), output[1, 0].item(), hidden[1, 0].item()]

    c.equal("forwardExplorer.stateCount", len(grid) ** 2, 49)
    c.approx("aliveSecondNeuron.readouts.map(\\.value)", torch_forward(grid[2], grid[4]), "[0.492501, 0.507499, 0.300000]")
    c.approx("bothSilent.readouts.map(\\.value)", torch_forward(grid[0], grid[0]), "[0.5, 0.5, 0] ± 1e-12")
    c.approx("forwardExplorer.views[forwardExplorer.initialStateIndex].readouts.map(\\.value)", torch_forward(1.0, 0.5),
             "[0.556014, 0.443986, 0]")

    # -- The batched form x·W + b, with PyTorch nn.Linear (weight = the column convention's W).
    c.section("The batched form: x·W + b")
    first = torch.nn.Linear(2, 2)
    second = torch.nn.Linear(2, 2)
    with torch.no_grad():
        first.weight.copy_(torch.tensor(w1))
        first.bias.copy_(torch.tensor([0.1, -0.1]))
        second.weight.copy_(torch.tensor(w2))
        second.bias.copy_(torch.tensor([0.0, 0.0]))
    batch = torch.tensor([[1.0, 0.5], [0.0, 1.0], [-1.0, 2.0], [1.0, -1.0]])
    batch_z1 = first(batch)
    batch_a1 = torch.relu(batch_z1)
    batch_z2 = second(batch_a1)
    batch_out = torch.softmax(batch_z2, dim=1)
    row_w1 = first.weight.detach().T  # the row convention's (inputs × outputs) weights
    c.equal("network.sizes", [first.in_features, first.out_features, second.out_features], [2, 2, 2])
    c.approx("network.layers[0].weights", row_w1, "[[0.3, -0.2], [0.7, 0.4]] ± 1e-10")
    c.equal("[batchZ1.rows, batchZ1.columns]", list(batch_z1.shape), [4, 2])
    c.equal("[batchPass.output.rows, batchPass.output.columns]", list(batch_out.shape), [4, 2])
    c.equal("batchPass.activations.count", len([batch, batch_a1, batch_out]), 3)  # input + one per layer
    c.approx("batchZ1", batch_z1, "[[0.75, -0.1], [0.8, 0.3], [1.2, 0.9], [-0.3, -0.7]] ± 1e-9")
    c.approx("batchPass.activations[1]", batch_a1, "[[0.75, 0], [0.8, 0.3], [1.2, 0.9], [0, 0]] ± 1e-9")
    c.approx("batchZ2", batch_z2, "[[0.375, 0.15], [0.31, 0.34], [0.33, 0.78], [0, 0]] ± 1e-10")
    c.approx("batchPass.output", batch_out,
             "[[0.5560139, 0.4439861], [0.4925006, 0.5074994], [0.3893608, 0.6106392], [0.5000000, 0.5000000]]")
    c.equal("network.predictClasses(batch)", batch_out.argmax(dim=1).tolist(), [0, 1, 1, 0])

    # The column layers on the transposed batch give the transpose.
    column_batch = softmax_columns(w2 @ np.maximum(w1 @ batch.numpy().T + b1, 0) + b2)
    gap = np.abs(column_batch.T - batch_out.detach().numpy()).max()
    c.equal("[columnBatch.activation.rows, columnBatch.activation.columns]", list(column_batch.shape), [2, 4])
    c.equal("conventionGap < 1e-15", bool(gap < 1e-15), True, shown=gap)

    # -- Shapes in a real network: 784-128-64-10 with He-normal weights from seed 42.
    c.section("Shapes in a real network")
    generator = SeededGenerator(42)
    sizes = [784, 128, 64, 10]
    weights = he_normal_network(sizes, generator)
    biases = [np.zeros((1, n)) for n in sizes[1:]]
    images = generator.uniform_matrix(32, 784, 0.0, 1.0)
    a = images
    pre_activations = []
    for index, (w, b) in enumerate(zip(weights, biases)):
        z = a @ w + b
        pre_activations.append(z)
        if index < len(weights) - 1:
            a = np.maximum(z, 0)
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    counts = [w.size + b.size for w, b in zip(weights, biases)]
    c.equal("mnistShaped.layers.map { $0.weights.rows }", [w.shape[0] for w in weights], [784, 128, 64])
    c.equal("mnistShaped.layers.map { $0.weights.columns }", [w.shape[1] for w in weights], [128, 64, 10])
    c.equal("imagePass.preActivations.map { $0.columns }", [z.shape[1] for z in pre_activations], [128, 64, 10])
    c.equal("[imagePass.output.rows, imagePass.output.columns]", list(a.shape), [32, 10])
    c.equal("parameterCounts", counts, [100480, 8256, 650])
    c.equal("parameterCounts.reduce(0, +)", sum(counts), 109386)
    row_gap = np.abs(a.sum(axis=1) - 1).max()
    c.equal("imagePass.output.sum(axis: 1).map { abs($0 - 1) }.max() < 1e-12", bool(row_gap < 1e-12), True,
            shown=row_gap)

    # -- Exercise: a second sample [0.2, 1] through the batched network.
    c.section("Exercise: Forward pass, a second sample")
    second_sample = torch.tensor([[0.2, 1.0]])
    s_z1 = first(second_sample)
    s_z2 = second(torch.relu(s_z1))
    c.approx("secondZ1", s_z1, "[[0.86, 0.26]] ± 1e-10")
    c.approx("secondPass.preActivations[1]", s_z2, "[[0.352, 0.328]]")
    c.approx("secondOutput", torch.softmax(s_z2, dim=1), "[[0.506, 0.494]]")

    # -- Exercise: shapes of a 4-8-4-1 network with a sigmoid output (seed 1).
    c.section("Exercise: Forward pass, shapes of a small network")
    small_generator = SeededGenerator(1)
    small_sizes = [4, 8, 4, 1]
    small_weights = he_normal_network(small_sizes, small_generator)
    small_inputs = small_generator.uniform_matrix(5, 4, -1.0, 1.0)
    a = small_inputs
    for index, w in enumerate(small_weights):
        z = a @ w
        a = np.maximum(z, 0) if index < len(small_weights) - 1 else 1 / (1 + np.exp(-z))
    small_counts = [w.size + w.shape[1] for w in small_weights]
    c.equal("[smallOutput.rows, smallOutput.columns]", list(a.shape), [5, 1])
    c.equal("smallCounts", small_counts, [40, 36, 5])
    c.equal("smallCounts.reduce(0, +)", sum(small_counts), 81)
    c.equal("smallOutput.elements.allSatisfy { $0 > 0 && $0 < 1 }", bool(((a > 0) & (a < 1)).all()), True,
            shown=a.ravel())

    c.finish()


if __name__ == "__main__":
    main()

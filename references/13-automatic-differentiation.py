#!/usr/bin/env python3
"""Independent reference values for chapters/13-automatic-differentiation.md.

The chapter's scalar graphs are rebuilt as PyTorch float64 tensors and differentiated by PyTorch's
autograd (with retain_grad for the intermediate nodes); the order of the recorded graph is read
from PyTorch's own grad_fn graph; forward mode is torch.func.jvp, one pass per input; the operation
counts are plain integer arithmetic from the chapter's formulas. Chapters 5 and 6's networks are
differentiated by autograd and, separately, by the backpropagation equations written out in NumPy,
and the two are compared to 1e-12; the gradient check is central differences (ε = 1e-5) in NumPy.

The Fashion-MNIST run is repeated in PyTorch (float32, one thread) with PyTorch's own random
numbers, over twenty seeds with He-normal weights and twenty with nn.Linear's default
initialisation; the chapter's ranges must hold for every run. A replay with the workbook's seeded
generator (same initial weights, dropout masks and batch order as the chapter, float64) is printed
and checked against the chapter's exact figures. `--no-train` skips the training runs, `--runs N`
changes their number (the prose's figures assume twenty; about 30 seconds in all).

    python3 references/13-automatic-differentiation.py
"""
import gzip
import math
import os
import struct
import sys

from workbook_reference import Checks, SeededGenerator, check_splitmix64_reference, dataset_folder, read_idx

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

EPSILON = 1e-5


def leaf(value):
    return torch.tensor(value, requires_grad=True)


def retain(*tensors):
    for t in tensors:
        t.retain_grad()


def graph_order(root):
    """The nodes of PyTorch's recorded graph behind `root`, each after its inputs (depth-first, inputs
    in order), named as the chapter names them."""
    names = {"AccumulateGrad": "input", "MulBackward0": "×", "AddBackward0": "+", "TanhBackward0": "tanh"}
    order, seen = [], set()

    def visit(node):
        if node is None or node in seen:
            return
        seen.add(node)
        for child, _ in node.next_functions:
            visit(child)
        order.append(names.get(type(node).__name__, type(node).__name__))

    visit(root.grad_fn)
    return order


def graph_depths(root):
    """Each node's depth in PyTorch's recorded graph behind `root`, in the order of `graph_order`:
    0 for an input (a leaf), else one more than its deepest input."""
    depths, order, seen = {}, [], set()

    def visit(node):
        if node is None or node in seen:
            return
        seen.add(node)
        children = [child for child, _ in node.next_functions if child is not None]
        for child in children:
            visit(child)
        depths[node] = 1 + max(depths[child] for child in children) if children else 0
        order.append(depths[node])

    visit(root.grad_fn)
    return order


def numerical_gradient(f, x):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += EPSILON
        minus[index] -= EPSILON
        gradient[index] = (f(plus) - f(minus)) / (2 * EPSILON)
    return gradient


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def largest_difference(a, b):
    return float(np.max(np.abs(np.asarray(a, dtype=float).ravel() - np.asarray(b, dtype=float).ravel())))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax_rows(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# -- Chapter 6's network, shared by several sections.
W1 = [[-0.6, 0.6, 0.4], [-0.6, 0.7, 0.5]]
B1 = [0.3, 0.5, 0.3]
W2 = [[-0.7, 0.7], [0.8, -0.8], [0.5, -0.5]]
B2 = [-0.4, 0.4]
X6 = [[0.5, 0.5]]


def chapter_six_parameters():
    return [leaf(W1), leaf(B1), leaf(W2), leaf(B2)]


def chapter_six_logits(parameters, x):
    w1, b1, w2, b2 = parameters
    return torch.relu(x @ w1 + b1) @ w2 + b2




def train_pytorch(seed, he_normal, train_x, train_y, test_x, test_y, epochs=3):
    """Source 004's loop on the chapter's subset with PyTorch's random numbers: Linear(784, 128), ReLU,
    Dropout(0.3), Linear(128, 10), Adam(1e-3), cross-entropy, batches of 64, train()/eval(), no_grad.
    Returns (mean batch loss, training accuracy in training mode, test accuracy) per epoch."""
    torch.manual_seed(seed)
    first = torch.nn.Linear(784, 128, dtype=torch.float32)
    second = torch.nn.Linear(128, 10, dtype=torch.float32)
    if he_normal:
        for layer in (first, second):
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")  # N(0, 2/fan_in)
            torch.nn.init.zeros_(layer.bias)
    model = torch.nn.Sequential(first, torch.nn.ReLU(), torch.nn.Dropout(0.3), second)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    history = []
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(train_x))
        loss_sum, batches, correct = 0.0, 0, 0
        for start in range(0, len(train_x), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            logits = model(train_x[batch])
            loss = F.cross_entropy(logits, train_y[batch])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
            correct += (logits.argmax(1) == train_y[batch]).sum().item()
        model.eval()
        with torch.no_grad():
            accuracy = (model(test_x).argmax(1) == test_y).double().mean().item()
        history.append((loss_sum / batches, correct / len(train_x), accuracy))
    return history


def replay_with_workbook_generator(train_x, train_y, test_x, test_y, epochs=3):
    """The chapter's run with the chapter's random numbers, drawn by the Python copy of the workbook's
    generator: He-normal weights from seed 13 (layer 1 then layer 2, [inputs, outputs] row by row),
    dropout masks from seed 14 (kept where a uniform < 0.7, scaled by 1/0.7, row by row per batch),
    batch order from seed 15. Adam is torch.optim.Adam; float64."""
    weights = SeededGenerator(13)
    w1 = torch.tensor(weights.gaussian_matrix(784, 128, math.sqrt(2 / 784)), requires_grad=True)
    w2 = torch.tensor(weights.gaussian_matrix(128, 10, math.sqrt(2 / 128)), requires_grad=True)
    b1 = torch.zeros(128, requires_grad=True)
    b2 = torch.zeros(10, requires_grad=True)
    masks, shuffler = SeededGenerator(14), SeededGenerator(15)
    optimizer = torch.optim.Adam([w1, b1, w2, b2], lr=1e-3)
    keep = 1 - 0.3
    history = []
    for _ in range(epochs):
        order = shuffler.permutation(len(train_x))
        loss_sum, batches, correct = 0.0, 0, 0
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            mask = torch.tensor([[1 / keep if masks.uniform() < keep else 0.0 for _ in range(128)] for _ in batch])
            optimizer.zero_grad()
            logits = (torch.relu(train_x[batch] @ w1 + b1) * mask) @ w2 + b2
            loss = F.cross_entropy(logits, train_y[batch])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
            correct += (logits.argmax(1) == train_y[batch]).sum().item()
        with torch.no_grad():
            accuracy = (((torch.relu(test_x @ w1 + b1)) @ w2 + b2).argmax(1) == test_y).double().mean().item()
        history.append((loss_sum / batches, correct / len(train_x), accuracy))
    return history


def main():
    c = Checks("13-automatic-differentiation")

    # -- Worked example: a product, a sum and a product.
    c.section("Worked example: a product, a sum and a product")
    a, b, cc, f = leaf(1.5), leaf(-4.0), leaf(2.5), leaf(-2.0)
    e = a * b
    d = e + cc
    L = d * f
    retain(e, d, L)
    L.backward()
    c.approx("e.data", e.item(), "-6 ± 1e-9")
    c.approx("d.data", d.item(), "-3.5 ± 1e-9")
    c.approx("L.data", L.item(), "7 ± 1e-9")
    c.approx("L.grad", L.grad.item(), "1 ± 1e-9")
    c.approx("d.grad", d.grad.item(), "-2 ± 1e-9")
    c.approx("f.grad", f.grad.item(), "-3.5 ± 1e-9")
    c.approx("e.grad", e.grad.item(), "-2 ± 1e-9")
    c.approx("c.grad", cc.grad.item(), "-2 ± 1e-9")
    c.approx("a.grad", a.grad.item(), "8 ± 1e-9")
    c.approx("b.grad", b.grad.item(), "-3 ± 1e-9")
    nudge = 1e-6
    nudged = ((1.5 + nudge) * -4 + 2.5) * -2
    c.approx("(nudgedL - L.data) / nudge", (nudged - 7.0) / nudge, "8.000")
    r = leaf(3.0)
    reuse = r * r + r
    reuse.backward()
    c.approx("reuse.data", reuse.item(), "12 ± 1e-8")
    c.approx("r.grad", r.grad.item(), "7 ± 1e-9")

    # -- The graph of a neuron, node by node.
    c.section("The graph of a neuron, node by node")
    x1, x2, w1, w2, bias = leaf(1.5), leaf(-0.5), leaf(0.8), leaf(0.4), leaf(-0.2)
    x1w1 = x1 * w1
    x2w2 = x2 * w2
    weighted_sum = x1w1 + x2w2
    n = weighted_sum + bias
    o = torch.tanh(n)
    retain(x1w1, x2w2, weighted_sum, n, o)
    o.backward()
    c.approx("[x1w1.data, x2w2.data, weightedSum.data, n.data]",
             [x1w1.item(), x2w2.item(), weighted_sum.item(), n.item()], "[1.2, -0.2, 1, 0.8] ± 1e-9")
    c.approx("o.data", o.item(), "0.664037")
    c.approx("o.grad", o.grad.item(), "1 ± 1e-9")
    c.approx("[n.grad, weightedSum.grad, x1w1.grad, x2w2.grad, bias.grad]",
             [t.grad.item() for t in (n, weighted_sum, x1w1, x2w2, bias)],
             "[0.559055, 0.559055, 0.559055, 0.559055, 0.559055]")
    c.approx("[x1.grad, w1.grad]", [x1.grad.item(), w1.grad.item()], "[0.447244, 0.838583]")
    c.approx("[x2.grad, w2.grad]", [x2.grad.item(), w2.grad.item()], "[0.223622, -0.279528]")
    order = graph_order(o)
    c.equal("o.topologicalOrder().count", len(order), 10)
    c.equal("o.topologicalOrder().map(\\.operation)", order,
            ["input", "input", "×", "input", "input", "×", "+", "input", "+", "tanh"])
    # The figure drawn from the engine's graph: depths (inputs 0, else 1 + the deepest input) over
    # PyTorch's recorded graph, and the gradients in the chapter's topological order.
    depths = graph_depths(o)
    c.equal("neuronGraph.nodes.count", len(depths), 10)
    c.equal("neuronGraph.depths", depths, [0, 0, 1, 0, 0, 1, 2, 0, 3, 4])
    c.approx("neuronGraph.nodes.compactMap(\\.gradient)",
             [t.grad.item() for t in (x1, w1, x1w1, x2, w2, x2w2, weighted_sum, bias, n, o)],
             "[0.447244, 0.838583, 0.559055, 0.223622, -0.279528, 0.559055, 0.559055, 0.559055, 0.559055, 1.000000]")
    neuron_grads = [t.grad.item() for t in (x1, x2, w1, w2, bias)]
    neuron_w1_grad = w1.grad.item()

    # tanh from exponentials.
    x1e, x2e, w1e, w2e, biase = leaf(1.5), leaf(-0.5), leaf(0.8), leaf(0.4), leaf(-0.2)
    ne = x1e * w1e + x2e * w2e + biase
    two_n = torch.exp(ne * 2)
    oe = (two_n - 1) / (two_n + 1)
    oe.backward()
    c.approx("oe.data", oe.item(), "0.664037")
    c.approx("[x1e.grad, w1e.grad, x2e.grad, w2e.grad, biasE.grad]",
             [t.grad.item() for t in (x1e, w1e, x2e, w2e, biase)],
             "[0.447244, 0.838583, 0.223622, -0.279528, 0.559055]")
    difference = abs(w1e.grad.item() - neuron_w1_grad)
    c.equal("abs(w1e.grad - w1.grad) < 1e-12", difference < 1e-12, True, shown=difference)
    # PyTorch records constants inside its nodes; even so its graph of the exp form is larger.
    exp_order = graph_order(oe)
    c.equal("oe.topologicalOrder().count > o.topologicalOrder().count", len(exp_order) > len(order), True,
            shown=[len(exp_order), len(order)])

    # ReLU: passing and blocked.
    x1r, x2r, w1r, w2r, biasr = leaf(1.5), leaf(-0.5), leaf(0.8), leaf(0.4), leaf(-0.2)
    nr = x1r * w1r + x2r * w2r + biasr
    passing = torch.relu(nr)
    passing.backward(retain_graph=True)
    c.approx("passing.data", passing.item(), "0.8 ± 1e-10")
    c.approx("passingW1", w1r.grad.item(), "1.5 ± 1e-9")
    w1r.grad = None
    blocked = torch.relu(nr - 1)
    blocked.backward()
    c.approx("blocked.data", blocked.item(), "0")
    c.approx("w1.grad", w1r.grad.item(), "0")

    # -- Why backwards: forward mode, one jvp per input.
    c.section("Forward mode with dual numbers")

    def neuron(v):
        return torch.tanh(v[0] * v[2] + v[1] * v[3] + v[4])

    point = torch.tensor([1.5, -0.5, 0.8, 0.4, -0.2])
    tangents = []
    for i in range(5):
        _, tangent = torch.func.jvp(neuron, (point,), (torch.eye(5)[i],))
        tangents.append(tangent.item())
    c.equal("forwardModePasses", len(tangents), 5)
    c.approx("forwardModeGradient", tangents, "[0.447244, 0.223622, 0.838583, -0.279528, 0.559055]")
    c.approx("reverseModeGradient", neuron_grads, "[0.447244, 0.223622, 0.838583, -0.279528, 0.559055]")
    mode_difference = max(abs(p - q) for p, q in zip(tangents, neuron_grads))
    c.equal("largestModeDifference < 1e-15", mode_difference < 1e-15, True, shown=mode_difference)

    c.section("Counting the work for a real network")
    sizes = [784, 128, 10]
    layers = list(zip(sizes, sizes[1:]))
    forward = sum(m * k for m, k in layers)
    parameters = sum(m * k + k for m, k in layers)
    reverse = forward + sum(2 * m * k for m, k in layers)  # x·W, then xᵀδ and δWᵀ per layer
    forward_mode = parameters * (forward + sum(2 * m * k for m, k in layers))  # value + 2 tangent terms
    c.equal("forwardMultiplyAdds", forward, 101632)
    c.equal("countedParameters", parameters, 101770)
    c.equal("reverseMultiplyAdds", reverse, 304896)
    c.equal("forwardModeMultiplyAdds", forward_mode, 31029265920)
    c.equal("forwardModeMultiplyAdds / reverseMultiplyAdds", forward_mode // reverse, 101770)

    # -- The tensor engine: the neuron as a 1×2 batch.
    c.section("The tensor engine")
    neuron_x = torch.tensor([[1.5, -0.5]])
    neuron_w = leaf([[0.8], [0.4]])
    neuron_b = leaf([-0.2])
    neuron_output = torch.tanh(neuron_x @ neuron_w + neuron_b)
    neuron_output.backward(torch.ones_like(neuron_output))
    c.approx("neuronOutput", neuron_output, "[[0.664037]]")
    c.approx("neuronW.grad!", neuron_w.grad, "[[0.838583], [-0.279528]]")
    c.approx("neuronB.grad!", neuron_b.grad, "[0.559055]")
    difference = abs(neuron_w.grad[0, 0].item() - neuron_w1_grad)
    c.equal("abs(neuronW.grad![0, 0] - w1.grad) < 1e-15", difference < 1e-15, True, shown=difference)
    c.equal("(neuronX.grad == nil)", neuron_x.grad is None, True)

    # -- Chapter 5's training step (column convention), by autograd and by the equations in NumPy.
    c.section("Chapter 5's training step, automatically")
    x5 = torch.tensor([[1.0], [0.5]])
    hidden_w = leaf([[0.3, 0.7], [-0.2, 0.4]])
    hidden_b = torch.zeros(2, 1, requires_grad=True)
    output_w = leaf([[0.5, -0.3], [0.2, 0.6]])
    output_b = torch.zeros(2, 1, requires_grad=True)
    a1 = torch.sigmoid(hidden_w @ x5 + hidden_b)
    z2 = output_w @ a1 + output_b
    loss5 = F.cross_entropy(z2.T, torch.tensor([0]))
    retain(a1, z2)
    loss5.backward()
    c.approx("a1Of5", a1, "[[0.6570105], [0.5000000]]")
    c.approx("z2Of5", z2, "[[0.178505], [0.431402]]")
    c.approx("z2Of5.softmax(axis: 0)", torch.softmax(z2, dim=0), "[[0.437111], [0.562889]]")
    c.approx("loss5.item", loss5.item(), "0.827569")
    c.approx("z2Of5.grad!", z2.grad, "[[-0.562889], [0.562889]]")
    c.approx("a1Of5.grad!", a1.grad, "[[-0.168867], [0.506600]]")
    c.approx("outputW5.grad!", output_w.grad, "[[-0.369824, -0.281445], [0.369824, 0.281445]]")
    c.approx("outputB5.grad!", output_b.grad, "[[-0.562889], [0.562889]]")
    c.approx("hiddenW5.grad!", hidden_w.grad, "[[-0.038054, -0.019027], [0.126650, 0.063325]]")
    c.approx("hiddenB5.grad!", hidden_b.grad, "[[-0.038054], [0.126650]]")
    # The four equations of backpropagation (column convention), in NumPy.
    xn = np.array([[1.0], [0.5]])
    wh, wo = np.array([[0.3, 0.7], [-0.2, 0.4]]), np.array([[0.5, -0.3], [0.2, 0.6]])
    an = sigmoid(wh @ xn)
    pn = softmax_rows((wo @ an).T).T
    delta2 = pn - np.array([[1.0], [0.0]])
    delta1 = (wo.T @ delta2) * an * (1 - an)
    for expression, autograd, hand in [
        ("largestDifference(outputW5.grad!, handOutput5.weights) < 1e-12", output_w.grad, delta2 @ an.T),
        ("largestDifference(outputB5.grad!, handOutput5.bias) < 1e-12", output_b.grad, delta2),
        ("largestDifference(hiddenW5.grad!, handHidden5.weights) < 1e-12", hidden_w.grad, delta1 @ xn.T),
        ("largestDifference(hiddenB5.grad!, handHidden5.bias) < 1e-12", hidden_b.grad, delta1),
    ]:
        gap = largest_difference(autograd.numpy(), hand)
        c.equal(expression, gap < 1e-12, True, shown=gap)
    torch.optim.SGD([hidden_w, hidden_b, output_w, output_b], lr=0.5).step()
    with torch.no_grad():
        new_probabilities = torch.softmax(output_w @ torch.sigmoid(hidden_w @ x5 + hidden_b) + output_b, dim=0)
    c.approx("outputW5", output_w, "[[0.684912, -0.159278], [0.015088, 0.459278]]")
    c.approx("hiddenW5", hidden_w, "[[0.319027, 0.709513], [-0.263325, 0.368337]]")
    c.approx("outputB5", output_b, "[[0.281445], [-0.281445]]")
    c.approx("newProbabilities5", new_probabilities, "[[0.673071], [0.326929]]")
    c.equal("newProbabilities5.requiresGrad", new_probabilities.requires_grad, False)

    # -- Chapter 6's network (row convention).
    c.section("Chapter 6's network, through modules")
    params6 = chapter_six_parameters()
    w1t, b1t, w2t, b2t = params6
    x6 = torch.tensor(X6)
    z1 = x6 @ w1t + b1t
    a1_6 = torch.relu(z1)
    z2_6 = a1_6 @ w2t + b2t
    loss6 = F.cross_entropy(z2_6, torch.tensor([1]))
    retain(z1, a1_6, z2_6)
    loss6.backward(retain_graph=True)
    c.approx("z1Of6", z1, "[[-0.3, 1.15, 0.75]] ± 1e-9")
    c.approx("z2Of6", z2_6, "[[0.895, -0.895]]")
    c.approx("loss6.item", loss6.item(), "1.944402")
    c.approx("z2Of6.grad!", z2_6.grad, "[[0.856927, -0.856927]]")
    c.approx("a1Of6.grad!", a1_6.grad, "[[-1.199698, 1.371084, 0.856927]]")
    c.approx("z1Of6.grad!", z1.grad, "[[0, 1.371084, 0.856927]]")
    c.approx("output6.weight.grad!", w2t.grad, "[[0, 0], [0.985466, -0.985466], [0.642695, -0.642695]]")
    c.approx("output6.bias.grad!", b2t.grad, "[0.856927, -0.856927]")
    c.approx("hidden6.weight.grad!", w1t.grad, "[[0, 0.685542, 0.428464], [0, 0.685542, 0.428464]]")
    c.approx("hidden6.bias.grad!", b1t.grad, "[0, 1.371084, 0.856927]")
    xr = np.array(X6)
    zh = xr @ np.array(W1) + np.array(B1)
    ah = np.maximum(zh, 0)
    ph = softmax_rows(ah @ np.array(W2) + np.array(B2))
    d2 = ph - np.array([[0.0, 1.0]])
    d1 = (d2 @ np.array(W2).T) * (zh > 0)
    for expression, autograd, hand in [
        ("largestDifference(output6.weight.grad!, hand6[1].weights) < 1e-12", w2t.grad, ah.T @ d2),
        ("largestDifference(output6.bias.grad!, hand6[1].bias) < 1e-12", b2t.grad, d2.sum(axis=0)),
        ("largestDifference(hidden6.weight.grad!, hand6[0].weights) < 1e-12", w1t.grad, xr.T @ d1),
        ("largestDifference(hidden6.bias.grad!, hand6[0].bias) < 1e-12", b1t.grad, d1.sum(axis=0)),
    ]:
        gap = largest_difference(autograd.numpy(), hand)
        c.equal(expression, gap < 1e-12, True, shown=gap)

    def numpy_loss(hidden_weights):
        hidden = np.maximum(xr @ hidden_weights + np.array(B1), 0)
        return -math.log(softmax_rows(hidden @ np.array(W2) + np.array(B2))[0, 1])

    numeric = numerical_gradient(numpy_loss, W1)
    error = relative_error(w1t.grad.numpy(), numeric)
    c.approx("check6.numerical", numeric, "[[0, 0.685542, 0.428464], [0, 0.685542, 0.428464]]")
    c.equal("check6.passes()", error < 1e-6, True, shown=error)
    c.equal("check6.relativeError < 1e-8", error < 1e-8, True, shown=error)

    # -- Gradients add up: a second backward on the kept graph; a batch of the sample twice, summed.
    c.section("Gradients add up")
    loss6.backward()
    c.approx("doubledBias", b1t.grad, "[0, 2.742167, 1.713855]")
    hidden_layer = torch.nn.Linear(2, 3)  # the module form, for zero_grad()
    with torch.no_grad():
        hidden_layer.weight.copy_(torch.tensor(W1).T)
        hidden_layer.bias.copy_(torch.tensor(B1))
    F.cross_entropy(hidden_layer(x6) @ torch.tensor(W2), torch.tensor([1])).backward()
    hidden_layer.zero_grad()
    c.equal("(hidden6.weight.grad == nil)", hidden_layer.weight.grad is None, True)
    c.equal("(hidden6.bias.grad == nil)", hidden_layer.bias.grad is None, True)
    pair_params = chapter_six_parameters()
    pair = torch.tensor([[0.5, 0.5], [0.5, 0.5]])
    F.cross_entropy(chapter_six_logits(pair_params, pair), torch.tensor([1, 1]), reduction="sum").backward()
    c.approx("pairHidden.bias.grad!", pair_params[1].grad, "[0, 2.742167, 1.713855]")

    # -- A hundred steps with torch.optim.SGD.
    c.section("A hundred steps")
    repeated = chapter_six_parameters()
    sgd = torch.optim.SGD(repeated, lr=0.01)
    losses = []
    for _ in range(100):
        sgd.zero_grad()
        loss = F.cross_entropy(chapter_six_logits(repeated, x6), torch.tensor([1]))
        loss.backward()
        sgd.step()
        losses.append(loss.item())
    with torch.no_grad():
        repeated_output = torch.softmax(chapter_six_logits(repeated, x6), dim=1)
    c.approx("repeatedLosses[0]", losses[0], "1.944402")
    c.approx("repeatedLosses[1]", losses[1], "1.863869")
    c.approx("exp(-repeatedLosses[1])", math.exp(-losses[1]), "0.155071")
    c.approx("repeatedLosses[9]", losses[9], "1.353900")
    c.approx("repeatedLosses[49]", losses[49], "0.484872")
    c.approx("repeatedOutput", repeated_output, "[[0.231287, 0.768713]]")
    c.equal("repeated.parameterCount", sum(p.numel() for p in repeated), 17)

    # -- Training on Fashion-MNIST.
    c.section("Training on Fashion-MNIST, the PyTorch way")
    folder = dataset_folder()
    train_images = read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz"))[:2000].reshape(2000, 784)
    train_labels = read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz"))[:2000]
    test_images = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz"))[:1000].reshape(1000, 784)
    test_labels = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz"))[:1000]
    c.equal("training.count", len(train_labels), 2000)
    c.equal("test.count", len(test_labels), 1000)
    network = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Dropout(0.3),
                                  torch.nn.Linear(128, 10))
    count = sum(p.numel() for p in network.parameters())
    c.equal("model.parameterCount", count, 101770)
    c.equal("(model.parameterCount == countedParameters)", count == parameters, True)

    torch.manual_seed(3)
    dropout = torch.nn.Dropout(0.3)
    ones = torch.ones(64, 128)
    dropped = dropout(ones)
    c.within("droppedFraction", (dropped == 0).double().mean().item(), 0.27, 0.33)
    c.approx("survivors", sorted(set(dropped[dropped != 0].tolist())), "[1.428571]")
    dropout.eval()
    c.equal("probeEvaluation.hasSameElements(as: probeOnes)", bool(torch.equal(dropout(ones), ones)), True)
    c.equal("batchesPerEpoch", math.ceil(2000 / 64), 32)
    c.approx("crossEntropy(logits: Tensor.zeros([1, 10]), classIndices: [0]).item",
             F.cross_entropy(torch.zeros(1, 10, dtype=torch.float64), torch.tensor([0])).item(), "2.302585")

    if "--no-train" in sys.argv:
        print("  training runs skipped (--no-train)")
    else:
        runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 20
        torch.set_num_threads(1)
        tx = torch.tensor(train_images, dtype=torch.float32) / 255
        ty = torch.tensor(train_labels, dtype=torch.int64)
        vx = torch.tensor(test_images, dtype=torch.float32) / 255
        vy = torch.tensor(test_labels, dtype=torch.int64)
        histories = {kind: [train_pytorch(seed, kind == "He-normal", tx, ty, vx, vy) for seed in range(runs)]
                     for kind in ("He-normal", "PyTorch default")}
        for kind, runs_of_kind in histories.items():
            h = np.array(runs_of_kind)  # runs × epochs × (loss, training accuracy, test accuracy)
            print(f"  {kind}, {len(runs_of_kind)} runs, per epoch (min–max):")
            for k, name in enumerate(["mean batch loss", "training accuracy", "test accuracy"]):
                print(f"    {name:18s}" + "  ".join(f"{h[:, e, k].min():.4f}–{h[:, e, k].max():.4f}" for e in range(3)))
        all_runs = [run for runs_of_kind in histories.values() for run in runs_of_kind]
        he = np.array(histories["He-normal"])
        default = np.array(histories["PyTorch default"])
        # The figures the prose quotes (He-normal: first and third loss, third accuracy; default init:
        # third loss and third accuracy), as written there.
        for text, value, written in [
            ("He-normal epoch-1 loss, lowest", he[:, 0, 0].min(), "1.32"),
            ("He-normal epoch-1 loss, highest", he[:, 0, 0].max(), "1.51"),
            ("He-normal epoch-3 loss, lowest", he[:, 2, 0].min(), "0.70"),
            ("He-normal epoch-3 loss, highest", he[:, 2, 0].max(), "0.76"),
            ("He-normal epoch-3 training accuracy, lowest", he[:, 2, 1].min(), "0.735"),
            ("He-normal epoch-3 training accuracy, highest", he[:, 2, 1].max(), "0.771"),
            ("He-normal epoch-3 test accuracy, lowest", he[:, 2, 2].min(), "0.754"),
            ("He-normal epoch-3 test accuracy, highest", he[:, 2, 2].max(), "0.794"),
            ("default-init epoch-3 loss, lowest", default[:, 2, 0].min(), "0.75"),
            ("default-init epoch-3 loss, highest", default[:, 2, 0].max(), "0.79"),
            ("default-init epoch-3 test accuracy, lowest", default[:, 2, 2].min(), "0.728"),
            ("default-init epoch-3 test accuracy, highest", default[:, 2, 2].max(), "0.762"),
        ]:
            c.approx(f"(prose) {text}", value, written)
        c.equal("epochLosses.count", len(all_runs[0]), 3)
        for name, index, low, high in [("epochLosses[0]", (0, 0), 1.1, 1.7), ("epochLosses[2]", (2, 0), 0.55, 0.95),
                                       ("trainingAccuracies[2]", (2, 1), 0.65, 0.85),
                                       ("testAccuracies[2]", (2, 2), 0.68, 0.85)]:
            values = [run[index[0]][index[1]] for run in all_runs]
            c.within(f"{name} (lowest of {len(values)} runs)", min(values), low, high)
            c.within(f"{name} (highest of {len(values)} runs)", max(values), low, high)
        falling = all(run[1][0] < run[0][0] and run[2][0] < run[1][0] for run in all_runs)
        c.equal("zip(epochLosses, epochLosses.dropFirst()).allSatisfy { $1 < $0 } (every run)", falling, True)

        check_splitmix64_reference(c)
        replay = replay_with_workbook_generator(
            tx.double(), ty, vx.double(), vy)
        print("  replay with the workbook's generator (seeds 13, 14, 15), per epoch:")
        for epoch, (loss, training_accuracy, accuracy) in enumerate(replay, 1):
            print(f"    epoch {epoch}: mean batch loss {loss:.10f}, training accuracy {training_accuracy:.4f},"
                  f" test accuracy {accuracy:.4f}")
        c.within("epochLosses[0] (replay)", replay[0][0], 1.1, 1.7)
        c.within("epochLosses[2] (replay)", replay[2][0], 0.55, 0.95)
        c.within("trainingAccuracies[2] (replay)", replay[2][1], 0.65, 0.85)
        c.within("testAccuracies[2] (replay)", replay[2][2], 0.68, 0.85)
        c.approx("epochLosses", [h[0] for h in replay], "[1.411489, 0.868909, 0.743804] ± 1e-6")
        c.approx("testAccuracies", [h[2] for h in replay], "[0.669, 0.728, 0.763] ± 0.002")

    with torch.no_grad():
        logits = network.eval()(torch.tensor(test_images, dtype=torch.float64) / 255)
    c.equal("testLogits.requiresGrad", logits.requires_grad, False)
    c.equal("[testLogits.shape[0], testLogits.shape[1]]", list(logits.shape), [1000, 10])

    # -- Exercise: a softplus of your own (torch.nn.functional.softplus and its autograd).
    c.section("Exercise: Autograd, a softplus of your own")
    softplus_input = leaf([[-2.0, 0.0, 1.5]])
    softplus_output = F.softplus(softplus_input)
    softplus_output.sum().backward()
    softplus_numeric = numerical_gradient(lambda v: np.log1p(np.exp(v)).sum(), [[-2.0, 0.0, 1.5]])
    error = relative_error(softplus_input.grad.numpy(), softplus_numeric)
    c.approx("softplusOutput", softplus_output, "[[0.126928, 0.693147, 1.701413]]")
    c.approx("softplusInput.grad!", softplus_input.grad, "[[0.1192029, 0.5000000, 0.8175745]]")
    c.equal("softplusCheck.passes()", error < 1e-6, True, shown=error)
    # The starter's derivative 1/(1 + eˣ) = σ(−x) fails the check.
    wrong = 1 / (1 + np.exp(np.array([[-2.0, 0.0, 1.5]])))
    print(f"  (starter's derivative gives {wrong.tolist()}, relative error {relative_error(wrong, softplus_numeric):.3f})")

    # -- Exercise: gradients that pile up (two SGD steps with zero_grad).
    c.section("Exercise: Autograd, gradients that pile up")
    twice = chapter_six_parameters()
    sgd = torch.optim.SGD(twice, lr=0.01)
    second_bias_gradient = None
    for step in (1, 2):
        sgd.zero_grad()
        F.cross_entropy(chapter_six_logits(twice, x6), torch.tensor([1])).backward()
        sgd.step()
        if step == 2:
            second_bias_gradient = twice[3].grad.clone()
    with torch.no_grad():
        two_step_loss = F.cross_entropy(chapter_six_logits(twice, x6), torch.tensor([1])).item()
    c.approx("secondBiasGradient", second_bias_gradient, "[0.844929, -0.844929]")
    c.approx("twoStepLoss", two_step_loss, "1.787451")

    c.finish()


if __name__ == "__main__":
    main()

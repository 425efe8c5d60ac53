#!/usr/bin/env python3
"""Independent reference values for chapters/05-backpropagation.md.

Every gradient is taken by PyTorch's autograd (float64) on a forward pass written from the
chapter's formulas; the numerical derivatives are central differences (ε = 1e-5) evaluated in plain
Python/NumPy; the sources' buggy formulas are rebuilt with NumPy to show the values they give.

    python3 references/05-backpropagation.py
"""
import math
import re
import sys

from workbook_reference import Checks

import numpy as np
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)

EPSILON = 1e-5


def central_difference(f, x):
    return (f(x + EPSILON) - f(x - EPSILON)) / (2 * EPSILON)


def numerical_gradient(f, x):
    """Central differences of f: matrix → number, entry by entry."""
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


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def chain(x, y, w1=0.5, b1=-0.5, w2=-1.0, b2=0.5):
    """The two-neuron chain, forward, as tensors so that autograd can differentiate every step."""
    params = {name: torch.tensor(v, requires_grad=True) for name, v in dict(w1=w1, b1=b1, w2=w2, b2=b2).items()}
    z1 = params["w1"] * x + params["b1"]
    a1 = torch.sigmoid(z1)
    z2 = params["w2"] * a1 + params["b2"]
    prediction = torch.sigmoid(z2)
    loss = (y - prediction) ** 2
    for t in (z1, a1, z2, prediction):
        t.retain_grad()
    loss.backward()
    return dict(z1=z1, a1=a1, z2=z2, prediction=prediction, loss=loss, **params)


def chain_loss(x=2.0, y=1.0, w1=0.5, b1=-0.5, w2=-1.0, b2=0.5):
    """The same chain in plain floats, for the numerical derivatives."""
    a1 = 1 / (1 + math.exp(-(w1 * x + b1)))
    prediction = 1 / (1 + math.exp(-(w2 * a1 + b2)))
    return (y - prediction) ** 2


def main():
    c = Checks("05-backpropagation")

    # -- Worked example: one input through the chain, x = 2, y = 1.
    c.section("Worked example: one input through the chain")
    f = chain(2.0, 1.0)
    c.approx("chainForward.z1", f["z1"].item(), "0.5 ± 1e-10")
    c.approx("chainForward.a1", f["a1"].item(), "0.622459")
    c.approx("chainForward.z2", f["z2"].item(), "-0.122459")
    c.approx("chainForward.prediction", f["prediction"].item(), "0.469423")
    c.approx("chainForward.loss", f["loss"].item(), "0.281512")

    # The local derivatives, each by autograd on its own one-step function.
    def local(function, at):
        t = torch.tensor(at, requires_grad=True)
        function(t).backward()
        return t.grad.item()

    y_hat, a1 = f["prediction"].item(), f["a1"].item()
    c.approx("chainBackward.dLossDPrediction", local(lambda p: (1.0 - p) ** 2, y_hat), "-1.061153")
    c.approx("chainBackward.dPredictionDZ2", local(torch.sigmoid, f["z2"].item()), "0.249065")
    c.approx("chainBackward.dZ2DA1", local(lambda a: -1.0 * a + 0.5, a1), "-1 ± 1e-9")
    c.approx("chainBackward.dA1DZ1", local(torch.sigmoid, f["z1"].item()), "0.235004")
    c.approx("chainBackward.dZ1DW1", local(lambda w: w * 2.0 - 0.5, 0.5), "2 ± 1e-9")
    c.approx("chainBackward.dLossDZ2", f["z2"].grad.item(), "-0.264296")
    c.approx("chainBackward.dLossDB2", f["b2"].grad.item(), "-0.264296")
    c.approx("chainBackward.dLossDW2", f["w2"].grad.item(), "-0.164514")
    c.approx("chainBackward.dLossDZ1", f["z1"].grad.item(), "0.062111")
    c.approx("chainBackward.dLossDB1", f["b1"].grad.item(), "0.062111")
    c.approx("chainBackward.dLossDW1", f["w1"].grad.item(), "0.124221")

    # -- The backward pass, step by step: six steps; step 4 multiplies by w2 to reach a1, step 6
    # by x to reach w1 (autograd's gradients at a1 and w1).
    c.section("The backward pass, step by step")
    c.equal("backwardFlow.stateCount", len(["ŷ", "z₂", "w₂ b₂", "a₁", "z₁", "w₁ b₁"]), 6)
    c.approx("fourthStep.readouts.map(\\.value)", [-1.0, f["a1"].grad.item()], "[-1.000000, 0.264296]")
    c.approx("backwardFlow.views[backwardFlow.index(of: [5])].readouts.map(\\.value)", [2.0, f["w1"].grad.item()], "[2.000000, 0.124221]")

    # -- Checking the chain rule numerically.
    c.section("Checking the chain rule numerically")
    numeric_w1 = central_difference(lambda v: chain_loss(w1=v), 0.5)
    numeric_b1 = central_difference(lambda v: chain_loss(b1=v), -0.5)
    numeric_w2 = central_difference(lambda v: chain_loss(w2=v), -1.0)
    numeric_b2 = central_difference(lambda v: chain_loss(b2=v), 0.5)
    c.approx("numericW1", numeric_w1, "0.124221")
    c.approx("numericB1", numeric_b1, "0.062111")
    c.approx("numericW2", numeric_w2, "-0.164514")
    c.approx("numericB2", numeric_b2, "-0.264296")
    e1 = relative_error(f["w1"].grad.item(), numeric_w1)
    e2 = relative_error(f["b2"].grad.item(), numeric_b2)
    c.equal("relativeError(chainBackward.dLossDW1, numericW1) < 1e-8", e1 < 1e-8, True, shown=e1)
    c.equal("relativeError(chainBackward.dLossDB2, numericB2) < 1e-8", e2 < 1e-8, True, shown=e2)

    # -- Softmax and cross-entropy together: y = [1, 0], ŷ = [0.6, 0.4].
    c.section("Softmax and cross-entropy together")
    logits = torch.tensor([[math.log(0.6), math.log(0.4)]], requires_grad=True)
    nn.CrossEntropyLoss()(logits, torch.tensor([0])).backward()
    c.approx("fusedDelta", logits.grad, "[[-0.4, 0.4]] ± 1e-10")
    p = torch.tensor([[0.6, 0.4]], requires_grad=True)
    nn.NLLLoss()(torch.log(p), torch.tensor([0])).backward()
    c.approx("lossGradient", p.grad, "[[-1.666667, 0]]")
    jacobian = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, dim=0),
                                                  torch.tensor([math.log(0.6), math.log(0.4)]))
    c.approx("jacobian", jacobian, "[[0.24, -0.24], [-0.24, 0.24]] ± 1e-10")
    c.approx("viaJacobian", (jacobian.T @ p.grad[0]).reshape(1, 2), "[[-0.4, 0.4]] ± 1e-10")
    # The softmax activation's backward pass from ∂L/∂ŷ: autograd through torch.softmax.
    z = torch.tensor([[math.log(0.6), math.log(0.4)]], requires_grad=True)
    torch.softmax(z, dim=1).backward(p.grad)
    c.approx("Activation.softmax.backward(preActivation: Matrix(row: [log(0.6), log(0.4)]), activation: "
             "outputPrediction, outputGradient: lossGradient)", z.grad, "[[-0.4, 0.4]] ± 1e-10")

    # -- A full training step by hand: the 2-2-2 network with a sigmoid hidden layer, zero biases.
    c.section("A full training step by hand")
    w1 = torch.tensor([[0.3, 0.7], [-0.2, 0.4]], requires_grad=True)
    b1 = torch.zeros(2, 1, requires_grad=True)
    w2 = torch.tensor([[0.5, -0.3], [0.2, 0.6]], requires_grad=True)
    b2 = torch.zeros(2, 1, requires_grad=True)
    x = torch.tensor([[1.0], [0.5]])
    target = 0  # one-hot [1, 0]

    def forward(w1, b1, w2, b2):
        z1 = w1 @ x + b1
        a1 = torch.sigmoid(z1)
        z2 = w2 @ a1 + b2
        return z1, a1, z2, torch.softmax(z2, dim=0)

    z1, a1, z2, y_hat = forward(w1, b1, w2, b2)
    for t in (z1, a1, z2):
        t.retain_grad()
    loss = -torch.log(y_hat[target, 0])
    loss.backward()
    c.approx("hiddenPass.preActivation", z1, "[[0.65], [0]]")
    c.approx("hiddenPass.activation", a1, "[[0.6570105], [0.5000000]]")
    c.approx("outputPass.preActivation", z2, "[[0.178505], [0.431402]]")
    c.approx("outputPass.activation", y_hat, "[[0.437111], [0.562889]]")
    c.approx("stepLoss", loss.item(), "0.827569")
    c.approx("outputDelta", z2.grad, "[[-0.562889], [0.562889]]")
    c.approx("outputGradients.weights", w2.grad, "[[-0.369824, -0.281445], [0.369824, 0.281445]]")
    c.approx("outputGradients.bias", b2.grad, "[[-0.562889], [0.562889]]")
    c.approx("outputGradients.input", a1.grad, "[[-0.168867], [0.506600]]")
    a1_values = a1.detach()
    c.approx("hiddenPass.activation.map { sigmoidDerivative(output: $0) }", a1_values * (1 - a1_values),
             "[[0.2253477], [0.2500000]]")
    c.approx("hiddenGradients.delta", z1.grad, "[[-0.038054], [0.126650]]")
    c.approx("hiddenGradients.weights", w1.grad, "[[-0.038054, -0.019027], [0.126650, 0.063325]]")
    c.approx("hiddenGradients.bias", b1.grad, "[[-0.038054], [0.126650]]")

    # Gradient check on both weight matrices, by central differences in NumPy.
    x_np = x.numpy()

    def network_loss(hidden_weights, output_weights):
        a = sigmoid(hidden_weights @ x_np)
        zz = output_weights @ a
        e = np.exp(zz - zz.max())
        return -math.log((e / e.sum())[0, 0])

    hidden0, output0 = w1.detach().numpy(), w2.detach().numpy()
    output_numeric = numerical_gradient(lambda w: network_loss(hidden0, w), output0)
    hidden_numeric = numerical_gradient(lambda w: network_loss(w, output0), hidden0)
    output_error = relative_error(w2.grad.numpy(), output_numeric)
    hidden_error = relative_error(w1.grad.numpy(), hidden_numeric)
    c.approx("outputCheck.numerical", output_numeric, "[[-0.369824, -0.281445], [0.369824, 0.281445]]")
    c.equal("outputCheck.passes()", output_error < 1e-6, True, shown=output_error)
    c.equal("hiddenCheck.passes()", hidden_error < 1e-6, True, shown=hidden_error)

    # The update with η = 0.5 (torch.optim.SGD), then a new forward pass.
    optimizer = torch.optim.SGD([w1, b1, w2, b2], lr=0.5)
    optimizer.step()
    with torch.no_grad():
        new_probabilities = forward(w1, b1, w2, b2)[3]
        new_loss = -torch.log(new_probabilities[0, 0]).item()
    c.approx("trainedOutput.weights[0, 0]", w2[0, 0].item(), "0.684912")
    c.approx("trainedOutput.weights", w2, "[[0.684912, -0.159278], [0.015088, 0.459278]]")
    c.approx("trainedHidden.weights", w1, "[[0.319027, 0.709513], [-0.263325, 0.368337]]")
    c.approx("trainedOutput.bias", b2, "[[0.281445], [-0.281445]]")
    c.approx("newProbabilities", new_probabilities, "[[0.673071], [0.326929]]")
    c.approx("loss after the step (prose: 0.396)", new_loss, "0.396")
    c.approx("-log(newProbabilities[0, 0])", new_loss, "0.395905")

    # -- Vanishing gradients: a tower of ten sigmoids with weights 1 and biases 0.
    c.section("Vanishing gradients")
    c.approx("pow(0.25, 10)", 0.25 ** 10, "9.5367e-7")
    t = torch.tensor(0.0, requires_grad=True)
    tower = t
    for _ in range(10):
        tower = torch.sigmoid(tower)
    tower.backward()

    def sigmoid_tower(v):
        for _ in range(10):
            v = 1 / (1 + math.exp(-v))
        return v

    c.approx("towerSlope", t.grad.item(), "3.8752e-7")
    c.approx("towerNumeric", central_difference(sigmoid_tower, 0.0), "3.875e-7")
    c.approx("towerValue", tower.item(), "0.659046")
    for z, expected in ((0.5, "0.235004"), (0.66, "0.224636")):  # the slopes at the ends of the z range
        point = torch.tensor(z, dtype=torch.float64, requires_grad=True)
        torch.sigmoid(point).backward()
        c.approx(f"sigmoidDerivative({z})", point.grad.item(), expected)
    relu_slopes = []
    for _ in range(10):
        s = torch.tensor(0.3, requires_grad=True)
        torch.relu(s).backward()
        relu_slopes.append(s.grad.item())
    c.equal("(0..<10).map { _ in reluDerivative(0.3) }.reduce(1, *)", math.prod(relu_slopes), 1.0)

    # -- Errata: an MSE gradient divided by the wrong count (two samples, three outputs).
    c.section("Errata: an MSE gradient divided by the wrong count")
    three_outputs = [[0.2, 0.7, 0.1], [0.6, 0.3, 0.9]]
    three_targets = [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
    out = torch.tensor(three_outputs, requires_grad=True)
    mse = nn.MSELoss()(out, torch.tensor(three_targets))
    mse.backward()
    mse_numeric = numerical_gradient(lambda o: np.mean((o - np.array(three_targets)) ** 2), three_outputs)
    row_count_gradient = (np.array(three_outputs) - np.array(three_targets)) * (2 / 2)  # source 003's formula
    c.approx("meanSquaredError(predicted: threeOutputs, target: threeTargets)", mse.item(), "0.066667")
    c.approx("mseNumeric", mse_numeric, "[[0.06666667, -0.1000000, 0.03333333], [-0.1333333, 0.1000000, -0.03333333]]")
    c.approx("libraryGradient", out.grad, "[[0.06666667, -0.1000000, 0.03333333], [-0.1333333, 0.1000000, -0.03333333]]")
    c.approx("rowCountGradient", row_count_gradient, "[[0.2, -0.3, 0.1], [-0.4, 0.3, -0.1]] ± 1e-10")

    out = torch.tensor(three_outputs, requires_grad=True)
    nn.BCELoss()(out, torch.tensor(three_targets)).backward()
    o_np, t_np = np.array(three_outputs), np.array(three_targets)
    bce_numeric = numerical_gradient(
        lambda o: -np.mean(t_np * np.log(o) + (1 - t_np) * np.log(1 - o)), three_outputs)
    bce_row_count = (o_np - t_np) / (o_np * (1 - o_np)) / 2  # source 003's divisor: the row count
    r1 = relative_error(out.grad.numpy(), bce_numeric)
    r2 = relative_error(bce_row_count / 3, bce_numeric)
    c.equal("relativeError(bceLibrary, bceNumeric) < 1e-8", r1 < 1e-8, True, shown=r1)
    c.equal("relativeError(bceRowCount / 3, bceNumeric) < 1e-8", r2 < 1e-8, True, shown=r2)

    # -- Errata: a "MSE" backward pass that computes cross-entropy (source 001's network).
    c.section("Errata: a \"MSE\" backward pass that computes cross-entropy")
    sample_batch = np.array([[0.5, 1.0], [1.5, -0.5], [-1.0, 2.0]])
    sample_labels = np.array([[1.0], [0.0], [1.0]])
    hidden_w = np.array([[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]])
    output_w = np.array([[0.3], [-0.6], [0.8]])
    a1_001 = sigmoid(sample_batch @ hidden_w)
    a2_001 = sigmoid(a1_001 @ output_w)
    dw2_001 = a1_001.T @ (a2_001 - sample_labels) / 3  # source 001's dz2 = a2 − y, times 1/m

    def autograd_dw2(loss_module):
        w = torch.tensor(output_w, requires_grad=True)
        loss_module(torch.sigmoid(torch.tensor(a1_001) @ w), torch.tensor(sample_labels)).backward()
        return w.grad

    c.approx("a2Of001", a2_001, "[[0.561873], [0.601327], [0.517590]]")
    c.approx("dW2Of001", dw2_001, "[[-0.102517], [-0.129920], [-0.015581]]")
    c.approx("bceDW2", autograd_dw2(nn.BCELoss()), "[[-0.102517], [-0.129920], [-0.015581]]")
    c.approx("mseDW2", autograd_dw2(nn.MSELoss()), "[[-0.052577], [-0.065621], [-0.009549]]")

    # -- Errata: a loss printed through NumPy broadcasting, (m, 1) − (m,) → (m, m).
    c.section("Errata: a loss printed through NumPy broadcasting")
    printed_outputs = np.array([[0.8], [0.3], [0.6]])  # shape (m, 1), as the network returns it
    printed_labels = np.array([1.0, 0.0, 1.0])  # shape (m,), as fit() passes it
    broadcast_squares = (printed_outputs - printed_labels) ** 2  # NumPy broadcasts to (3, 3)
    c.approx("broadcastSquares", broadcast_squares, "[[0.04, 0.64, 0.04], [0.49, 0.09, 0.49], [0.16, 0.36, 0.16]] ± 1e-10")
    c.approx("printedLoss", np.mean(broadcast_squares), "0.274444")
    c.approx("actualLoss", np.mean((printed_outputs - printed_labels.reshape(-1, 1)) ** 2), "0.096667")

    # -- Exercise: the chain with target y = 0.
    c.section("Exercise: Backprop, a chain with a different target")
    f0 = chain(2.0, 0.0)
    p0 = torch.tensor(f0["prediction"].item(), requires_grad=True)
    ((0.0 - p0) ** 2).backward()
    c.approx("zeroTarget.dLossDPrediction", p0.grad.item(), "0.938847")
    c.approx("zeroTarget.dLossDW1", f0["w1"].grad.item(), "-0.109904")
    c.approx("zeroTargetNumeric", central_difference(lambda v: chain_loss(y=0.0, w1=v), 0.5), "-0.109904")

    # -- Exercise: the ReLU hidden layer of chapter 3 (biases [0.1, -0.1]), one step with η = 0.5.
    c.section("Exercise: Backprop, the dead neuron gets no gradient")
    rw1 = torch.tensor([[0.3, 0.7], [-0.2, 0.4]], requires_grad=True)
    rb1 = torch.tensor([[0.1], [-0.1]], requires_grad=True)
    rw2 = torch.tensor([[0.5, -0.3], [0.2, 0.6]], requires_grad=True)
    rb2 = torch.zeros(2, 1, requires_grad=True)
    r_out = torch.softmax(rw2 @ torch.relu(rw1 @ x + rb1) + rb2, dim=0)
    (-torch.log(r_out[0, 0])).backward()
    torch.optim.SGD([rw2, rb2], lr=0.5).step()
    c.approx("reluOutputPass.activation", r_out, "[[0.556014], [0.443986]]")
    c.approx("reluHiddenGradient", rw1.grad, "[[-0.133196, -0.066598], [0, 0]]")
    c.approx("reluOutputWeights", rw2, "[[0.6664948, -0.3000000], [0.03350521, 0.6000000]]")

    c.finish()


if __name__ == "__main__":
    main()

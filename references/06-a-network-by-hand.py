#!/usr/bin/env python3
"""Independent reference values for chapters/06-a-network-by-hand.md.

The 2-3-2 network (ReLU hidden layer, softmax output, row convention z = x·W + b) is written in
PyTorch float64; every gradient comes from autograd on the cross-entropy loss, every update from
torch.optim.SGD, and the gradient check from central differences (ε = 1e-5) in NumPy.

    python3 references/06-a-network-by-hand.py
"""
import math
import re
import sys

from workbook_reference import Checks

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

W1 = [[-0.6, 0.6, 0.4], [-0.6, 0.7, 0.5]]
B1 = [[0.3, 0.5, 0.3]]
W2 = [[-0.7, 0.7], [0.8, -0.8], [0.5, -0.5]]
B2 = [[-0.4, 0.4]]
X = [[0.5, 0.5]]


class Network:
    """The parameters as leaf tensors, and a forward pass that keeps every intermediate tensor."""

    def __init__(self, w1=W1, b1=B1, w2=W2, b2=B2):
        self.params = [torch.tensor(p, requires_grad=True) for p in (w1, b1, w2, b2)]

    def forward(self, x=X):
        w1, b1, w2, b2 = self.params
        z1 = torch.tensor(x) @ w1 + b1
        a1 = torch.relu(z1)
        z2 = a1 @ w2 + b2
        a2 = torch.softmax(z2, dim=1)
        if torch.is_grad_enabled():
            for t in (z1, a1, z2, a2):
                t.retain_grad()
        return z1, a1, z2, a2


def cross_entropy(probabilities, true_class):
    return -torch.log(probabilities[0, true_class])


def numpy_loss(w1, b1, w2, b2, true_class=1):
    """The same network in NumPy, for the central differences."""
    a1 = np.maximum(np.array(X) @ w1 + b1, 0)
    z2 = a1 @ w2 + b2
    e = np.exp(z2 - z2.max())
    return -math.log((e / e.sum())[0, true_class])


def numerical_gradient(f, x):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += 1e-5
        minus[index] -= 1e-5
        gradient[index] = (f(plus) - f(minus)) / 2e-5
    return gradient


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def main():
    c = Checks("06-a-network-by-hand")
    net = Network()
    w1, b1, w2, b2 = net.params

    # -- The network.
    c.section("The network")
    c.equal("network.sizes", [w1.shape[0], w1.shape[1], w2.shape[1]], [2, 3, 2])

    # -- The forward pass.
    c.section("The forward pass")
    z1, a1, z2, a2 = net.forward()
    c.approx("0.5 * -0.6 + 0.5 * -0.6 + 0.3", 0.5 * -0.6 + 0.5 * -0.6 + 0.3, "-0.3 ± 1e-10")
    c.approx("0.5 * 0.6 + 0.5 * 0.7 + 0.5", 0.5 * 0.6 + 0.5 * 0.7 + 0.5, "1.15")
    c.approx("0.5 * 0.4 + 0.5 * 0.5 + 0.3", 0.5 * 0.4 + 0.5 * 0.5 + 0.3, "0.75")
    c.approx("z1", z1, "[[-0.3, 1.15, 0.75]] ± 1e-9")
    c.approx("a1", a1, "[[0, 1.15, 0.75]]")
    c.approx("1.15 * 0.8 + 0.75 * 0.5 - 0.4", 1.15 * 0.8 + 0.75 * 0.5 - 0.4, "0.895")
    c.approx("z2", z2, "[[0.895, -0.895]]")
    exponentials = torch.exp(z2.detach())
    c.approx("exponentials", exponentials, "[[2.4473, 0.4086]]")
    c.approx("exponentials", exponentials, "[[2.447, 0.409]]")
    c.approx("total", exponentials.sum().item(), "2.8559")
    c.approx("total", exponentials.sum().item(), "2.856")
    c.approx("a2", a2, "[[0.857, 0.143]]")
    c.approx("a2", a2, "[[0.856927, 0.143073]]")
    c.approx("a2.sum()", a2.sum().item(), "1 ± 1e-12")

    # -- The loss, true class 1.
    c.section("The loss")
    loss = cross_entropy(a2, 1)
    c.approx("loss", loss.item(), "1.944")
    c.approx("loss", loss.item(), "1.944402")
    c.approx("crossEntropy(logits: z2, classIndices: [1])",
             torch.nn.functional.cross_entropy(z2.detach(), torch.tensor([1])).item(), "1.944402")

    # -- The backward pass, all by autograd.
    c.section("The backward pass")
    loss.backward()
    c.approx("crossEntropyGradient(probabilities: a2, oneHot: y)", a2.grad, "[[0, -6.989452]]")
    c.approx("delta2", z2.grad, "[[0.857, -0.857]]")
    c.approx("delta2", z2.grad, "[[0.856927, -0.856927]]")
    c.approx("outputGradients.delta", z2.grad, "[[0.856927, -0.856927]]")
    c.approx("1.15 * 0.856927", 1.15 * 0.856927, "0.985466")
    c.approx("outputGradients.weights", w2.grad, "[[0, 0], [0.985, -0.985], [0.643, -0.643]]")
    c.approx("outputGradients.weights", w2.grad, "[[0, 0], [0.985466, -0.985466], [0.642695, -0.642695]]")
    c.equal("[outputGradients.weights.rows, outputGradients.weights.columns]", list(w2.grad.shape), [3, 2])
    c.approx("outputGradients.bias", b2.grad, "[[0.857, -0.857]]")
    c.approx("0.856927 * -0.7 - 0.856927 * 0.7", 0.856927 * -0.7 - 0.856927 * 0.7, "-1.199698")
    c.approx("dA1", a1.grad, "[[-1.199698, 1.371084, 0.8569273]]")
    c.approx("dA1", a1.grad, "[[-1.199698, 1.371084, 0.856927]]")
    c.approx("reluDerivative(z1)", (z1.detach() > 0).double(), "[[0, 1, 1]] ± 1e-9")
    c.approx("hiddenGradients.delta", z1.grad, "[[0, 1.371, 0.857]]")
    c.approx("hiddenGradients.delta", z1.grad, "[[0, 1.371084, 0.856927]]")
    c.approx("0.5 * 1.371084", 0.5 * 1.371084, "0.685542")
    c.approx("hiddenGradients.weights", w1.grad, "[[0, 0.686, 0.428], [0, 0.686, 0.428]]")
    c.approx("hiddenGradients.weights", w1.grad, "[[0, 0.685542, 0.428464], [0, 0.685542, 0.428464]]")
    c.approx("hiddenGradients.bias", b1.grad, "[[0, 1.371, 0.857]]")
    gradients = [p.grad.clone() for p in net.params]

    # -- The update, η = 0.01.
    c.section("The update")
    updated = Network()
    for p, g in zip(updated.params, gradients):
        p.grad = g.clone()
    torch.optim.SGD(updated.params, lr=0.01).step()
    c.approx("newW1", updated.params[0], "[[-0.6000000, 0.5931446, 0.3957154], [-0.6000000, 0.6931446, 0.4957154]]")
    c.approx("newW1", updated.params[0], "[[-0.6000000, 0.5931446, 0.3957154], [-0.6000000, 0.6931446, 0.4957154]]")
    c.approx("updated.layers[0].bias", updated.params[1], "[[0.3000000, 0.4862892, 0.2914307]]")
    c.approx("updated.layers[1].weights", updated.params[2],
             "[[-0.7000000, 0.7000000], [0.7901453, -0.7901453], [0.4935730, -0.4935730]]")
    c.approx("updated.layers[1].bias", updated.params[3], "[[-0.408569, 0.408569]]")
    with torch.no_grad():
        after = updated.forward()[3]
    loss_after = cross_entropy(after, 1).item()
    c.approx("after", after, "[[0.844929, 0.155071]]")
    c.approx("lossAfter", loss_after, "1.863869")
    c.equal("lossAfter < loss", loss_after < loss.item(), True)
    # The four phases of the training-step explorable, and the hidden activations after the update.
    c.equal("trainingStep.stateCount", len(["forward", "error", "backward", "update"]), 4)
    c.approx("trainingStep.views.map { $0.readouts[0].value }", [loss.item()] * 3 + [loss_after],
             "[1.944402, 1.944402, 1.944402, 1.863869]")
    with torch.no_grad():
        updated_hidden = updated.forward()[1]
        updated_z1 = updated.forward()[0]
    c.approx("updated.forward(x).preActivations[0][0, 0]", updated_z1[0, 0].item(), "-0.3 ± 1e-12")
    c.approx("updatedHidden", updated_hidden, "[[0, 1.129434, 0.737146]]")
    with torch.no_grad():
        wrong_score_before, wrong_score_after = Network().forward()[2][0, 0].item(), updated.forward()[2][0, 0].item()
    c.equal("updated.forward(x).preActivations[1][0, 0] < pass.preActivations[1][0, 0]",
            wrong_score_after < wrong_score_before, True, shown=[wrong_score_before, wrong_score_after])

    # -- Checking every gradient numerically.
    c.section("Checking every gradient numerically")
    p0 = [np.array(p) for p in (W1, B1, W2, B2)]
    numeric = [
        numerical_gradient(lambda w: numpy_loss(w, p0[1], p0[2], p0[3]), p0[0]),
        numerical_gradient(lambda b: numpy_loss(p0[0], b, p0[2], p0[3]), p0[1]),
        numerical_gradient(lambda w: numpy_loss(p0[0], p0[1], w, p0[3]), p0[2]),
        numerical_gradient(lambda b: numpy_loss(p0[0], p0[1], p0[2], b), p0[3]),
    ]
    errors = [relative_error(g.numpy(), n) for g, n in zip(gradients, numeric)]
    c.approx("checkW1.numerical", numeric[0], "[[0, 0.685542, 0.428464], [0, 0.685542, 0.428464]]")
    c.approx("checkW2.numerical", numeric[2], "[[0, 0], [0.985466, -0.985466], [0.642695, -0.642695]]")
    c.approx("checkB1.numerical", numeric[1], "[[0, 1.371084, 0.856927]]")
    c.approx("checkB2.numerical", numeric[3], "[[0.856927, -0.856927]]")
    c.equal("[checkW1, checkB1, checkW2, checkB2].allSatisfy { $0.passes() }", all(e < 1e-6 for e in errors), True,
            shown=errors)
    c.equal("checkW2.relativeError < 1e-8", errors[2] < 1e-8, True, shown=errors[2])
    c.approx("relativeError(0.986, checkW2.numerical[1, 0])", relative_error(0.986, numeric[2][1, 0]),
             "0.0005412089")
    c.approx("relativeError(0.685, checkW1.numerical[0, 1])", relative_error(0.685, numeric[0][0, 1]),
             "0.0007903547")

    # -- Repeat: 100 SGD steps on the same sample, η = 0.01.
    c.section("Repeat")
    repeated = Network()
    optimizer = torch.optim.SGD(repeated.params, lr=0.01)
    losses = []
    for _ in range(100):
        optimizer.zero_grad()
        step_loss = cross_entropy(repeated.forward()[3], 1)
        losses.append(step_loss.item())
        step_loss.backward()
        optimizer.step()
    with torch.no_grad():
        final_output = repeated.forward()[3]
    c.approx("losses[0]", losses[0], "1.944402")
    c.approx("losses[1]", losses[1], "1.863869")
    c.approx("losses[9]", losses[9], "1.353900")
    c.approx("losses[49]", losses[49], "0.484872")
    c.approx("finalOutput", final_output, "[[0.231287, 0.768713]]")
    c.equal("zip(losses, losses.dropFirst()).allSatisfy { $0.1 < $0.0 }",
            all(b < a for a, b in zip(losses, losses[1:])), True)

    # -- Exercise: the other label (class 0).
    c.section("Exercise: By hand, the other label")
    zero_net = Network()
    _, _, zero_z2, zero_a2 = zero_net.forward()
    zero_loss = cross_entropy(zero_a2, 0)
    zero_loss.backward()
    c.approx("classZeroLoss", zero_loss.item(), "0.154402")
    c.approx("classZeroGradients[1].delta", zero_z2.grad, "[[-0.143073, 0.143073]]")
    c.approx("classZeroGradients[0].weights", zero_net.params[0].grad,
             "[[0, -0.114458, -0.071536], [0, -0.114458, -0.071536]]")
    torch.optim.SGD(zero_net.params, lr=0.01).step()
    c.approx("classZeroW1", zero_net.params[0], "[[-0.6000000, 0.6011446, 0.4007154], [-0.6000000, 0.7011446, 0.5007154]]")

    # -- Exercise: a bolder step, η = 0.5, from the original gradients (class 1).
    c.section("Exercise: By hand, a bolder step")
    bold = Network()
    for p, g in zip(bold.params, gradients):
        p.grad = g.clone()
    torch.optim.SGD(bold.params, lr=0.5).step()
    with torch.no_grad():
        bold_output = bold.forward()[3]
    c.approx("bold.layers[0].weights", bold.params[0], "[[-0.6000000, 0.2572291, 0.1857682], [-0.6000000, 0.3572291, 0.2857682]]")
    c.approx("boldOutput", bold_output, "[[0.175983, 0.824017]]")
    c.approx("boldLoss", cross_entropy(bold_output, 1).item(), "0.193564")

    c.finish()


if __name__ == "__main__":
    main()

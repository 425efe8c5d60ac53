#!/usr/bin/env python3
"""Independent reference values for chapters/02-activation-functions.md.

Activation values come from PyTorch's own functions (torch.sigmoid, torch.tanh, F.relu,
F.leaky_relu, F.elu, F.selu, F.gelu, torch.softmax) and every derivative from autograd; the
linear-collapse example uses NumPy matrix products. The 100 random inputs are regenerated with a
pure-Python copy of the workbook's seeded generator (seed 7).

    python3 references/02-activation-functions.py
"""
import math
import re
import sys

from workbook_reference import Checks, SeededGenerator, check_splitmix64_reference

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

def values(function, points):
    return function(torch.tensor(points, dtype=torch.float64)).tolist()


def slopes(function, points):
    """Element-wise derivative of an element-wise function, by autograd."""
    z = torch.tensor(points, dtype=torch.float64, requires_grad=True)
    function(z).sum().backward()
    return z.grad.tolist()


def main():
    c = Checks("02-activation-functions")
    check_splitmix64_reference(c)

    # -- Why linear layers alone are not enough: the row convention h = x·W1 + b1, y = h·W2 + b2.
    c.section("Why linear layers alone are not enough")
    x = np.array([[1.0, 0.5]])
    w1 = np.array([[1.0, -1.0], [0.5, 2.0]])
    b1 = np.array([[0.0, -1.0]])
    w2 = np.array([[2.0, 0.0], [1.0, 1.0]])
    b2 = np.array([[0.5, 0.0]])
    hidden = x @ w1 + b1
    collapsed_w = w1 @ w2
    collapsed_b = b1 @ w2 + b2
    c.approx("hidden", hidden, "[[1.25, -1]] ± 1e-9")
    c.approx("twoLayers", hidden @ w2 + b2, "[[2, -1]] ± 1e-9")
    c.approx("collapsedW", collapsed_w, "[[1, -1], [3, 2]] ± 1e-9")
    c.approx("collapsedB", collapsed_b, "[[-0.5, -1]] ± 1e-9")
    c.approx("oneLayer", x @ collapsed_w + collapsed_b, "[[2, -1]] ± 1e-9")

    generator = SeededGenerator(7)
    random_inputs = generator.uniform_matrix(100, 2, -5.0, 5.0)
    deep = (random_inputs @ w1 + b1) @ w2 + b2
    shallow = random_inputs @ collapsed_w + collapsed_b
    largest_gap = np.abs(deep - shallow).max()
    c.equal("largestGap < 1e-12", bool(largest_gap < 1e-12), True, shown=largest_gap)

    relu_hidden = np.maximum(hidden, 0)
    c.approx("relu(hidden)", relu_hidden, "[[1.25, 0]]")
    c.approx("bent", relu_hidden @ w2 + b2, "[[3, 0]] ± 1e-9")

    # -- Sigmoid at four points, its derivative by autograd.
    c.section("Sigmoid")
    points = [-2.0, 0.0, 0.75, 3.0]
    exp_minus = np.exp(-np.array(points))
    sigmas = values(torch.sigmoid, points)
    c.approx("expMinus", exp_minus, "[7.389, 1.000, 0.472, 0.050]")
    c.approx("expMinus", exp_minus, "[7.389056, 1.000000, 0.4723666, 0.04978707]")
    c.approx("sigmas", sigmas, "[0.1192029, 0.5000000, 0.6791787, 0.9525741]")
    c.approx("sigmas", sigmas, "[0.119, 0.500, 0.679, 0.953]")
    c.approx("1 - sigmas[0]", 1 - sigmas[0], "0.880797")
    c.approx("slopes", slopes(torch.sigmoid, points), "[0.1049936, 0.2500000, 0.2178950, 0.04517666]")
    c.approx("sigmoidDerivative(output: sigmas[2])", sigmas[2] * (1 - sigmas[2]), "0.217895")

    # The same grid as the chapter: −6 + i·0.01 for i = 0 … 1200.
    grid = [-6.0 + i * 0.01 for i in range(1201)]
    grid_slopes = slopes(torch.sigmoid, grid)
    peak = max(grid_slopes)
    peak_at = grid[len(grid_slopes) - 1 - grid_slopes[::-1].index(peak)]
    c.approx("peakSlope", peak, "0.25 ± 1e-12")
    c.equal("abs(peakAt) < 1e-9", abs(peak_at) < 1e-9, True, shown=peak_at)
    c.equal("sigmoidDerivative(10) < 1e-4", slopes(torch.sigmoid, [10.0])[0] < 1e-4, True,
            shown=slopes(torch.sigmoid, [10.0])[0])

    # -- Tanh.
    c.section("Tanh")
    c.approx("tanhs", values(torch.tanh, points), "[-0.964028, 0, 0.635149, 0.995055]")
    c.approx("tanhSlopes", slopes(torch.tanh, points), "[0.07065082, 1.000000, 0.5965858, 0.009866037]")
    c.approx("2 * sigmoid(1.5) - 1", 2 * torch.sigmoid(torch.tensor(1.5)).item() - 1, "0.635149")

    # -- ReLU and leaky ReLU (PyTorch's default negative slope is 0.01).
    c.section("ReLU and leaky ReLU")
    relu_points = [-2.0, -0.5, 0.0, 0.5, 2.0]
    c.approx("reluValues", values(F.relu, relu_points), "[0, 0, 0, 0.5, 2] ± 1e-9")
    c.equal("reluSlopes", slopes(F.relu, relu_points), [0.0, 0.0, 0.0, 1.0, 1.0])  # PyTorch: 0 at z = 0
    c.approx("leakyValues", values(F.leaky_relu, [-2.0, 0.5]), "[-0.02, 0.5] ± 1e-10")
    c.approx("leakyWide", values(lambda z: F.leaky_relu(z, 0.1), [-2.0])[0], "-0.2 ± 1e-10")
    c.approx("leakyReLUDerivative(-2)", slopes(F.leaky_relu, [-2.0])[0], "0.01 ± 1e-11")

    # -- ELU and SELU.
    c.section("ELU and SELU")
    c.approx("eluAtMinusOne", values(F.elu, [-1.0])[0], "-0.632121")
    c.approx("eluDerivative(-1)", slopes(F.elu, [-1.0])[0], "0.367879")
    c.approx("elu(-20)", values(F.elu, [-20.0])[0], "-1 ± 1e-8")
    c.approx("seluAtMinusOne", values(F.selu, [-1.0])[0], "-1.111331")
    c.approx("seluAtTwo", values(F.selu, [2.0])[0], "2.101402")
    c.approx("seluDerivative(1)", slopes(F.selu, [1.0])[0], "1.050701")
    c.approx("seluDerivative(-1)", slopes(F.selu, [-1.0])[0], "0.646769")
    # PyTorch's SELU: λ = selu(1), and selu(z) → −λα as z → −∞.
    selu_scale = values(F.selu, [1.0])[0]
    c.approx("SELUConstants.scale", selu_scale, "1.0507")
    c.approx("SELUConstants.alpha", -values(F.selu, [-1000.0])[0] / selu_scale, "1.6733")

    # -- GELU, exact (erf) and the tanh approximation.
    c.section("GELU")
    gelu = F.gelu
    gelu_tanh = lambda z: F.gelu(z, approximate="tanh")  # noqa: E731
    c.approx("geluExact", values(gelu, [-1.0, 1.0]), "[-0.158655, 0.841345]")
    c.approx("geluApprox", values(gelu_tanh, [-1.0, 1.0]), "[-0.158808, 0.841192]")
    gap = np.abs(np.array(values(gelu, grid)) - np.array(values(gelu_tanh, grid))).max()
    c.approx("approximationGap", gap, "4.73e-4 ± 1e-6")
    c.approx("geluDerivative(1)", slopes(gelu, [1.0])[0], "1.083315")
    c.approx("geluTanhApproximationDerivative(1)", slopes(gelu_tanh, [1.0])[0], "1.082964")
    gelu_grid = values(gelu, grid)
    lowest = min(gelu_grid)
    c.approx("geluLowest", lowest, "-0.16997")
    c.approx("geluLowestAt", grid[gelu_grid.index(lowest)], "-0.75 ± 1e-10")
    c.approx("geluDerivative(-1)", slopes(gelu, [-1.0])[0], "-0.083315")

    # -- One enum for all of them: the seven activations at z = 0.5.
    c.section("One enum for all of them")
    choices = [torch.sigmoid, torch.tanh, F.relu, F.leaky_relu, F.elu, F.selu, F.gelu]
    c.approx("valuesAtHalf", [values(f, [0.5])[0] for f in choices],
             "[0.6224593, 0.4621172, 0.5000000, 0.5000000, 0.5000000, 0.5253505, 0.3457312]")
    c.approx("slopesAtHalf", [slopes(f, [0.5])[0] for f in choices],
             "[0.2350037, 0.7864477, 1.000000, 1.000000, 1.000000, 1.050701, 0.8674951]")
    c.approx("Activation.relu(Matrix([[-1, 2]]))", F.relu(torch.tensor([[-1.0, 2.0]])), "[[0, 2]] ± 1e-9")

    # -- The shapes side by side (structural: the number of curves drawn on each chart).
    c.section("The shapes side by side")
    c.equal("shapes.series.count", len(["sigmoid", "tanh", "ReLU", "leaky ReLU", "ELU", "GELU"]), 6)
    c.equal("slopeChart.series.count", len(["sigmoid'", "tanh'", "ReLU'", "ELU'", "GELU'"]), 5)

    # -- Explore one activation at a time: 7 activations times the grid -4, -3.5, ..., 4.
    c.section("Explore one activation at a time")
    explorer_grid = np.arange(-4.0, 4.0 + 0.25, 0.5)
    explorer_choices = [torch.sigmoid, torch.tanh, F.relu, lambda z: F.leaky_relu(z, 0.1), F.elu, F.selu, F.gelu]
    c.equal("activationExplorer.stateCount", len(explorer_choices) * len(explorer_grid), 119)
    z_index = int(np.flatnonzero(explorer_grid == 1.5)[0])
    c.equal("index of z = 1.5 in the grid", z_index, 11)
    tanh_state = [values(torch.tanh, [1.5])[0], slopes(torch.tanh, [1.5])[0]]
    c.approx("tanhAtOneAndAHalf.readouts.map(\\.value)", tanh_state, "[0.905148, 0.180707]")
    c.equal("tanhAtOneAndAHalf.readouts.map(\\.text)", [f"{v:.3f}" for v in tanh_state], ["0.905", "0.181"])

    # -- Softmax of [2, 1, 0.1].
    c.section("Softmax")
    logits = torch.tensor([2.0, 1.0, 0.1])
    exponentials = torch.exp(logits)
    probabilities = torch.softmax(logits, dim=0)
    c.approx("exponentials", exponentials, "[7.389, 2.718, 1.105]")
    c.approx("total", exponentials.sum().item(), "11.2125")
    c.approx("probabilities", probabilities, "[0.659, 0.242, 0.099]")
    c.approx("probabilities", probabilities, "[0.659001, 0.242433, 0.098566]")
    c.approx("probabilities.reduce(0, +)", probabilities.sum().item(), "1 ± 1e-12")
    c.approx("shifted", torch.softmax(logits + 100, dim=0), "[0.659001, 0.242433, 0.098566]")
    with np.errstate(over="ignore"):
        c.approx("exp(1000.0)", np.exp(1000.0), "inf")
    c.approx("huge", torch.softmax(torch.tensor([1000.0, 1001.0]), dim=0), "[0.268941, 0.731059]")
    c.approx("softmax([0.75, 0])[0]", torch.softmax(torch.tensor([0.75, 0.0]), dim=0)[0].item(), "0.679179")

    # -- Exercise: tanh from the sigmoid.
    c.section("Exercise: Activations, tanh from the sigmoid")
    tanh_via_sigmoid = 2 * torch.sigmoid(torch.tensor(1.5)).item() - 1
    c.approx("tanhViaSigmoid", tanh_via_sigmoid, "0.635149")
    c.approx("tanhSlopeViaSigmoid", 1 - tanh_via_sigmoid ** 2, "0.596586")

    # -- Exercise: softmax with a temperature.
    c.section("Exercise: Activations, softmax with a temperature")
    warm = torch.softmax(logits / 2, dim=0)
    cold = torch.softmax(logits / 0.1, dim=0)
    c.approx("warm", warm, "[0.501688, 0.304289, 0.194023]")
    c.approx("cold[0]", cold[0].item(), "0.999955")
    c.approx("cold[1]", cold[1].item(), "4.54e-5 ± 1e-7")
    c.approx("warm.reduce(0, +)", warm.sum().item(), "1 ± 1e-12")

    c.finish()


if __name__ == "__main__":
    main()

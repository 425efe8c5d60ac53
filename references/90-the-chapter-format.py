#!/usr/bin/env python3
"""Independent reference values for chapters/90-the-chapter-format.md.

The chapter's examples are a weighted sum, the step function and the slopes of three activation
functions. The arithmetic is redone by hand in plain Python and the derivatives come from PyTorch's
autograd, never from the workbook's Swift code.

    python3 references/90-the-chapter-format.py
"""
import math
import re
import sys

from workbook_reference import Checks

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def autograd_slope(function, at):
    """d function / dz at z = `at`, by PyTorch's autograd."""
    z = torch.tensor(float(at), requires_grad=True)
    function(z).backward()
    return z.grad.item()


def main():
    c = Checks("90-the-chapter-format")

    # -- Snippets and Checks: z = w · x + b for x = [1, 0.5], w = [0.6, -0.4], b = -0.1, by hand.
    c.section("Checks")
    inputs = [1.0, 0.5]
    z = 0.6 * 1.0 + (-0.4) * 0.5 + (-0.1)
    secret_scale = 2.0  # the hidden snippet's constant
    c.approx("z", z, "0.3 ± 1e-10")
    c.approx("z", z, "0.300 ± 1e-12")
    c.approx("z", z, "0.3 ± 0.01%")
    c.approx("z * secretScale", z * secret_scale, "0.6 ± 1e-10")
    c.approx("[z, -z]", [z, -z], "[0.3, -0.3] ± 1e-10")
    c.approx("[[z, 0], [0, z]]", [[z, 0.0], [0.0, z]], "[[0.3, 0], [0, 0.3]] ± 1e-10")
    c.equal("1 / 4", 1.0 / 4.0, 0.25)  # a literal with no type of its own is a Double, as in Python 3
    c.equal('Int("0.3")', None, None)  # not an integer literal, so no value (Python: int("0.3") raises)
    c.equal("step(z)", 1 if z > 0 else 0, 1)  # step: 1 if z > 0, else 0
    c.equal("inputs.count", len(inputs), 2)
    c.equal('"perceptron".count', len("perceptron"), 10)
    c.within("z", z, 0.29, 0.31)
    c.approx("(0.0 / 0.0)", float("inf") - float("inf"), "nan")  # IEEE 754: 0/0 is NaN, as inf − inf

    # -- Printed output: `print("z =", z)` and the class, compared at the precision written.
    c.section("Printed output")
    c.approx('output line "z = 0.300"', z, "0.300")
    c.equal('output line "class: 1"', 1 if z > 0 else 0, 1)

    # -- Figures: the activations' slopes at a few points, from autograd.
    c.section("Figures")
    c.approx("sigmoid(0)", torch.sigmoid(torch.tensor(0.0)).item(), "0.5 ± 1e-10")
    c.approx("sigmoidDerivative(0)", autograd_slope(torch.sigmoid, 0), "0.25 ± 1e-10")
    c.approx("tanhDerivative(0)", autograd_slope(torch.tanh, 0), "1.000")
    c.approx("sigmoidDerivative(4)", autograd_slope(torch.sigmoid, 4), "0.01766271")
    c.equal("reluDerivative(2)", autograd_slope(torch.relu, 2), 1.0)
    # Structural: the first chart adds three curves (sigmoid, tanh, ReLU).
    c.equal("activations.series.count", len(["sigmoid", "tanh", "ReLU"]), 3)

    # -- Explorables: 9 weights × 3 biases; the state w = 1.5, b = 0 at x = 1.
    c.section("Explorables")
    weights = np.arange(-2.0, 2.0 + 1e-9, 0.5)
    c.equal("neuron.stateCount", len(weights) * 3, 27)
    c.approx("steepNeuron.readouts.map(\\.value)", torch.sigmoid(torch.tensor(1.5 * 1 + 0, dtype=torch.float64)).item(), "0.817574")
    c.equal("steepNeuron.readouts.map(\\.text)", f"{1 / (1 + np.exp(-1.5)):.3f}", "0.818")

    # -- Exercise: the weighted sum of [2, 1] with weights [0.5, 0.25] and bias 1.
    c.section("Exercise: Scale a weighted sum")
    c.approx("scaled", 0.5 * 2 + 0.25 * 1 + 1, "2.25")

    c.finish()


if __name__ == "__main__":
    main()

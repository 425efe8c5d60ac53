#!/usr/bin/env python3
"""Independent reference values for chapters/01-perceptron.md.

Rosenblatt's perceptron is re-implemented here from the chapter's formulas in plain Python floats
(IEEE doubles, like Swift's Double, so that the chapter's exact-zero boundary checks can be
reproduced): z = w·x + b, ŷ = step(z), and on a mistake w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).
Epochs visit the four samples in order. The ReLU neuron's value is checked with PyTorch.

    python3 references/01-perceptron.py
"""
import math
import re
import sys

from workbook_reference import Checks

import torch

torch.set_default_dtype(torch.float64)


class ReferencePerceptron:
    """w·x + b (summed from 0.0 in index order, then the bias added), strict or inclusive step."""

    def __init__(self, weights, bias, learning_rate, inclusive=False):
        self.weights = list(weights)
        self.bias = bias
        self.learning_rate = learning_rate
        self.inclusive = inclusive  # True: z >= 0 counts as class 1; False: only z > 0 does

    def weighted_sum(self, x):
        total = 0.0
        for w, xi in zip(self.weights, x):
            total += w * xi
        return total + self.bias

    def predict(self, x):
        z = self.weighted_sum(x)
        return int(z >= 0 if self.inclusive else z > 0)

    def learn(self, x, label):
        error = label - self.predict(x)
        if error != 0:
            scale = self.learning_rate * error
            self.weights = [w + scale * xi for w, xi in zip(self.weights, x)]
            self.bias += scale
        return error

    def train(self, inputs, labels, epochs):
        """Returns the number of mistakes (= updates) in every epoch."""
        mistakes = []
        for _ in range(epochs):
            mistakes.append(sum(1 for x, y in zip(inputs, labels) if self.learn(x, y) != 0))
        return mistakes


def first_error_free_epoch(mistakes):
    return mistakes.index(0) + 1 if 0 in mistakes else None


def main():
    c = Checks("01-perceptron")

    # -- Worked example: one decision, x = [1, 0.5], w = [0.6, -0.4], b = -0.1.
    c.section("Worked example: one decision")
    sample = [1.0, 0.5]
    neuron = ReferencePerceptron([0.6, -0.4], -0.1, learning_rate=0.1)
    z = neuron.weighted_sum(sample)
    c.approx("0.6 * 1.0", 0.6 * 1.0, "0.6 ± 1e-10")
    c.approx("-0.4 * 0.5", -0.4 * 0.5, "-0.2 ± 1e-10")
    c.approx("z", z, "0.3 ± 1e-10")
    c.equal("step(z)", int(z > 0), 1)
    c.equal("neuron.predict(sample)", neuron.predict(sample), 1)

    # -- Worked example: one update with label 0 and η = 0.1.
    c.section("Worked example: one update")
    error = neuron.learn(sample, 0)
    c.equal('output "error: -1"', error, -1)
    c.approx('output "weights: [0.5, -0.45]"', neuron.weights, "[0.5, -0.45]")
    c.approx('output "bias: -0.2"', neuron.bias, "-0.2")
    c.equal("error", error, -1)
    c.approx("neuron.weights", neuron.weights, "[0.5, -0.45] ± 1e-10")
    c.approx("neuron.bias", neuron.bias, "-0.2 ± 1e-10")
    c.approx("neuron.weights[1] * sample[1]", neuron.weights[1] * sample[1], "-0.225 ± 1e-10")
    c.approx("neuron.weightedSum(sample)", neuron.weighted_sum(sample), "0.075")
    c.equal("neuron.weightedSum(sample) < z", neuron.weighted_sum(sample) < z, True)

    # -- Training on a logic gate: AND from zero weights, η = 0.01, 100 epochs.
    c.section("Training on a logic gate")
    gate_inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    and_labels = [0, 0, 0, 1]
    and_gate = ReferencePerceptron([0.0, 0.0], 0.0, learning_rate=0.01)
    and_mistakes = and_gate.train(gate_inputs, and_labels, 100)
    first = first_error_free_epoch(and_mistakes)
    c.equal('output "mistakes per epoch: [1, 3, 3, 2, 1, 0, 0]"', and_mistakes[:7], [1, 3, 3, 2, 1, 0, 0])
    c.equal("andPredictions", [and_gate.predict(x) for x in gate_inputs], [0, 0, 0, 1])
    c.equal("andHistory.firstErrorFreeEpoch!", first, 6)
    c.equal("andHistory.updatesBeforeConvergence", sum(and_mistakes[: first - 1]), 10)
    c.equal("andHistory.totalUpdates", sum(and_mistakes), 10)
    c.approx("andGate.weights", and_gate.weights, "[0.02, 0.01] ± 1e-11")
    c.approx("andGate.bias", and_gate.bias, "-0.02 ± 1e-11")

    # -- A boundary through a training point: z at (1, 0) is exactly zero.
    c.section("A boundary through a training point")
    boundary_z = and_gate.weighted_sum([1.0, 0.0])
    inclusive_gate = ReferencePerceptron(and_gate.weights, and_gate.bias, 0.01, inclusive=True)
    c.equal("boundaryZ", boundary_z, 0.0)
    c.equal("andGate.predict([1, 0])", and_gate.predict([1.0, 0.0]), 0)
    c.equal("inclusiveGate.predict([1, 0])", inclusive_gate.predict([1.0, 0.0]), 1)
    c.equal("gateInputs.map { inclusiveGate.predict($0) }", [inclusive_gate.predict(x) for x in gate_inputs], [0, 0, 1, 1])

    inclusive_trained = ReferencePerceptron([0.0, 0.0], 0.0, 0.01, inclusive=True)
    inclusive_mistakes = inclusive_trained.train(gate_inputs, and_labels, 100)
    c.equal("gateInputs.map { inclusiveTrained.predict($0) }", [inclusive_trained.predict(x) for x in gate_inputs], [0, 0, 0, 1])
    c.equal("inclusiveHistory.firstErrorFreeEpoch!", first_error_free_epoch(inclusive_mistakes), 6)
    c.approx("inclusiveTrained.bias", inclusive_trained.bias, "-0.03 ± 1e-11")
    c.equal("inclusiveTrained.weightedSum([1, 1])", inclusive_trained.weighted_sum([1.0, 1.0]), 0.0)

    # -- What one neuron cannot do: XOR never trains to zero mistakes.
    c.section("What one neuron cannot do: XOR")
    xor_labels = [0, 1, 1, 0]
    xor_gate = ReferencePerceptron([0.0, 0.0], 0.0, learning_rate=0.01)
    xor_mistakes = xor_gate.train(gate_inputs, xor_labels, 100)
    xor_wrong = sum(1 for x, y in zip(gate_inputs, xor_labels) if xor_gate.predict(x) != y)
    c.equal("xorHistory.mistakesPerEpoch.contains(0)", 0 in xor_mistakes, False)
    c.equal("xorHistory.mistakesPerEpoch.last!", xor_mistakes[-1], 4)
    c.within("xorWrong", xor_wrong, 1, 4)
    # The figures of both gates: XOR's final line, and the points it gets wrong.
    c.approx("xorGate.weights", xor_gate.weights, "[-0.01, 0] ± 1e-11")
    c.approx("xorGate.bias", xor_gate.bias, "0.01 ± 1e-11")
    c.equal("xorWrong", xor_wrong, 2)
    c.equal("gateInputs.map { xorGate.predict($0) }", [xor_gate.predict(x) for x in gate_inputs], [1, 1, 0, 0])
    c.equal("andHistory.mistakesPerEpoch.prefix(20).suffix(14).allSatisfy { $0 == 0 }",
            all(m == 0 for m in and_mistakes[:20][-14:]), True)
    c.equal("xorHistory.mistakesPerEpoch.prefix(20).min()! > 0", min(xor_mistakes[:20]) > 0, True)

    # -- A neuron with a ReLU: x = [0.5, 0.8, 0.2], w = [0.3, -0.5, 0.8], b = 0.1, with PyTorch.
    c.section("A neuron with a ReLU")
    x = torch.tensor([0.5, 0.8, 0.2])
    w = torch.tensor([0.3, -0.5, 0.8])
    relu_z = torch.dot(w, x) + 0.1
    c.approx("zip(threeInputs, threeWeights).map { $0 * $1 }", x * w, "[0.15, -0.4, 0.16] ± 1e-10")
    c.approx("reluZ", relu_z.item(), "0.01 ± 1e-11")
    c.approx("reluOutput", torch.relu(relu_z).item(), "0.01 ± 1e-11")
    c.equal("relu(-reluZ)", torch.relu(-relu_z).item(), 0.0)

    # -- Exercise: OR gate, η = 0.01, 100 epochs.
    c.section("Exercise: OR gate")
    or_gate = ReferencePerceptron([0.0, 0.0], 0.0, learning_rate=0.01)
    or_mistakes = or_gate.train(gate_inputs, [0, 1, 1, 1], 100)
    c.equal("orPredictions", [or_gate.predict(x) for x in gate_inputs], [0, 1, 1, 1])
    c.equal("orHistory.firstErrorFreeEpoch!", first_error_free_epoch(or_mistakes), 4)
    c.equal("orHistory.totalUpdates", sum(or_mistakes), 4)
    c.approx("orGate.weights", or_gate.weights, "[0.01, 0.01] ± 1e-11")
    c.equal("orGate.weightedSum([0, 0])", or_gate.weighted_sum([0.0, 0.0]), 0.0)

    c.finish()


if __name__ == "__main__":
    main()

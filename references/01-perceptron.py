#!/usr/bin/env python3
"""Independent reference values for chapters/01-perceptron.md.

Rosenblatt's perceptron is re-implemented here from the chapter's formulas in plain Python floats
(IEEE doubles, like Swift's Double, so that the chapter's exact-zero boundary checks can be
reproduced): z = w·x + b, ŷ = step(z), and on a mistake w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).
Epochs visit the four samples in order. The ReLU neuron's value is checked with PyTorch.

    python3 references/01-perceptron.py
"""
# ---------------------------------------------------------------------------------------------
# Checking helpers (the same block in every reference script).
#
# Each check prints the chapter's expect line next to the value recomputed here. `approx` takes
# the expected value as the text written in the chapter ("0.300", "[0.5, -0.45]", "0.3 ± 1e-12",
# "1.5254e7 ± 1%") and applies the chapter's rule: without an explicit ±, the tolerance is half a
# unit in the last digit written. The script exits with status 1 if any value disagrees.
# ---------------------------------------------------------------------------------------------
import math
import re
import sys

_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class Checks:
    def __init__(self, chapter):
        self.chapter = chapter
        self.passed = 0
        self.failures = []
        self.notes = 0
        print(f"Independent reference values for chapters/{chapter}.md")

    def section(self, title):
        print(f"\n## {title}")

    def approx(self, expression, computed, expected):
        """`expression ≈ expected`, expected as written in the chapter."""
        value_text, tolerance = _split_tolerance(expected)
        problem = _compare(_parse_value(value_text), _nested(computed), tolerance, "")
        self._record(f"{expression} ≈ {expected}", computed, problem)

    def equal(self, expression, computed, expected, shown=None):
        """`expression == expected`, compared exactly; `shown` is an optional value to print."""
        computed_value = _nested(computed)
        problem = None if computed_value == _nested(expected) else f"expected exactly {_show(expected)}"
        self._record(f"{expression} == {_show(expected)}", computed if shown is None else shown, problem)

    def within(self, expression, computed, low, high):
        """`expression in low...high`."""
        value = float(computed)
        problem = None if low <= value <= high else f"outside {low}...{high}"
        self._record(f"{expression} in {low}...{high}", computed, problem)

    def note(self, expression, reason):
        """An expect line with no independent counterpart (it compares two of the library's own code paths)."""
        print(f"  --       {expression}\n             not recomputed: {reason}")
        self.notes += 1

    def finish(self):
        skipped = f" ({self.notes} expect lines not recomputed, see above)" if self.notes else ""
        print(f"\n{self.chapter}: {self.passed} passed, {len(self.failures)} failed{skipped}")
        for line in self.failures:
            print("  MISMATCH", line)
        sys.exit(1 if self.failures else 0)

    def _record(self, line, computed, problem):
        status = "ok      " if problem is None else "MISMATCH"
        print(f"  {status} {line}\n             computed: {_show(computed)}")
        if problem is None:
            self.passed += 1
        else:
            print(f"             {problem}")
            self.failures.append(f"{line}  (computed {_show(computed)}; {problem})")


def _split_tolerance(text):
    for marker in ("±", "+-"):
        if marker in text:
            value, bound = text.split(marker)
            bound = bound.strip()
            if bound.endswith("%"):
                return value.strip(), ("relative", float(bound[:-1]) / 100)
            return value.strip(), ("absolute", float(bound))
    return text.strip(), ("digits", None)


def _parse_value(text):
    """A number, nan, inf, or nested [..] lists of them, keeping each number's literal text."""
    tokens = re.findall(r"\[|\]|,|-?inf|nan|" + _NUMBER.pattern, text)

    def parse(position):
        token = tokens[position]
        if token == "[":
            items, position = [], position + 1
            while tokens[position] != "]":
                item, position = parse(position)
                items.append(item)
                if tokens[position] == ",":
                    position += 1
            return items, position + 1
        return token, position + 1

    value, end = parse(0)
    assert end == len(tokens), f"cannot parse expected value {text!r}"
    return value


def _implicit_bound(literal):
    mantissa, _, exponent = literal.lower().partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def _compare(expected, computed, tolerance, path):
    if isinstance(expected, list):
        if not isinstance(computed, list) or len(computed) != len(expected):
            return f"shape differs at [{path}]: expected {len(expected)} entries"
        for index, (e, c) in enumerate(zip(expected, computed)):
            problem = _compare(e, c, tolerance, f"{path}{',' if path else ''}{index}")
            if problem:
                return problem
        return None
    value = float(expected)
    if isinstance(computed, list):
        return f"expected a number at [{path}], computed a list"
    if math.isnan(value):
        return None if math.isnan(computed) else f"expected nan at [{path}]"
    if math.isinf(value):
        return None if computed == value else f"expected {expected} at [{path}]"
    kind, amount = tolerance
    bound = {"digits": lambda: _implicit_bound(expected), "absolute": lambda: amount,
             "relative": lambda: amount * abs(value)}[kind]()
    slack = 4 * max(math.ulp(value), math.ulp(bound))  # absorbs the binary rounding of the bound
    if abs(computed - value) <= bound + slack:
        return None
    return f"at [{path}] expected {expected} ± {bound:g}, difference {computed - value:.3g}"


def _nested(value):
    """Numbers, booleans, strings and (nested) lists, from NumPy arrays, tensors or lists."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_nested(v) for v in value]
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, int):
        return value
    return float(value)


def _show(value):
    value = _nested(value)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)

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
    c.approx("0.6 * 1.0", 0.6 * 1.0, "0.6")
    c.approx("-0.4 * 0.5", -0.4 * 0.5, "-0.2")
    c.approx("z", z, "0.3")
    c.equal("step(z)", int(z > 0), 1)
    c.equal("neuron.predict(sample)", neuron.predict(sample), 1)

    # -- Worked example: one update with label 0 and η = 0.1.
    c.section("Worked example: one update")
    error = neuron.learn(sample, 0)
    c.equal('output "error: -1"', error, -1)
    c.approx('output "weights: [0.5, -0.45]"', neuron.weights, "[0.5, -0.45]")
    c.approx('output "bias: -0.2"', neuron.bias, "-0.2")
    c.equal("error", error, -1)
    c.approx("neuron.weights", neuron.weights, "[0.5, -0.45]")
    c.approx("neuron.bias", neuron.bias, "-0.2")
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
    c.approx("andGate.weights", and_gate.weights, "[0.02, 0.01]")
    c.approx("andGate.bias", and_gate.bias, "-0.02")

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
    c.approx("inclusiveTrained.bias", inclusive_trained.bias, "-0.03")
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
    c.equal("andHistory.mistakesPerEpoch.prefix(20).suffix(14).allSatisfy { $0 == 0 }",
            all(m == 0 for m in and_mistakes[:20][-14:]), True)
    c.equal("xorHistory.mistakesPerEpoch.prefix(20).min()! > 0", min(xor_mistakes[:20]) > 0, True)

    # -- A neuron with a ReLU: x = [0.5, 0.8, 0.2], w = [0.3, -0.5, 0.8], b = 0.1, with PyTorch.
    c.section("A neuron with a ReLU")
    x = torch.tensor([0.5, 0.8, 0.2])
    w = torch.tensor([0.3, -0.5, 0.8])
    relu_z = torch.dot(w, x) + 0.1
    c.approx("zip(threeInputs, threeWeights).map { $0 * $1 }", x * w, "[0.15, -0.4, 0.16]")
    c.approx("reluZ", relu_z.item(), "0.01")
    c.approx("reluOutput", torch.relu(relu_z).item(), "0.01")
    c.equal("relu(-reluZ)", torch.relu(-relu_z).item(), 0.0)

    # -- Exercise: OR gate, η = 0.01, 100 epochs.
    c.section("Exercise: OR gate")
    or_gate = ReferencePerceptron([0.0, 0.0], 0.0, learning_rate=0.01)
    or_mistakes = or_gate.train(gate_inputs, [0, 1, 1, 1], 100)
    c.equal("orPredictions", [or_gate.predict(x) for x in gate_inputs], [0, 1, 1, 1])
    c.equal("orHistory.firstErrorFreeEpoch!", first_error_free_epoch(or_mistakes), 4)
    c.equal("orHistory.totalUpdates", sum(or_mistakes), 4)
    c.approx("orGate.weights", or_gate.weights, "[0.01, 0.01]")
    c.equal("orGate.weightedSum([0, 0])", or_gate.weighted_sum([0.0, 0.0]), 0.0)

    c.finish()


if __name__ == "__main__":
    main()

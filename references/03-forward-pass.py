#!/usr/bin/env python3
"""Independent reference values for chapters/03-forward-pass.md.

The 2-2-2 network is evaluated twice: in the column convention z = W·a + b with NumPy, and in the
row (batch) convention Z = X·W + b with PyTorch's nn.Linear layers (whose stored weight is the
column convention's W, so x·Wᵀ + b). The 784-128-64-10 and 4-8-4-1 networks are rebuilt from the
workbook's seeded generator (pure-Python copy) with He-normal weights N(0, 2/fan_in) drawn row by
row into (fan_in × fan_out) matrices and zero biases.

    python3 references/03-forward-pass.py
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

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

# ---------------------------------------------------------------------------------------------
# The workbook's seeded generator, re-implemented from its specification in pure Python integers
# so that every random number of the chapter can be reproduced exactly:
#   SplitMix64 (state += 0x9E3779B97F4A7C15, then the two xor-shift-multiply rounds),
#   a uniform in [0, 1) from the top 53 bits times 2^-53,
#   normals by Box–Muller with u1 = 1 − uniform, u2 = uniform: r·cos(2πu2) is returned and
#   r·sin(2πu2) is cached as the next call's value,
#   integers below n as next() mod n, and a Fisher–Yates shuffle swapping i with next() mod (i+1)
#   for i from n − 1 down to 1. Matrices are filled row by row.
# ---------------------------------------------------------------------------------------------
_MASK64 = (1 << 64) - 1


class SeededGenerator:
    def __init__(self, seed):
        self.state = seed & _MASK64
        self.spare = None

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return z ^ (z >> 31)

    def uniform(self, low=0.0, high=1.0):
        return low + (high - low) * ((self.next() >> 11) * 2.0 ** -53)

    def gaussian(self, mean=0.0, standard_deviation=1.0):
        if self.spare is not None:
            spare, self.spare = self.spare, None
            return mean + standard_deviation * spare
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        radius = math.sqrt(-2 * math.log(u1))
        self.spare = radius * math.sin(2 * math.pi * u2)
        return mean + standard_deviation * radius * math.cos(2 * math.pi * u2)

    def integer_below(self, bound):
        return self.next() % bound

    def permutation(self, count):
        order = list(range(count))
        for i in range(count - 1, 0, -1):
            j = self.integer_below(i + 1)
            order[i], order[j] = order[j], order[i]
        return order

    def gaussian_matrix(self, rows, columns, standard_deviation=1.0):
        return np.array([[self.gaussian(0.0, standard_deviation) for _ in range(columns)] for _ in range(rows)])

    def uniform_matrix(self, rows, columns, low, high):
        return np.array([[self.uniform(low, high) for _ in range(columns)] for _ in range(rows)])


def check_splitmix64_reference(checks):
    """SplitMix64's published first outputs for seed 0 (Vigna's splitmix64.c, Java's SplittableRandom)."""
    generator = SeededGenerator(0)
    outputs = [generator.next() for _ in range(3)]
    checks.equal("SplitMix64(seed 0) first outputs (published test vector)",
                 [hex(v) for v in outputs], ["0xe220a8397b1dcdaf", "0x6e789e6aa1b965f4", "0x6c45d188009454f"])


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
    c.approx("hiddenPass.preActivation", z1, "[[0.75], [-0.1]]")
    c.equal("[hiddenPass.preActivation.rows, hiddenPass.preActivation.columns]", list(z1.shape), [2, 1])
    c.approx("hiddenPass.activation", a1, "[[0.75], [0]]")
    c.approx("reluDerivative(hiddenPass.preActivation)", (z1 > 0).astype(float), "[[1], [0]]")
    c.approx("outputPass.preActivation", z2, "[[0.375], [0.15]]")
    c.approx("outputExponentials", np.exp(z2), "[[1.455], [1.162]]")
    c.approx("outputSum", np.exp(z2).sum(), "2.617")
    c.approx("outputPass.activation", a2, "[[0.556], [0.444]]")
    c.approx("outputPass.activation", a2, "[[0.556014], [0.443986]]")
    c.approx("outputPass.activation.sum()", a2.sum(), "1 ± 1e-12")
    c.equal("predictedClass", int(a2[:, 0].argmax()), 0)

    def hidden_layer(column):
        z = w1 @ np.array(column, dtype=float).reshape(2, 1) + b1
        return z, np.maximum(z, 0)

    c.approx("hiddenLayer.forward(Matrix(column: [0, 1])).activation", hidden_layer([0, 1])[1], "[[0.8], [0.3]]")
    c.approx("hiddenLayer.forward(Matrix(column: [2, 1.25])).preActivation[1, 0]", hidden_layer([2, 1.25])[0][1, 0],
             "0 ± 1e-12")

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
    c.approx("network.layers[0].weights", row_w1, "[[0.3, -0.2], [0.7, 0.4]]")
    c.equal("[batchZ1.rows, batchZ1.columns]", list(batch_z1.shape), [4, 2])
    c.equal("[batchPass.output.rows, batchPass.output.columns]", list(batch_out.shape), [4, 2])
    c.equal("batchPass.activations.count", len([batch, batch_a1, batch_out]), 3)  # input + one per layer
    c.approx("batchZ1", batch_z1, "[[0.75, -0.1], [0.8, 0.3], [1.2, 0.9], [-0.3, -0.7]]")
    c.approx("batchPass.activations[1]", batch_a1, "[[0.75, 0], [0.8, 0.3], [1.2, 0.9], [0, 0]]")
    c.approx("batchZ2", batch_z2, "[[0.375, 0.15], [0.31, 0.34], [0.33, 0.78], [0, 0]]")
    c.approx("batchPass.output", batch_out,
             "[[0.556014, 0.443986], [0.492501, 0.507499], [0.389361, 0.610639], [0.5, 0.5]]")
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
    c.approx("secondZ1", s_z1, "[[0.86, 0.26]]")
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

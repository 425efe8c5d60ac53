#!/usr/bin/env python3
"""Independent reference values for chapters/02-activation-functions.md.

Activation values come from PyTorch's own functions (torch.sigmoid, torch.tanh, F.relu,
F.leaky_relu, F.elu, F.selu, F.gelu, torch.softmax) and every derivative from autograd; the
linear-collapse example uses NumPy matrix products. The 100 random inputs are regenerated with a
pure-Python copy of the workbook's seeded generator (seed 7).

    python3 references/02-activation-functions.py
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
import torch.nn.functional as F

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
    c.approx("hidden", hidden, "[[1.25, -1]]")
    c.approx("twoLayers", hidden @ w2 + b2, "[[2, -1]]")
    c.approx("collapsedW", collapsed_w, "[[1, -1], [3, 2]]")
    c.approx("collapsedB", collapsed_b, "[[-0.5, -1]]")
    c.approx("oneLayer", x @ collapsed_w + collapsed_b, "[[2, -1]]")

    generator = SeededGenerator(7)
    random_inputs = generator.uniform_matrix(100, 2, -5.0, 5.0)
    deep = (random_inputs @ w1 + b1) @ w2 + b2
    shallow = random_inputs @ collapsed_w + collapsed_b
    largest_gap = np.abs(deep - shallow).max()
    c.equal("largestGap < 1e-12", bool(largest_gap < 1e-12), True, shown=largest_gap)

    relu_hidden = np.maximum(hidden, 0)
    c.approx("relu(hidden)", relu_hidden, "[[1.25, 0]]")
    c.approx("bent", relu_hidden @ w2 + b2, "[[3, 0]]")

    # -- Sigmoid at four points, its derivative by autograd.
    c.section("Sigmoid")
    points = [-2.0, 0.0, 0.75, 3.0]
    exp_minus = np.exp(-np.array(points))
    sigmas = values(torch.sigmoid, points)
    c.approx("expMinus", exp_minus, "[7.389, 1.000, 0.472, 0.050]")
    c.approx("expMinus", exp_minus, "[7.389056, 1, 0.472367, 0.049787]")
    c.approx("sigmas", sigmas, "[0.119203, 0.5, 0.679179, 0.952574]")
    c.approx("sigmas", sigmas, "[0.119, 0.500, 0.679, 0.953]")
    c.approx("slopes", slopes(torch.sigmoid, points), "[0.104994, 0.25, 0.217895, 0.045177]")
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
    c.approx("tanhSlopes", slopes(torch.tanh, points), "[0.070651, 1, 0.596586, 0.009866]")
    c.approx("2 * sigmoid(1.5) - 1", 2 * torch.sigmoid(torch.tensor(1.5)).item() - 1, "0.635149")

    # -- ReLU and leaky ReLU (PyTorch's default negative slope is 0.01).
    c.section("ReLU and leaky ReLU")
    relu_points = [-2.0, -0.5, 0.0, 0.5, 2.0]
    c.approx("reluValues", values(F.relu, relu_points), "[0, 0, 0, 0.5, 2]")
    c.equal("reluSlopes", slopes(F.relu, relu_points), [0.0, 0.0, 0.0, 1.0, 1.0])  # PyTorch: 0 at z = 0
    c.approx("leakyValues", values(F.leaky_relu, [-2.0, 0.5]), "[-0.02, 0.5]")
    c.approx("leakyWide", values(lambda z: F.leaky_relu(z, 0.1), [-2.0])[0], "-0.2")
    c.approx("leakyReLUDerivative(-2)", slopes(F.leaky_relu, [-2.0])[0], "0.01")

    # -- ELU and SELU.
    c.section("ELU and SELU")
    c.approx("eluAtMinusOne", values(F.elu, [-1.0])[0], "-0.632121")
    c.approx("eluDerivative(-1)", slopes(F.elu, [-1.0])[0], "0.367879")
    c.approx("elu(-20)", values(F.elu, [-20.0])[0], "-1 ± 1e-8")
    c.approx("seluAtMinusOne", values(F.selu, [-1.0])[0], "-1.111331")
    c.approx("seluAtTwo", values(F.selu, [2.0])[0], "2.101402")
    c.approx("seluDerivative(1)", slopes(F.selu, [1.0])[0], "1.050701")
    c.approx("seluDerivative(-1)", slopes(F.selu, [-1.0])[0], "0.646769")

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
    c.approx("geluLowestAt", grid[gelu_grid.index(lowest)], "-0.75 ± 0.01")
    c.approx("geluDerivative(-1)", slopes(gelu, [-1.0])[0], "-0.083315")

    # -- One enum for all of them: the seven activations at z = 0.5.
    c.section("One enum for all of them")
    choices = [torch.sigmoid, torch.tanh, F.relu, F.leaky_relu, F.elu, F.selu, F.gelu]
    c.approx("valuesAtHalf", [values(f, [0.5])[0] for f in choices],
             "[0.622459, 0.462117, 0.5, 0.5, 0.5, 0.525350, 0.345731]")
    c.approx("slopesAtHalf", [slopes(f, [0.5])[0] for f in choices],
             "[0.235004, 0.786448, 1, 1, 1, 1.050701, 0.867495]")
    c.approx("Activation.relu(Matrix([[-1, 2]]))", F.relu(torch.tensor([[-1.0, 2.0]])), "[[0, 2]]")

    # -- The shapes side by side (structural: the number of curves drawn on each chart).
    c.section("The shapes side by side")
    c.equal("shapes.series.count", len(["sigmoid", "tanh", "ReLU", "leaky ReLU", "ELU", "GELU"]), 6)
    c.equal("slopeChart.series.count", len(["sigmoid'", "tanh'", "ReLU'", "ELU'", "GELU'"]), 5)

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

#!/usr/bin/env python3
"""Independent reference values for chapters/00-how-this-workbook-works.md.

The chapter's examples are a weighted sum, the step function and the slopes of three activation
functions. The arithmetic is redone by hand in plain Python and the derivatives come from PyTorch's
autograd, never from the workbook's Swift code.

    python3 references/00-how-this-workbook-works.py
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


def autograd_slope(function, at):
    """d function / dz at z = `at`, by PyTorch's autograd."""
    z = torch.tensor(float(at), requires_grad=True)
    function(z).backward()
    return z.grad.item()


def main():
    c = Checks("00-how-this-workbook-works")

    # -- Snippets and Checks: z = w · x + b for x = [1, 0.5], w = [0.6, -0.4], b = -0.1, by hand.
    c.section("Checks")
    inputs = [1.0, 0.5]
    z = 0.6 * 1.0 + (-0.4) * 0.5 + (-0.1)
    secret_scale = 2.0  # the hidden snippet's constant
    c.approx("z", z, "0.3")
    c.approx("z", z, "0.300 ± 1e-12")
    c.approx("z", z, "0.3 ± 0.01%")
    c.approx("z * secretScale", z * secret_scale, "0.6")
    c.approx("[z, -z]", [z, -z], "[0.3, -0.3]")
    c.approx("[[z, 0], [0, z]]", [[z, 0.0], [0.0, z]], "[[0.3, 0], [0, 0.3]]")
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
    c.approx("sigmoid(0)", torch.sigmoid(torch.tensor(0.0)).item(), "0.5")
    c.approx("sigmoidDerivative(0)", autograd_slope(torch.sigmoid, 0), "0.25")
    c.approx("tanhDerivative(0)", autograd_slope(torch.tanh, 0), "1.000")
    c.approx("sigmoidDerivative(4)", autograd_slope(torch.sigmoid, 4), "0.018")
    c.equal("reluDerivative(2)", autograd_slope(torch.relu, 2), 1.0)
    # Structural: the first chart adds three curves (sigmoid, tanh, ReLU).
    c.equal("activations.series.count", len(["sigmoid", "tanh", "ReLU"]), 3)

    # -- Exercise: the weighted sum of [2, 1] with weights [0.5, 0.25] and bias 1.
    c.section("Exercise: Scale a weighted sum")
    c.approx("scaled", 0.5 * 2 + 0.25 * 1 + 1, "2.25")

    c.finish()


if __name__ == "__main__":
    main()

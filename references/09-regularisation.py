#!/usr/bin/env python3
"""Independent reference values for chapters/09-regularisation.md.

Penalties and their gradients: NumPy sums, with the gradients confirmed by PyTorch autograd of
(λ/2)Σw² and λΣ|w| (autograd's sign(0) = 0). The decay experiment repeats the chapter's 100 steps
in plain Python floats (so the sub-ulp residue of the L1 path is reproduced). Dropout masks come
from a pure-Python copy of the workbook's seeded generator: a unit is kept when the next uniform is
below the keep probability 1 − p, and kept units are scaled by 1/(1 − p) (inverted dropout, as
PyTorch's nn.Dropout). Early stopping is re-implemented from the chapter's rule.

    python3 references/09-regularisation.py
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


def penalty_gradients(weights, lam):
    w = torch.tensor(weights, requires_grad=True)
    (lam * w.abs().sum()).backward()
    l1 = w.grad.clone()
    w.grad = None
    (lam / 2 * (w ** 2).sum()).backward()
    return l1, w.grad


def inverted_dropout_mask(generator, rows, columns, rate):
    keep = 1 - rate
    return np.array([[1 / keep if generator.uniform() < keep else 0.0 for _ in range(columns)] for _ in range(rows)])


def dropout_forward(x, training, generator, rate):
    """(output, mask): a mask is drawn only in training; at inference the layer is the identity."""
    if not training or rate == 0:
        return x, None
    mask = inverted_dropout_mask(generator, *x.shape, rate)
    return x * mask, mask


class ReferenceEarlyStopping:
    """Improvement = loss below best − min_delta; stop once `patience` epochs in a row fail."""

    def __init__(self, patience, min_delta):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.best_epoch, self.bad_epochs, self.epochs = math.inf, None, 0, 0

    def should_stop(self, loss):
        if loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.bad_epochs = loss, self.epochs, 0
        else:
            self.bad_epochs += 1
        self.epochs += 1
        return self.bad_epochs >= self.patience


def main():
    c = Checks("09-regularisation")

    # -- Worked example: both penalties on W1 = [[0.5, -1.2], [0, 2]], W2 = [[-0.3], [0.8]], λ = 0.01.
    c.section("Penalties on the weights")
    w1 = np.array([[0.5, -1.2], [0.0, 2.0]])
    w2 = np.array([[-0.3], [0.8]])
    lam = 0.01
    l1 = lam * (np.abs(w1).sum() + np.abs(w2).sum())
    l2 = lam / 2 * ((w1 ** 2).sum() + (w2 ** 2).sum())
    c.approx("l1", l1, "0.048")
    c.approx("l2", l2, "0.0321")
    c.approx("0.35 + l1", 0.35 + l1, "0.398")
    c.approx("0.35 + l2", 0.35 + l2, "0.3821")
    l1_gradient, l2_gradient = penalty_gradients(w1, lam)
    c.approx("l1Gradient", l1_gradient, "[[0.01, -0.01], [0, 0.01]]")
    c.approx("l2Gradient", l2_gradient, "[[0.005, -0.012], [0, 0.02]]")

    # -- L1 makes weights exactly zero, L2 only small: 100 steps, η = 0.1, λ = 0.1, data gradient 0.
    c.section("L1 makes weights exactly zero, L2 only small")
    w_l2 = w_l1 = 0.5
    l2_path, l1_path = [], []
    for _ in range(100):
        w_l2 -= 0.1 * (0.1 * w_l2)
        w_l1 -= 0.1 * (0.1 if w_l1 > 0 else (-0.1 if w_l1 < 0 else 0.0))
        l2_path.append(w_l2)
        l1_path.append(w_l1)
    c.approx("l2Path.prefix(2).map { $0 }", l2_path[:2], "[0.495, 0.49005]")
    c.approx("l1Path.prefix(2).map { $0 }", l1_path[:2], "[0.49, 0.48]")
    c.approx("l2Path[99]", l2_path[99], "0.183016")
    c.approx("pow(0.99, 100) * 0.5", 0.99 ** 100 * 0.5, "0.183016")
    c.equal("abs(l1Path[49]) < 1e-12", abs(l1_path[49]) < 1e-12, True, shown=l1_path[49])
    c.equal("abs(l1Path[99]) < 1e-12", abs(l1_path[99]) < 1e-12, True, shown=l1_path[99])
    c.approx("l1Path[48]", l1_path[48], "0.01")
    c.approx("l1Path[50]", l1_path[50], "0.01")

    # -- Dropout: one mask, p = 0.5, seed 7.
    c.section("Dropout")
    activations = np.array([[1.0, 2, 3, 4], [5, 6, 7, 8]])
    generator = SeededGenerator(7)
    training_output, mask = dropout_forward(activations, True, generator, 0.5)
    inference_output, inference_mask = dropout_forward(activations, False, generator, 0.5)
    c.approx("dropout.keepProbability", 1 - 0.5, "0.5")
    c.approx("trainingPass.mask!", mask, "[[2, 2, 0, 0], [2, 2, 2, 2]]")
    c.approx("trainingPass.output", training_output, "[[2, 4, 0, 0], [10, 12, 14, 16]]")
    c.approx("dropoutBackward", np.ones((2, 4)) * mask, "[[2, 2, 0, 0], [2, 2, 2, 2]]")
    c.approx("inferencePass.output", inference_output, "[[1, 2, 3, 4], [5, 6, 7, 8]]")
    c.equal("(inferencePass.mask == nil)", inference_mask is None, True)
    # PyTorch's nn.Dropout in eval mode is the identity as well.
    layer = torch.nn.Dropout(0.5).eval()
    c.approx("inferencePass.output (PyTorch nn.Dropout, eval mode)", layer(torch.tensor(activations)),
             "[[1, 2, 3, 4], [5, 6, 7, 8]]")

    # The expectation is preserved: p = 0.2 on 10,000 units, seed 7.
    many_mask = inverted_dropout_mask(SeededGenerator(7), 1, 10_000, 0.2)
    kept = float((many_mask > 0).mean())
    c.approx("manyMask.max()", many_mask.max(), "1.25")
    c.within("keptFraction", kept, 0.78, 0.82)
    c.within("manyMask.mean()", many_mask.mean(), 0.975, 1.025)
    training_mean = float((many_mask > 0).astype(float).mean())
    c.within("trainingMean", training_mean, 0.78, 0.82)
    c.equal("abs(trainingMean - 0.8) < abs(trainingMean - 0.2)", abs(training_mean - 0.8) < abs(training_mean - 0.2),
            True)
    # The same statistics from PyTorch's own dropout (its own random numbers, so only the ranges apply).
    torch.manual_seed(0)
    torch_mask = torch.nn.Dropout(0.2).train()(torch.ones(10_000))
    c.within("keptFraction (PyTorch nn.Dropout, its own random numbers)", (torch_mask > 0).double().mean().item(),
             0.78, 0.82)
    c.approx("manyMask.max() (PyTorch nn.Dropout)", torch_mask.max().item(), "1.25")

    # -- Early stopping: patience 3, minDelta 0.001.
    c.section("Early stopping")
    validation_losses = [1.00, 0.80, 0.70, 0.65, 0.6495, 0.66, 0.64, 0.645, 0.65, 0.66, 0.67]
    stopper = ReferenceEarlyStopping(3, 0.001)
    counters, stopped_at = [], None
    for epoch, loss in enumerate(validation_losses):
        stop = stopper.should_stop(loss)
        counters.append(stopper.bad_epochs)
        if stop:
            stopped_at = epoch
            break
    c.equal("counters", counters, [0, 0, 0, 0, 1, 2, 0, 1, 2, 3])
    c.equal("stoppedAt!", stopped_at, 9)
    c.equal("stopper.bestEpoch!", stopper.best_epoch, 6)
    c.approx("stopper.bestLoss", stopper.best_loss, "0.64")
    c.equal("stopper.epochCount", stopper.epochs, 10)

    # -- Exercise: penalties of a single layer, W = [[1, -2], [3, 0]], λ = 0.1.
    c.section("Exercise: Regularisation, penalties of a single layer")
    w = np.array([[1.0, -2.0], [3.0, 0.0]])
    _, exercise_l2_gradient = penalty_gradients(w, 0.1)
    c.approx("exerciseL1", 0.1 * np.abs(w).sum(), "0.6")
    c.approx("exerciseL2", 0.1 / 2 * (w ** 2).sum(), "0.7")
    c.approx("exerciseL2Gradient", exercise_l2_gradient, "[[0.1, -0.2], [0.3, 0]]")

    # -- Exercise: early stopping with patience 5 on 13 epochs.
    c.section("Exercise: Regularisation, early stopping with more patience")
    patient = ReferenceEarlyStopping(5, 0.001)
    patient_stop = None
    for epoch, loss in enumerate(validation_losses + [0.68, 0.69]):
        if patient.should_stop(loss):
            patient_stop = epoch
            break
    c.equal("patientStop!", patient_stop, 11)
    c.equal("patientStopper.bestEpoch!", patient.best_epoch, 6)
    c.equal("patientStopper.epochsWithoutImprovement", patient.bad_epochs, 5)

    c.finish()


if __name__ == "__main__":
    main()

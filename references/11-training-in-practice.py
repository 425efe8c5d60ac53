#!/usr/bin/env python3
"""Independent reference values for chapters/11-training-in-practice.md.

Shuffles, initial weights, the gradient-check inputs and the two-moons data are redrawn with a
pure-Python copy of the workbook's seeded generator (Fisher–Yates for the permutations, Box–Muller
normals, Xavier-normal weights N(0, 2/(fan_in+fan_out)) row by row into (fan_in × fan_out)).
Gradients come from PyTorch's autograd (float64) and are checked against NumPy central differences;
clipping uses torch.nn.utils.clip_grad_norm_ / clip_grad_value_; the SGD experiments use
torch.optim.SGD; the conditioning uses NumPy's symmetric eigenvalue solver and least squares.

    python3 references/11-training-in-practice.py
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


def mini_batches(count, batch_size, generator=None):
    """Index lists of one epoch: a fresh permutation (if a generator is given), cut into batches."""
    order = generator.permutation(count) if generator is not None else list(range(count))
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def xavier_network(sizes, generator):
    return [generator.gaussian_matrix(m, n, math.sqrt(2 / (m + n))) for m, n in zip(sizes, sizes[1:])]


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
    c = Checks("11-training-in-practice")
    check_splitmix64_reference(c)

    # -- Mini-batches: ten samples in batches of four, seed 5.
    c.section("Mini-batches")
    ten_inputs = np.arange(10.0).reshape(10, 1)
    ten_targets = (np.arange(10) % 2).astype(float).reshape(10, 1)
    shuffle_generator = SeededGenerator(5)
    epoch1 = mini_batches(10, 4, shuffle_generator)
    epoch2 = mini_batches(10, 4, shuffle_generator)
    c.equal("epoch1.map(\\.indices)", epoch1, [[3, 6, 0, 4], [5, 1, 2, 9], [7, 8]])
    c.equal("epoch1.map(\\.indices.count)", [len(b) for b in epoch1], [4, 4, 2])
    c.equal("epoch1.flatMap(\\.indices).sorted()", sorted(i for b in epoch1 for i in b), list(range(10)))
    c.approx("epoch1[0].inputs", ten_inputs[epoch1[0]], "[[3], [6], [0], [4]]")
    c.approx("epoch1[0].targets", ten_targets[epoch1[0]], "[[1], [0], [0], [0]]")
    c.equal("epoch2.map(\\.indices)", epoch2, [[8, 7, 3, 2], [1, 6, 9, 4], [0, 5]])
    mnist_batches = math.ceil(60_000 / 64)
    c.equal("mnistBatchCount", mnist_batches, 938)
    c.equal("mnistLastBatch", 60_000 - (mnist_batches - 1) * 64, 32)

    # -- Gradient checking: a 3-4-2 tanh/softmax network (seed 5), five samples.
    c.section("Gradient checking")
    check_generator = SeededGenerator(5)
    w1, w2 = xavier_network([3, 4, 2], check_generator)
    inputs = check_generator.gaussian_matrix(5, 3)
    classes = [0, 1, 1, 0, 1]

    def numpy_loss(first_weights):
        a = np.tanh(inputs @ first_weights)
        z = a @ w2
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        return float(-np.mean(np.log(p[np.arange(5), classes])))

    weights = torch.tensor(w1, requires_grad=True)
    logits = torch.tanh(torch.tensor(inputs) @ weights) @ torch.tensor(w2)
    torch.nn.functional.cross_entropy(logits, torch.tensor(classes)).backward()
    numeric = numerical_gradient(numpy_loss, w1)
    error = relative_error(weights.grad.numpy(), numeric)
    c.equal("firstLayerCheck.numerical.rows", numeric.shape[0], 3)
    c.equal("firstLayerCheck.numerical.columns", numeric.shape[1], 4)
    c.equal("firstLayerCheck.relativeError < 1e-8", error < 1e-8, True, shown=error)
    c.equal("firstLayerCheck.passes()", error < 1e-6, True, shown=error)
    # The bug: δ = ŷ − y without the 1/N makes the whole gradient N = 5 times too large.
    buggy_error = relative_error(5 * weights.grad.numpy(), numeric)
    c.approx("buggyCheck.relativeError", buggy_error, "0.8")
    c.equal("buggyCheck.passes()", buggy_error < 1e-6, False, shown=buggy_error)

    # -- Gradient clipping with PyTorch's utilities.
    c.section("Gradient clipping")

    def clip_by_norm(gradients, max_norm):
        tensors = [torch.zeros(len(g), requires_grad=True) for g in gradients]
        for t, g in zip(tensors, gradients):
            t.grad = torch.tensor(g)
        total = torch.nn.utils.clip_grad_norm_(tensors, max_norm).item()
        return [t.grad.tolist() for t in tensors], total

    raw = [[3.0, 4.0], [12.0]]
    norm_clipped, total = clip_by_norm(raw, 1.0)
    loose_clipped, _ = clip_by_norm(raw, 20.0)
    c.approx("normClipped.totalNorm", total, "13")
    c.approx("normClipped.scale", norm_clipped[1][0] / 12.0, "0.076923071")
    c.approx("normClipped.gradients[0]", [norm_clipped[0]], "[[0.230769213, 0.307692284]]")
    c.approx("normClipped.gradients[1]", [norm_clipped[1]], "[[0.923076852]]")
    c.equal("looseClipped.scale", loose_clipped[1][0] / 12.0, 1.0)
    c.equal("(looseClipped.gradients == rawGradients)", loose_clipped == raw, True)
    value_tensors = [torch.zeros(len(g), requires_grad=True) for g in raw]
    for t, g in zip(value_tensors, raw):
        t.grad = torch.tensor(g)
    torch.nn.utils.clip_grad_value_(value_tensors, 5.0)
    value_clipped = [t.grad.tolist() for t in value_tensors]
    flat_raw = np.array(raw[0] + raw[1])
    flat_value = np.array(value_clipped[0] + value_clipped[1])
    flat_norm = np.array(norm_clipped[0] + norm_clipped[1])
    c.approx("valueClipped[0]", [value_clipped[0]], "[[3, 4]]")
    c.approx("valueClipped[1]", [value_clipped[1]], "[[5]]")
    c.approx("valueCosine", flat_raw @ flat_value / (np.linalg.norm(flat_raw) * np.linalg.norm(flat_value)), "0.924678")
    c.approx("normCosine", flat_raw @ flat_norm / (13 * np.linalg.norm(flat_norm)), "1.000000")

    # -- Finding a learning rate: 1e-7 to 10 over 100 steps.
    c.section("Finding a learning rate")
    multiplier = (10 / 1e-7) ** (1 / 100)
    c.approx("rangeTest.multiplier", multiplier, "1.2022644")
    c.approx("pow(10, 0.08)", 10 ** 0.08, "1.2022644")
    c.approx("rangeTest.learningRate(atStep: 0)", 1e-7 * multiplier ** 0, "1e-7 ± 1e-15")
    c.approx("rangeTest.learningRate(atStep: 50)", 1e-7 * multiplier ** 50, "0.001 ± 1e-12")
    c.approx("rangeTest.learningRate(atStep: 100)", 1e-7 * multiplier ** 100, "10 ± 1e-9")
    range_losses = [2.30, 2.29, 2.25, 2.10, 1.80, 1.20, 0.70, 0.55, 0.90, 1.60, 2.40, 3.10]
    smallest, stop_step = math.inf, None
    for step, loss in enumerate(range_losses):
        smallest = min(smallest, loss)
        if loss > 4 * smallest:
            stop_step = step
            break
    c.equal("stopStep!", stop_step, 10)
    c.approx("smallest", smallest, "0.55")

    # -- Learning rate too high, and too low: θ² from θ = 1, 20 steps of torch.optim.SGD.
    c.section("Learning rate too high, and too low")

    def quadratic_loss(learning_rate, steps=20):
        theta = torch.tensor([1.0], requires_grad=True)
        optimizer = torch.optim.SGD([theta], lr=learning_rate)
        for _ in range(steps):
            optimizer.zero_grad()
            (theta ** 2).sum().backward()
            optimizer.step()
        return theta.item() ** 2

    c.approx("quadraticLoss(learningRate: 1.1)", quadratic_loss(1.1), "1469.77")
    c.approx("quadraticLoss(learningRate: 0.11)", quadratic_loss(0.11), "4.8282e-5")
    c.approx("quadraticLoss(learningRate: 0.0011)", quadratic_loss(0.0011), "0.91567")

    # -- No input normalisation: the curvature XᵀX/N and its condition number.
    c.section("No input normalisation")
    raw_features = np.array([[1.0, 1000.0], [2.0, 3000.0], [3.0, 2000.0], [4.0, 4000.0]])
    feature_mean = raw_features.mean(axis=0, keepdims=True)
    feature_std = raw_features.std(axis=0, keepdims=True)  # population standard deviation
    standardised = (raw_features - feature_mean) / feature_std

    def condition_number(x):
        eigenvalues = np.linalg.eigvalsh(x.T @ x / len(x))
        return eigenvalues.max() / eigenvalues.min()

    c.approx("featureMean", feature_mean, "[[2.5, 2500]]")
    c.approx("featureStd", feature_std, "[[1.118034, 1118.034]]")
    c.approx("standardised", standardised,
             "[[-1.341641, -1.341641], [-0.447214, 0.447214], [0.447214, -0.447214], [1.341641, 1.341641]]")
    c.approx("conditionNumber(rawFeatures)", condition_number(raw_features), "1.5254e7 ± 1%")
    c.approx("conditionNumber(standardised)", condition_number(standardised), "9")

    # -- Forgetting the bias: y = 2x + 3 on x = 0…3.
    c.section("Forgetting the bias")
    bias_x = np.array([0.0, 1.0, 2.0, 3.0])
    bias_y = 2 * bias_x + 3
    slope_only = np.linalg.lstsq(bias_x.reshape(-1, 1), bias_y, rcond=None)[0][0]
    with_bias = np.linalg.lstsq(np.column_stack([bias_x, np.ones(4)]), bias_y, rcond=None)[0]
    c.approx("slopeOnly", slope_only, "3.285714")
    c.approx("slopeOnlyError", np.mean((slope_only * bias_x - bias_y) ** 2), "3.214286")
    c.approx("withBiasError", np.mean((np.column_stack([bias_x, np.ones(4)]) @ with_bias - bias_y) ** 2), "0")

    # -- Not shuffling: 100 samples sorted by class, batches of 10, seed 9.
    c.section("Not shuffling")
    sorted_labels = np.array([0.0 if row < 50 else 1.0 for row in range(100)])
    in_order = mini_batches(100, 10)
    shuffled = mini_batches(100, 10, SeededGenerator(9))

    def mixed(batches):
        return sum(1 for b in batches if len(set(sorted_labels[b])) == 2)

    c.equal("mixedBatches(inOrder)", mixed(in_order), 0)
    c.equal("mixedBatches(shuffledOrder)", mixed(shuffled), 10)
    c.equal("shuffledOrder.map { Int($0.targets.sum()) }", [int(sorted_labels[b].sum()) for b in shuffled],
            [3, 5, 4, 5, 7, 5, 3, 8, 6, 4])

    # -- Integer labels in a one-hot loss.
    c.section("Integer labels in a one-hot loss")
    predicted = torch.tensor([[0.659, 0.242, 0.099]])
    right = -(torch.nn.functional.one_hot(torch.tensor([0]), 3) * torch.log(predicted)).sum().item()
    index_loss = torch.nn.functional.nll_loss(torch.log(predicted), torch.tensor([0])).item()
    integer_as_target = -(0 * torch.log(predicted)).sum().item()  # the integer label 0 used as y
    c.approx("rightLoss", right, "0.417032")
    c.approx("indexLoss", index_loss, "0.417032")
    c.equal("integerAsTarget", integer_as_target == 0, True, shown=integer_as_target)

    # -- Putting it together: two moons, 2-16-16-2 tanh/softmax, batches of 20, η = 0.5, 100 epochs.
    c.section("Putting it together: two moons")

    def two_moons(generator, per_class=100, noise=0.15):
        points = []
        for label in range(2):
            for i in range(per_class):
                t = math.pi * i / (per_class - 1)
                x, y = (math.cos(t), math.sin(t)) if label == 0 else (1 - math.cos(t), 0.5 - math.sin(t))
                points.append([x + generator.gaussian(0.0, noise), y + generator.gaussian(0.0, noise)])
        return np.array(points), [0] * per_class + [1] * per_class

    moon_generator = SeededGenerator(2024)
    train_x, train_y = two_moons(moon_generator)
    test_x, test_y = two_moons(moon_generator)
    params = []
    for w in xavier_network([2, 16, 16, 2], moon_generator):
        params += [torch.tensor(w, requires_grad=True), torch.zeros(1, w.shape[1], requires_grad=True)]

    def logits_of(x):
        h = torch.tensor(x)
        for index in range(0, len(params), 2):
            h = h @ params[index] + params[index + 1]
            if index < len(params) - 2:
                h = torch.tanh(h)
        return h

    def moon_loss():
        with torch.no_grad():
            return torch.nn.functional.cross_entropy(logits_of(train_x), torch.tensor(train_y)).item()

    initial = moon_loss()
    optimizer = torch.optim.SGD(params, lr=0.5)
    losses, steps = [], 0
    for _ in range(100):
        for batch in mini_batches(200, 20, moon_generator):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(logits_of(train_x[batch]), torch.tensor(train_y)[batch]).backward()
            optimizer.step()
            steps += 1
        losses.append(moon_loss())
    with torch.no_grad():
        train_accuracy = (logits_of(train_x).argmax(dim=1) == torch.tensor(train_y)).double().mean().item()
        test_accuracy = (logits_of(test_x).argmax(dim=1) == torch.tensor(test_y)).double().mean().item()
    c.equal("stepsTaken", steps, 1000)
    c.within("initialMoonLoss", initial, 0.5, 1.3)
    c.within("moonLosses[0]", losses[0], 0.2, 0.45)
    c.within("moonLosses[99]", losses[99], 0.0, 0.12)
    c.equal("moonLosses[99] < moonLosses[9]", losses[99] < losses[9], True, shown=[losses[9], losses[99]])
    c.within("trainAccuracy", train_accuracy, 0.96, 1.0)
    c.within("testAccuracy", test_accuracy, 0.93, 1.0)

    # -- Exercise: clip (6, −8) to a norm of 5.
    c.section("Exercise: Training, clipping a single tensor")
    exercise, exercise_total = clip_by_norm([[6.0, -8.0]], 5.0)
    c.approx("exerciseClipped.totalNorm", exercise_total, "10")
    c.approx("exerciseClipped.gradients[0]", exercise, "[[3, -4]] ± 1e-6")

    # -- Exercise: a range test from 1e-5 to 1 over 50 steps.
    c.section("Exercise: Training, a range test of your own")
    short_multiplier = (1 / 1e-5) ** (1 / 50)
    c.approx("shortRangeTest.multiplier", short_multiplier, "1.2589254")
    c.approx("rateAtStep20", 1e-5 * short_multiplier ** 20, "0.001 ± 1e-12")

    c.finish()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent reference values for chapters/04-loss-functions.md.

Loss values come from PyTorch's loss modules (MSELoss, L1Loss, HuberLoss, BCELoss, NLLLoss on the
logarithm of the probabilities, CrossEntropyLoss on logits), all with reduction="mean" as the
chapter prescribes, and gradients from autograd. The softmax Jacobian and the source's broken
NumPy indexing are rebuilt with NumPy.

    python3 references/04-loss-functions.py
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
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def loss_and_gradient(loss, predicted, target):
    """A PyTorch loss of `predicted` against `target` and its gradient with respect to `predicted`."""
    p = torch.tensor(predicted, requires_grad=True)
    value = loss(p, torch.tensor(target))
    value.backward()
    return value.item(), p.grad


def categorical_cross_entropy(probabilities, target_classes):
    """−mean log p[true class]: NLLLoss on log-probabilities, with its gradient wrt the probabilities."""
    p = torch.tensor(probabilities, requires_grad=True)
    value = nn.NLLLoss()(torch.log(p), torch.tensor(target_classes))
    value.backward()
    return value.item(), p.grad


def softmax_jacobian(s):
    s = np.asarray(s)
    return np.diag(s) - np.outer(s, s)


def main():
    c = Checks("04-loss-functions")

    targets = [[3.0, -0.5, 2.0, 7.0]]
    predictions = [[2.5, 0.0, 2.0, 8.0]]

    # -- Mean squared error.
    c.section("Mean squared error")
    mse, mse_gradient = loss_and_gradient(nn.MSELoss(), predictions, targets)
    c.approx("residuals", np.array(predictions) - np.array(targets), "[[-0.5, 0.5, 0, 1]]")
    c.approx("mse", mse, "0.375")
    c.approx("mseGradient", mse_gradient, "[[-0.25, 0.25, 0, 0.5]]")

    # -- Mean absolute error (PyTorch's sign(0) = 0).
    c.section("Mean absolute error")
    mae, mae_gradient = loss_and_gradient(nn.L1Loss(), predictions, targets)
    c.approx("mae", mae, "0.5")
    c.approx("maeGradient", mae_gradient, "[[-0.25, 0.25, 0, 0.25]]")

    # -- Huber loss, δ = 1.
    c.section("Huber loss")
    huber, huber_gradient = loss_and_gradient(nn.HuberLoss(delta=1.0), predictions, targets)
    c.approx("huberValue", huber, "0.1875")
    c.approx("huberGradient", huber_gradient, "[[-0.125, 0.125, 0, 0.25]]")
    single = lambda r: nn.HuberLoss(reduction="sum", delta=1.0)(torch.tensor([r]), torch.tensor([0.0])).item()  # noqa: E731
    c.approx("huber(residual: 1, delta: 1)", single(1.0), "0.5")
    c.approx("huber(residual: 3, delta: 1)", single(3.0), "2.5")

    # -- Worked example: one outlier (the last prediction is 17).
    c.section("Worked example: one outlier")
    wild = [[2.5, 0.0, 2.0, 17.0]]
    wild_mse, wild_mse_gradient = loss_and_gradient(nn.MSELoss(), wild, targets)
    wild_mae, wild_mae_gradient = loss_and_gradient(nn.L1Loss(), wild, targets)
    wild_huber, wild_huber_gradient = loss_and_gradient(nn.HuberLoss(delta=1.0), wild, targets)
    c.approx("wildMSE", wild_mse, "25.125")
    c.approx("wildMAE", wild_mae, "2.75")
    c.approx("wildHuber", wild_huber, "2.4375")
    c.approx("meanSquaredErrorGradient(predicted: wild, target: targets)", wild_mse_gradient, "[[-0.25, 0.25, 0, 5]]")
    c.approx("meanAbsoluteErrorGradient(predicted: wild, target: targets)", wild_mae_gradient, "[[-0.25, 0.25, 0, 0.25]]")
    c.approx("huberLossGradient(predicted: wild, target: targets, delta: 1)", wild_huber_gradient,
             "[[-0.125, 0.125, 0, 0.25]]")

    # -- Binary cross-entropy, y = [1, 0, 1], ŷ = [0.9, 0.2, 0.6].
    c.section("Binary cross-entropy")
    binary_labels = [[1.0, 0.0, 1.0]]
    binary_predictions = [[0.9, 0.2, 0.6]]
    bce, bce_gradient = loss_and_gradient(nn.BCELoss(), binary_predictions, binary_labels)
    c.approx("[-log(0.9), -log(0.8), -log(0.6)]", [-math.log(0.9), -math.log(0.8), -math.log(0.6)],
             "[0.1054, 0.2231, 0.5108]")
    c.approx("bce", bce, "0.279777")
    c.approx("bceGradient", bce_gradient, "[[-0.37037, 0.416667, -0.555556]]")
    p = np.array(binary_predictions)
    c.approx("bceGradient.hadamard(binaryPredictions.map { sigmoidDerivative(output: $0) })",
             bce_gradient.numpy() * p * (1 - p), "[[-0.033333, 0.066667, -0.133333]]")
    # The same through the logits: BCEWithLogitsLoss at z = logit(ŷ), gradient wrt z.
    z = torch.tensor(np.log(p / (1 - p)), requires_grad=True)
    nn.BCEWithLogitsLoss()(z, torch.tensor(binary_labels)).backward()
    c.approx("(binaryPredictions - binaryLabels) / 3", z.grad, "[[-0.033333, 0.066667, -0.133333]]")

    # -- Categorical cross-entropy: the good and the confidently wrong prediction, true class 1.
    c.section("Categorical cross-entropy")
    truth = [[0.0, 1.0, 0.0]]
    good = [[0.1, 0.7, 0.2]]
    bad = [[0.1, 0.1, 0.8]]
    mse_good, _ = loss_and_gradient(nn.MSELoss(), good, truth)
    mse_bad, mse_bad_gradient = loss_and_gradient(nn.MSELoss(), bad, truth)
    ce_good, ce_good_gradient = categorical_cross_entropy(good, [1])
    ce_bad, ce_bad_gradient = categorical_cross_entropy(bad, [1])
    c.approx("mseGood", mse_good, "0.046667")
    c.approx("mseBad", mse_bad, "0.486667")
    c.approx("ceGood", ce_good, "0.356675")
    c.approx("ceBad", ce_bad, "2.302585")
    c.approx("ceBad / ceGood", ce_bad / ce_good, "6.46")
    c.approx("crossEntropy(probabilities: bad, classIndices: [1])", ce_bad, "2.302585")
    c.approx("mseBad / mseGood", mse_bad / mse_good, "10.43")
    c.equal("mseBad / mseGood > ceBad / ceGood", mse_bad / mse_good > ce_bad / ce_good, True)
    c.approx("ceBad - ceGood", ce_bad - ce_good, "1.945910")
    c.approx("mseBad - mseGood", mse_bad - mse_good, "0.44")
    c.approx("crossEntropyGradient(probabilities: bad, oneHot: truth)", ce_bad_gradient, "[[0, -10, 0]]")
    c.approx("crossEntropyGradient(probabilities: good, oneHot: truth)[0, 1]", ce_good_gradient[0, 1].item(),
             "-1.428571")
    c.approx("meanSquaredErrorGradient(predicted: bad, target: truth)", mse_bad_gradient,
             "[[0.066667, -0.6, 0.533333]]")

    # Gradients with respect to the logits log ŷ: cross-entropy on logits, and MSE after a softmax.
    def ce_logit_gradient(probabilities):
        z = torch.tensor(np.log(probabilities), requires_grad=True)
        nn.CrossEntropyLoss()(z, torch.tensor([1])).backward()
        return z.grad

    def mse_logit_gradient(probabilities):
        z = torch.tensor(np.log(probabilities), requires_grad=True)
        nn.MSELoss()(torch.softmax(z, dim=1), torch.tensor(truth)).backward()
        return z.grad

    terrible = [[0.01, 0.01, 0.98]]
    c.approx("softmaxCrossEntropyGradient(probabilities: good, oneHot: truth)", ce_logit_gradient(good),
             "[[0.1, -0.3, 0.2]]")
    c.approx("ceLogitBad", ce_logit_gradient(bad), "[[0.1, -0.9, 0.8]]")
    c.approx("mseLogitGood", mse_logit_gradient(good), "[[0.017333, -0.065333, 0.048]]")
    c.approx("mseLogitBad", mse_logit_gradient(bad), "[[-0.030667, -0.097333, 0.128]]")
    # The chapter's own route, J·∂L/∂ŷ with J = diag(ŷ) − ŷŷᵀ, agrees:
    jacobian_route = softmax_jacobian(bad[0]) @ mse_bad_gradient.numpy()[0]
    c.approx("mseLogitBad (via the softmax Jacobian, NumPy)", [jacobian_route.tolist()],
             "[[-0.030667, -0.097333, 0.128]]")
    c.approx("softmaxCrossEntropyGradient(probabilities: terrible, oneHot: truth)[0, 1]",
             ce_logit_gradient(terrible)[0, 1].item(), "-0.99")
    c.approx("mseLogitGradient(terrible)[0, 1]", mse_logit_gradient(terrible)[0, 1].item(), "-0.012937")
    c.approx("mseLogitGradient(terrible).frobeniusNorm", torch.linalg.norm(mse_logit_gradient(terrible)).item(),
             "0.023993")

    # -- Class indices or one-hot labels.
    c.section("Class indices or one-hot labels")
    both = [[0.1, 0.7, 0.2], [0.1, 0.1, 0.8]]
    by_index, _ = categorical_cross_entropy(both, [1, 1])
    one_hot = torch.nn.functional.one_hot(torch.tensor([1, 1]), 3).double()
    by_one_hot = -(one_hot * torch.log(torch.tensor(both))).sum(dim=1).mean().item()
    c.approx("byIndex", by_index, "1.32963")
    c.approx("byOneHot", by_one_hot, "1.32963")
    c.approx("oneHotEncode([1, 1], classCount: 3)", one_hot, "[[0, 1, 0], [0, 1, 0]]")

    # Source 004's y_pred[range(n), y_true] with integer one-hot labels, n = K = 3: NumPy broadcasts.
    three_predictions = np.array([[0.1, 0.7, 0.2], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]])
    three_labels = [1, 1, 0]
    three_one_hot = np.eye(3, dtype=int)[three_labels]
    picked = three_predictions[range(3), three_one_hot]  # the source's expression, run by NumPy itself
    broken_loss = np.mean(-np.log(picked + 1e-8))
    right_loss, _ = categorical_cross_entropy(three_predictions.tolist(), three_labels)
    c.approx("picked", picked, "[[0.1, 0.1, 0.6], [0.1, 0.1, 0.6], [0.7, 0.1, 0.6]]")
    c.approx("brokenLoss", broken_loss, "1.48912")
    c.approx("rightLoss", right_loss, "1.056695")

    # -- Cross-entropy straight from logits (PyTorch's CrossEntropyLoss takes logits).
    c.section("Cross-entropy straight from logits")
    c.approx("fromLogits", nn.CrossEntropyLoss()(torch.tensor([[2.0, 1.0, 0.1]]), torch.tensor([0])).item(),
             "0.417030")
    c.approx("extremeLogits", nn.CrossEntropyLoss()(torch.tensor([[0.0, 800.0]]), torch.tensor([0])).item(), "800")

    # -- Exercise: a narrower Huber, δ = 0.5.
    c.section("Exercise: Losses, a narrower Huber")
    narrow, narrow_gradient = loss_and_gradient(nn.HuberLoss(delta=0.5), wild, targets)
    c.approx("narrowHuber", narrow, "1.28125")
    c.approx("narrowHuberGradient", narrow_gradient, "[[-0.125, 0.125, 0, 0.125]]")

    # -- Exercise: binary cross-entropy of a confident mistake.
    c.section("Exercise: Losses, binary cross-entropy of a confident mistake")
    confident_bce, _ = loss_and_gradient(nn.BCELoss(), [[0.95, 0.05]], [[1.0, 1.0]])
    z = torch.tensor(np.log(np.array([[0.95, 0.05]]) / (1 - np.array([[0.95, 0.05]]))), requires_grad=True)
    nn.BCEWithLogitsLoss()(z, torch.tensor([[1.0, 1.0]])).backward()
    c.approx("confidentBCE", confident_bce, "1.523513")
    c.approx("confidentLogitGradient", z.grad, "[[-0.025, -0.475]]")

    c.finish()


if __name__ == "__main__":
    main()

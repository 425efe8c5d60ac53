#!/usr/bin/env python3
"""Independent reference values for chapters/04-loss-functions.md.

Loss values come from PyTorch's loss modules (MSELoss, L1Loss, HuberLoss, BCELoss, NLLLoss on the
logarithm of the probabilities, CrossEntropyLoss on logits), all with reduction="mean" as the
chapter prescribes, and gradients from autograd. The softmax Jacobian and the source's broken
NumPy indexing are rebuilt with NumPy.

    python3 references/04-loss-functions.py
"""
import math
import re
import sys

from workbook_reference import Checks

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
    c.approx("residuals", np.array(predictions) - np.array(targets), "[[-0.5, 0.5, 0, 1]] ± 1e-9")
    c.approx("mse", mse, "0.375")
    c.approx("mseGradient", mse_gradient, "[[-0.25, 0.25, 0, 0.5]] ± 1e-10")

    # -- Mean absolute error (PyTorch's sign(0) = 0).
    c.section("Mean absolute error")
    mae, mae_gradient = loss_and_gradient(nn.L1Loss(), predictions, targets)
    c.approx("mae", mae, "0.5 ± 1e-10")
    c.approx("maeGradient", mae_gradient, "[[-0.25, 0.25, 0, 0.25]] ± 1e-10")

    # -- Huber loss, δ = 1.
    c.section("Huber loss")
    huber, huber_gradient = loss_and_gradient(nn.HuberLoss(delta=1.0), predictions, targets)
    c.approx("huberValue", huber, "0.1875")
    c.approx("huberGradient", huber_gradient, "[[-0.125, 0.125, 0, 0.25]] ± 1e-10")
    single = lambda r: nn.HuberLoss(reduction="sum", delta=1.0)(torch.tensor([r]), torch.tensor([0.0])).item()  # noqa: E731
    c.approx("huber(residual: 1, delta: 1)", single(1.0), "0.5 ± 1e-10")
    c.approx("huber(residual: 3, delta: 1)", single(3.0), "2.5 ± 1e-9")

    # -- Worked example: one outlier (the last prediction is 17).
    c.section("Worked example: one outlier")
    wild = [[2.5, 0.0, 2.0, 17.0]]
    wild_mse, wild_mse_gradient = loss_and_gradient(nn.MSELoss(), wild, targets)
    wild_mae, wild_mae_gradient = loss_and_gradient(nn.L1Loss(), wild, targets)
    wild_huber, wild_huber_gradient = loss_and_gradient(nn.HuberLoss(delta=1.0), wild, targets)
    c.approx("wildMSE", wild_mse, "25.125")
    c.approx("wildMAE", wild_mae, "2.75")
    c.approx("wildHuber", wild_huber, "2.4375")
    c.approx("meanSquaredErrorGradient(predicted: wild, target: targets)", wild_mse_gradient, "[[-0.25, 0.25, 0, 5]] ± 1e-9")
    c.approx("meanAbsoluteErrorGradient(predicted: wild, target: targets)", wild_mae_gradient, "[[-0.25, 0.25, 0, 0.25]] ± 1e-10")
    c.approx("huberLossGradient(predicted: wild, target: targets, delta: 1)", wild_huber_gradient,
             "[[-0.125, 0.125, 0, 0.25]] ± 1e-10")

    # The figure: one prediction ŷ on −3, −2.9, …, 3 against the target 0; the last sample is
    # ŷ = 3, sample 25 is ŷ = −0.5.
    grid = np.linspace(-3, 3, 61)
    curves = [(nn.MSELoss(), "MSE"), (nn.L1Loss(), "MAE"), (nn.HuberLoss(delta=1.0), "Huber")]
    at = lambda loss, y_hat: loss_and_gradient(loss, [[y_hat]], [[0.0]])
    c.approx("regressionLosses.series.map { $0.y.last! }", [at(loss, grid[-1])[0] for loss, _ in curves], "[9, 3, 2.5] ± 1e-9")
    c.approx("regressionGradients.series.map { $0.y.last! }", [at(loss, grid[-1])[1].item() for loss, _ in curves], "[6, 1, 1] ± 1e-9")
    c.approx("regressionGradients.series.map { $0.y[25] }", [at(loss, grid[25])[1].item() for loss, _ in curves], "[-1, -1, -0.5] ± 1e-9")

    # -- Binary cross-entropy, y = [1, 0, 1], ŷ = [0.9, 0.2, 0.6].
    c.section("Binary cross-entropy")
    binary_labels = [[1.0, 0.0, 1.0]]
    binary_predictions = [[0.9, 0.2, 0.6]]
    bce, bce_gradient = loss_and_gradient(nn.BCELoss(), binary_predictions, binary_labels)
    c.approx("[-log(0.9), -log(0.8), -log(0.6)]", [-math.log(0.9), -math.log(0.8), -math.log(0.6)],
             "[0.1054, 0.2231, 0.5108]")
    c.approx("3 * bce", -math.log(0.9) - math.log(0.8) - math.log(0.6), "0.8393")
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
    c.approx("3 * mseBad", 3 * mse_bad, "1.46 ± 1e-10")
    c.approx("ceGood", ce_good, "0.356675")
    c.approx("ceBad", ce_bad, "2.302585")
    c.approx("ceBad / ceGood", ce_bad / ce_good, "6.46")
    c.approx("crossEntropy(probabilities: bad, classIndices: [1])", ce_bad, "2.302585")
    c.approx("mseBad / mseGood", mse_bad / mse_good, "10.43")
    c.equal("mseBad / mseGood > ceBad / ceGood", mse_bad / mse_good > ce_bad / ce_good, True)
    c.approx("ceBad - ceGood", ce_bad - ce_good, "1.945910")
    c.approx("mseBad - mseGood", mse_bad - mse_good, "0.44 ± 1e-10")
    c.approx("crossEntropyGradient(probabilities: bad, oneHot: truth)", ce_bad_gradient, "[[0, -10, 0]] ± 1e-8")
    c.approx("crossEntropyGradient(probabilities: good, oneHot: truth)[0, 1]", ce_good_gradient[0, 1].item(),
             "-1.428571")
    c.approx("meanSquaredErrorGradient(predicted: bad, target: truth)", mse_bad_gradient,
             "[[0.06666667, -0.6000000, 0.5333333]]")

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
             "[[0.1, -0.3, 0.2]] ± 1e-10")
    c.approx("ceLogitBad", ce_logit_gradient(bad), "[[0.1, -0.9, 0.8]] ± 1e-10")
    c.approx("mseLogitGood", mse_logit_gradient(good), "[[0.01733333, -0.06533333, 0.04800000]]")
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
    c.approx("oneHotEncode([1, 1], classCount: 3)", one_hot, "[[0, 1, 0], [0, 1, 0]] ± 1e-9")

    # Source 004's y_pred[range(n), y_true] with integer one-hot labels, n = K = 3: NumPy broadcasts.
    three_predictions = np.array([[0.1, 0.7, 0.2], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]])
    three_labels = [1, 1, 0]
    three_one_hot = np.eye(3, dtype=int)[three_labels]
    picked = three_predictions[range(3), three_one_hot]  # the source's expression, run by NumPy itself
    broken_loss = np.mean(-np.log(picked + 1e-8))
    right_loss, _ = categorical_cross_entropy(three_predictions.tolist(), three_labels)
    c.approx("picked", picked, "[[0.1, 0.1, 0.6], [0.1, 0.1, 0.6], [0.7, 0.1, 0.6]] ± 1e-10")
    c.approx("brokenLoss", broken_loss, "1.48912")
    c.approx("rightLoss", right_loss, "1.056695")

    # -- Cross-entropy straight from logits (PyTorch's CrossEntropyLoss takes logits).
    c.section("Cross-entropy straight from logits")
    c.approx("fromLogits", nn.CrossEntropyLoss()(torch.tensor([[2.0, 1.0, 0.1]]), torch.tensor([0])).item(),
             "0.417030")
    c.approx("extremeLogits", nn.CrossEntropyLoss()(torch.tensor([[0.0, 800.0]]), torch.tensor([0])).item(), "800")
    c.approx("softmax([2.0, 1, 0.1])[0]", torch.softmax(torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64), 0)[0].item(),
             "0.659001")

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
    c.approx("confidentLogitGradient", z.grad, "[[-0.025, -0.475]] ± 1e-10")

    c.finish()


if __name__ == "__main__":
    main()

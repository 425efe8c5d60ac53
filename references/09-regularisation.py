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
import math
import re
import sys

from workbook_reference import Checks, SeededGenerator, check_splitmix64_reference

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

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
    c.approx("l1", l1, "0.048 ± 1e-11")
    c.approx("penaltyW1[0, 1] * penaltyW1[0, 1]", w1[0, 1] ** 2, "1.44 ± 1e-12")
    c.approx("penaltyW1.hadamard(penaltyW1).sum() + penaltyW2.hadamard(penaltyW2).sum()",
             np.sum(w1 * w1) + np.sum(w2 * w2), "6.42 ± 1e-12")
    c.approx("l2", l2, "0.0321")
    c.approx("0.35 + l1", 0.35 + l1, "0.398")
    c.approx("0.35 + l2", 0.35 + l2, "0.3821")
    l1_gradient, l2_gradient = penalty_gradients(w1, lam)
    c.approx("l1Gradient", l1_gradient, "[[0.01, -0.01], [0, 0.01]] ± 1e-11")
    c.approx("l2Gradient", l2_gradient, "[[0.005, -0.012], [0, 0.02]] ± 1e-11")

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
    c.approx("l1Path.prefix(2).map { $0 }", l1_path[:2], "[0.49, 0.48] ± 1e-10")
    c.approx("l2Path[99]", l2_path[99], "0.183016")
    c.approx("pow(0.99, 100) * 0.5", 0.99 ** 100 * 0.5, "0.183016")
    c.equal("abs(l1Path[49]) < 1e-12", abs(l1_path[49]) < 1e-12, True, shown=l1_path[49])
    c.equal("abs(l1Path[99]) < 1e-12", abs(l1_path[99]) < 1e-12, True, shown=l1_path[99])
    c.approx("l1Path[48]", l1_path[48], "0.01 ± 1e-11")
    c.approx("l1Path[50]", l1_path[50], "0.01 ± 1e-11")
    # The figure of both paths: 100 points each; the distance covered in the first ten steps.
    c.equal("decayChart.series.map(\\.y.count)", [len(l2_path), len(l1_path)], [100, 100])
    c.approx("distanceAfterTen", [0.5 - l2_path[9], 0.5 - l1_path[9]], "[0.0478, 0.1000]")

    # -- Dropout: one mask, p = 0.5, seed 7.
    c.section("Dropout")
    activations = np.array([[1.0, 2, 3, 4], [5, 6, 7, 8]])
    generator = SeededGenerator(7)
    training_output, mask = dropout_forward(activations, True, generator, 0.5)
    inference_output, inference_mask = dropout_forward(activations, False, generator, 0.5)
    c.approx("dropout.keepProbability", 1 - 0.5, "0.5 ± 1e-10")
    c.approx("trainingPass.mask!", mask, "[[2, 2, 0, 0], [2, 2, 2, 2]] ± 1e-9")
    c.approx("trainingPass.output", training_output, "[[2, 4, 0, 0], [10, 12, 14, 16]] ± 1e-8")
    c.approx("dropoutBackward", np.ones((2, 4)) * mask, "[[2, 2, 0, 0], [2, 2, 2, 2]] ± 1e-9")
    c.approx("inferencePass.output", inference_output, "[[1, 2, 3, 4], [5, 6, 7, 8]] ± 1e-9")
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
    # -- Watching the masks: a 3-5-5-1 network, Xavier-normal weights N(0, 2/(fan_in + fan_out))
    # drawn row by row into (fan_in × fan_out) matrices from seed 9, zero biases, tanh hidden
    # layers and a sigmoid output, run by PyTorch; the masks of training step k come from a
    # generator seeded with k, the first hidden layer's five draws first.
    c.section("Watching the masks")
    weights_generator = SeededGenerator(9)
    demo_weights = [torch.tensor(weights_generator.gaussian_matrix(m, n, math.sqrt(2 / (m + n))))
                    for m, n in [(3, 5), (5, 5), (5, 1)]]
    demo_input = torch.tensor([[1.0, 0.5, -0.5]])

    def demo_pass(rate, step, training):
        masks_generator = SeededGenerator(step)
        hidden, kept = demo_input, 0
        for w in demo_weights[:2]:
            hidden = torch.tanh(hidden @ w)
            output, mask = dropout_forward(hidden.numpy(), training, masks_generator, rate)
            hidden = torch.tensor(output)
            kept += 5 if mask is None else int((mask > 0).sum())
        return kept, torch.sigmoid(hidden @ demo_weights[2]).item()

    rates = [0.1 * k for k in range(1, 9)]
    c.equal("dropoutExplorer.stateCount", 2 * len(rates) * 8, 128)
    c.equal("keptAtStepOne", [demo_pass(rate, 1, True)[0] for rate in rates], [9, 8, 5, 5, 3, 1, 1, 0])
    c.approx("dropoutExplorer.views[dropoutExplorer.index(of: [0, 7, 0])].readouts.map(\\.value)",
             list(demo_pass(rates[7], 1, True)), "[0, 0.5] ± 1e-12")
    half_rate_outputs = [demo_pass(0.5, step, True)[1] for step in range(1, 9)]
    c.approx("halfRateOutputs.min()!", min(half_rate_outputs), "0.4886")
    c.approx("halfRateOutputs.max()!", max(half_rate_outputs), "0.7501")
    c.approx("inferenceOutput", demo_pass(0.5, 1, False)[1], "0.5784")
    c.approx("dropoutExplorer.views[dropoutExplorer.index(of: [1, 4, 5])].readouts.map(\\.value)",
             list(demo_pass(rates[4], 6, False)), "[10.0000, 0.5784]")
    c.approx("halfRateOutputs.reduce(0, +) / 8", sum(half_rate_outputs) / 8, "0.5620")

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
    c.approx("validationLosses (the table)", validation_losses,
             "[1.00, 0.80, 0.70, 0.65, 0.6495, 0.66, 0.64, 0.645, 0.65, 0.66, 0.67] ± 1e-12")
    c.approx("validationLosses[3] - validationLosses[4]", validation_losses[3] - validation_losses[4], "0.0005 ± 1e-12")
    c.equal("counters", counters, [0, 0, 0, 0, 1, 2, 0, 1, 2, 3])
    c.equal("stoppedAt!", stopped_at, 9)
    c.equal("stopper.bestEpoch!", stopper.best_epoch, 6)
    c.approx("stopper.bestLoss", stopper.best_loss, "0.64")
    c.equal("stopper.epochCount", stopper.epochs, 10)

    # -- Exercise: penalties of a single layer, W = [[1, -2], [3, 0]], λ = 0.1.
    c.section("Exercise: Regularisation, penalties of a single layer")
    w = np.array([[1.0, -2.0], [3.0, 0.0]])
    _, exercise_l2_gradient = penalty_gradients(w, 0.1)
    c.approx("exerciseL1", 0.1 * np.abs(w).sum(), "0.6 ± 1e-10")
    c.approx("exerciseL2", 0.1 / 2 * (w ** 2).sum(), "0.7 ± 1e-10")
    c.approx("exerciseL2Gradient", exercise_l2_gradient, "[[0.1, -0.2], [0.3, 0]] ± 1e-10")

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

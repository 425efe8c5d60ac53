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
import math
import re
import sys

from workbook_reference import Checks, SeededGenerator, check_splitmix64_reference

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

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
    c.approx("epoch1[0].inputs", ten_inputs[epoch1[0]], "[[3], [6], [0], [4]] ± 1e-9")
    c.approx("epoch1[0].targets", ten_targets[epoch1[0]], "[[1], [0], [0], [0]] ± 1e-9")
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
    c.approx("buggyCheck.relativeError", buggy_error, "0.8000000")
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
    c.approx("normClipped.totalNorm", total, "13 ± 1e-8")
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
    c.approx("valueClipped[0]", [value_clipped[0]], "[[3, 4]] ± 1e-9")
    c.approx("valueClipped[1]", [value_clipped[1]], "[[5]] ± 1e-9")
    c.approx("valueCosine", flat_raw @ flat_value / (np.linalg.norm(flat_raw) * np.linalg.norm(flat_value)), "0.924678")
    c.approx("normCosine", flat_raw @ flat_norm / (13 * np.linalg.norm(flat_norm)), "1.000000")

    # -- Finding a learning rate: 1e-7 to 10 over 100 steps.
    c.section("Finding a learning rate")
    multiplier = (10 / 1e-7) ** (1 / 100)
    c.approx("rangeTest.multiplier", multiplier, "1.2022644")
    c.approx("pow(10, 0.08)", 10 ** 0.08, "1.2022644")
    c.approx("log(10) / log(rangeTest.multiplier)", 1 / math.log10(multiplier), "12.5 ± 1e-9")
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
    c.approx("4 * smallest", 4 * smallest, "2.2 ± 1e-12")
    c.approx("rangeLosses[stopStep!]", range_losses[stop_step], "2.40 ± 1e-12")

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
    c.approx("quadraticLoss(learningRate: 0.0011, steps: 1).squareRoot()", math.sqrt(quadratic_loss(0.0011, steps=1)),
             "0.9978 ± 1e-12")

    # -- No input normalisation: the curvature XᵀX/N and its condition number.
    c.section("No input normalisation")
    raw_features = np.array([[1.0, 1000.0], [2.0, 3000.0], [3.0, 2000.0], [4.0, 4000.0]])
    feature_mean = raw_features.mean(axis=0, keepdims=True)
    feature_std = raw_features.std(axis=0, keepdims=True)  # population standard deviation
    standardised = (raw_features - feature_mean) / feature_std

    def condition_number(x):
        eigenvalues = np.linalg.eigvalsh(x.T @ x / len(x))
        return eigenvalues.max() / eigenvalues.min()

    c.approx("featureMean", feature_mean, "[[2.5, 2500]] ± 1e-6")
    c.approx("featureStd", feature_std, "[[1.118034, 1118.034]]")
    c.approx("standardised", standardised,
             "[[-1.341641, -1.341641], [-0.447214, 0.447214], [0.447214, -0.447214], [1.341641, 1.341641]]")
    c.approx("conditionNumber(rawFeatures)", condition_number(raw_features), "1.5254e7 ± 1%")
    c.approx("conditionNumber(standardised)", condition_number(standardised), "9 ± 1e-9")

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
    c.approx("softmax([2.0, 1, 0.1])", torch.softmax(torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64), 0),
             "[0.659, 0.242, 0.099]")
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
    # The figure: the test points by class, and the trained network's class at four landmarks.
    with torch.no_grad():
        landmarks = logits_of(np.array([[0.0, 1.0], [1.0, -0.5], [-1.0, 0.0], [2.0, 0.5]])).argmax(dim=1).tolist()
    c.equal("landmarkClasses", landmarks, [0, 1, 0, 1])
    c.equal("moonFigure.classes.map { $0.x.count }", [test_y.count(0), test_y.count(1)], [100, 100])

    # -- Exercise: clip (6, −8) to a norm of 5.
    c.section("Exercise: Training, clipping a single tensor")
    exercise, exercise_total = clip_by_norm([[6.0, -8.0]], 5.0)
    c.approx("exerciseClipped.totalNorm", exercise_total, "10 ± 1e-8")
    c.approx("exerciseClipped.gradients[0]", exercise, "[[3, -4]] ± 1e-6")

    # -- Exercise: a range test from 1e-5 to 1 over 50 steps.
    c.section("Exercise: Training, a range test of your own")
    short_multiplier = (1 / 1e-5) ** (1 / 50)
    c.approx("shortRangeTest.multiplier", short_multiplier, "1.2589254")
    c.approx("rateAtStep20", 1e-5 * short_multiplier ** 20, "0.001 ± 1e-12")

    c.finish()


if __name__ == "__main__":
    main()

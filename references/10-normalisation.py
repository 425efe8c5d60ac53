#!/usr/bin/env python3
"""Independent reference values for chapters/10-normalisation.md.

All three layers are PyTorch's, in float64: nn.BatchNorm1d (ε = 1e-5, momentum 0.1, biased batch
variance for normalising, unbiased for the running variance), nn.LayerNorm (ε = 1e-5) and nn.RMSNorm
(ε = 1e-6, the chapter's value). Gradients are autograd's; the numerical checks are central
differences (ε = 1e-5) in NumPy; the naive batch-norm gradient is rebuilt with NumPy.

    python3 references/10-normalisation.py
"""
import math
import re
import sys

from workbook_reference import Checks

import numpy as np
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)

BATCH = [[1.0, 2.0, 0.5], [3.0, 0.0, 1.5], [5.0, 4.0, -1.0], [7.0, 2.0, 3.0]]
UPSTREAM = [[0.1, -0.2, 0.3], [0.4, 0.0, -0.1], [-0.3, 0.2, 0.5], [0.2, 0.1, -0.4]]


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


def batch_norm(features, gamma=None):
    layer = nn.BatchNorm1d(features, eps=1e-5, momentum=0.1)
    if gamma is not None:
        with torch.no_grad():
            layer.weight.copy_(torch.tensor(gamma))
    return layer


def main():
    c = Checks("10-normalisation")
    batch = torch.tensor(BATCH)

    # -- Batch normalisation, training mode.
    c.section("Batch normalisation: training mode")
    bn = batch_norm(3).train()
    output = bn(batch)
    mean = batch.mean(dim=0, keepdim=True)
    variance = batch.var(dim=0, unbiased=False, keepdim=True)
    inverse_std = 1 / torch.sqrt(variance + 1e-5)
    normalized = (batch - mean) * inverse_std
    c.approx("bnPass.mean", mean, "[[4, 2, 1]] ± 1e-9")
    c.approx("bnPass.variance", variance, "[[5, 2, 2.125]] ± 1e-9")
    c.approx("bnPass.inverseStandardDeviation", inverse_std, "[[0.4472131, 0.7071050, 0.6859927]]")
    c.approx("bnPass.variance[0, 0] + batchNorm.epsilon", variance[0, 0].item() + bn.eps, "5.00001 ± 1e-12")
    c.approx("bnPass.normalized (PyTorch BatchNorm1d output, γ = 1, β = 0)", output,
             "[[-1.341639, 0, -0.342996], [-0.447213, -1.414210, 0.342996], [0.447213, 1.414210, -1.371985], "
             "[1.341639, 0, 1.371985]]")
    gap = (output - normalized).abs().max().item()
    c.equal("(bnPass.output == bnPass.normalized)  [γ = 1, β = 0: output − x̂, up to rounding]", gap < 1e-15, True,
            shown=gap)
    c.approx("bnPass.normalized.mean(axis: 0)", output.mean(dim=0, keepdim=True), "[[0, 0, 0]] ± 1e-12")
    c.approx("bnPass.normalized.hadamard(bnPass.normalized).mean(axis: 0)", (output ** 2).mean(dim=0, keepdim=True),
             "[[0.999998, 0.999995, 0.999995]]")

    # -- Running statistics and inference.
    c.section("Running statistics and inference")
    c.approx("batchNorm.runningMean", bn.running_mean.reshape(1, 3), "[[0.4, 0.2, 0.1]] ± 1e-10")
    c.approx("bnPass.variance * (4.0 / 3)", batch.var(dim=0, unbiased=True, keepdim=True),
             "[[6.666667, 2.666667, 2.833333]]")
    c.approx("batchNorm.runningVariance", bn.running_var.reshape(1, 3), "[[1.566667, 1.166667, 1.183333]]")
    c.approx("batchNorm.runningVariance[0, 0] + batchNorm.epsilon", bn.running_var[0].item() + bn.eps, "1.566677")
    with torch.no_grad():
        inference = bn.eval()(torch.tensor([[4.0, 2.0, 1.0]]))
    c.approx("inferenceOutput", inference, "[[2.876158, 1.666469, 0.827346]]")
    bn.train()
    with torch.no_grad():
        for _ in range(50):
            bn(batch)
        settled = bn.eval()(torch.tensor([[4.0, 2.0, 1.0]]))
    c.approx("batchNorm.runningMean[0, 0]", bn.running_mean[0].item(), "3.981446")
    c.approx("4 * (1 - pow(0.9, 51))", 4 * (1 - 0.9 ** 51), "3.981446")
    c.within("batchNorm.runningVariance[0, 0]", bn.running_var[0].item(), 6.5, 6.67)
    c.within("settledOutput[0, 0]", settled[0, 0].item(), 0, 0.02)

    # -- The backward pass, checked numerically: γ = (1.5, −0.5, 2), L = Σ G ⊙ y.
    c.section("The backward pass, checked numerically")
    gamma = [1.5, -0.5, 2.0]
    upstream = torch.tensor(UPSTREAM)
    checked = batch_norm(3, gamma).train()
    x = batch.clone().requires_grad_(True)
    (checked(x) * upstream).sum().backward()
    c.approx("bnGradients.input", x.grad,
             "[[-0.040249, 0.079549, 0.147287], [0.187830, -0.026516, -0.078688], [-0.254912, -0.026517, -0.062543], "
             "[0.107331, -0.026516, -0.006056]]")
    c.approx("bnGradients.gamma", checked.weight.grad.reshape(1, 3), "[[-0.178885, 0.282842, -1.371985]]")
    c.approx("bnGradients.beta", checked.bias.grad.reshape(1, 3), "[[0.4, 0.1, 0.3]] ± 1e-10")

    g_np, gamma_np = np.array(UPSTREAM), np.array(gamma)

    def batch_norm_loss(xx):
        m = xx.mean(axis=0)
        v = xx.var(axis=0)
        return float(((gamma_np * (xx - m) / np.sqrt(v + 1e-5)) * g_np).sum())

    numeric = numerical_gradient(batch_norm_loss, BATCH)
    error = relative_error(x.grad.numpy(), numeric)
    c.equal("bnCheck.relativeError < 1e-7", error < 1e-7, True, shown=error)
    c.equal("bnCheck.passes()", error < 1e-6, True, shown=error)
    c.approx("bnGradients.input.sum(axis: 0)", x.grad.sum(dim=0, keepdim=True), "[[0, 0, 0]] ± 1e-12")
    c.approx("bnGradients.input.hadamard(checkedPass.normalized).sum(axis: 0)",
             (x.grad * normalized).sum(dim=0, keepdim=True), "[[0, 0, 0]] ± 2e-5")
    naive = g_np * gamma_np * inverse_std.numpy()  # ∂L/∂y ⊙ γ / √(σ² + ε), ignoring μ(x) and σ²(x)
    naive_error = relative_error(naive, numeric)
    c.equal("naiveCheck.passes()", naive_error < 1e-6, False, shown=naive_error)
    c.equal("naiveCheck.relativeError > 0.1", naive_error > 0.1, True, shown=naive_error)

    # -- Layer normalisation.
    c.section("Layer normalisation")
    ln = nn.LayerNorm(3, eps=1e-5)
    ln_output = ln(batch)
    c.approx("lnPass.mean", batch.mean(dim=1, keepdim=True), "[[1.166667], [1.500000], [2.666667], [4.000000]]")
    c.approx("lnPass.variance", batch.var(dim=1, unbiased=False, keepdim=True),
             "[[0.3888889], [1.500000], [6.888889], [4.666667]]")
    c.approx("lnPass.output", ln_output,
             "[[-0.267258, 1.336289, -1.069031], [1.224741, -1.224741, 0], [0.889000, 0.508000, -1.397000], "
             "[1.388729, -0.925819, -0.462910]]")
    c.approx("lnPass.output.mean(axis: 1)", ln_output.mean(dim=1, keepdim=True), "[[0], [0], [0], [0]] ± 1e-12")
    c.approx("lnPass.variance[1, 0] + layerNorm.epsilon",
             batch.var(dim=1, unbiased=False)[1].item() + ln.eps, "1.50001 ± 1e-12")

    # -- RMSNorm.
    c.section("RMSNorm")
    rms_layer = nn.RMSNorm(3, eps=1e-6)
    rms_output = rms_layer(batch)
    c.approx("batch.hadamard(batch).mean(axis: 1)", (batch ** 2).mean(dim=1, keepdim=True),
             "[[1.75], [3.75], [14], [20.666667]] ± 1e-6")
    c.approx("rmsPass.rms", torch.sqrt((batch ** 2).mean(dim=1, keepdim=True) + 1e-6),
             "[[1.322876], [1.936492], [3.741658], [4.546061]]")
    c.approx("rmsPass.output", rms_output,
             "[[0.755929, 1.511857, 0.377964], [1.549193, 0, 0.774597], [1.336306, 1.069045, -0.267261], "
             "[1.539795, 0.439941, 0.659912]]")
    c.approx("rmsPass.output.hadamard(rmsPass.output).mean(axis: 1)", (rms_output ** 2).mean(dim=1, keepdim=True),
             "[[1], [1], [1], [1]] ± 1e-5")
    x = batch.clone().requires_grad_(True)
    (rms_layer(x) * upstream).sum().backward()

    def rms_loss(xx):
        return float((xx / np.sqrt((xx ** 2).mean(axis=1, keepdims=True) + 1e-6) * g_np).sum())

    rms_error = relative_error(x.grad.numpy(), numerical_gradient(rms_loss, BATCH))
    c.equal("rmsCheck.passes()", rms_error < 1e-6, True, shown=rms_error)
    # RMSNorm has no shift parameter: PyTorch's module holds only a weight, so the shift gradient is 0.
    shift_gradient = [0.0, 0.0, 0.0] if getattr(rms_layer, "bias", None) is None else rms_layer.bias.grad.tolist()
    c.approx("rmsGradients.beta", [shift_gradient], "[[0, 0, 0]]")

    # -- The three side by side: the largest magnitude among the three normalised batches, and
    # the top of the raw batch's symmetric colour scale (its largest magnitude).
    c.section("The three side by side")
    normalised = torch.cat([output.detach(), ln_output.detach(), rms_output.detach()])
    c.approx("largestNormalised", normalised.abs().max().item(), "1.549193")
    c.approx("rawFigure.resolvedRange.upperBound", batch.abs().max().item(), "7 ± 1e-12")

    # -- Exercise: batch norm on a batch of two.
    c.section("Exercise: Normalisation, a batch of two")
    pair = torch.tensor([[0.0, 10.0], [2.0, 20.0]])
    pair_norm = batch_norm(2).train()
    pair_output = pair_norm(pair)
    c.approx("pairPass.mean", pair.mean(dim=0, keepdim=True), "[[1, 15]] ± 1e-8")
    c.approx("pairPass.variance", pair.var(dim=0, unbiased=False, keepdim=True), "[[1, 25]] ± 1e-8")
    c.approx("pairPass.normalized", pair_output, "[[-0.999995, -1.000000], [0.999995, 1.000000]]")
    c.approx("pairNorm.runningMean", pair_norm.running_mean.reshape(1, 2), "[[0.1, 1.5]] ± 1e-9")
    c.approx("pairNorm.runningVariance", pair_norm.running_var.reshape(1, 2), "[[1.1, 5.9]] ± 1e-9")

    # -- Exercise: layer norm with γ = (2, 2, 2), β = (1, 0, −1) on the row (1, 2, 3).
    c.section("Exercise: Normalisation, layer norm with a scale and shift")
    shifted = nn.LayerNorm(3, eps=1e-5)
    with torch.no_grad():
        shifted.weight.copy_(torch.tensor([2.0, 2.0, 2.0]))
        shifted.bias.copy_(torch.tensor([1.0, 0.0, -1.0]))
    c.approx("shiftedOutput", shifted(torch.tensor([[1.0, 2.0, 3.0]])), "[[-1.449471, 0, 1.449471]]")
    c.approx("(shiftedOutput - Matrix([[1, 0, -1]])) / 2  [x̂: layer norm without γ and β]",
             torch.nn.functional.layer_norm(torch.tensor([[1.0, 2.0, 3.0]]), (3,), eps=1e-5), "[[-1.224736, 0, 1.224736]]")

    c.finish()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent reference values for chapters/08-initialisation.md.

The symmetry experiments run in PyTorch float64 (autograd gradients of the mean cross-entropy,
torch.optim.SGD for the 200 training steps). The initialisers' variances are computed by hand from
their definitions (Xavier 2/(n_in+n_out), He 2/n_in, LeCun 1/n_in, uniform bound √3·σ). Sampled
weights and the ten-layer signal experiment redraw the chapter's random numbers with a pure-Python
copy of the workbook's seeded generator (normal variants: N(0, σ²) row by row into (fan_in × fan_out);
uniform variants: U(−√3σ, √3σ)) and multiply with NumPy.

    python3 references/08-initialisation.py      (about 30 s: it draws ~7 million normals in pure Python)
"""
import math
import re
import sys

from workbook_reference import Checks, SeededGenerator

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

def check_splitmix64_reference(checks):
    """SplitMix64's published first outputs for seed 0 (Vigna's splitmix64.c, Java's SplittableRandom)."""
    generator = SeededGenerator(0)
    outputs = [generator.next() for _ in range(3)]
    checks.equal("SplitMix64(seed 0) first outputs (published test vector)",
                 [hex(v) for v in outputs], ["0xe220a8397b1dcdaf", "0x6e789e6aa1b965f4", "0x6c45d188009454f"])

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def standard_deviation(method, fan_in, fan_out):
    return {
        "xavier": math.sqrt(2 / (fan_in + fan_out)),
        "he": math.sqrt(2 / fan_in),
        "lecun": math.sqrt(1 / fan_in),
    }[method]


def draw_weights(generator, method, fan_in, fan_out):
    """method: ("normal", σ) or ("uniform", σ); σ may be a fixed number or an initialiser name."""
    kind, sigma = method
    if isinstance(sigma, str):
        sigma = standard_deviation(sigma, fan_in, fan_out)
    if kind == "normal":
        return generator.gaussian_matrix(fan_in, fan_out, sigma)
    bound = math.sqrt(3) * sigma
    return generator.uniform_matrix(fan_in, fan_out, -bound, bound)


def sample_variance(m):
    return float(np.var(m))  # the biased variance, divided by the number of entries


ACTIVATIONS = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "selu": lambda z: SELU_SCALE * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0))),
}


def activation_layers(method, activation, seed=11):
    """64 standard-normal samples through 10 bias-free layers of 256 units: each layer's activations."""
    generator = SeededGenerator(seed)
    h = generator.gaussian_matrix(64, 256)
    layers = []
    for _ in range(10):
        h = ACTIVATIONS[activation](h @ draw_weights(generator, method, 256, 256))
        layers.append(h)
    return layers


def activation_spread(method, activation, seed=11):
    """The std of each layer's activations."""
    return [math.sqrt(sample_variance(h)) for h in activation_layers(method, activation, seed)]


def tanh_softmax_network(w1, w2, inputs, classes):
    """2-3-2 network, tanh then softmax, zero biases; returns the pass and autograd gradients."""
    params = [torch.tensor(w1, requires_grad=True), torch.zeros(1, 3, requires_grad=True),
              torch.tensor(w2, requires_grad=True), torch.zeros(1, 2, requires_grad=True)]
    z1 = torch.tensor(inputs) @ params[0] + params[1]
    a1 = torch.tanh(z1)
    z2 = a1 @ params[2] + params[3]
    out = torch.softmax(z2, dim=1)
    torch.nn.functional.nll_loss(torch.log(out), torch.tensor(classes)).backward()
    return dict(z1=z1, a1=a1, z2=z2, out=out, grads=[p.grad for p in params])


def main():
    c = Checks("08-initialisation")
    check_splitmix64_reference(c)
    inputs = [[1.0, 2.0], [0.5, -1.0]]
    classes = [0, 1]

    # -- Why equal weights fail: all zeros.
    c.section("Why equal weights fail: symmetry")
    zero = tanh_softmax_network(np.zeros((2, 3)), np.zeros((3, 2)), inputs, classes)
    c.approx("zeroPass.layers[0].activation", zero["a1"], "[[0, 0, 0], [0, 0, 0]]")
    c.approx("zeroPass.output", zero["out"], "[[0.5, 0.5], [0.5, 0.5]] ± 1e-10")
    c.approx("zeroGradients[0].weights", zero["grads"][0], "[[0, 0, 0], [0, 0, 0]]")
    c.approx("zeroGradients[1].weights", zero["grads"][2], "[[0, 0], [0, 0], [0, 0]]")
    c.approx("zeroGradients[1].bias", zero["grads"][3], "[[0, 0]]")

    # Equal non-zero weights.
    equal_w1 = [[0.5, 0.5, 0.5], [-0.3, -0.3, -0.3]]
    equal_w2 = [[0.2, -0.4], [0.2, -0.4], [0.2, -0.4]]
    equal = tanh_softmax_network(equal_w1, equal_w2, inputs, classes)
    c.approx("equalPass.layers[0].preActivation", equal["z1"], "[[-0.1, -0.1, -0.1], [0.55, 0.55, 0.55]] ± 1e-10")
    c.approx("equalPass.layers[0].activation", equal["a1"],
             "[[-0.099668, -0.099668, -0.099668], [0.500520, 0.500520, 0.500520]]")
    c.approx("equalPass.layers[1].preActivation", equal["z2"], "[[-0.059801, 0.119602], [0.300312, -0.600624]]")
    c.approx("equalPass.output", equal["out"], "[[0.455269, 0.544731], [0.711142, 0.288858]]")
    c.approx("equalGradients[1].weights", equal["grads"][2],
             "[[0.205117, -0.205117], [0.205117, -0.205117], [0.205117, -0.205117]]")
    c.approx("equalGradients[0].weights", equal["grads"][0],
             "[[-0.081848, -0.081848, -0.081848], [-0.483488, -0.483488, -0.483488]]")

    # 200 SGD steps, η = 0.5, on the mean cross-entropy of the two samples.
    params = [torch.tensor(equal_w1, requires_grad=True), torch.zeros(1, 3, requires_grad=True),
              torch.tensor(equal_w2, requires_grad=True), torch.zeros(1, 2, requires_grad=True)]
    optimizer = torch.optim.SGD(params, lr=0.5)
    x, y = torch.tensor(inputs), torch.tensor(classes)
    for _ in range(200):
        optimizer.zero_grad()
        logits = torch.tanh(x @ params[0] + params[1]) @ params[2] + params[3]
        torch.nn.functional.cross_entropy(logits, y).backward()
        optimizer.step()
    trained_w1 = params[0].detach().numpy()
    unit_spread = max(row.max() - row.min() for row in trained_w1)
    c.equal("unitSpread < 1e-12", bool(unit_spread < 1e-12), True, shown=unit_spread)
    c.approx("trainedW1", trained_w1, "[[0.423003, 0.423003, 0.423003], [1.013385, 1.013385, 1.013385]]")
    c.approx("equalNet.layers[1].weights", params[2],
             "[[1.062093, -1.262093], [1.062093, -1.262093], [1.062093, -1.262093]]")

    # -- Xavier, He and LeCun for [784, 256, 128, 10].
    c.section("Xavier, He and LeCun")
    shapes = [(784, 256), (256, 128), (128, 10)]

    def variances(method):
        return [standard_deviation(method, i, o) ** 2 for i, o in shapes]

    c.approx("variances(.xavierNormal)", variances("xavier"), "[0.001923077, 0.005208333, 0.014492754]")
    c.approx("variances(.heNormal)", variances("he"), "[0.002551020, 0.0078125, 0.015625]")
    c.approx("variances(.lecunNormal)", variances("lecun"), "[0.001275510, 0.00390625, 0.0078125]")
    c.approx("layerShapes.map { WeightInitializer.heNormal.standardDeviation(fanIn: $0.0, fanOut: $0.1) }",
             [standard_deviation("he", i, o) for i, o in shapes], "[0.050508, 0.088388, 0.125]")
    c.approx("layerShapes.map { WeightInitializer.xavierNormal.standardDeviation(fanIn: $0.0, fanOut: $0.1) }",
             [standard_deviation("xavier", i, o) for i, o in shapes],
             "[0.043853, 0.072169, 0.120386]")
    c.approx("zip(variances(.heNormal), variances(.lecunNormal)).map { $0 / $1 }",
             [h / l for h, l in zip(variances("he"), variances("lecun"))], "[2, 2, 2] ± 1e-9")
    c.approx("3.0.squareRoot() * WeightInitializer.xavierUniform.standardDeviation(fanIn: 784, fanOut: 256)",
             math.sqrt(3) * standard_deviation("xavier", 784, 256),
             "0.075955")

    # -- Sampled weights, seed 8: He normal, then Xavier uniform, from one generator.
    c.section("Sampled weights")
    generator = SeededGenerator(8)
    he_weights = draw_weights(generator, ("normal", "he"), 784, 256)
    xavier_uniform = draw_weights(generator, ("uniform", "xavier"), 784, 256)
    c.equal("heWeights.rows", he_weights.shape[0], 784)
    c.equal("heWeights.columns", he_weights.shape[1], 256)
    c.within("sampleVariance(heWeights)", sample_variance(he_weights), 0.00250, 0.00260)
    c.within("heWeights.mean()", he_weights.mean(), -0.0005, 0.0005)
    c.within("sampleVariance(xavierUniformWeights)", sample_variance(xavier_uniform), 0.00188, 0.00196)
    c.within("xavierUniformWeights.max()", xavier_uniform.max(), 0.0755, 0.075955)
    c.within("-xavierUniformWeights.elements.min()!", -xavier_uniform.min(), 0.0755, 0.075955)

    # -- The signal through a deep stack (seed 11 for every run).
    c.section("The signal through a deep stack")
    small_tanh = activation_spread(("normal", 0.01), "tanh")
    small_relu = activation_spread(("normal", 0.01), "relu")
    large_tanh = activation_spread(("normal", 1.0), "tanh")
    large_relu = activation_spread(("normal", 1.0), "relu")
    xavier_tanh = activation_spread(("normal", "xavier"), "tanh")
    xavier_relu = activation_spread(("normal", "xavier"), "relu")
    he_tanh = activation_spread(("normal", "he"), "tanh")
    he_relu = activation_spread(("normal", "he"), "relu")
    c.within("smallTanh[0]", small_tanh[0], 0.14, 0.17)
    c.within("smallTanh[9]", small_tanh[9], 5e-9, 2e-8)
    c.equal("smallReLU[9] < 1e-8", small_relu[9] < 1e-8, True, shown=small_relu[9])
    c.within("largeTanh[9]", large_tanh[9], 0.96, 0.99)
    c.within("largeReLU[0]", large_relu[0], 7, 12)
    c.approx("sqrt(128)", np.sqrt(256 / 2), "11.314")
    c.within("largeReLU[9]", large_relu[9], 1e9, 1e12)
    c.equal("largeReLU[9].isFinite", math.isfinite(large_relu[9]), True, shown=large_relu[9])
    c.within("xavierTanh[9]", xavier_tanh[9], 0.18, 0.28)
    c.within("xavierReLU[9]", xavier_relu[9], 0.005, 0.1)
    c.within("heReLU[9]", he_relu[9], 0.4, 1.6)
    c.within("heTanh[9]", he_tanh[9], 0.5, 0.62)
    c.equal("heReLU[9] / xavierReLU[9] > 10", he_relu[9] / xavier_relu[9] > 10, True,
            shown=he_relu[9] / xavier_relu[9])

    # -- The explorable of the stack's layers: histograms with NumPy (tanh: ten bins of 0.2 on
    # [−1, 1]; ReLU: exactly 0, then bins of 0.5 up to 3, then the rest), the std, and the share
    # within 0.01 of zero. Position [1, 2, 9] is ReLU, He, layer 10; [0, 0, 2] tanh, N(0, 0.01²), layer 3.
    c.section("The explorable of the stack's layers")
    large_tanh_last = activation_layers(("normal", 1.0), "tanh")[9]
    he_relu_last = activation_layers(("normal", "he"), "relu")[9]
    small_tanh_third = activation_layers(("normal", 0.01), "tanh")[2]
    tanh_counts = np.histogram(large_tanh_last, bins=np.linspace(-1, 1, 11))[0]
    c.equal("stackExplorer.stateCount", 2 * 4 * 10, 80)
    edges = np.linspace(-1, 1, 11)
    c.equal("tanhBins", [f"{centre:.1f}".replace("-", "\u2212") for centre in (edges[:-1] + edges[1:]) / 2],
            ["\u2212" + f"0.{k}" for k in (9, 7, 5, 3, 1)] + [f"0.{k}" for k in (1, 3, 5, 7, 9)])
    c.approx("saturatedTanh[0] + saturatedTanh[9]", (tanh_counts[0] + tanh_counts[-1]) / large_tanh_last.size, "0.943")
    c.approx("heReLUTenth.readouts.map(\\.value)",
             [math.sqrt(sample_variance(he_relu_last)), float((np.abs(he_relu_last) < 0.01).mean())], "[0.898, 0.516]")
    c.approx("histogram(stackLayers[\"ReLU, He\"]![9], tanh: false)[0]", float((he_relu_last == 0).mean()), "0.513")
    c.approx("smallTanhThird.readouts[1].value", float((np.abs(small_tanh_third) < 0.01).mean()), "0.987")
    small_tanh_layers = activation_layers(("normal", 0.01), "tanh")
    c.equal("(3..<10).allSatisfy { stackExplorer.views[stackExplorer.index(of: [0, 0, $0])].readouts[1].value == 1 }",
            all(bool((np.abs(h) < 0.01).all()) for h in small_tanh_layers[3:]), True)

    # -- Biases: a He-initialised [784, 256, 128, 10] network from seed 3, zero biases.
    c.section("Biases")
    bias_generator = SeededGenerator(3)
    sizes = [784, 256, 128, 10]
    he_net = [draw_weights(bias_generator, ("normal", "he"), i, o) for i, o in zip(sizes, sizes[1:])]
    biases = [np.zeros((1, o)) for o in sizes[1:]]
    c.equal("heNet.sizes", [he_net[0].shape[0]] + [w.shape[1] for w in he_net], [784, 256, 128, 10])
    c.approx("heNet.layers.map { $0.bias.frobeniusNorm }", [np.linalg.norm(b) for b in biases], "[0, 0, 0]")
    c.within("sampleVariance(heNet.layers[1].weights)", sample_variance(he_net[1]), 0.0074, 0.0082)

    # -- Exercise: LeCun normal through a SELU stack.
    c.section("Exercise: Initialisation, LeCun through a SELU stack")
    selu_spread = activation_spread(("normal", "lecun"), "selu")
    c.equal("seluSpread.count", len(selu_spread), 10)
    c.within("seluSpread[9]", selu_spread[9], 0.8, 1.2)

    # -- Exercise: the variances of [1024, 512, 512, 10].
    c.section("Exercise: Initialisation, the variances of a wider network")
    wide = [(1024, 512), (512, 512), (512, 10)]
    c.approx("wideHe", [standard_deviation("he", i, o) ** 2 for i, o in wide], "[0.001953125, 0.00390625, 0.00390625]")
    c.approx("wideXavier", [standard_deviation("xavier", i, o) ** 2 for i, o in wide],
             "[0.0013020833, 0.001953125, 0.0038314176]")

    c.finish()


if __name__ == "__main__":
    main()

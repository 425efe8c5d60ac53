#!/usr/bin/env python3
"""PyTorch reference values for `Tensor`'s convolution, pooling, flattening and 2-D batch norm.

Writes Tests/NeuralTests/Support/PyTorchConvolutionReferences.swift (Swift literals that
Tests/NeuralTests/Tensor/ConvolutionReferenceTests.swift compares against):

- operations: F.conv2d (stride 1 and 2, padding 0 and 1, 1 and 2 input channels, 1 and 3 output
  channels, square and non-square images and kernels, with and without bias), F.unfold,
  F.max_pool2d (k 2 stride 2, k 3 stride 1, odd sizes that floor mode crops, overlapping windows,
  and hand-written ties), F.avg_pool2d, torch.flatten, and two small CNNs ending in cross-entropy
  (source 004's SimpleCNN in miniature, and one with padding, stride, batch norm and average pooling):
  the forward value and the gradients of L = sum(op(x) ⊙ R) with respect to every input, R the
  fixed upstream gradient of references/autograd.py;
- batch norms: F.batch_norm on 4-D inputs in training mode (output, gradients with respect to the
  input, weight and bias, and the running statistics after the step) and in evaluation mode.

The inputs are drawn once from torch.manual_seed(SEED) in float64 and written into the Swift file
with the results (the max-pool ties are written out below). Linear layers use the workbook's
convention y = x·W + b, W of shape [inputs, outputs] (torch's nn.Linear stores Wᵀ), so the same
numbers feed both sides. Floats are printed with `repr`, which Swift parses back to the same Double.

    python3 references/convolution.py            # rewrites the Swift file
    python3 references/convolution.py --stdout   # prints it instead
"""
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autograd import literal, number, numbers, operation_reference, swift_string, upstream, write_generated  # noqa: E402  (the same R and literals)

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "Tests", "NeuralTests", "Support", "PyTorchConvolutionReferences.swift")
SEED = 4

# Every case: name -> (input shapes or fixed values, function, class indices). The names are the
# keys of the Swift side's table (Tests/NeuralTests/Tensor/ConvolutionReferenceTests.swift).
OPERATIONS = {}


def op(name, inputs, fn, indices=None):
    assert name not in OPERATIONS, name
    OPERATIONS[name] = (inputs, fn, indices)


# conv2d: x [N, Cin, H, W], weight [Cout, Cin, kH, kW], bias [Cout].
op("conv2d x [1,1,5,5] w [1,1,3,3] b", [[1, 1, 5, 5], [1, 1, 3, 3], [1]], lambda x, w, b: F.conv2d(x, w, b))
op("conv2d x [1,1,5,5] w [1,1,3,3]", [[1, 1, 5, 5], [1, 1, 3, 3]], lambda x, w: F.conv2d(x, w))
op("conv2d x [2,2,5,6] w [3,2,3,3] b padding 1", [[2, 2, 5, 6], [3, 2, 3, 3], [3]], lambda x, w, b: F.conv2d(x, w, b, padding=1))
op("conv2d x [2,2,7,6] w [3,2,3,3] stride 2", [[2, 2, 7, 6], [3, 2, 3, 3]], lambda x, w: F.conv2d(x, w, stride=2))
op("conv2d x [1,1,6,5] w [3,1,3,3] b stride 2 padding 1", [[1, 1, 6, 5], [3, 1, 3, 3], [3]],
   lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1))
op("conv2d x [2,2,4,3] w [1,2,2,2] padding 1", [[2, 2, 4, 3], [1, 2, 2, 2]], lambda x, w: F.conv2d(x, w, padding=1))
op("conv2d x [1,2,5,7] w [3,2,2,3] b stride 2 padding 1", [[1, 2, 5, 7], [3, 2, 2, 3], [3]],
   lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1))
op("conv2d x [2,1,3,4] w [2,1,3,4] b", [[2, 1, 3, 4], [2, 1, 3, 4], [2]], lambda x, w, b: F.conv2d(x, w, b))
op("conv2d x [1,2,4,4] w [3,2,1,1] b stride 3", [[1, 2, 4, 4], [3, 2, 1, 1], [3]], lambda x, w, b: F.conv2d(x, w, b, stride=3))
op("conv2d x [1,1,2,2] w [2,1,3,3] b padding 2", [[1, 1, 2, 2], [2, 1, 3, 3], [2]], lambda x, w, b: F.conv2d(x, w, b, padding=2))

# unfold (im2col).
op("unfold x [1,1,4,4] k 2x2", [[1, 1, 4, 4]], lambda x: F.unfold(x, (2, 2)))
op("unfold x [2,2,5,4] k 3x2 stride 2 padding 1", [[2, 2, 5, 4]], lambda x: F.unfold(x, (3, 2), stride=2, padding=1))
op("unfold x [1,3,3,3] k 3x3", [[1, 3, 3, 3]], lambda x: F.unfold(x, (3, 3)))
op("unfold x [1,2,3,5] k 2x3 padding 1", [[1, 2, 3, 5]], lambda x: F.unfold(x, (2, 3), padding=1))

# Max and average pooling (floor mode, no padding).
POOLS = [
    ("[2,2,4,6] k 2", [2, 2, 4, 6], 2, None),
    ("[1,2,5,5] k 3 stride 1", [1, 2, 5, 5], 3, 1),
    ("[1,1,5,7] k 2", [1, 1, 5, 7], 2, None),
    ("[1,1,7,6] k 3 stride 2", [1, 1, 7, 6], 3, 2),
    ("[2,1,6,5] k 2 stride 1", [2, 1, 6, 5], 2, 1),
]
for label, shape, k, s in POOLS:
    op(f"maxPool2d {label}", [shape], lambda x, k=k, s=s: F.max_pool2d(x, k, s))
    op(f"avgPool2d {label}", [shape], lambda x, k=k, s=s: F.avg_pool2d(x, k, s))
# Ties: torch's CPU kernel keeps the first maximum in row-major order (`val > maxval`).
TIES = [[[[1.0, 1.0, 0.0, 2.0, -1.0],
          [1.0, 0.5, 2.0, 2.0, -1.0],
          [3.0, 3.0, -1.0, -1.0, 0.0],
          [3.0, 3.0, -1.0, -1.0, 0.0]]]]
op("maxPool2d ties k 2", [TIES], lambda x: F.max_pool2d(x, 2))
op("maxPool2d ties k 2 stride 1", [TIES], lambda x: F.max_pool2d(x, 2, 1))
op("maxPool2d ties k 3 stride 1", [TIES], lambda x: F.max_pool2d(x, 3, 1))

# Flattening.
op("flatten [2,3,2,2] from 1", [[2, 3, 2, 2]], lambda x: torch.flatten(x, 1))
op("flatten [2,3,2,2] from 2", [[2, 3, 2, 2]], lambda x: torch.flatten(x, 2))
op("flatten [2,3,2,2] from 0", [[2, 3, 2, 2]], lambda x: torch.flatten(x, 0))
op("flatten [2,3,2,2] from -1", [[2, 3, 2, 2]], lambda x: torch.flatten(x, -1))

SIMPLE_CNN_CLASSES = [1, 3]


def simple_cnn(x, w1, b1, w2, b2, w3, b3):
    """Source 004's SimpleCNN in miniature: conv 1→2 3×3, ReLU, max pool 2, conv 2→3 3×3, ReLU,
    flatten, linear 12→4 (x·W + b), cross-entropy against SIMPLE_CNN_CLASSES."""
    h = F.max_pool2d(F.relu(F.conv2d(x, w1, b1)), 2)
    h = torch.flatten(F.relu(F.conv2d(h, w2, b2)), 1)
    return F.cross_entropy(h @ w3 + b3, torch.tensor(SIMPLE_CNN_CLASSES))


op("simple cnn", [[2, 1, 10, 10], [2, 1, 3, 3], [2], [3, 2, 3, 3], [3], [12, 4], [4]], simple_cnn, indices=SIMPLE_CNN_CLASSES)

NORM_CNN_CLASSES = [2, 0, 1]


def norm_cnn(x, w1, b1, gamma, beta, w2, b2):
    """conv 2→3 3×3 stride 2 padding 1, batch norm (training), ReLU, average pool 2, flatten, linear
    12→3, cross-entropy against NORM_CNN_CLASSES."""
    h = F.conv2d(x, w1, b1, stride=2, padding=1)
    h = F.batch_norm(h, torch.zeros(3), torch.ones(3), gamma, beta, training=True)
    h = torch.flatten(F.avg_pool2d(F.relu(h), 2), 1)
    return F.cross_entropy(h @ w2 + b2, torch.tensor(NORM_CNN_CLASSES))


op("cnn with batch norm and average pooling", [[3, 2, 8, 8], [3, 2, 3, 3], [3], [3], [3], [12, 3], [3]], norm_cnn,
   indices=NORM_CNN_CLASSES)


def draw(spec, generator):
    """A fixed input (nested lists) as is, or a shape filled from the seeded generator."""
    if isinstance(spec[0], list):
        return torch.tensor(spec)
    return torch.randn(spec, generator=generator)


def run_operation(name, generator):
    inputs, fn, indices = OPERATIONS[name]
    tensors = [draw(spec, generator).requires_grad_(True) for spec in inputs]
    out = fn(*tensors)
    r = upstream(list(out.shape))
    (out * r).sum().backward()
    return dict(name=name, inputs=[x.detach() for x in tensors], upstream=r, output=out.detach(),
                gradients=[x.grad for x in tensors], indices=indices or [])


# F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps): name -> shape,
# training, momentum, eps, and whether the running statistics start fresh (0 and 1) or drawn.
BATCH_NORMS = [
    ("training [2,3,3,4] fresh statistics", [2, 3, 3, 4], True, 0.1, 1e-5, True),
    ("training [3,2,2,3] momentum 0.3 eps 1e-3", [3, 2, 2, 3], True, 0.3, 1e-3, False),
    ("training [1,2,1,2] two values per channel", [1, 2, 1, 2], True, 0.1, 1e-5, False),
    ("evaluation [2,3,3,4]", [2, 3, 3, 4], False, 0.1, 1e-5, False),
    ("evaluation [2,2,2,3] eps 1e-3 fresh statistics", [2, 2, 2, 3], False, 0.1, 1e-3, True),
]


def run_batch_norm(case, generator):
    name, shape, training, momentum, eps, fresh = case
    channels = shape[1]
    x = (torch.randn(shape, generator=generator) * 1.5 + 0.5).requires_grad_(True)
    weight = (torch.rand(channels, generator=generator) + 0.5).requires_grad_(True)
    bias = torch.randn(channels, generator=generator).requires_grad_(True)
    if fresh:
        mean, variance = torch.zeros(channels), torch.ones(channels)
    else:
        mean, variance = torch.randn(channels, generator=generator), torch.rand(channels, generator=generator) + 0.5
    running_mean, running_var = mean.clone(), variance.clone()
    out = F.batch_norm(x, running_mean, running_var, weight, bias, training=training, momentum=momentum, eps=eps)
    r = upstream(list(out.shape))
    (out * r).sum().backward()
    return dict(name=name, training=training, momentum=momentum, epsilon=eps, input=x.detach(), weight=weight.detach(),
                bias=bias.detach(), running_mean=mean, running_variance=variance, upstream=r, output=out.detach(),
                gradients=[x.grad, weight.grad, bias.grad], running_mean_after=running_mean,
                running_variance_after=running_var)


def generate():
    generator = torch.Generator().manual_seed(SEED)
    lines = [
        "// generated by references/convolution.py; do not edit",
        f"// torch {torch.__version__}, float64, torch.manual_seed({SEED}). Regenerate with `python3 references/convolution.py`.",
        "",
        "/// `F.batch_norm` on a 4-D input from the given running statistics: torch's output, the gradients",
        "/// of `L = sum(y ⊙ upstream)` with respect to the input, weight and bias, and the running statistics after.",
        "struct BatchNorm2DReference: Sendable, CustomStringConvertible {",
        "    let name: String",
        "    let training: Bool",
        "    let momentum: Double",
        "    let epsilon: Double",
        "    let input: TensorLiteral",
        "    let weight: TensorLiteral",
        "    let bias: TensorLiteral",
        "    let runningMean: [Double]",
        "    let runningVariance: [Double]",
        "    let upstream: TensorLiteral",
        "    let output: TensorLiteral",
        "    let gradients: [TensorLiteral]",
        "    let runningMeanAfter: [Double]",
        "    let runningVarianceAfter: [Double]",
        "    var description: String { name }",
        "}",
        "",
        "enum PyTorchConvolutionReferences {",
        "    /// Each operation on its inputs (`OperationReference`, as in PyTorchReferences.swift).",
        "    static let operations: [OperationReference] = [",
    ]
    for name in OPERATIONS:
        r = run_operation(name, generator)
        lines += operation_reference(r)
    lines += ["    ]", "", "    static let batchNorms: [BatchNorm2DReference] = ["]
    for case in BATCH_NORMS:
        r = run_batch_norm(case, generator)
        lines += [
            "        BatchNorm2DReference(",
            f"            name: {swift_string(r['name'])}, training: {'true' if r['training'] else 'false'}, "
            f"momentum: {number(r['momentum'])}, epsilon: {number(r['epsilon'])},",
            f"            input: {literal(r['input'])},",
            f"            weight: {literal(r['weight'])},",
            f"            bias: {literal(r['bias'])},",
            f"            runningMean: {numbers(r['running_mean'].tolist())},",
            f"            runningVariance: {numbers(r['running_variance'].tolist())},",
            f"            upstream: {literal(r['upstream'])},",
            f"            output: {literal(r['output'])},",
            "            gradients: [" + ", ".join(literal(g) for g in r["gradients"]) + "],",
            f"            runningMeanAfter: {numbers(r['running_mean_after'].tolist())},",
            f"            runningVarianceAfter: {numbers(r['running_variance_after'].tolist())}),",
        ]
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def main():
    write_generated(generate(), OUTPUT, f"{len(OPERATIONS)} operations, {len(BATCH_NORMS)} batch norms")


if __name__ == "__main__":
    main()

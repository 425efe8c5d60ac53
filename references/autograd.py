#!/usr/bin/env python3
"""PyTorch reference values for the `Tensor` autograd, the tensor losses and the optimizers.

Writes Tests/NeuralTests/Support/PyTorchReferences.swift (Swift literals that the tests in
Tests/NeuralTests/Tensor, Losses/TensorLossReferenceTests.swift and
Optimizers/TensorOptimizerReferenceTests.swift compare against):

- operations: for every differentiable op, fixed small inputs (written below), the forward value
  and the gradients of L = sum(op(x) ⊙ R) with respect to every input, R a fixed upstream
  gradient (`upstream` below); torch float64, `torch.autograd`;
- losses: nn.functional's mse_loss, l1_loss, binary_cross_entropy, cross_entropy (class indices and
  probabilities), huber_loss (δ = 0.5, 1, 2) and smooth_l1_loss (β = 0.5, 1, 2), each with
  reduction 'mean' and 'sum';
- optimizers: four steps of torch.optim.SGD, SGD(momentum) (torch's `v ← μv + g; θ ← θ − ηv`,
  the workbook's ClassicalMomentumSGD), RMSprop, Adam, Adam(weight_decay) and AdamW on fixed
  gradients; Adam without one or both bias corrections has no torch flag, so those trajectories
  are computed by hand in NumPy (the same loop with both corrections is checked against torch.optim.Adam first);
- two tiny training loops (a linear layer on MSE with SGD momentum and with Adam);
- ReduceLROnPlateau's learning rate after each of a fixed list of losses.

Floats are printed with `repr`, the shortest string that round-trips, which Swift parses back to
the same Double.

    python3 references/autograd.py            # rewrites the Swift file
    python3 references/autograd.py --stdout   # prints it instead
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "Tests", "NeuralTests", "Support", "PyTorchReferences.swift")

# ---------------------------------------------------------------------------------------------
# Fixed inputs.
# ---------------------------------------------------------------------------------------------
A23 = [[0.5, -1.2, 2.0], [-0.3, 0.8, 1.5]]
B23 = [[1.1, 0.4, -0.7], [2.2, -1.6, 0.9]]
V3 = [0.3, -2.0, 1.25]
C21 = [[0.6], [-1.4]]
R13 = [[1.5, -0.25, 0.75]]
POSITIVE23 = [[0.5, 1.2, 2.0], [0.3, 0.8, 1.5]]
POSITIVE3 = [0.7, 1.9, 2.5]
POSITIVE21 = [[0.8], [1.6]]
# Zeros and exact boundaries, where the conventions for sub-gradients show.
WITH_ZERO = [[0.0, -1.2, 2.0], [-0.3, 0.0, 1.5]]
CLAMP_INPUT = [[-0.5, -0.7, 0.2], [0.5, 0.9, -0.1]]
ACTIVATION_INPUT = [[-2.5, -0.75, 0.0], [0.3, 1.2, 3.1]]
X234 = [
    [[0.9, -0.1, 1.7, -2.3], [0.4, 1.1, -0.6, 0.25], [-1.3, 0.05, 2.2, -0.8]],
    [[1.45, -0.35, 0.6, 1.9], [-2.1, 0.75, -0.45, 1.3], [0.15, -1.75, 0.95, -0.2]],
]
M34 = [[0.2, -0.5, 1.0, 0.3], [1.5, 0.7, -0.4, -1.1], [-0.6, 0.9, 0.35, 2.0]]
M42 = [[0.4, -1.0], [1.2, 0.5], [-0.3, 0.8], [0.6, -0.7]]
B245 = [
    [[0.1, -0.4, 0.8, 1.2, -0.9], [0.5, 0.3, -1.1, 0.2, 0.7], [-0.6, 1.4, 0.05, -0.3, 0.9], [1.0, -0.2, 0.45, 0.6, -1.3]],
    [[-0.7, 0.25, 1.1, -0.5, 0.3], [0.9, -1.2, 0.4, 0.8, -0.1], [0.35, 0.6, -0.9, 1.5, 0.2], [-1.4, 0.1, 0.7, -0.25, 1.05]],
]
M45 = B245[0]
LOGITS = [[2.0, -1.0, 0.5, 0.1], [-0.3, 0.8, 1.7, -2.2], [0.0, 0.4, -0.6, 1.1]]
CLASSES = [0, 2, 3]
SOFT_TARGETS = [[0.7, 0.1, 0.1, 0.1], [0.0, 0.25, 0.75, 0.0], [0.2, 0.2, 0.2, 0.4]]
PREDICTED = [[0.5, 2.0, -1.0, 1.3], [3.0, 0.1, 0.7, -2.4]]
TARGET = [[1.0, 0.0, -1.5, 1.3], [0.5, 0.4, 0.2, -0.9]]   # residuals −0.5, 2, 0.5, 0, 2.5, −0.3, 0.5, −1.5
PROBABILITIES = [[0.9, 0.2, 0.65], [0.35, 0.6, 0.05]]
LABELS = [[1.0, 0.0, 1.0], [0.0, 1.0, 0.3]]


def upstream(shape):
    """The fixed ∂L/∂output: element i is ((7i + 3) mod 11 − 5.5)/4, never 0."""
    n = int(np.prod(shape)) if len(shape) else 1
    values = [((7 * i + 3) % 11 - 5.5) / 4 for i in range(n)]
    return torch.tensor(values).reshape(shape)


def t(values):
    return torch.tensor(values, dtype=torch.float64)


# Every case: name -> (inputs, function, which inputs need a gradient (default all), class indices).
# The names are the keys of the Swift side's table (Tests/NeuralTests/Tensor/TensorReferenceTests.swift).
OPERATIONS = {}


def op(name, inputs, fn, grads=None, indices=None):
    assert name not in OPERATIONS, name
    OPERATIONS[name] = (inputs, fn, grads, indices)


MLP_CLASSES = [2, 0, 1]


def mlp(x, w1, b1, w2, b2):
    """Linear(3→4), tanh, Linear(4→3), cross-entropy against MLP_CLASSES."""
    return F.cross_entropy(torch.tanh(x @ w1 + b1) @ w2 + b2, torch.tensor(MLP_CLASSES))


for symbol, fn in [("add", torch.add), ("subtract", torch.sub), ("multiply", torch.mul)]:
    op(f"{symbol} [2,3] [2,3]", [A23, B23], fn)
    op(f"{symbol} [2,3] [3]", [A23, V3], fn)
    op(f"{symbol} [3] [2,3]", [V3, A23], fn)
    op(f"{symbol} [2,1] [1,3]", [C21, R13], fn)
op("divide [2,3] [2,3]", [A23, POSITIVE23], torch.div)
op("divide [2,3] [3]", [A23, POSITIVE3], torch.div)
op("divide [3] [2,3]", [V3, POSITIVE23], torch.div)
op("divide [2,1] [1,3]", [C21, [[1.5, -0.8, 2.5]]], torch.div)
op("a + 2.5", [A23], lambda a: a + 2.5)
op("2.5 + a", [A23], lambda a: 2.5 + a)
op("a - 1.5", [A23], lambda a: a - 1.5)
op("1.5 - a", [A23], lambda a: 1.5 - a)
op("a * -1.7", [A23], lambda a: a * -1.7)
op("-1.7 * a", [A23], lambda a: -1.7 * a)
op("a / 2.5", [A23], lambda a: a / 2.5)
op("2.5 / a", [A23], lambda a: 2.5 / a)
op("negate", [A23], lambda a: -a)
op("pow 2", [WITH_ZERO], lambda a: a.pow(2))
op("pow 3", [A23], lambda a: a.pow(3))
op("pow 0.5", [POSITIVE23], lambda a: a.pow(0.5))
op("pow -1.5", [POSITIVE23], lambda a: a.pow(-1.5))
op("exp", [A23], torch.exp)
op("log", [POSITIVE23], torch.log)
op("sqrt", [POSITIVE23], torch.sqrt)
op("abs", [WITH_ZERO], torch.abs)
op("tanh", [A23], torch.tanh)
op("sigmoid", [ACTIVATION_INPUT], torch.sigmoid)
op("relu", [ACTIVATION_INPUT], torch.relu)
op("clamp [-0.5, 0.5]", [CLAMP_INPUT], lambda a: a.clamp(-0.5, 0.5))
op("activated identity", [ACTIVATION_INPUT], lambda a: a * 1)
op("activated sigmoid", [ACTIVATION_INPUT], torch.sigmoid)
op("activated tanh", [ACTIVATION_INPUT], torch.tanh)
op("activated relu", [ACTIVATION_INPUT], F.relu)
op("activated leakyReLU 0.01", [ACTIVATION_INPUT], lambda a: F.leaky_relu(a, 0.01))
op("activated leakyReLU 0.2", [ACTIVATION_INPUT], lambda a: F.leaky_relu(a, 0.2))
op("activated elu 1", [ACTIVATION_INPUT], lambda a: F.elu(a, 1.0))
op("activated elu 0.5", [ACTIVATION_INPUT], lambda a: F.elu(a, 0.5))
op("activated selu", [ACTIVATION_INPUT], F.selu)
op("activated gelu", [ACTIVATION_INPUT], lambda a: F.gelu(a, approximate="none"))
op("activated gelu tanh", [ACTIVATION_INPUT], lambda a: F.gelu(a, approximate="tanh"))
op("sum", [X234], lambda a: a.sum())
op("mean", [X234], lambda a: a.mean())
op("sum axis 0", [X234], lambda a: a.sum(0))
op("sum axis 1 keeping", [X234], lambda a: a.sum(1, keepdim=True))
op("sum axis -1", [X234], lambda a: a.sum(-1))
op("mean axis 1", [X234], lambda a: a.mean(1))
op("mean axis 0 keeping", [X234], lambda a: a.mean(0, keepdim=True))
op("mean axis -1 keeping", [X234], lambda a: a.mean(-1, keepdim=True))
op("max axis 0", [X234], lambda a: a.max(0).values)
op("max axis 1 keeping", [X234], lambda a: a.max(1, keepdim=True).values)
op("max axis -1", [X234], lambda a: a.max(-1).values)
op("reshape [4, -1]", [X234], lambda a: a.reshape(4, -1))
op("permute [2, 0, 1]", [X234], lambda a: a.permute(2, 0, 1))
op("transposed", [X234], lambda a: a.transpose(-2, -1))
op("transposed 0 2", [X234], lambda a: a.transpose(0, 2))
op("slice axis 1 1..<3", [X234], lambda a: a[:, 1:3])
op("slice axis -1 1..<4", [X234], lambda a: a[..., 1:4])
op("concatenate axis 0", [A23, B23, R13], lambda a, b, c: torch.cat([a, b, c], 0))
op("concatenate axis 1", [A23, C21], lambda a, b: torch.cat([a, b], 1))
op("matmul [3,4] [4,2]", [M34, M42], torch.matmul)
op("matmul [2,3,4] [2,4,5]", [X234, B245], torch.matmul)
op("matmul [2,3,4] [4,5]", [X234, M45], torch.matmul)
op("matmul [3,4] [2,4,5]", [M34, B245], torch.matmul)
op("softmax axis -1", [LOGITS], lambda a: a.softmax(-1))
op("softmax axis 0", [LOGITS], lambda a: a.softmax(0))
op("softmax [2,3,4] axis 1", [X234], lambda a: a.softmax(1))
op("logSoftmax axis -1", [LOGITS], lambda a: a.log_softmax(-1))
op("logSoftmax axis 0", [LOGITS], lambda a: a.log_softmax(0))
op("mlp tanh cross-entropy", [[[0.5, -1.0, 2.0], [1.5, 0.2, -0.4], [-0.8, 0.9, 0.3]], M34, [0.1, -0.2, 0.3, 0.05],
                              [[0.3, -0.6, 0.2], [0.8, 0.1, -0.5], [-0.4, 0.7, 0.9], [0.25, -0.3, 0.45]], [0.0, 0.1, -0.1]], mlp, indices=MLP_CLASSES)

for reduction in ["mean", "sum"]:
    op(f"mse {reduction}", [PREDICTED, TARGET], lambda p, y, r=reduction: F.mse_loss(p, y, reduction=r))
    op(f"mae {reduction}", [PREDICTED, TARGET], lambda p, y, r=reduction: F.l1_loss(p, y, reduction=r))
    op(f"bce {reduction}", [PROBABILITIES, LABELS], lambda p, y, r=reduction: F.binary_cross_entropy(p, y, reduction=r),
       grads=[0])
    op(f"cross-entropy indices {reduction}", [LOGITS],
       lambda z, r=reduction: F.cross_entropy(z, torch.tensor(CLASSES), reduction=r), indices=CLASSES)
    op(f"cross-entropy one-hot {reduction}", [LOGITS, SOFT_TARGETS],
       lambda z, y, r=reduction: F.cross_entropy(z, y, reduction=r))
    for delta in [0.5, 1.0, 2.0]:
        op(f"huber {delta} {reduction}", [PREDICTED, TARGET],
           lambda p, y, r=reduction, d=delta: F.huber_loss(p, y, reduction=r, delta=d))
    for beta in [0.5, 1.0, 2.0]:
        op(f"smoothL1 {beta} {reduction}", [PREDICTED, TARGET],
           lambda p, y, r=reduction, b=beta: F.smooth_l1_loss(p, y, reduction=r, beta=b))


def run_operation(name):
    inputs, fn, grads, indices = OPERATIONS[name]
    needs = set(range(len(inputs))) if grads is None else set(grads)
    tensors = [t(x).requires_grad_(i in needs) for i, x in enumerate(inputs)]
    out = fn(*tensors)
    r = upstream(list(out.shape))
    (out * r).sum().backward()
    return dict(
        name=name, inputs=[x.detach() for x in tensors], upstream=r, output=out.detach(),
        gradients=[x.grad if i in needs else None for i, x in enumerate(tensors)], indices=indices or [])


# ---------------------------------------------------------------------------------------------
# Optimizers: four steps from P0 on the fixed gradients G, as `p.grad = g; opt.step()`.
# ---------------------------------------------------------------------------------------------
P0 = [[1.0, -2.0, 0.5], [3.0, 0.25, -0.75]]
G = [
    [[0.5, -1.0, 2.0], [0.1, -0.3, 0.8]],
    [[1.0, -0.2, 0.7], [0.4, -1.5, 0.05]],
    [[-0.6, 0.9, 1.2], [0.3, 0.35, -2.0]],
    [[0.2, -0.4, -0.1], [1.1, 0.6, 0.45]],
]

TORCH_OPTIMIZERS = {
    "sgd lr 0.1": lambda p: torch.optim.SGD([p], lr=0.1),
    "sgd momentum lr 0.1 momentum 0.9": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9),
    "rmsprop lr 0.01 alpha 0.9 eps 1e-8": lambda p: torch.optim.RMSprop([p], lr=0.01, alpha=0.9, eps=1e-8),
    "adam lr 0.1": lambda p: torch.optim.Adam([p], lr=0.1),
    "adam lr 0.05 betas 0.8 0.99 eps 1e-6": lambda p: torch.optim.Adam([p], lr=0.05, betas=(0.8, 0.99), eps=1e-6),
    "adam lr 0.1 weight decay 0.1": lambda p: torch.optim.Adam([p], lr=0.1, weight_decay=0.1),
    "adamw lr 0.1 weight decay 0.1": lambda p: torch.optim.AdamW([p], lr=0.1, weight_decay=0.1),
}


def run_torch_optimizer(make):
    p = t(P0).requires_grad_(True)
    optimizer = make(p)
    trajectory = []
    for g in G:
        p.grad = t(g)
        optimizer.step()
        trajectory.append(p.detach().clone())
    return trajectory


def adam_by_hand(corrects_first, corrects_second, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam in NumPy with either bias correction switchable, in the order Adam.swift writes it."""
    p = np.array(P0, dtype=np.float64)
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    trajectory = []
    for step, g in enumerate(G, start=1):
        g = np.array(g, dtype=np.float64)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * (g * g)
        m_hat = m / (1 - beta1 ** step) if corrects_first else m
        v_hat = v / (1 - beta2 ** step) if corrects_second else v
        p = p - lr * (m_hat / (np.sqrt(v_hat) + eps))
        trajectory.append(torch.from_numpy(p.copy()))
    return trajectory


def optimizer_references():
    references = [dict(name=name, trajectory=run_torch_optimizer(make)) for name, make in TORCH_OPTIMIZERS.items()]
    # The hand-written loop with both corrections is torch's Adam, which vouches for the other three.
    both = adam_by_hand(True, True)
    for ours, theirs in zip(both, references[3]["trajectory"]):
        assert torch.allclose(ours, theirs, rtol=0, atol=1e-14), (ours, theirs)
    for name, first, second in [("adam lr 0.1 bias correction none", False, False),
                                ("adam lr 0.1 bias correction first moment only", True, False),
                                ("adam lr 0.1 bias correction second moment only", False, True)]:
        references.append(dict(name=name, trajectory=adam_by_hand(first, second)))
    return references


# ---------------------------------------------------------------------------------------------
# Training loops: y = x·W + b on MSE, three steps (zero_grad, backward, step).
# ---------------------------------------------------------------------------------------------
TRAIN_X = [[0.5, -1.0, 2.0], [1.5, 0.2, -0.4], [-0.8, 0.9, 0.3], [0.0, 1.1, -1.2]]
TRAIN_Y = [[1.0, 0.0], [0.5, -0.5], [-1.0, 2.0], [0.3, 0.7]]
TRAIN_W = [[0.4, -0.3], [0.2, 0.6], [-0.5, 0.1]]
TRAIN_B = [0.05, -0.1]
TRAINING = {
    "linear mse sgd momentum lr 0.05 momentum 0.9": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
    "linear mse adam lr 0.1": lambda ps: torch.optim.Adam(ps, lr=0.1),
}


def run_training(name, make):
    w = t(TRAIN_W).requires_grad_(True)
    b = t(TRAIN_B).requires_grad_(True)
    optimizer = make([w, b])
    losses = []
    for _ in range(3):
        optimizer.zero_grad()
        loss = F.mse_loss(t(TRAIN_X) @ w + b, t(TRAIN_Y))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return dict(name=name, losses=losses, weight=w.detach(), bias=b.detach())


# ---------------------------------------------------------------------------------------------
# ReduceLROnPlateau(mode="min", threshold_mode="rel"): the rate after each loss.
# ---------------------------------------------------------------------------------------------
PLATEAUS = [
    dict(name="factor 0.5 patience 2", learning_rate=0.1, factor=0.5, patience=2, threshold=1e-4, minimum=0.0,
         losses=[1.0, 0.9, 0.95, 0.92, 0.91, 0.905, 0.9, 0.89, 0.8999, 0.8999, 0.8999, 0.7, 0.71, 0.72, 0.73, 0.74]),
    dict(name="patience 0 minimum 1e-3", learning_rate=0.1, factor=0.1, patience=0, threshold=1e-4, minimum=1e-3,
         losses=[1.0, 1.1, 1.2, 1.3, 1.4, 0.5, 0.6]),
    dict(name="threshold 1e-2 patience 1", learning_rate=1.0, factor=0.25, patience=1, threshold=1e-2, minimum=0.0,
         losses=[2.0, 1.995, 1.99, 1.97, 1.9, 1.899, 1.898, 1.5, 1.49, 1.4, 1.3999]),
    # Near 1e-8 torch skips a reduction smaller than its eps = 1e-8 (`if old_lr − new_lr > eps`).
    dict(name="tiny rates eps 1e-8", learning_rate=1e-6, factor=0.1, patience=0, threshold=1e-4, minimum=0.0,
         losses=[1.0, 1.0, 1.0, 1.0, 1.0]),
]


def run_plateau(case):
    p = t([0.0]).requires_grad_(True)
    optimizer = torch.optim.SGD([p], lr=case["learning_rate"])
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, mode="min", factor=case["factor"], patience=case["patience"], threshold=case["threshold"],
        threshold_mode="rel", min_lr=case["minimum"])
    rates = []
    for loss in case["losses"]:
        scheduler.step(loss)
        rates.append(float(optimizer.param_groups[0]["lr"]))
    return dict(case, rates=rates)


# ---------------------------------------------------------------------------------------------
# Swift output.
# ---------------------------------------------------------------------------------------------
def number(x):
    x = float(x)
    assert math.isfinite(x), x
    return repr(x)


def numbers(values):
    return "[" + ", ".join(number(v) for v in values) + "]"


def literal(tensor):
    if tensor is None:
        return "nil"
    tensor = torch.as_tensor(tensor)
    shape = ", ".join(str(d) for d in tensor.shape)
    return f"TensorLiteral(shape: [{shape}], elements: {numbers(tensor.reshape(-1).tolist())})"


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def operation_reference(r):
    """The Swift lines of one `OperationReference` from a run_operation result."""
    return [
        "        OperationReference(",
        f"            name: {swift_string(r['name'])},",
        "            inputs: [" + ", ".join(literal(x) for x in r["inputs"]) + "],",
        f"            classIndices: [{', '.join(str(i) for i in r['indices'])}],",
        f"            upstream: {literal(r['upstream'])},",
        f"            output: {literal(r['output'])},",
        "            gradients: [" + ", ".join(literal(g) for g in r["gradients"]) + "]),",
    ]


def generate():
    lines = [
        "// generated by references/autograd.py; do not edit",
        f"// torch {torch.__version__}, numpy {np.__version__}, float64. Regenerate with `python3 references/autograd.py`.",
        "",
        "/// A tensor as the reference script writes it: its shape and its elements in row-major order.",
        "struct TensorLiteral: Sendable {",
        "    let shape: [Int]",
        "    let elements: [Double]",
        "}",
        "",
        "/// One operation on fixed inputs: torch's forward value and the gradients of",
        "/// `L = sum(op(inputs) ⊙ upstream)` with respect to each input (nil where torch computed none).",
        "struct OperationReference: Sendable, CustomStringConvertible {",
        "    let name: String",
        "    let inputs: [TensorLiteral]",
        "    let classIndices: [Int]",
        "    let upstream: TensorLiteral",
        "    let output: TensorLiteral",
        "    let gradients: [TensorLiteral?]",
        "    var description: String { name }",
        "}",
        "",
        "/// The parameter after each step of an optimizer from `PyTorchReferences.initialParameter` on",
        "/// `PyTorchReferences.optimizerGradients`.",
        "struct OptimizerReference: Sendable, CustomStringConvertible {",
        "    let name: String",
        "    let trajectory: [TensorLiteral]",
        "    var description: String { name }",
        "}",
        "",
        "/// Three steps of `y = x·W + b` on MSE: the loss before each step and the final parameters.",
        "struct TrainingReference: Sendable, CustomStringConvertible {",
        "    let name: String",
        "    let losses: [Double]",
        "    let weight: TensorLiteral",
        "    let bias: TensorLiteral",
        "    var description: String { name }",
        "}",
        "",
        "/// ReduceLROnPlateau's learning rate after each loss.",
        "struct PlateauReference: Sendable, CustomStringConvertible {",
        "    let name: String",
        "    let learningRate: Double",
        "    let factor: Double",
        "    let patience: Int",
        "    let threshold: Double",
        "    let minimum: Double",
        "    let losses: [Double]",
        "    let rates: [Double]",
        "    var description: String { name }",
        "}",
        "",
        "enum PyTorchReferences {",
        "    static let operations: [OperationReference] = [",
    ]
    for name in OPERATIONS:
        r = run_operation(name)
        lines += operation_reference(r)
    lines += [
        "    ]",
        "",
        f"    static let initialParameter = {literal(t(P0))}",
        "    static let optimizerGradients: [TensorLiteral] = [",
    ]
    lines += [f"        {literal(t(g))}," for g in G]
    lines += ["    ]", "", "    static let optimizers: [OptimizerReference] = ["]
    for r in optimizer_references():
        lines.append(f"        OptimizerReference(name: {swift_string(r['name'])}, trajectory: [")
        lines += [f"            {literal(p)}," for p in r["trajectory"]]
        lines.append("        ]),")
    lines += [
        "    ]",
        "",
        f"    static let trainingInput = {literal(t(TRAIN_X))}",
        f"    static let trainingTarget = {literal(t(TRAIN_Y))}",
        f"    static let trainingWeight = {literal(t(TRAIN_W))}",
        f"    static let trainingBias = {literal(t(TRAIN_B))}",
        "    static let trainings: [TrainingReference] = [",
    ]
    for name, make in TRAINING.items():
        r = run_training(name, make)
        lines += [
            f"        TrainingReference(",
            f"            name: {swift_string(name)}, losses: {numbers(r['losses'])},",
            f"            weight: {literal(r['weight'])},",
            f"            bias: {literal(r['bias'])}),",
        ]
    lines += ["    ]", "", "    static let plateaus: [PlateauReference] = ["]
    for case in PLATEAUS:
        r = run_plateau(case)
        lines += [
            "        PlateauReference(",
            f"            name: {swift_string(r['name'])}, learningRate: {number(r['learning_rate'])}, factor: {number(r['factor'])},",
            f"            patience: {r['patience']}, threshold: {number(r['threshold'])}, minimum: {number(r['minimum'])},",
            f"            losses: {numbers(r['losses'])},",
            f"            rates: {numbers(r['rates'])}),",
        ]
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def write_generated(source, output, summary):
    """Writes the generated Swift `source` to `output`, or to standard output with --stdout."""
    if "--stdout" in sys.argv:
        sys.stdout.write(source)
        return
    with open(output, "w") as file:
        file.write(source)
    print(f"wrote {os.path.relpath(output)}: {summary}")


def main():
    write_generated(generate(), OUTPUT, f"{len(OPERATIONS)} operations and losses, "
                    f"{len(TORCH_OPTIMIZERS) + 3} optimizers, {len(TRAINING)} training loops, {len(PLATEAUS)} plateau schedules")


if __name__ == "__main__":
    main()

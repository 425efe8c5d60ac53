#!/usr/bin/env python3
"""Independent reference values for chapters/15-recurrent-networks.md.

The recurrent steps are recomputed with PyTorch float64 (torch.rnn_tanh_cell, torch.lstm_cell and
torch.gru_cell, the kernels of nn.RNNCell, nn.LSTMCell and nn.GRUCell, with the chapter's weights
transposed to torch's layout) and the gates a second time from their formulas; gradients come from
torch's autograd; the fifty-step gradient norms are compared with s^50 and with the spectral radius
sqrt(det W) written out by hand; clipping follows torch.nn.utils.clip_grad_norm_'s formula
c / (‖g‖ + 1e-6); the parameter counts come from nn.RNNCell, nn.LSTMCell and nn.GRUCell.

The recall task (the first of 50 inputs is ±1, the rest 0; 16 hidden units, a Xavier-uniform
readout, Adam 1e-2, 300 batches of 32, tested on 1,000) is trained in PyTorch with the chapter's
initialisations (nn.RNNCell and nn.LSTMCell defaults, the LSTM's forget biases + 4) and PyTorch's
own random numbers, --runs seeds per cell; the chapter's ranges must hold for every run.

    python3 references/15-recurrent-networks.py [--runs 8] [--no-train]
"""
import argparse
import math

from workbook_reference import Checks

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)
T = torch.tensor


def hidden_state(checks):
    checks.section("A hidden state, step by step")
    w_ih, w_hh = T([[0.5, -0.3]], requires_grad=True), T([[0.8, 0.1], [-0.2, 0.6]], requires_grad=True)
    b_ih, b_hh = T([0.0, 0.1], requires_grad=True), T([0.0, 0.0])
    inputs = [T([[1.0]]), T([[0.0]]), T([[-1.0]])]
    h, states = torch.zeros(1, 2), []
    for x in inputs:
        h = torch.rnn_tanh_cell(x, h, w_ih.T, w_hh.T, b_ih, b_hh)
        states.append(h)
    checks.approx("firstPreactivation", (inputs[0] @ w_ih + b_ih).tolist(), "[[0.5, -0.2]] ± 1e-12")
    checks.equal("states.count", len(states), 3)
    checks.approx("states[0]", states[0].tolist(), "[[0.46211715726001, -0.197375320224904]] ± 1e-12")
    checks.approx("states[1]", states[1].tolist(), "[[0.387766681036632, 0.0277793745583249]] ± 1e-12")
    checks.approx("states[2]", states[2].tolist(), "[[-0.192895205402955, 0.426363920891597]] ± 1e-12")
    checks.equal("cellParameters", sum(p.numel() for p in nn.RNNCell(1, 2).parameters()), 10)

    checks.section("Backpropagation through time")
    states[2][0, 0].backward()
    gradients = [w_hh.grad.tolist(), w_ih.grad.tolist(), b_ih.grad.tolist()]
    checks.approx("recurrentGradient", gradients[0], "[[0.675756497372885, -0.0889158198677937], [-0.102420333791906, 0.0379769245606938]] ± 1e-12")
    checks.approx("inputGradient", gradients[1], "[[-0.56619064613311, -0.236733268423724]] ± 1e-12")
    checks.approx("biasGradient", gradients[2], "[2.01381081854621, -0.429142960362007] ± 1e-12")

    def last_unit(recurrent):
        h = torch.zeros(1, 2)
        for x in inputs:
            h = torch.rnn_tanh_cell(x, h, w_ih.detach().T, recurrent.T, b_ih.detach(), b_hh)
        return h[0, 0].item()
    base = w_hh.detach().clone()
    numerical = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            plus, minus = base.clone(), base.clone()
            plus[i, j] += 1e-5
            minus[i, j] -= 1e-5
            numerical[i, j] = (last_unit(plus) - last_unit(minus)) / 2e-5
    checks.approx("numericalRecurrent", numerical.tolist(), "[[0.675756497372885, -0.0889158198677937], [-0.102420333791906, 0.0379769245606938]] ± 1e-8")
    error = np.linalg.norm(np.array(gradients[0]) - numerical) / max(np.linalg.norm(gradients[0]), np.linalg.norm(numerical))
    checks.within("recurrentError", error, 0, 1e-8)

    w_hh2 = w_hh.detach().clone().requires_grad_(True)
    last = torch.rnn_tanh_cell(inputs[2], states[1].detach(), w_ih.detach().T, w_hh2.T, b_ih.detach(), b_hh)
    last[0, 0].backward()
    checks.approx("lastStepGradient", w_hh2.grad.tolist(), LAST_STEP)
    checks.approx("earlierShare", (w_hh.grad - w_hh2.grad).tolist(),
                  "[[0.302418056257313, -0.0889158198677937], [-0.129166077817786, 0.0379769245606938]] ± 1e-12")


def gradient_norm(recurrent, steps, inputs=None):
    h0 = torch.zeros(1, recurrent.shape[0], requires_grad=True)
    h = h0
    for _ in range(steps):
        h = torch.tanh(h @ recurrent + (0 if inputs is None else inputs))
    h[0, 0].backward()
    return h0.grad.norm().item(), h0.grad


ROTATION = T([[math.cos(0.6), math.sin(0.6)], [-math.sin(0.6), math.cos(0.6)]])


def fifty_steps(checks):
    checks.section("Fifty steps")
    for index, s in enumerate([0.9, 1.0, 1.1]):
        norm, _ = gradient_norm(ROTATION * s, 50)
        assert abs(norm - s ** 50) <= 1e-12 * s ** 50, (norm, s ** 50)
        expected = ["0.00515377520732012 ± 1e-9%", "1 ± 1e-12", "117.390852879696 ± 1e-9%"][index]
        checks.approx(f"normsAfter50[{index}]", norm, expected)
    checks.approx("normsByStep[1]", [gradient_norm(ROTATION, t)[0] for t in [10, 20, 30, 40, 50]], "[1, 1, 1, 1, 1] ± 1e-12")
    checks.approx("normsByStep[0][0]", gradient_norm(ROTATION * 0.9, 10)[0], NORM09_10)
    checks.approx("normsByStep[2][0]", gradient_norm(ROTATION * 1.1, 10)[0], NORM11_10)
    checks.approx("saturatedNorm", gradient_norm(ROTATION, 50, T([[0.5, -0.5]]))[0], SATURATED)
    tilted = T([[0.9, 0.5], [-0.4, 0.7]])
    radius = math.sqrt(0.9 * 0.7 - 0.5 * -0.4)
    assert abs(radius - max(abs(np.linalg.eigvals(tilted.numpy())))) < 1e-12
    checks.approx("spectralRadius", radius, "0.911043357914 ± 1e-12")
    checks.approx("tiltedNorm", gradient_norm(tilted, 50)[0], "0.00905614785148378 ± 1e-9%")
    checks.approx("oneStepStretch", gradient_norm(tilted, 1)[0], ONE_STEP)
    checks.note("largestGramError in 0...1e-12", "QᵀQ = I holds for any orthogonal Q; the draw is Neural's own")
    checks.note("orthogonalNorm ≈ 1 ± 1e-10", "‖Q⁵⁰u‖ = ‖u‖ for any orthogonal Q (theory)")


def clipping(checks):
    checks.section("Clipping")
    norm, gradient = gradient_norm(ROTATION * 1.1, 50)
    checks.approx("exploded", gradient.tolist(), EXPLODED)
    checks.approx("clipped.totalNorm", norm, "117.390852879696 ± 1e-9%")
    scale = min(1.0, 5 / (norm + 1e-6))
    clipped = gradient * scale
    checks.approx("clipped.scale", scale, CLIPSCALE)
    checks.approx("clippedNorm", clipped.norm().item(), "5 ± 1e-6")
    checks.approx("cosine", (gradient * clipped).sum().item() / (norm * clipped.norm().item()), "1 ± 1e-12")
    checks.approx("valueClipped", gradient.clamp(-5, 5).tolist(), VALUECLIPPED)


def sigmoid(v):
    return 1 / (1 + math.exp(-v))


def gates(checks):
    checks.section("Gates")
    x, h, c = T([[1.0]]), T([[0.5]]), T([[-0.3]])
    w_ih, w_hh, b_ih = T([[0.5, -0.4, 0.8, 0.3]]), T([[0.2, 0.6, -0.5, 0.1]]), T([0.1, 1.0, 0.0, -0.2])
    a = [0.5 + 0.1 + 0.5 * 0.2, -0.4 + 1.0 + 0.5 * 0.6, 0.8 + 0.5 * -0.5, 0.3 - 0.2 + 0.5 * 0.1]
    i, f, g, o = sigmoid(a[0]), sigmoid(a[1]), math.tanh(a[2]), sigmoid(a[3])
    cell = f * -0.3 + i * g
    hidden = o * math.tanh(cell)
    torch_h, torch_c = torch.lstm_cell(x, (h, c), w_ih.T, w_hh.T, b_ih, torch.zeros(4))
    assert abs(torch_h.item() - hidden) < 1e-15 and abs(torch_c.item() - cell) < 1e-15
    for name, value, expected in [
        ("lstmGates.input.item", i, "0.668187772168166"), ("lstmGates.forget.item", f, "0.710949502625004"),
        ("lstmGates.candidate.item", g, "0.500520211190235"), ("lstmGates.output.item", o, "0.53742984534375"),
        ("lstmNext.cell.item", cell, "0.121156634052842"), ("lstmNext.hidden.item", hidden, "0.0647964533955102"),
    ]:
        checks.approx(name, value, expected + " ± 1e-12")

    w_ih, w_hh, b_ih, b_hh = T([[0.7, -0.3, 0.9]]), T([[0.4, 0.2, -0.6]]), T([0.0, 0.5, 0.1]), T([0.1, 0.0, 0.2])
    ai = [0.7, -0.3 + 0.5, 0.9 + 0.1]
    bh = [0.5 * 0.4 + 0.1, 0.5 * 0.2, 0.5 * -0.6 + 0.2]
    r, z = sigmoid(ai[0] + bh[0]), sigmoid(ai[1] + bh[1])
    n = math.tanh(ai[2] + r * bh[2])
    new = (1 - z) * n + z * 0.5
    assert abs(torch.gru_cell(x, h, w_ih.T, w_hh.T, b_ih, b_hh).item() - new) < 1e-15
    for name, value, expected in [
        ("gruGates.reset.item", r, "0.731058578630005"), ("gruGates.update.item", z, "0.574442516811659"),
        ("gruGates.candidate.item", n, "0.729142555436063"), ("gruNext.item", new, "0.597513329182716"),
    ]:
        checks.approx(name, value, expected + " ± 1e-12")

    for name, module, expected in [("rnnSize", nn.RNNCell, 640), ("lstmSize", nn.LSTMCell, 2560), ("gruSize", nn.GRUCell, 1920)]:
        checks.equal(name, sum(p.numel() for p in module(10, 20).parameters()), expected)
    size = {kind: sum(p.numel() for p in module(10, 20).parameters()) for kind, module in [("rnn", nn.RNNCell), ("lstm", nn.LSTMCell), ("gru", nn.GRUCell)]}
    checks.equal("lstmSize / rnnSize", size["lstm"] // size["rnn"], 4)
    checks.equal("gruSize / rnnSize", size["gru"] // size["rnn"], 3)


def exercises(checks):
    checks.section("Exercises")
    f = sigmoid(-0.4 + 5.0 + 0.5 * 0.6)
    i, g = sigmoid(0.7), math.tanh(0.55)
    checks.within("rememberingGates.forget.item", f, 0.99, 1)
    checks.approx("rememberingGates.input.item", i, "0.668187772168166 ± 1e-12")
    checks.within("rememberingNext.cell.item", f * -0.3 + i * g, 0.034, 0.038)
    # every forget gate from 0.99 to 1 keeps the cell in the range
    assert 0.034 <= 0.99 * -0.3 + i * g <= 0.038 and 0.034 <= 1.0 * -0.3 + i * g <= 0.038
    scale = 2 ** (1 / 50)
    checks.approx("doublingScale", scale, "1.01395947979003 ± 1e-12")
    checks.approx("doublingNorm", gradient_norm(ROTATION * scale, 50)[0], "2 ± 1e-9")
    norm, gradient = gradient_norm(ROTATION * 1.1, 50)
    clipped = gradient * min(1.0, 1 / (norm + 1e-6))
    checks.approx("unitClippedNorm", clipped.norm().item(), "1 ± 1e-6")
    checks.approx("unitClipped", clipped.tolist(), "[[0.154251448573586, 0.988031615676264]] ± 1e-12")


def recall_runs(checks, runs):
    checks.section("Training: remembering the first input")
    steps, hidden = 50, 16

    def batch(n):
        labels = (torch.rand(n) < 0.5).long()
        x = torch.zeros(n, steps, 1)
        x[:, 0, 0] = labels * 2.0 - 1.0
        return x, labels

    def final(kind, cell, x):
        h = c = torch.zeros(x.shape[0], hidden)
        for t in range(steps):
            if kind == "rnn":
                h = cell(x[:, t], h)
            else:
                h, c = cell(x[:, t], (h, c))
        return h

    results = {"rnn": [], "lstm": []}
    for seed in range(runs):
        for kind in results:
            torch.manual_seed(seed)
            cell = {"rnn": nn.RNNCell, "lstm": nn.LSTMCell}[kind](1, hidden)
            readout = nn.Linear(hidden, 2)
            with torch.no_grad():
                nn.init.xavier_uniform_(readout.weight)
                readout.bias.zero_()
                if kind == "lstm":
                    cell.bias_ih[hidden:2 * hidden] += 4.0
            x, _ = batch(32)
            x.requires_grad_(True)
            final(kind, cell, x).sum().backward()
            first_gradient = x.grad[:, 0].norm().item()
            optimizer = torch.optim.Adam(list(cell.parameters()) + list(readout.parameters()), lr=0.01)
            losses = []
            for _ in range(300):
                x, labels = batch(32)
                loss = F.cross_entropy(readout(final(kind, cell, x)), labels)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            x, labels = batch(1000)
            with torch.no_grad():
                accuracy = (readout(final(kind, cell, x)).argmax(1) == labels).double().mean().item()
            results[kind].append(dict(first=first_gradient, loss0=losses[0], last=losses[-1], accuracy=accuracy))
            print(f"             seed {seed} {kind}: first-input gradient {first_gradient:.3g}, loss {losses[0]:.3f} → {losses[-1]:.4f}, accuracy {accuracy:.3f}")
    for expression, kind, key, low, high in [
        ("plainFirstGradient", "rnn", "first", 0, 1e-9), ("gatedFirstGradient", "lstm", "first", 0.005, 2),
        ("gatedRun.losses[299]", "lstm", "last", 0, 0.05), ("gatedRun.accuracy", "lstm", "accuracy", 0.99, 1),
        ("plainRun.losses[0]", "rnn", "loss0", 0.6, 1.5), ("plainRun.accuracy", "rnn", "accuracy", 0.45, 1),
    ]:
        values = [r[key] for r in results[kind]]
        checks.within_runs(expression, values, low, high)
    solved = sum(r["accuracy"] > 0.99 for r in results["rnn"])
    print(f"             the plain cell solved the task in {solved} of {runs} runs")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--no-train", action="store_true")
    args = parser.parse_args()
    checks = Checks("15-recurrent-networks")
    hidden_state(checks)
    fifty_steps(checks)
    clipping(checks)
    gates(checks)
    if not args.no_train:
        recall_runs(checks, args.runs)
    exercises(checks)
    checks.finish()


LAST_STEP = "[[0.373338441115572, 0], [0.0267457440258795, 0]] ± 1e-12"
NORM09_10 = "0.3486784401 ± 1e-9%"
NORM11_10 = "2.5937424601 ± 1e-9%"
SATURATED = "7.98109375230e-13 ± 1e-6%"
ONE_STEP = "0.98488578017961 ± 1e-12"
EXPLODED = "[[18.1077092602333, 115.985875024372]] ± 1e-9%"
CLIPSCALE = "0.0425927560346744 ± 1e-9%"
VALUECLIPPED = "[[5, 5]] ± 1e-12"

if __name__ == "__main__":
    main()

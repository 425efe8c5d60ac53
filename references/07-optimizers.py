#!/usr/bin/env python3
"""Independent reference values for chapters/07-optimizers.md.

The optimizers are PyTorch's own: torch.optim.SGD (with and without momentum), RMSprop (alpha = β,
ε outside the square root), Adam, Adam(weight_decay = λ) for the coupled L2 penalty, and AdamW;
their internal state (momentum_buffer, square_avg, exp_avg, exp_avg_sq) is read after every step.
Averaged momentum (v ← βv + (1−β)g) has no PyTorch equivalent (SGD's dampening skips the first
step), so it and the bias-correction experiments are written by hand in plain Python. The
schedules are PyTorch's StepLR, CosineAnnealingLR, LinearLR and OneCycleLR, stepped once per step.

    python3 references/07-optimizers.py
"""
import math
import re
import sys

from workbook_reference import Checks

import torch

torch.set_default_dtype(torch.float64)

GRADIENTS = [2.0, 1.5, 3.0]


def run(make_optimizer, gradients=GRADIENTS, start=5.0):
    """Feeds the gradients one by one to a PyTorch optimizer on one parameter θ.
    Returns, per step, θ after the step, the update θ_before − θ_after, and the optimizer state."""
    theta = torch.tensor([start], requires_grad=True)
    optimizer = make_optimizer([theta])
    records = []
    for g in gradients:
        before = theta.item()
        theta.grad = torch.tensor([g])
        optimizer.step()
        state = {k: (v.item() if torch.is_tensor(v) else v) for k, v in optimizer.state[theta].items()}
        records.append(dict(parameter=theta.item(), update=before - theta.item(), **state))
    return records


def adam_hats(records, beta1=0.9, beta2=0.999):
    """m̂ = m/(1−β1^t), v̂ = v/(1−β2^t) from PyTorch's exp_avg and exp_avg_sq."""
    return [(r["exp_avg"] / (1 - beta1 ** r["step"]), r["exp_avg_sq"] / (1 - beta2 ** r["step"])) for r in records]


def schedule(make_scheduler, steps):
    """The learning rate a PyTorch scheduler sets at each step t = 0 … steps−1 (from lr = 0.1)."""
    theta = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=0.1)
    scheduler = make_scheduler(optimizer)
    rates = []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


def main():
    c = Checks("07-optimizers")

    # -- Plain gradient descent, η = 0.1.
    c.section("Plain gradient descent")
    sgd = run(lambda p: torch.optim.SGD(p, lr=0.1))
    c.approx("sgdPath", [r["parameter"] for r in sgd], "[4.8, 4.65, 4.35] ± 1e-9")

    # -- Classical momentum (PyTorch's SGD momentum: v ← μv + g, θ ← θ − ηv).
    c.section("Worked example: classical momentum")
    classical = run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9))
    c.approx("classicalSteps.map { $0.velocity[0, 0] }", [r["momentum_buffer"] for r in classical], "[2, 3.3, 5.97] ± 1e-9")
    c.approx("classicalSteps.map { $0.update[0, 0] }", [r["update"] for r in classical], "[0.2, 0.33, 0.597] ± 1e-10")
    c.approx("classicalSteps.map { $0.parameter[0, 0] }", [r["parameter"] for r in classical], "[4.8, 4.47, 3.873] ± 1e-9")

    # -- Averaged momentum, by hand: v ← βv + (1−β)g, θ ← θ − ηv.
    c.section("Worked example: averaged momentum")
    v, theta, velocities, path = 0.0, 5.0, [], []
    for g in GRADIENTS:
        v = 0.9 * v + (1 - 0.9) * g
        theta -= 0.1 * v
        velocities.append(v)
        path.append(theta)
    c.approx("averagedSteps.map { $0.velocity[0, 0] }", velocities, "[0.2, 0.33, 0.597] ± 1e-10")
    c.approx("averagedSteps.map { $0.update[0, 0] }", [0.1 * v for v in velocities], "[0.02, 0.033, 0.0597] ± 1e-10")
    c.approx("averagedSteps.map { $0.parameter[0, 0] }", path, "[4.98, 4.947, 4.8873]")

    # -- The two conventions are the same optimizer: PyTorch momentum with lr = η(1−β).
    c.section("The two conventions are the same optimizer")
    rescaled = run(lambda p: torch.optim.SGD(p, lr=0.1 * (1 - 0.9), momentum=0.9))
    c.approx("rescaledSteps.map { $0.parameter[0, 0] }", [r["parameter"] for r in rescaled], "[4.98, 4.947, 4.8873]")
    c.approx("zip(rescaledSteps, averagedSteps).map { $0.parameter[0, 0] - $1.parameter[0, 0] }",
             [r["parameter"] - a for r, a in zip(rescaled, path)], "[0, 0, 0] ± 1e-12")
    c.approx("rescaledSteps.map { 0.1 * $0.velocity[0, 0] }", [0.1 * r["momentum_buffer"] for r in rescaled],
             "[0.2, 0.33, 0.597] ± 1e-10")

    # -- RMSProp: PyTorch's RMSprop with alpha = 0.9 (ε outside the root); the inside variant by hand.
    c.section("Worked example: RMSProp")
    rmsprop = run(lambda p: torch.optim.RMSprop(p, lr=0.1, alpha=0.9, eps=1e-8))
    c.approx("gradients.map { $0 * $0 }", [g * g for g in GRADIENTS], "[4, 2.25, 9] ± 1e-12")
    c.approx("rmspropSteps.map { $0.squaredAverage[0, 0] }", [r["square_avg"] for r in rmsprop], "[0.4, 0.585, 1.4265] ± 1e-9")
    c.approx("rmspropSteps.map { $0.update[0, 0] }", [r["update"] for r in rmsprop], "[0.316228, 0.196116, 0.251180]")
    c.approx("rmspropSteps.map { $0.parameter[0, 0] }", [r["parameter"] for r in rmsprop],
             "[4.683772, 4.487656, 4.236476]")
    s, inside = 0.0, 5.0
    for g in GRADIENTS:
        s = 0.9 * s + 0.1 * g * g
        inside -= 0.1 * g / math.sqrt(s + 1e-8)
    gap = abs(inside - rmsprop[-1]["parameter"])
    c.equal("abs(rmspropInsideTheta - rmspropTheta) < 1e-8", gap < 1e-8, True, shown=gap)

    # -- Adam, three steps (PyTorch's Adam).
    c.section("Worked example: Adam, three steps")
    adam = run(lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.9, 0.999), eps=1e-8))
    hats = adam_hats(adam)
    expected = [
        dict(m="0.2 ± 1e-10", v="0.004 ± 1e-12", mHat="2 ± 1e-9", vHat="4 ± 1e-9", update="0.0999999995", theta="4.9000000005"),
        dict(m="0.33 ± 1e-10", v="0.006246", mHat="1.736842", vHat="3.124562", update="0.0982575", theta="4.801742"),
        dict(m="0.597", v="0.015239754", mHat="2.202952", vHat="5.085001", update="0.0976921", theta="4.704050"),
    ]
    c.equal("adam1.t", int(adam[0]["step"]), 1)
    for index, (record, (m_hat, v_hat), e) in enumerate(zip(adam, hats, expected), start=1):
        c.approx(f"adam{index}.m[0, 0]", record["exp_avg"], e["m"])
        c.approx(f"adam{index}.v[0, 0]", record["exp_avg_sq"], e["v"])
        c.approx(f"adam{index}.mHat[0, 0]", m_hat, e["mHat"])
        c.approx(f"adam{index}.vHat[0, 0]", v_hat, e["vHat"])
        c.approx(f"adam{index}.update[0, 0]", record["update"], e["update"])
        c.approx(f"adamTheta (after step {index})", record["parameter"], e["theta"])
    # The bias corrections of steps 2 and 3, 1 − β^t, and step 2's ratio m̂/√v̂ from PyTorch's state.
    c.approx("adam2.m[0, 0] / adam2.mHat[0, 0]", 1 - 0.9 ** 2, "0.19 ± 1e-12")
    c.approx("pow(adam.beta2, 2)", 0.999 ** 2, "0.998001 ± 1e-12")
    c.approx("adam2.v[0, 0] / adam2.vHat[0, 0]", 1 - 0.999 ** 2, "0.001999 ± 1e-12")
    c.approx("adam2.mHat[0, 0] / adam2.vHat[0, 0].squareRoot()", hats[1][0] / math.sqrt(hats[1][1]), "0.982575")
    c.approx("pow(adam.beta1, 3)", 0.9 ** 3, "0.729 ± 1e-12")
    c.approx("adam3.m[0, 0] / adam3.mHat[0, 0]", 1 - 0.9 ** 3, "0.271 ± 1e-12")
    c.approx("pow(adam.beta2, 3)", 0.999 ** 3, "0.997002999 ± 1e-12")
    c.approx("adam3.v[0, 0] / adam3.vHat[0, 0]", 1 - 0.999 ** 3, "0.002997001 ± 1e-12")

    # -- What bias correction does, by hand.
    c.section("What bias correction does")

    def adam_without_correction(correct_first, correct_second):
        m = v = 0.0
        theta, path = 5.0, []
        for t, g in enumerate(GRADIENTS, start=1):
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            m_used = m / (1 - 0.9 ** t) if correct_first else m
            v_used = v / (1 - 0.999 ** t) if correct_second else v
            theta -= 0.1 * m_used / (math.sqrt(v_used) + 1e-8)
            path.append(theta)
        return path

    c.approx("uncorrected", adam_without_correction(False, False), "[4.683772, 4.266218, 3.782619]")
    uncorrected = [5.0] + adam_without_correction(False, False)
    c.approx("zip([5] + uncorrected, uncorrected).map { $0 - $1 }", [a - b for a, b in zip(uncorrected, uncorrected[1:])],
             "[0.316228, 0.417554, 0.483599]")
    c.approx("onlySecondCorrected", adam_without_correction(False, True), "[4.990000, 4.971331, 4.944857]")
    c.approx("(1 - 0.9) / (1 - 0.999).squareRoot()", (1 - 0.9) / math.sqrt(1 - 0.999), "3.162278")

    # -- AdamW against coupled L2 (PyTorch's AdamW, and Adam with weight_decay adding λθ to g).
    c.section("Worked example: AdamW against coupled L2")
    adam_w = run(lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.01))
    coupled = run(lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.01))
    c.approx("adamWSteps[0].update[0, 0]", adam_w[0]["update"], "0.1049999995")
    c.approx("adamWSteps.map { $0.parameter[0, 0] }", [r["parameter"] for r in adam_w],
             "[4.8950000005, 4.791847, 4.689364]")
    c.approx("adamWSteps.map { $0.mHat[0, 0] }", [h[0] for h in adam_hats(adam_w)], "[2.000000, 1.736842, 2.202952]")
    # Coupled: the gradient Adam sees at step 1 is g + λθ = 2 + 0.01·5 (its first moment is 0.1 × that).
    c.approx("coupledSteps[0].gradient[0, 0]", coupled[0]["exp_avg"] / 0.1, "2.05")
    c.approx("coupledSteps.map { $0.parameter[0, 0] }", [r["parameter"] for r in coupled],
             "[4.9000000005, 4.801674, 4.703850]")
    c.approx("coupledTheta - adamTheta", coupled[-1]["parameter"] - adam[-1]["parameter"], "-0.000200")
    c.approx("adamWTheta - adamTheta", adam_w[-1]["parameter"] - adam[-1]["parameter"], "-0.014687")

    # -- Learning-rate schedules, PyTorch's schedulers from lr = 0.1.
    # -- Four optimizers in a narrow valley: f = θ₁²/2 + 10 θ₂² from (−4, 1), 30 steps of PyTorch's
    # SGD, SGD with momentum (classical), RMSprop (alpha = β, eps outside the root) and Adam.
    c.section("Four optimizers in a narrow valley")

    def valley_path(make_optimizer, steps=30):
        theta = torch.tensor([-4.0, 1.0], requires_grad=True)
        optimizer = make_optimizer([theta])
        path = [theta.detach().clone()]
        for _ in range(steps):
            optimizer.zero_grad()
            (0.5 * theta[0] ** 2 + 10 * theta[1] ** 2).backward()
            optimizer.step()
            path.append(theta.detach().clone())
        return path

    def valley_loss(theta):
        return (0.5 * theta[0] ** 2 + 10 * theta[1] ** 2).item()

    valley_paths = [
        valley_path(lambda p: torch.optim.SGD(p, lr=0.09)),
        valley_path(lambda p: torch.optim.SGD(p, lr=0.02, momentum=0.8)),
        valley_path(lambda p: torch.optim.RMSprop(p, lr=0.1, alpha=0.9, eps=1e-8)),
        valley_path(lambda p: torch.optim.Adam(p, lr=0.3, betas=(0.9, 0.999), eps=1e-8)),
    ]
    c.approx("sgdAcross", [theta[1].item() for theta in valley_paths[0][:5]], "[1, -0.8, 0.64, -0.512, 0.4096] ± 1e-9")
    c.approx("lossAfterTen", [valley_loss(path[10]) for path in valley_paths], "[1.3285, 2.4092, 2.9230, 1.9100]")
    c.approx("lossAfter", [valley_loss(path[30]) for path in valley_paths], "[0.0279, 0.0069, 0.3884, 0.4266]")
    c.approx("valleyPaths[2].path[30][0, 0]", valley_paths[2][30][0].item(), "-0.881")
    c.equal("valleyPaths[3].path[30][0, 0] > 0", valley_paths[3][30][0].item() > 0, True, shown=valley_paths[3][30].tolist())

    c.section("Learning-rate schedules")
    step_decay = schedule(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=30, gamma=0.1), 91)
    c.approx("[0, 29, 30, 60, 90].map { stepDecay.learningRate(atStep: $0) }",
             [step_decay[t] for t in (0, 29, 30, 60, 90)], "[0.1, 0.1, 0.01, 0.001, 0.0001] ± 1e-10")
    cosine = schedule(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=100), 101)
    # PyTorch's CosineAnnealingLR keeps going past T_max (it rises again); the chapter's schedule stays
    # at η_min after the period, so step 150 uses the closed form with t clamped to T.
    after_period = 0.5 * 0.1 * (1 + math.cos(math.pi * min(150, 100) / 100))
    c.approx("[0, 25, 50, 75, 100, 150].map { cosine.learningRate(atStep: $0) }",
             [cosine[t] for t in (0, 25, 50, 75, 100)] + [after_period], "[0.1000000, 0.08535534, 0.05000000, 0.01464466, 0, 0]")
    warmup = schedule(lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / 3, total_iters=5), 11)
    c.approx("[0, 1, 2, 5, 10].map { warmup.learningRate(atStep: $0) }", [warmup[t] for t in (0, 1, 2, 5, 10)],
             "[0.03333333, 0.04666667, 0.06000000, 0.1000000, 0.1000000]")
    one_cycle = schedule(lambda o: torch.optim.lr_scheduler.OneCycleLR(
        o, max_lr=0.1, total_steps=100, cycle_momentum=False), 100)
    c.approx("oneCycle.learningRate(atStep: 0)", one_cycle[0], "0.004 ± 1e-12")
    c.approx("oneCycle.learningRate(atStep: 10)", one_cycle[10], "0.0295164")
    c.approx("oneCycle.learningRate(atStep: 29)", one_cycle[29], "0.1 ± 1e-10")
    c.approx("oneCycle.learningRate(atStep: 64)", one_cycle[64], "0.0500002")
    c.approx("oneCycle.learningRate(atStep: 99)", one_cycle[99], "4e-7 ± 1e-12")
    # Structural: four curves, each of 100 learning rates.
    c.equal("scheduleChart.series.count", len(["step decay", "cosine", "linear warm-up", "one-cycle"]), 4)
    c.equal("cosine.learningRates(count: 100).count", len(cosine[:100]), 100)

    # -- Reducing the rate on a plateau: PyTorch's ReduceLROnPlateau (mode min, rel threshold 1e-4).
    c.section("Reducing the rate when the loss stops improving")
    parameter = [torch.nn.Parameter(torch.zeros(1))]
    sgd = torch.optim.SGD(parameter, lr=0.1)
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(sgd, patience=3)
    epoch_losses = [1.0, 0.8, 0.7, 0.69995, 0.71, 0.705, 0.702, 0.6, 0.61, 0.62, 0.63, 0.64, 0.59]
    rates = []
    for loss in epoch_losses:
        plateau.step(loss)
        rates.append(sgd.param_groups[0]["lr"])
    c.approx("Array(epochLosses[3...6])", epoch_losses[3:7], "[0.69995, 0.71, 0.705, 0.702] ± 1e-12")
    c.approx("0.7 * (1 - plateau.threshold)", 0.7 * (1 - plateau.threshold), "0.69993 ± 1e-12")
    c.approx("plateauRates", rates, "[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.01, 0.001, 0.001] ± 1e-15")
    c.equal("plateau.best", plateau.best, 0.59)
    c.equal("plateau.epochsWithoutImprovement", plateau.num_bad_epochs, 0)

    # -- Exercise: Adam's fourth step, g = −1.
    c.section("Exercise: Optimizers, Adam's fourth step")
    adam4 = run(lambda p: torch.optim.Adam(p, lr=0.1), GRADIENTS + [-1.0])
    m_hat4, v_hat4 = adam_hats(adam4)[3]
    c.equal("adam4.t", int(adam4[3]["step"]), 4)
    c.approx("adam4.m[0, 0]", adam4[3]["exp_avg"], "0.4373")
    c.approx("adam4.v[0, 0]", adam4[3]["exp_avg_sq"], "0.016224514")
    c.approx("adam4.mHat[0, 0]", m_hat4, "1.271591")
    c.approx("adam4.vHat[0, 0]", v_hat4, "4.062218")
    c.approx("adamTheta4", adam4[3]["parameter"], "4.640960")

    # -- Exercise: matching momentum conventions, averaged (η = 0.5, β = 0.8) as PyTorch momentum.
    c.section("Exercise: Optimizers, matching momentum conventions")
    matched_lr, matched_momentum = 0.5 * (1 - 0.8), 0.8
    matched = run(lambda p: torch.optim.SGD(p, lr=matched_lr, momentum=matched_momentum), [1.0, -2.0, 0.5], start=1.0)
    v, theta = 0.0, 1.0
    for g in [1.0, -2.0, 0.5]:  # the paper's averaged recursion, by hand, for comparison
        v = 0.8 * v + 0.2 * g
        theta -= 0.5 * v
    c.approx("matched.learningRate", matched_lr, "0.1 ± 1e-10")
    c.approx("matched.momentum", matched_momentum, "0.8 ± 1e-10")
    c.approx("matchedTheta", matched[-1]["parameter"], "1.066")
    c.approx("matchedTheta (averaged momentum, by hand)", theta, "1.066")

    c.finish()


if __name__ == "__main__":
    main()

import Foundation

/// How a loss turns per-element (or per-sample) losses into one number: their mean (PyTorch's
/// default `reduction='mean'`) or their sum.
public enum LossReduction: Sendable, Equatable {
    /// The mean over every element (for cross-entropy, over samples).
    case mean
    /// The sum.
    case sum

    func apply(_ losses: Tensor) -> Tensor {
        self == .mean ? losses.mean() : losses.sum()
    }
}

/// Mean squared error `(1/n) Σ (ŷ − y)²` (or the sum), as `nn.MSELoss`.
public func meanSquaredError(predicted: Tensor, target: Tensor, reduction: LossReduction = .mean) -> Tensor {
    reduction.apply((predicted - target).pow(2))
}

/// Mean absolute error `(1/n) Σ |ŷ − y|` (or the sum), as `nn.L1Loss`; its gradient is
/// `sign(ŷ − y)/n`, 0 where they are equal.
public func meanAbsoluteError(predicted: Tensor, target: Tensor, reduction: LossReduction = .mean) -> Tensor {
    reduction.apply((predicted - target).abs())
}

/// Binary cross-entropy `−(1/n) Σ [y ln p + (1 − y) ln(1 − p)]` of probabilities `p`, as
/// `nn.BCELoss` (which clamps the logarithms at −100; here `p` is clamped to `[ε, 1 − ε]`).
public func binaryCrossEntropy(
    predicted: Tensor, target: Tensor, epsilon: Double = 1e-12, reduction: LossReduction = .mean
) -> Tensor {
    let p = predicted.clamped(to: epsilon, 1 - epsilon)
    return reduction.apply(-(target * p.log() + (1 - target) * (1 - p).log()))
}

/// Cross-entropy from logits `z` (shape `[samples, classes]`) against one-hot (or soft) targets:
/// `−Σⱼ yⱼ log softmax(z)ⱼ` per sample, averaged over samples (or summed), as `nn.CrossEntropyLoss`.
public func crossEntropy(logits: Tensor, oneHot: Tensor, reduction: LossReduction = .mean) -> Tensor {
    precondition(logits.rank == 2 && logits.shape == oneHot.shape, "crossEntropy: logits \(logits.shape) and targets \(oneHot.shape) must be the same [samples, classes]")
    let perSample = -(oneHot * logits.logSoftmax(axis: 1)).sum(axis: 1)
    return reduction.apply(perSample)
}

/// Cross-entropy from logits against class indices, `−log softmax(z)_{y}` per sample.
public func crossEntropy(logits: Tensor, classIndices: [Int], reduction: LossReduction = .mean) -> Tensor {
    precondition(logits.rank == 2 && logits.shape[0] == classIndices.count, "crossEntropy: logits \(logits.shape) for \(classIndices.count) class indices")
    return crossEntropy(logits: logits, oneHot: Tensor.oneHot(classIndices, classes: logits.shape[1]), reduction: reduction)
}

/// Huber loss with threshold `δ`, as `nn.HuberLoss(delta:)`: per element, with `r = ŷ − y`,
/// `½r²` where `|r| ≤ δ` and `δ(|r| − ½δ)` beyond; gradient `r` inside, `δ·sign r` outside.
public func huberLoss(predicted: Tensor, target: Tensor, delta: Double = 1, reduction: LossReduction = .mean) -> Tensor {
    precondition(delta > 0, "huberLoss: delta must be positive, got \(delta)")
    let losses = (predicted - target).elementwise(
        "huber(δ: \(delta))", { r in Swift.abs(r) <= delta ? 0.5 * r * r : delta * (Swift.abs(r) - 0.5 * delta) }
    ) { r, _ in Swift.abs(r) <= delta ? r : delta * (r > 0 ? 1 : -1) }
    return reduction.apply(losses)
}

/// Smooth L1 loss with threshold `β`, as `nn.SmoothL1Loss(beta:)`: per element `½r²/β` where
/// `|r| < β` and `|r| − ½β` beyond. It equals Huber divided by `β`, so the two agree only at `β = δ = 1`.
public func smoothL1Loss(predicted: Tensor, target: Tensor, beta: Double = 1, reduction: LossReduction = .mean) -> Tensor {
    precondition(beta > 0, "smoothL1Loss: beta must be positive, got \(beta)")
    let losses = (predicted - target).elementwise(
        "smoothL1(β: \(beta))", { r in Swift.abs(r) < beta ? 0.5 * r * r / beta : Swift.abs(r) - 0.5 * beta }
    ) { r, _ in Swift.abs(r) < beta ? r / beta : (r > 0 ? 1 : -1) }
    return reduction.apply(losses)
}

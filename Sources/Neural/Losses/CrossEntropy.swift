import Foundation

/// Binary cross-entropy of probabilities `ŷ` (sigmoid outputs) against labels `y ∈ {0, 1}`,
/// **averaged over every element** (PyTorch `BCELoss()`):
/// `L = −(1/n) Σ [y·log ŷ + (1 − y)·log(1 − ŷ)]`.
///
/// `ŷ` is first clipped to `[ε, 1 − ε]` (as the sources' `np.clip`), so that `ŷ = 0` or `1` give a
/// large but finite loss.
public func binaryCrossEntropy(predicted: Matrix, target: Matrix, epsilon: Double = 1e-15) -> Double {
    checkSameShape("binaryCrossEntropy", predicted, target)
    let clipped = predicted.map { clip($0, epsilon) }
    return -clipped.zipMap(target) { p, y in y * log(p) + (1 - y) * log(1 - p) }.mean()
}

/// The gradient of `binaryCrossEntropy`: `∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) / n`, with `ŷ` clipped.
public func binaryCrossEntropyGradient(predicted: Matrix, target: Matrix, epsilon: Double = 1e-15) -> Matrix {
    checkSameShape("binaryCrossEntropyGradient", predicted, target)
    let n = Double(predicted.count)
    return predicted.map { clip($0, epsilon) }.zipMap(target) { p, y in (p - y) / (p * (1 - p)) / n }
}

/// Categorical cross-entropy of predicted probabilities `(samples × classes)` against one-hot
/// labels, **averaged over samples** (the sources' `cross_entropy_loss`):
/// `L = −(1/N) Σₙ Σ_c y_c log ŷ_c`. Probabilities are clipped to `[ε, 1 − ε]` first.
public func crossEntropy(probabilities: Matrix, oneHot: Matrix, epsilon: Double = 1e-12) -> Double {
    checkSameShape("crossEntropy", probabilities, oneHot)
    let clipped = probabilities.map { clip($0, epsilon) }
    return -clipped.zipMap(oneHot) { p, y in y * log(p) }.sum() / Double(probabilities.rows)
}

/// Categorical cross-entropy with the true class of each sample given by its index,
/// **averaged over samples**: `L = −(1/N) Σₙ log ŷₙ[yₙ]`. Equal to the one-hot form.
public func crossEntropy(probabilities: Matrix, classIndices: [Int], epsilon: Double = 1e-12) -> Double {
    crossEntropy(
        probabilities: probabilities,
        oneHot: oneHotEncode(classIndices, classCount: probabilities.columns), epsilon: epsilon)
}

/// Another name for `crossEntropy(probabilities:oneHot:)`, as the sources call it.
public func categoricalCrossEntropy(probabilities: Matrix, oneHot: Matrix, epsilon: Double = 1e-12) -> Double {
    crossEntropy(probabilities: probabilities, oneHot: oneHot, epsilon: epsilon)
}

/// The gradient of `crossEntropy(probabilities:oneHot:)` with respect to the probabilities:
/// `∂L/∂ŷ = −y / ŷ / N` (clipped `ŷ`). Chained through softmax it gives `(ŷ − y)/N`.
public func crossEntropyGradient(probabilities: Matrix, oneHot: Matrix, epsilon: Double = 1e-12) -> Matrix {
    checkSameShape("crossEntropyGradient", probabilities, oneHot)
    let n = Double(probabilities.rows)
    return probabilities.map { clip($0, epsilon) }.zipMap(oneHot) { p, y in -y / p / n }
}

/// Cross-entropy computed from raw logits with the log-sum-exp trick, **averaged over samples**
/// (PyTorch `CrossEntropyLoss()`): `L = (1/N) Σₙ [log Σ_c e^(zₙc) − zₙ[yₙ]]`. Never overflows.
public func crossEntropy(logits: Matrix, classIndices: [Int]) -> Double {
    crossEntropy(logits: logits, oneHot: oneHotEncode(classIndices, classCount: logits.columns))
}

/// Cross-entropy from raw logits against one-hot labels, **averaged over samples**:
/// `L = −(1/N) Σₙ Σ_c y_c · log softmax(zₙ)_c`.
public func crossEntropy(logits: Matrix, oneHot: Matrix) -> Double {
    checkSameShape("crossEntropy(logits:)", logits, oneHot)
    return -logSoftmax(logits).hadamard(oneHot).sum() / Double(logits.rows)
}

/// The fused gradient of softmax followed by cross-entropy with respect to the logits,
/// **averaged over samples**: `∂L/∂z = (ŷ − y) / N`, where `ŷ = softmax(z)`.
///
/// With one sample (`N = 1`) this is exactly the sources' `ŷ − y`.
public func softmaxCrossEntropyGradient(probabilities: Matrix, oneHot: Matrix) -> Matrix {
    checkSameShape("softmaxCrossEntropyGradient", probabilities, oneHot)
    return (probabilities - oneHot) / Double(probabilities.rows)
}

/// The fused softmax + cross-entropy gradient with class indices: `(ŷ − onehot(y)) / N`.
public func softmaxCrossEntropyGradient(probabilities: Matrix, classIndices: [Int]) -> Matrix {
    softmaxCrossEntropyGradient(
        probabilities: probabilities, oneHot: oneHotEncode(classIndices, classCount: probabilities.columns))
}

private func clip(_ p: Double, _ epsilon: Double) -> Double {
    min(max(p, epsilon), 1 - epsilon)
}

import Foundation

/// The softmax of a vector of logits: `softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)`, a probability distribution.
///
/// Computed as `e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z)`, which is equal but never overflows, so that
/// logits like `[1000, 1001]` work.
public func softmax(_ logits: [Double]) -> [Double] {
    precondition(!logits.isEmpty, "softmax: empty vector of logits")
    return SoftmaxSteps(logits).probabilities
}

/// Softmax with its intermediate values shown: the shift `m = max z`, the exponentials
/// `e^(zᵢ − m)`, their sum, and the probabilities `e^(zᵢ − m) / Σⱼ e^(zⱼ − m)` (`softmax(_:)`).
public struct SoftmaxSteps: Sendable, Equatable {
    /// `m = max z`, subtracted before exponentiating.
    public var shift: Double
    /// `e^(zᵢ − m)`.
    public var exponentials: [Double]
    /// `Σⱼ e^(zⱼ − m)`.
    public var sum: Double
    /// The probabilities.
    public var probabilities: [Double]

    /// The steps of `softmax(logits)`.
    public init(_ logits: [Double]) {
        precondition(!logits.isEmpty, "SoftmaxSteps: empty vector of logits")
        shift = logits.max()!
        let largest = shift
        exponentials = logits.map { exp($0 - largest) }
        sum = exponentials.reduce(0, +)
        let total = sum
        probabilities = exponentials.map { $0 / total }
    }
}

/// The softmax of every row of a batch of logits `(samples × classes)`: each row becomes a
/// probability distribution (NumPy `exp(z − z.max(axis=1)) / sum(axis=1)`).
public func softmax(_ logits: Matrix) -> Matrix {
    precondition(logits.columns > 0, "softmax: no classes in shape (\(logits.rows), \(logits.columns))")
    return Matrix(logits.rowArrays.map { softmax($0) })
}

/// The log-softmax of a vector: `log softmax(z)ᵢ = zᵢ − log Σⱼ e^(zⱼ)`, computed stably with the
/// log-sum-exp trick `log Σⱼ e^(zⱼ) = m + log Σⱼ e^(zⱼ − m)`, `m = max z`.
public func logSoftmax(_ logits: [Double]) -> [Double] {
    precondition(!logits.isEmpty, "logSoftmax: empty vector of logits")
    let largest = logits.max()!
    let logSum = largest + log(logits.reduce(0) { $0 + exp($1 - largest) })
    return logits.map { $0 - logSum }
}

/// The log-softmax of every row of a batch of logits.
public func logSoftmax(_ logits: Matrix) -> Matrix {
    Matrix(logits.rowArrays.map { logSoftmax($0) })
}

/// The Jacobian of softmax at `logits`: `∂sᵢ/∂zⱼ = sᵢ·(δᵢⱼ − sⱼ)`, i.e. `diag(s) − s sᵀ`.
public func softmaxJacobian(_ logits: [Double]) -> Matrix {
    let s = softmax(logits)
    return Matrix(rows: s.count, columns: s.count) { i, j in s[i] * ((i == j ? 1 : 0) - s[j]) }
}

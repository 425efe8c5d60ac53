/// Batch normalisation (Ioffe & Szegedy 2015; PyTorch `nn.BatchNorm1d`) over a batch
/// `(samples × features)`: each feature is normalised with the batch's mean and variance,
/// `x̂ = (x − μ_B) / √(σ²_B + ε)`, then scaled and shifted, `y = γ·x̂ + β`.
///
/// In training the batch statistics are used (σ²_B biased, divided by N) and the running
/// statistics are updated, `μ_run ← (1 − m)·μ_run + m·μ_B`, `σ²_run ← (1 − m)·σ²_run + m·σ²_B·N/(N−1)`
/// (unbiased, as PyTorch). In inference the running statistics replace the batch ones.
public struct BatchNorm: Sendable, Equatable {
    /// The scale `γ`, shape `(1 × features)`, ones at first.
    public var gamma: Matrix
    /// The shift `β`, shape `(1 × features)`, zeros at first.
    public var beta: Matrix
    /// The constant `ε` added to the variance (1e-5, as PyTorch).
    public var epsilon: Double
    /// The weight `m` of the new batch in the running statistics (0.1, as PyTorch).
    public var momentum: Double
    /// The running mean `μ_run`, zeros at first.
    public var runningMean: Matrix
    /// The running variance `σ²_run`, ones at first.
    public var runningVariance: Matrix

    /// Batch norm for `features` features with `γ = 1`, `β = 0` and fresh running statistics.
    public init(features: Int, epsilon: Double = 1e-5, momentum: Double = 0.1) {
        gamma = .ones(rows: 1, columns: features)
        beta = .zeros(rows: 1, columns: features)
        runningMean = .zeros(rows: 1, columns: features)
        runningVariance = .ones(rows: 1, columns: features)
        self.epsilon = epsilon
        self.momentum = momentum
    }

    /// The training-mode forward pass: normalises with the batch statistics, updates the running
    /// statistics, and returns every intermediate value.
    public mutating func forwardTraining(_ x: Matrix) -> BatchNormForwardPass {
        precondition(
            x.columns == gamma.columns, Matrix.shapeMismatchMessage("BatchNorm.forwardTraining (x vs γ)", x, gamma))
        precondition(x.rows > 1, "BatchNorm.forwardTraining: need more than one sample, got shape (\(x.rows), \(x.columns))")
        let mean = x.mean(axis: 0)
        let centered = x - mean
        let variance = centered.hadamard(centered).mean(axis: 0)
        let inverseStandardDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let normalized = centered.hadamard(inverseStandardDeviation)
        let n = Double(x.rows)
        runningMean = (1 - momentum) * runningMean + momentum * mean
        runningVariance = (1 - momentum) * runningVariance + (momentum * n / (n - 1)) * variance
        return BatchNormForwardPass(
            input: x, mean: mean, variance: variance, inverseStandardDeviation: inverseStandardDeviation,
            normalized: normalized, output: normalized.hadamard(gamma) + beta)
    }

    /// The inference-mode output `y = γ·(x − μ_run) / √(σ²_run + ε) + β`.
    public func forwardInference(_ x: Matrix) -> Matrix {
        precondition(
            x.columns == gamma.columns, Matrix.shapeMismatchMessage("BatchNorm.forwardInference (x vs γ)", x, gamma))
        let scale = runningVariance.map { 1 / ($0 + epsilon).squareRoot() }
        return (x - runningMean).hadamard(scale).hadamard(gamma) + beta
    }

    /// The backward pass of training mode, given `∂L/∂y`:
    /// `∂L/∂γ = Σ_n ∂L/∂y ⊙ x̂`, `∂L/∂β = Σ_n ∂L/∂y`, and with `g = ∂L/∂y ⊙ γ`,
    /// `∂L/∂x = (1/N)·(1/√(σ²+ε))·(N·g − Σ_n g − x̂ ⊙ Σ_n (g ⊙ x̂))`.
    public func backward(_ pass: BatchNormForwardPass, outputGradient: Matrix) -> NormalizationGradients {
        precondition(
            outputGradient.rows == pass.input.rows && outputGradient.columns == pass.input.columns,
            Matrix.shapeMismatchMessage("BatchNorm.backward (∂L/∂y vs x)", outputGradient, pass.input))
        return NormalizationGradients(
            standardizingAlong: 0, outputGradient: outputGradient, gamma: gamma, normalized: pass.normalized,
            inverseStandardDeviation: pass.inverseStandardDeviation)
    }
}

/// The intermediate values of a batch-norm training forward pass.
public struct BatchNormForwardPass: Sendable, Equatable {
    /// The input batch `x`.
    public var input: Matrix
    /// The batch mean `μ_B` of each feature, `(1 × features)`.
    public var mean: Matrix
    /// The biased batch variance `σ²_B = (1/N) Σ (x − μ_B)²` of each feature.
    public var variance: Matrix
    /// `1 / √(σ²_B + ε)` of each feature.
    public var inverseStandardDeviation: Matrix
    /// The normalised batch `x̂`.
    public var normalized: Matrix
    /// The output `y = γ·x̂ + β`.
    public var output: Matrix
}

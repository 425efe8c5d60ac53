/// Layer normalisation (Ba et al. 2016; PyTorch `nn.LayerNorm(features)`): each sample (row) is
/// normalised over its own features, `x̂ = (x − μ) / √(σ² + ε)` with the row's mean `μ` and biased
/// variance `σ²`, then `y = γ·x̂ + β`. Training and inference are the same.
public struct LayerNorm: Sendable, Equatable {
    /// The scale `γ`, shape `(1 × features)`, ones at first.
    public var gamma: Matrix
    /// The shift `β`, shape `(1 × features)`, zeros at first.
    public var beta: Matrix
    /// The constant `ε` (1e-5, as PyTorch).
    public var epsilon: Double

    /// Layer norm over `features` features with `γ = 1`, `β = 0`.
    public init(features: Int, epsilon: Double = 1e-5) {
        gamma = .ones(rows: 1, columns: features)
        beta = .zeros(rows: 1, columns: features)
        self.epsilon = epsilon
    }

    /// The forward pass, keeping each row's `μ`, `σ²`, `1/√(σ²+ε)` and `x̂`.
    public func forward(_ x: Matrix) -> LayerNormForwardPass {
        precondition(x.columns == gamma.columns, Matrix.shapeMismatchMessage("LayerNorm.forward (x vs γ)", x, gamma))
        let mean = x.mean(axis: 1)
        let centered = x - mean
        let variance = centered.hadamard(centered).mean(axis: 1)
        let inverseStandardDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let normalized = centered.hadamard(inverseStandardDeviation)
        return LayerNormForwardPass(
            input: x, mean: mean, variance: variance, inverseStandardDeviation: inverseStandardDeviation,
            normalized: normalized, output: normalized.hadamard(gamma) + beta)
    }

    /// The backward pass given `∂L/∂y`: with `g = ∂L/∂y ⊙ γ` and `D` features, per row,
    /// `∂L/∂x = (1/D)·(1/√(σ²+ε))·(D·g − Σ_j g − x̂ ⊙ Σ_j (g ⊙ x̂))`;
    /// `∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂`, `∂L/∂β = Σ_rows ∂L/∂y`.
    public func backward(_ pass: LayerNormForwardPass, outputGradient: Matrix) -> NormalizationGradients {
        precondition(
            outputGradient.rows == pass.input.rows && outputGradient.columns == pass.input.columns,
            Matrix.shapeMismatchMessage("LayerNorm.backward (∂L/∂y vs x)", outputGradient, pass.input))
        return NormalizationGradients(
            standardizingAlong: 1, outputGradient: outputGradient, gamma: gamma, normalized: pass.normalized,
            inverseStandardDeviation: pass.inverseStandardDeviation)
    }
}

/// The intermediate values of a layer-norm forward pass (statistics are `(samples × 1)` columns).
public struct LayerNormForwardPass: Sendable, Equatable {
    /// The input `x`.
    public var input: Matrix
    /// Each row's mean `μ`.
    public var mean: Matrix
    /// Each row's biased variance `σ²`.
    public var variance: Matrix
    /// Each row's `1 / √(σ² + ε)`.
    public var inverseStandardDeviation: Matrix
    /// The normalised input `x̂`.
    public var normalized: Matrix
    /// The output `y = γ·x̂ + β`.
    public var output: Matrix
}

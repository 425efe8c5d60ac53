/// The gradients of a normalisation layer's backward pass.
public struct NormalizationGradients: Sendable, Equatable {
    /// `∂L/∂x`.
    public var input: Matrix
    /// `∂L/∂γ`.
    public var gamma: Matrix
    /// `∂L/∂β` (zeros for RMSNorm, which has no shift).
    public var beta: Matrix
}

extension NormalizationGradients {
    /// The gradients of `y = γ ⊙ x̂ + β`, where `x̂ = (x − μ)/√(σ² + ε)` standardises `x` along
    /// `axis` (0: over the batch, as batch norm does; 1: over the features, as layer norm does).
    ///
    /// With `g = ∂L/∂y ⊙ γ` and `K` values per standardised group,
    /// `∂L/∂x = (1/K)·(1/√(σ²+ε))·(K·g − Σ g − x̂ ⊙ Σ (g ⊙ x̂))`, the sums along `axis`;
    /// `∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂` and `∂L/∂β = Σ_rows ∂L/∂y`.
    init(
        standardizingAlong axis: Int, outputGradient: Matrix, gamma: Matrix, normalized: Matrix,
        inverseStandardDeviation: Matrix
    ) {
        let count = Double(axis == 0 ? normalized.rows : normalized.columns)
        let g = outputGradient.hadamard(gamma)
        input = (count * g - g.sum(axis: axis) - normalized.hadamard(g.hadamard(normalized).sum(axis: axis)))
            .hadamard(inverseStandardDeviation) / count
        self.gamma = outputGradient.hadamard(normalized).sum(axis: 0)
        beta = outputGradient.sum(axis: 0)
    }
}

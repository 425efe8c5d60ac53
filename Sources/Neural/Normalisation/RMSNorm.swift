/// Root-mean-square normalisation (Zhang & Sennrich 2019; PyTorch `nn.RMSNorm`): each row is
/// divided by its RMS, without centring, `y = γ·x / RMS(x)` with `RMS(x) = √((1/D) Σ_j x_j² + ε)`.
public struct RMSNorm: Sendable, Equatable {
    /// The scale `γ`, shape `(1 × features)`, ones at first.
    public var gamma: Matrix
    /// The constant `ε` inside the square root (1e-6 by default).
    public var epsilon: Double

    /// RMSNorm over `features` features with `γ = 1`.
    public init(features: Int, epsilon: Double = 1e-6) {
        gamma = .ones(rows: 1, columns: features)
        self.epsilon = epsilon
    }

    /// The forward pass, keeping each row's `RMS(x)` and `x̂ = x / RMS(x)`.
    public func forward(_ x: Matrix) -> RMSNormForwardPass {
        precondition(x.columns == gamma.columns, Matrix.shapeMismatchMessage("RMSNorm.forward (x vs γ)", x, gamma))
        let rms = x.hadamard(x).mean(axis: 1).map { ($0 + epsilon).squareRoot() }
        let normalized = x.dividedElementwise(by: rms)
        return RMSNormForwardPass(input: x, rms: rms, normalized: normalized, output: normalized.hadamard(gamma))
    }

    /// The backward pass given `∂L/∂y`: with `g = ∂L/∂y ⊙ γ`, `r = RMS(x)` and `D` features, per row,
    /// `∂L/∂x = g / r − x·(Σ_j g_j x_j) / (D·r³)`; `∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂`.
    public func backward(_ pass: RMSNormForwardPass, outputGradient: Matrix) -> NormalizationGradients {
        precondition(
            outputGradient.rows == pass.input.rows && outputGradient.columns == pass.input.columns,
            Matrix.shapeMismatchMessage("RMSNorm.backward (∂L/∂y vs x)", outputGradient, pass.input))
        let d = Double(pass.input.columns)
        let g = outputGradient.hadamard(gamma)
        let projection = g.hadamard(pass.input).sum(axis: 1).zipMap(pass.rms) { s, r in s / (d * r * r * r) }
        let input = g.dividedElementwise(by: pass.rms) - pass.input.hadamard(projection)
        return NormalizationGradients(
            input: input, gamma: outputGradient.hadamard(pass.normalized).sum(axis: 0),
            beta: .zeros(rows: 1, columns: gamma.columns))
    }
}

/// The intermediate values of an RMSNorm forward pass.
public struct RMSNormForwardPass: Sendable, Equatable {
    /// The input `x`.
    public var input: Matrix
    /// Each row's `RMS(x) = √(mean(x²) + ε)`, a `(samples × 1)` column.
    public var rms: Matrix
    /// `x̂ = x / RMS(x)`.
    public var normalized: Matrix
    /// The output `y = γ·x̂`.
    public var output: Matrix
}

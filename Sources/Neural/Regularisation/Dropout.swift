/// Inverted dropout: in training each activation is kept with probability `p_keep = 1 − rate` and
/// scaled by `1/p_keep`, `y = x ⊙ mask` with `mask ∈ {0, 1/p_keep}`; in inference `y = x`.
///
/// Scaling during training keeps `E[y] = x`, so nothing changes at test time.
public struct Dropout: Sendable, Equatable {
    /// The probability `rate` of dropping an activation (PyTorch's `p`), in `[0, 1)`.
    public var rate: Double

    /// Dropout dropping each activation with probability `rate`.
    public init(rate: Double) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
    }

    /// The keep probability `1 − rate`.
    public var keepProbability: Double { 1 - rate }

    /// A fresh mask: each entry is `1/p_keep` if `u < p_keep` (with `u` uniform from `generator`,
    /// drawn row by row), else 0.
    public func mask(rows: Int, columns: Int, using generator: inout SeededGenerator) -> Matrix {
        let keep = keepProbability
        return Matrix(rows: rows, columns: columns) { _, _ in generator.nextUniform() < keep ? 1 / keep : 0 }
    }

    /// The forward pass: in training `y = x ⊙ mask` with a fresh mask; in inference `y = x` (no mask).
    public func forward(_ x: Matrix, training: Bool, using generator: inout SeededGenerator) -> DropoutForwardPass {
        guard training, rate > 0 else { return DropoutForwardPass(output: x, mask: nil) }
        let mask = mask(rows: x.rows, columns: x.columns, using: &generator)
        return DropoutForwardPass(output: x.hadamard(mask), mask: mask)
    }

    /// The backward pass: `∂L/∂x = ∂L/∂y ⊙ mask` (or `∂L/∂y` if there was no mask).
    public func backward(_ pass: DropoutForwardPass, outputGradient: Matrix) -> Matrix {
        guard let mask = pass.mask else { return outputGradient }
        return outputGradient.hadamard(mask)
    }
}

/// The result of a dropout forward pass.
public struct DropoutForwardPass: Sendable, Equatable {
    /// The output `y`.
    public var output: Matrix
    /// The mask used (entries 0 or `1/p_keep`), or `nil` in inference.
    public var mask: Matrix?
}

/// The L1 (lasso) penalty `λ·Σ|w|` over every entry of every weight matrix; it pushes weights to
/// exactly zero (sparsity).
public func l1Penalty(_ weights: [Matrix], lambda: Double) -> Double {
    lambda * weights.reduce(0) { $0 + $1.elements.reduce(0) { $0 + abs($1) } }
}

/// The gradient of the L1 penalty: `λ·sign(w)`, with `sign(0) = 0`.
public func l1PenaltyGradient(_ weights: Matrix, lambda: Double) -> Matrix {
    weights.map { $0 > 0 ? lambda : ($0 < 0 ? -lambda : 0) }
}

/// The L2 penalty (weight decay) `(λ/2)·Σ‖W‖²` over every entry of every weight matrix, as the
/// sources write it: `L_total = L + (λ/2) Σ ‖W‖²`.
public func l2Penalty(_ weights: [Matrix], lambda: Double) -> Double {
    0.5 * lambda * weights.reduce(0) { $0 + $1.elements.reduce(0) { $0 + $1 * $1 } }
}

/// The gradient of the L2 penalty `(λ/2)‖W‖²`: `λ·W`.
public func l2PenaltyGradient(_ weights: Matrix, lambda: Double) -> Matrix {
    lambda * weights
}

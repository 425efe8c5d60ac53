/// The result of clipping gradients by their global norm.
public struct ClippedGradients: Sendable, Equatable {
    /// The gradients after clipping.
    public var gradients: [Matrix]
    /// The global norm before clipping, `‖g‖ = √(Σ over all tensors Σ g²)`.
    public var totalNorm: Double
    /// The factor applied, `min(1, maxNorm / (‖g‖ + 1e-6))`.
    public var scale: Double
}

/// Clipping by global norm (PyTorch `clip_grad_norm_`, the sources' `clip_gradients_by_norm`):
/// if `c = maxNorm / (‖g‖ + 1e-6) < 1`, every gradient is multiplied by `c`; else they are unchanged.
public func clipGradientsByNorm(_ gradients: [Matrix], maxNorm: Double) -> ClippedGradients {
    let total = gradients.reduce(0) { $0 + $1.elements.reduce(0) { $0 + $1 * $1 } }.squareRoot()
    let scale = min(1, maxNorm / (total + 1e-6))
    let clipped = scale < 1 ? gradients.map { scale * $0 } : gradients
    return ClippedGradients(gradients: clipped, totalNorm: total, scale: scale)
}

/// Clipping by value (PyTorch `clip_grad_value_`, NumPy `np.clip(g, −c, c)`): every entry is
/// limited to `[−clipValue, clipValue]`.
public func clipGradientsByValue(_ gradients: [Matrix], clipValue: Double) -> [Matrix] {
    gradients.map { $0.map { min(max($0, -clipValue), clipValue) } }
}

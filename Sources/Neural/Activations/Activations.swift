/// The Heaviside step function: `step(z) = 1` if `z > 0` (or `z ≥ 0`, per `convention`), else 0.
///
/// Its derivative is 0 wherever it exists, which is why networks trained by gradient descent
/// use smooth activations instead.
public func step(_ z: Double, convention: StepConvention = .strictlyPositive) -> Double {
    switch convention {
    case .strictlyPositive: return z > 0 ? 1 : 0
    case .nonNegative: return z >= 0 ? 1 : 0
    }
}

/// The rectified linear unit: `ReLU(z) = max(0, z)`.
public func relu(_ z: Double) -> Double {
    max(0, z)
}

/// The derivative of ReLU: `ReLU'(z) = 1` if `z > 0`, else 0 (0 is chosen at `z = 0`, as NumPy's
/// `(z > 0).astype(float)` and PyTorch do).
public func reluDerivative(_ z: Double) -> Double {
    z > 0 ? 1 : 0
}

/// The leaky ReLU: `LeakyReLU(z) = z` if `z > 0`, else `α·z` (α = 0.01 by default, as PyTorch).
public func leakyReLU(_ z: Double, alpha: Double = 0.01) -> Double {
    z > 0 ? z : alpha * z
}

/// The derivative of leaky ReLU: 1 if `z > 0`, else `α`.
public func leakyReLUDerivative(_ z: Double, alpha: Double = 0.01) -> Double {
    z > 0 ? 1 : alpha
}

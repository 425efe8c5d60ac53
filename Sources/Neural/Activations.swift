/// The Heaviside step function: `step(z) = 1` if `z > 0` (or `z ≥ 0`, per `convention`), else 0.
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

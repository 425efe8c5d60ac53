import Foundation

/// The logistic sigmoid: `σ(z) = 1 / (1 + e^(−z))`, with output in (0, 1).
///
/// Computed as `e^z / (1 + e^z)` for negative `z`, so that `e^(−z)` never overflows.
public func sigmoid(_ z: Double) -> Double {
    if z >= 0 {
        return 1 / (1 + exp(-z))
    }
    let ez = exp(z)
    return ez / (1 + ez)
}

/// The derivative of the sigmoid: `σ'(z) = σ(z)·(1 − σ(z))`, at most 0.25 (at `z = 0`).
public func sigmoidDerivative(_ z: Double) -> Double {
    let s = sigmoid(z)
    return s * (1 - s)
}

/// The sigmoid's derivative written with its output `a = σ(z)`: `σ'(z) = a·(1 − a)`, as in the
/// sources' `sigmoid_deriv(a)`.
public func sigmoidDerivative(output a: Double) -> Double {
    a * (1 - a)
}

/// The derivative of the hyperbolic tangent: `tanh'(z) = 1 − tanh²(z)`.
public func tanhDerivative(_ z: Double) -> Double {
    let t = tanh(z)
    return 1 - t * t
}

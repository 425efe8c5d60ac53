import Foundation

/// The exact Gaussian error linear unit: `GELU(z) = z·Φ(z) = ½·z·(1 + erf(z/√2))`, where `Φ` is the
/// standard normal cumulative distribution (PyTorch `gelu(approximate="none")`).
public func gelu(_ z: Double) -> Double {
    0.5 * z * (1 + erf(z / 2.0.squareRoot()))
}

/// The derivative of the exact GELU: `GELU'(z) = Φ(z) + z·φ(z)`, with `φ(z) = e^(−z²/2)/√(2π)`.
public func geluDerivative(_ z: Double) -> Double {
    let cdf = 0.5 * (1 + erf(z / 2.0.squareRoot()))
    let pdf = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    return cdf + z * pdf
}

/// The tanh approximation of GELU used by BERT and GPT-2 (PyTorch `gelu(approximate="tanh")`):
/// `GELU(z) ≈ ½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))`.
public func geluTanhApproximation(_ z: Double) -> Double {
    let inner = (2 / Double.pi).squareRoot() * (z + 0.044715 * z * z * z)
    return 0.5 * z * (1 + tanh(inner))
}

/// The derivative of the tanh approximation of GELU:
/// `½·(1 + t) + ½·z·(1 − t²)·√(2/π)·(1 + 3·0.044715·z²)`, with `t = tanh(√(2/π)·(z + 0.044715·z³))`.
public func geluTanhApproximationDerivative(_ z: Double) -> Double {
    let c = (2 / Double.pi).squareRoot()
    let t = tanh(c * (z + 0.044715 * z * z * z))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z)
}

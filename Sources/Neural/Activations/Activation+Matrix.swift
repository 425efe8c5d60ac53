import Foundation

/// `σ(z)` applied to every entry of `z`.
public func sigmoid(_ z: Matrix) -> Matrix { z.map { sigmoid($0) } }

/// `σ'(z) = σ(z)(1 − σ(z))` for every entry of `z`.
public func sigmoidDerivative(_ z: Matrix) -> Matrix { z.map { sigmoidDerivative($0) } }

/// `tanh(z)` applied to every entry of `z`.
public func tanh(_ z: Matrix) -> Matrix { z.map { Foundation.tanh($0) } }

/// `1 − tanh²(z)` for every entry of `z`.
public func tanhDerivative(_ z: Matrix) -> Matrix { z.map { tanhDerivative($0) } }

/// `max(0, z)` applied to every entry of `z` (NumPy `np.maximum(0, z)`).
public func relu(_ z: Matrix) -> Matrix { z.map { relu($0) } }

/// `1 if z > 0 else 0` for every entry of `z` (NumPy `(z > 0).astype(float)`).
public func reluDerivative(_ z: Matrix) -> Matrix { z.map { reluDerivative($0) } }

/// `z if z > 0 else α·z` for every entry of `z`.
public func leakyReLU(_ z: Matrix, alpha: Double = 0.01) -> Matrix { z.map { leakyReLU($0, alpha: alpha) } }

/// `1 if z > 0 else α` for every entry of `z`.
public func leakyReLUDerivative(_ z: Matrix, alpha: Double = 0.01) -> Matrix {
    z.map { leakyReLUDerivative($0, alpha: alpha) }
}

/// `ELU_α(z)` for every entry of `z`.
public func elu(_ z: Matrix, alpha: Double = 1) -> Matrix { z.map { elu($0, alpha: alpha) } }

/// `SELU(z)` for every entry of `z`.
public func selu(_ z: Matrix) -> Matrix { z.map { selu($0) } }

/// The exact `GELU(z) = z·Φ(z)` for every entry of `z`.
public func gelu(_ z: Matrix) -> Matrix { z.map { gelu($0) } }

/// The tanh approximation of GELU for every entry of `z`.
public func geluTanhApproximation(_ z: Matrix) -> Matrix { z.map { geluTanhApproximation($0) } }

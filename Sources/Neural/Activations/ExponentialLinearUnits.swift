import Foundation

/// The exponential linear unit: `ELU(z) = z` if `z > 0`, else `α·(e^z − 1)` (α = 1 by default).
public func elu(_ z: Double, alpha: Double = 1) -> Double {
    z > 0 ? z : alpha * expm1(z)
}

/// The derivative of ELU: 1 if `z > 0`, else `α·e^z`.
public func eluDerivative(_ z: Double, alpha: Double = 1) -> Double {
    z > 0 ? 1 : alpha * exp(z)
}

/// The constants of SELU from Klambauer et al. (2017), as PyTorch uses them:
/// `α ≈ 1.6733` and the scale `λ ≈ 1.0507`.
public enum SELUConstants {
    /// `α = 1.6732632423543772848170429916717`.
    public static let alpha = 1.6732632423543772848170429916717
    /// `λ = 1.0507009873554804934193349852946`.
    public static let scale = 1.0507009873554804934193349852946
}

/// The scaled exponential linear unit: `SELU(z) = λ·z` if `z > 0`, else `λ·α·(e^z − 1)`, whose
/// fixed constants keep activations near mean 0 and variance 1 (use with LeCun initialisation).
public func selu(_ z: Double) -> Double {
    SELUConstants.scale * elu(z, alpha: SELUConstants.alpha)
}

/// The derivative of SELU: `λ` if `z > 0`, else `λ·α·e^z`.
public func seluDerivative(_ z: Double) -> Double {
    SELUConstants.scale * eluDerivative(z, alpha: SELUConstants.alpha)
}

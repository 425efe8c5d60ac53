import Foundation

/// A choice of activation function `g` for a layer, with its derivative `g'`.
///
/// Every case except `softmax` acts entry by entry; `softmax` acts on each row (sample) of a
/// batch, and its backward pass uses the Jacobian-vector product rather than `g'(z)`.
public enum Activation: Sendable, Equatable, Hashable {
    /// `g(z) = z`, for regression outputs.
    case identity
    /// The Heaviside step `1 if z > 0 else 0`; its derivative is 0.
    case step
    /// `σ(z) = 1 / (1 + e^(−z))`.
    case sigmoid
    /// `tanh(z)`.
    case tanh
    /// `max(0, z)`.
    case relu
    /// `z if z > 0 else α·z`.
    case leakyReLU(alpha: Double = 0.01)
    /// `z if z > 0 else α·(e^z − 1)`.
    case elu(alpha: Double = 1)
    /// `λ·ELU_α(z)` with the fixed SELU constants.
    case selu
    /// The exact `z·Φ(z)`.
    case gelu
    /// GELU's tanh approximation.
    case geluTanhApproximation
    /// Row-wise `e^(zᵢ) / Σⱼ e^(zⱼ)`.
    case softmax

    /// `g(z)` for one value. Not available for `softmax`, which needs a whole row.
    public func callAsFunction(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .step: return Neural.step(z)
        case .sigmoid: return Neural.sigmoid(z)
        case .tanh: return Foundation.tanh(z)
        case .relu: return Neural.relu(z)
        case .leakyReLU(let alpha): return Neural.leakyReLU(z, alpha: alpha)
        case .elu(let alpha): return Neural.elu(z, alpha: alpha)
        case .selu: return Neural.selu(z)
        case .gelu: return Neural.gelu(z)
        case .geluTanhApproximation: return Neural.geluTanhApproximation(z)
        case .softmax: preconditionFailure("Activation.softmax acts on a row, not on a single value")
        }
    }

    /// `g'(z)` for one value. Not available for `softmax` (see `softmaxJacobian`).
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .identity: return 1
        case .step: return 0
        case .sigmoid: return sigmoidDerivative(z)
        case .tanh: return tanhDerivative(z)
        case .relu: return reluDerivative(z)
        case .leakyReLU(let alpha): return leakyReLUDerivative(z, alpha: alpha)
        case .elu(let alpha): return eluDerivative(z, alpha: alpha)
        case .selu: return seluDerivative(z)
        case .gelu: return geluDerivative(z)
        case .geluTanhApproximation: return geluTanhApproximationDerivative(z)
        case .softmax: preconditionFailure("Activation.softmax has a Jacobian, not a scalar derivative")
        }
    }

    /// `a = g(z)` for a batch `z` of shape `(samples × units)`.
    public func callAsFunction(_ z: Matrix) -> Matrix {
        self == .softmax ? Neural.softmax(z) : z.map { self($0) }
    }

    /// `g'(z)` entry by entry. Not available for `softmax`.
    public func derivative(_ z: Matrix) -> Matrix {
        z.map { derivative($0) }
    }

    /// The backward pass through the activation: given `∂L/∂a`, returns `δ = ∂L/∂z`.
    ///
    /// For element-wise activations `δ = ∂L/∂a ⊙ g'(z)`. For softmax, row by row,
    /// `δ = a ⊙ (∂L/∂a − Σⱼ (∂L/∂a)ⱼ aⱼ)`, the product with the softmax Jacobian `diag(a) − a aᵀ`.
    /// `a` must be `g(z)`, as kept by the forward pass.
    public func backward(preActivation z: Matrix, activation a: Matrix, outputGradient: Matrix) -> Matrix {
        precondition(
            outputGradient.rows == a.rows && outputGradient.columns == a.columns,
            Matrix.shapeMismatchMessage("Activation.backward (∂L/∂a vs a)", outputGradient, a))
        if self == .softmax {
            let weighted = outputGradient.hadamard(a).sum(axis: 1)
            return a.hadamard(outputGradient - weighted)
        }
        return outputGradient.hadamard(derivative(z))
    }
}

import Foundation

/// Where ε goes in an adaptive optimizer's denominator.
public enum EpsilonPlacement: Sendable, Equatable, Hashable {
    /// `√s + ε`, as PyTorch's `RMSprop` and `Adam` do.
    case outsideSquareRoot
    /// `√(s + ε)`, as written in the sources' RMSProp formula.
    case insideSquareRoot
}

/// RMSProp (PyTorch `optim.RMSprop(lr:, alpha: β, eps:)`): a moving average of squared gradients
/// scales each parameter's step: `s ← β·s + (1 − β)·g²`, `θ ← θ − η·g / (√s + ε)`.
public struct RMSProp: Optimizer, Equatable {
    /// The learning rate `η` (0.001 typically; PyTorch's default is 0.01).
    public var learningRate: Double
    /// The averaging factor `β` (PyTorch's `alpha`, 0.99 by default).
    public var beta: Double
    /// The small constant `ε` that avoids division by zero.
    public var epsilon: Double
    /// Whether ε is added outside (PyTorch) or inside (the sources) the square root.
    public var epsilonPlacement: EpsilonPlacement
    /// The average of squared gradients `s`, `nil` before the first step.
    public private(set) var squaredAverage: Matrix?

    /// RMSProp with PyTorch's defaults `β = 0.99`, `ε = 1e-8`.
    public init(
        learningRate: Double = 0.01, beta: Double = 0.99, epsilon: Double = 1e-8,
        epsilonPlacement: EpsilonPlacement = .outsideSquareRoot
    ) {
        self.learningRate = learningRate
        self.beta = beta
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
    }

    /// `s ← β·s + (1 − β)·g²`, `θ ← θ − η·g / (√s + ε)` (or `/ √(s + ε)`).
    @discardableResult
    public mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> RMSPropStep {
        checkGradientShape("RMSProp", parameter, gradient)
        let previous = squaredAverage ?? .zeros(rows: gradient.rows, columns: gradient.columns)
        checkStateShape("RMSProp", previous, gradient)
        let s = beta * previous + (1 - beta) * gradient.hadamard(gradient)
        squaredAverage = s
        let placement = epsilonPlacement
        let eps = epsilon
        let denominator = s.map { placement == .outsideSquareRoot ? $0.squareRoot() + eps : ($0 + eps).squareRoot() }
        let update = learningRate * gradient.dividedElementwise(by: denominator)
        parameter -= update
        return RMSPropStep(gradient: gradient, squaredAverage: s, update: update, parameter: parameter)
    }
}

/// One step of `RMSProp`.
public struct RMSPropStep: Sendable, Equatable {
    /// The gradient `g`.
    public var gradient: Matrix
    /// The new average of squared gradients `s`.
    public var squaredAverage: Matrix
    /// The amount subtracted, `η·g / (√s + ε)`.
    public var update: Matrix
    /// The parameter after the step.
    public var parameter: Matrix
}

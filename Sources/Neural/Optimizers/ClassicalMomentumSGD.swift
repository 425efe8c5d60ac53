/// SGD with classical ("heavy ball") momentum, **PyTorch's convention**
/// (`optim.SGD(lr:, momentum: μ)`): `v ← μ·v + g`, `θ ← θ − η·v`, with `v₀ = 0`.
///
/// The velocity is a plain sum of past gradients, so the effective step grows to about
/// `η/(1 − μ)`. Compare `AveragedMomentumSGD`, the sources' `v = βv + (1−β)g`: the two agree
/// when this one's learning rate is `η·(1 − β)`.
public struct ClassicalMomentumSGD: Optimizer, Equatable {
    /// The learning rate `η`.
    public var learningRate: Double
    /// The momentum `μ` (0.9 typically).
    public var momentum: Double
    /// The velocity `v`, `nil` before the first step.
    public private(set) var velocity: Matrix?

    /// Classical momentum with learning rate `η` and momentum `μ`.
    public init(learningRate: Double, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// `v ← μ·v + g`, `θ ← θ − η·v`.
    @discardableResult
    public mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> MomentumStep {
        checkGradientShape("ClassicalMomentumSGD", parameter, gradient)
        let previous = velocity ?? .zeros(rows: gradient.rows, columns: gradient.columns)
        checkStateShape("ClassicalMomentumSGD", previous, gradient)
        let v = momentum * previous + gradient
        velocity = v
        let update = learningRate * v
        parameter -= update
        return MomentumStep(gradient: gradient, velocity: v, update: update, parameter: parameter)
    }
}

/// One step of `ClassicalMomentumSGD` or `AveragedMomentumSGD`.
public struct MomentumStep: Sendable, Equatable {
    /// The gradient `g`.
    public var gradient: Matrix
    /// The new velocity `v`.
    public var velocity: Matrix
    /// The amount subtracted, `η·v`.
    public var update: Matrix
    /// The parameter after the step.
    public var parameter: Matrix
}

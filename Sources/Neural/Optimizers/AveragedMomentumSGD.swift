/// SGD with momentum as an exponential moving average of gradients, **the sources' convention**:
/// `v ← β·v + (1 − β)·g`, `θ ← θ − η·v`, with `v₀ = 0` (Andrew Ng's form; no bias correction).
///
/// It is `ClassicalMomentumSGD` (PyTorch) with learning rate `η·(1 − β)`: the velocity here is
/// `(1 − β)` times PyTorch's.
public struct AveragedMomentumSGD: Optimizer, Equatable {
    /// The learning rate `η`.
    public var learningRate: Double
    /// The averaging factor `β` (0.9 typically).
    public var beta: Double
    /// The velocity `v`, `nil` before the first step.
    public private(set) var velocity: Matrix?

    /// Averaged momentum with learning rate `η` and factor `β`.
    public init(learningRate: Double, beta: Double = 0.9) {
        self.learningRate = learningRate
        self.beta = beta
    }

    /// `v ← β·v + (1 − β)·g`, `θ ← θ − η·v`.
    @discardableResult
    public mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> MomentumStep {
        checkGradientShape("AveragedMomentumSGD", parameter, gradient)
        let previous = velocity ?? .zeros(rows: gradient.rows, columns: gradient.columns)
        checkStateShape("AveragedMomentumSGD", previous, gradient)
        let v = beta * previous + (1 - beta) * gradient
        velocity = v
        let update = learningRate * v
        parameter -= update
        return MomentumStep(gradient: gradient, velocity: v, update: update, parameter: parameter)
    }
}

/// Plain (stochastic) gradient descent: `θ ← θ − η·g` (PyTorch `optim.SGD(lr:)`).
public struct SGD: Optimizer, Equatable {
    /// The learning rate `η`.
    public var learningRate: Double

    /// Gradient descent with learning rate `η`.
    public init(learningRate: Double) {
        self.learningRate = learningRate
    }

    /// `θ ← θ − η·g`.
    @discardableResult
    public mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> SGDStep {
        checkGradientShape("SGD", parameter, gradient)
        let update = learningRate * gradient
        parameter -= update
        return SGDStep(gradient: gradient, update: update, parameter: parameter)
    }
}

/// One step of `SGD`.
public struct SGDStep: Sendable, Equatable {
    /// The gradient `g`.
    public var gradient: Matrix
    /// The amount subtracted, `η·g`.
    public var update: Matrix
    /// The parameter after the step.
    public var parameter: Matrix
}

/// An optimizer and its hyperparameters.
public struct OptimizerSettings: Sendable, Equatable {
    /// The update rule.
    public var kind: OptimizerKind
    /// The learning rate `η`.
    public var learningRate: Double
    /// The momentum `μ` (momentum only).
    public var momentum: Double
    /// Adam's `β₁`, `β₂` and `ε`.
    public var beta1: Double, beta2: Double, epsilon: Double
    /// AdamW's decoupled weight decay `λ`.
    public var weightDecay: Double

    /// Settings with the usual defaults: `μ = 0.9`, `β₁ = 0.9`, `β₂ = 0.999`, `ε = 10⁻⁸`, `λ = 0.01`.
    public init(
        kind: OptimizerKind, learningRate: Double, momentum: Double = 0.9,
        beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0.01
    ) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// The customary learning rate of each rule: 0.1 for SGD, 0.01 for momentum, 0.001 for Adam(W).
    public static func defaultLearningRate(for kind: OptimizerKind) -> Double {
        switch kind {
        case .sgd: 0.1
        case .momentum: 0.01
        case .adam, .adamw: 0.001
        }
    }
}

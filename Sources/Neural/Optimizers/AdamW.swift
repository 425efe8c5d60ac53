/// AdamW (Loshchilov & Hutter 2019; PyTorch `optim.AdamW`): Adam with **decoupled** weight decay.
///
/// The decay shrinks the weights directly instead of passing through the adaptive moments:
/// `θ ← θ − η·(m̂ / (√v̂ + ε) + λ·θ)`, with `m`, `v`, `m̂`, `v̂` exactly as in `Adam` on the raw gradient.
public struct AdamW: Optimizer, Equatable {
    /// The learning rate `η` (0.001 by default).
    public var learningRate: Double
    /// The first-moment decay `β₁` (0.9).
    public var beta1: Double
    /// The second-moment decay `β₂` (0.999).
    public var beta2: Double
    /// The small constant `ε` (1e-8).
    public var epsilon: Double
    /// The decoupled weight decay `λ` (0.01 by default, as PyTorch).
    public var weightDecay: Double
    /// The first moment `m`, `nil` before the first step.
    public private(set) var firstMoment: Matrix?
    /// The second moment `v`, `nil` before the first step.
    public private(set) var secondMoment: Matrix?
    /// The number of steps taken, `t`.
    public private(set) var stepCount = 0

    /// AdamW with PyTorch's defaults `η = 0.001`, `β₁ = 0.9`, `β₂ = 0.999`, `ε = 1e-8`, `λ = 0.01`.
    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: Double = 0.01
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// One AdamW step; returns `t`, `m`, `v`, `m̂`, `v̂` and the total update
    /// `η·(m̂/(√v̂ + ε) + λ·θ)`.
    @discardableResult
    public mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> AdamStep {
        checkGradientShape("AdamW", parameter, gradient)
        let record = adamMoments(
            gradient: gradient, firstMoment: &firstMoment, secondMoment: &secondMoment, stepCount: &stepCount,
            beta1: beta1, beta2: beta2, epsilon: epsilon, name: "AdamW")
        let update = learningRate * (record.direction + weightDecay * parameter)
        parameter -= update
        return AdamStep(
            t: stepCount, gradient: gradient, m: record.m, v: record.v, mHat: record.mHat, vHat: record.vHat,
            update: update, parameter: parameter)
    }
}

import Foundation

/// Adam (Kingma & Ba 2015; PyTorch `optim.Adam`): momentum and RMSProp with bias correction.
///
/// At step `t = 1, 2, …`:
/// `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`,
/// `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`, `θ ← θ − η·m̂ / (√v̂ + ε)`.
///
/// `l2Penalty` (PyTorch's `weight_decay` for Adam) adds `λ·θ` to the gradient first, the coupled
/// L2 regularisation that `AdamW` replaces with decoupled weight decay.
public struct Adam: Optimizer, Equatable {
    /// The learning rate `η` (0.001 by default).
    public var learningRate: Double
    /// The first-moment decay `β₁` (0.9).
    public var beta1: Double
    /// The second-moment decay `β₂` (0.999).
    public var beta2: Double
    /// The small constant `ε` (1e-8), added outside the square root.
    public var epsilon: Double
    /// The coupled L2 coefficient `λ`: the gradient becomes `g + λ·θ` (0 by default).
    public var l2Penalty: Double
    /// Which moments are divided by `1 − βᵗ` (both by default, as Kingma & Ba and PyTorch).
    public var biasCorrection: AdamBiasCorrection
    /// The first moment `m`, `nil` before the first step.
    public private(set) var firstMoment: Matrix?
    /// The second moment `v`, `nil` before the first step.
    public private(set) var secondMoment: Matrix?
    /// The number of steps taken, `t`.
    public private(set) var stepCount = 0

    /// Adam with the usual defaults `η = 0.001`, `β₁ = 0.9`, `β₂ = 0.999`, `ε = 1e-8`.
    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        l2Penalty: Double = 0, biasCorrection: AdamBiasCorrection = .both
    ) {
        self.biasCorrection = biasCorrection
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.l2Penalty = l2Penalty
    }

    /// One Adam step; returns `t`, `m`, `v`, `m̂`, `v̂` and the update.
    @discardableResult
    public mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> AdamStep {
        checkGradientShape("Adam", parameter, gradient)
        let g = l2Penalty == 0 ? gradient : gradient + l2Penalty * parameter
        let record = adamMoments(
            gradient: g, firstMoment: &firstMoment, secondMoment: &secondMoment, stepCount: &stepCount,
            beta1: beta1, beta2: beta2, epsilon: epsilon, biasCorrection: biasCorrection, name: "Adam")
        let update = learningRate * record.direction
        parameter -= update
        return AdamStep(
            t: stepCount, gradient: g, m: record.m, v: record.v, mHat: record.mHat, vHat: record.vHat,
            update: update, parameter: parameter)
    }
}

/// One step of `Adam` or `AdamW`, with every intermediate value.
public struct AdamStep: Sendable, Equatable {
    /// The step number `t` (1 for the first step).
    public var t: Int
    /// The gradient `g` used (including any coupled L2 term).
    public var gradient: Matrix
    /// The first moment `m = β₁·m + (1 − β₁)·g`.
    public var m: Matrix
    /// The second moment `v = β₂·v + (1 − β₂)·g²`.
    public var v: Matrix
    /// The bias-corrected first moment `m̂ = m / (1 − β₁ᵗ)`.
    public var mHat: Matrix
    /// The bias-corrected second moment `v̂ = v / (1 − β₂ᵗ)`.
    public var vHat: Matrix
    /// The total amount subtracted from the parameter in this step.
    public var update: Matrix
    /// The parameter after the step.
    public var parameter: Matrix
}

struct AdamMoments {
    var m: Matrix
    var v: Matrix
    var mHat: Matrix
    var vHat: Matrix
    var direction: Matrix
}

// swiftlint:disable:next function_parameter_count
func adamMoments(
    gradient g: Matrix, firstMoment: inout Matrix?, secondMoment: inout Matrix?, stepCount: inout Int,
    beta1: Double, beta2: Double, epsilon: Double, biasCorrection: AdamBiasCorrection = .both, name: String
) -> AdamMoments {
    let zeros = Matrix.zeros(rows: g.rows, columns: g.columns)
    let previousM = firstMoment ?? zeros
    let previousV = secondMoment ?? zeros
    checkStateShape(name, previousM, g)
    stepCount += 1
    let m = beta1 * previousM + (1 - beta1) * g
    let v = beta2 * previousV + (1 - beta2) * g.hadamard(g)
    firstMoment = m
    secondMoment = v
    let mHat = biasCorrection.correctsFirstMoment ? m / (1 - pow(beta1, Double(stepCount))) : m
    let vHat = biasCorrection.correctsSecondMoment ? v / (1 - pow(beta2, Double(stepCount))) : v
    let direction = mHat.dividedElementwise(by: vHat.map { $0.squareRoot() + epsilon })
    return AdamMoments(m: m, v: v, mHat: mHat, vHat: vHat, direction: direction)
}

/// Which of Adam's moments are bias-corrected: `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`, or the
/// moment itself where a correction is dropped (to see what the corrections do).
public enum AdamBiasCorrection: Sendable, Equatable, CaseIterable {
    /// Both moments, as Kingma & Ba and PyTorch.
    case both
    /// Only `m`; `v` is used as it is.
    case firstMomentOnly
    /// Only `v`; `m` is used as it is.
    case secondMomentOnly
    /// Neither: `θ ← θ − η·m / (√v + ε)`.
    case none

    /// Whether `m` is divided by `1 − β₁ᵗ`.
    public var correctsFirstMoment: Bool { self == .both || self == .firstMomentOnly }
    /// Whether `v` is divided by `1 − β₂ᵗ`.
    public var correctsSecondMoment: Bool { self == .both || self == .secondMomentOnly }
}

import Foundation

/// A learning rate that changes with the step (or epoch) number `t = 0, 1, 2, …`.
public protocol LearningRateSchedule: Sendable {
    /// The learning rate `η_t` at step `t` (0 for the first step).
    func learningRate(atStep t: Int) -> Double
}

extension LearningRateSchedule {
    /// The learning rates of steps `0..<count`, for printing or plotting a schedule.
    public func learningRates(count: Int) -> [Double] {
        (0..<count).map { learningRate(atStep: $0) }
    }
}

/// Step decay (PyTorch `lr_scheduler.StepLR`): `η_t = η₀·γ^⌊t / stepSize⌋`, multiplying the rate
/// by `γ` every `stepSize` steps.
public struct StepDecay: LearningRateSchedule, Equatable {
    /// The initial learning rate `η₀`.
    public var initialLearningRate: Double
    /// The number of steps between decays.
    public var stepSize: Int
    /// The factor `γ` applied at each decay (0.1 by default).
    public var gamma: Double

    /// Step decay from `η₀` by `γ` every `stepSize` steps.
    public init(initialLearningRate: Double, stepSize: Int, gamma: Double = 0.1) {
        precondition(stepSize > 0, "StepDecay: stepSize must be positive, got \(stepSize)")
        self.initialLearningRate = initialLearningRate
        self.stepSize = stepSize
        self.gamma = gamma
    }

    /// `η₀·γ^⌊t / stepSize⌋`.
    public func learningRate(atStep t: Int) -> Double {
        initialLearningRate * pow(gamma, Double(t / stepSize))
    }
}

/// Cosine annealing (PyTorch `lr_scheduler.CosineAnnealingLR`, closed form):
/// `η_t = η_min + ½(η₀ − η_min)(1 + cos(π·t / T))` for `t ≤ T`, then `η_min`.
public struct CosineAnnealing: LearningRateSchedule, Equatable {
    /// The initial (maximum) learning rate `η₀`.
    public var initialLearningRate: Double
    /// The final (minimum) learning rate `η_min`.
    public var minimumLearningRate: Double
    /// The number of steps `T` to anneal over.
    public var period: Int

    /// Cosine annealing from `η₀` to `η_min` over `T` steps.
    public init(initialLearningRate: Double, period: Int, minimumLearningRate: Double = 0) {
        precondition(period > 0, "CosineAnnealing: period must be positive, got \(period)")
        self.initialLearningRate = initialLearningRate
        self.minimumLearningRate = minimumLearningRate
        self.period = period
    }

    /// `η_min + ½(η₀ − η_min)(1 + cos(π·min(t, T) / T))`.
    public func learningRate(atStep t: Int) -> Double {
        let progress = Double(min(t, period)) / Double(period)
        return minimumLearningRate + 0.5 * (initialLearningRate - minimumLearningRate) * (1 + cos(Double.pi * progress))
    }
}

/// Linear warm-up (PyTorch `lr_scheduler.LinearLR(start_factor:, total_iters:)`): the rate grows
/// linearly from `f₀·η` to `η` over `warmupSteps` steps, then stays at `η`:
/// `η_t = η·(f₀ + (1 − f₀)·min(t, W) / W)`.
public struct LinearWarmup: LearningRateSchedule, Equatable {
    /// The target learning rate `η` reached at the end of warm-up.
    public var targetLearningRate: Double
    /// The number of warm-up steps `W`.
    public var warmupSteps: Int
    /// The starting fraction `f₀` of the target (PyTorch's default 1/3).
    public var startFactor: Double

    /// Warm-up to `η` over `W` steps, starting at `f₀·η`.
    public init(targetLearningRate: Double, warmupSteps: Int, startFactor: Double = 1.0 / 3.0) {
        precondition(warmupSteps > 0, "LinearWarmup: warmupSteps must be positive, got \(warmupSteps)")
        self.targetLearningRate = targetLearningRate
        self.warmupSteps = warmupSteps
        self.startFactor = startFactor
    }

    /// `η·(f₀ + (1 − f₀)·min(t, W) / W)`.
    public func learningRate(atStep t: Int) -> Double {
        let progress = Double(min(t, warmupSteps)) / Double(warmupSteps)
        return targetLearningRate * (startFactor + (1 - startFactor) * progress)
    }
}

/// The one-cycle policy (Smith 2018; PyTorch `lr_scheduler.OneCycleLR` with cosine annealing,
/// two phases): the rate rises from `η_max/d` to `η_max` over the first `p·S − 1` steps, then
/// falls to `η_max/(d·d_final)` at step `S − 1`, each phase along a half cosine
/// `η = η_end + ½(η_start − η_end)(1 + cos(π·progress))`.
public struct OneCycle: LearningRateSchedule, Equatable {
    /// The peak learning rate `η_max`.
    public var maximumLearningRate: Double
    /// The total number of steps `S`.
    public var totalSteps: Int
    /// The fraction `p` of steps spent rising (0.3).
    public var risingFraction: Double
    /// The initial divisor `d`: the rate starts at `η_max/d` (25).
    public var initialDivisor: Double
    /// The final divisor `d_final`: the rate ends at `η_max/(d·d_final)` (1e4).
    public var finalDivisor: Double

    /// One cycle peaking at `η_max` over `S` steps, with PyTorch's defaults.
    public init(
        maximumLearningRate: Double, totalSteps: Int, risingFraction: Double = 0.3,
        initialDivisor: Double = 25, finalDivisor: Double = 1e4
    ) {
        precondition(totalSteps > 1, "OneCycle: totalSteps must be at least 2, got \(totalSteps)")
        self.maximumLearningRate = maximumLearningRate
        self.totalSteps = totalSteps
        self.risingFraction = risingFraction
        self.initialDivisor = initialDivisor
        self.finalDivisor = finalDivisor
    }

    /// The learning rate at step `t`, following PyTorch's phase boundaries.
    public func learningRate(atStep t: Int) -> Double {
        let initial = maximumLearningRate / initialDivisor
        let final = initial / finalDivisor
        let peakStep = risingFraction * Double(totalSteps) - 1
        let lastStep = Double(totalSteps - 1)
        let step = Double(t)
        if step <= peakStep {
            return cosineBetween(initial, maximumLearningRate, progress: step / peakStep)
        }
        let progress = min(1, (step - peakStep) / (lastStep - peakStep))
        return cosineBetween(maximumLearningRate, final, progress: progress)
    }

    private func cosineBetween(_ start: Double, _ end: Double, progress: Double) -> Double {
        end + 0.5 * (start - end) * (1 + cos(Double.pi * progress))
    }
}

/// The exponentially growing rate of the learning-rate range test ("LR finder"):
/// `η_t = η_min·(η_max/η_min)^(t / steps)`, from `η_min` at `t = 0` to `η_max` at `t = steps`.
public struct LearningRateRangeTest: LearningRateSchedule, Equatable {
    /// The smallest rate `η_min` (1e-7 in the sources).
    public var minimumLearningRate: Double
    /// The largest rate `η_max` (10 in the sources).
    public var maximumLearningRate: Double
    /// The number of steps over which the rate grows.
    public var steps: Int

    /// A range test from `η_min` to `η_max` over `steps` steps.
    public init(minimumLearningRate: Double = 1e-7, maximumLearningRate: Double = 10, steps: Int = 100) {
        precondition(steps > 0, "LearningRateRangeTest: steps must be positive, got \(steps)")
        self.minimumLearningRate = minimumLearningRate
        self.maximumLearningRate = maximumLearningRate
        self.steps = steps
    }

    /// The factor applied each step, `(η_max/η_min)^(1/steps)`.
    public var multiplier: Double { pow(maximumLearningRate / minimumLearningRate, 1 / Double(steps)) }

    /// `η_min·multiplierᵗ`.
    public func learningRate(atStep t: Int) -> Double {
        minimumLearningRate * pow(multiplier, Double(t))
    }
}

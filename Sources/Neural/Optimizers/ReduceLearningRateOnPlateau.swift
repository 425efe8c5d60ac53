/// Lowers the learning rate when a monitored loss stops improving, as PyTorch's
/// `ReduceLROnPlateau(mode="min", threshold_mode="rel")`.
///
/// After each epoch, `step(loss:)`: the loss counts as an improvement when
/// `loss < best·(1 − threshold)`; after more than `patience` epochs in a row without one, the rate
/// becomes `max(rate·factor, minimum)` (a change smaller than 1e-8 is not made, PyTorch's `eps`)
/// and the count starts again.
public struct ReduceLearningRateOnPlateau: Sendable, Equatable {
    /// The current learning rate.
    public private(set) var learningRate: Double
    /// The factor the rate is multiplied by (0.1 by default).
    public var factor: Double
    /// Epochs without improvement tolerated before lowering the rate (10 by default).
    public var patience: Int
    /// The relative improvement that counts (1e-4 by default).
    public var threshold: Double
    /// The lowest rate.
    public var minimum: Double
    /// The best loss so far.
    public private(set) var best = Double.infinity
    /// Epochs in a row without improvement.
    public private(set) var epochsWithoutImprovement = 0

    /// A plateau schedule starting at `learningRate`.
    public init(learningRate: Double, factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4, minimum: Double = 0) {
        precondition(factor > 0 && factor < 1, "ReduceLearningRateOnPlateau: factor must be in (0, 1), got \(factor)")
        precondition(patience >= 0, "ReduceLearningRateOnPlateau: patience must be 0 or more, got \(patience)")
        self.learningRate = learningRate
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.minimum = minimum
    }

    /// Records one epoch's loss and returns the learning rate for the next epoch.
    @discardableResult
    public mutating func step(loss: Double) -> Double {
        if loss < best * (1 - threshold) {
            best = loss
            epochsWithoutImprovement = 0
        } else {
            epochsWithoutImprovement += 1
        }
        if epochsWithoutImprovement > patience {
            let reduced = Swift.max(learningRate * factor, minimum)
            // PyTorch's eps: a reduction smaller than 1e-8 is not made.
            if learningRate - reduced > 1e-8 { learningRate = reduced }
            epochsWithoutImprovement = 0
        }
        return learningRate
    }
}

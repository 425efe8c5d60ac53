/// Early stopping on a validation loss, as in the sources: a loss counts as an improvement when it
/// is below `best − minDelta`; training stops after `patience` epochs in a row without one.
public struct EarlyStopping: Sendable, Equatable {
    /// The number of epochs without improvement tolerated.
    public var patience: Int
    /// The smallest decrease that counts as an improvement.
    public var minDelta: Double
    /// The best validation loss seen so far (`+∞` at first).
    public private(set) var bestLoss = Double.infinity
    /// The 0-based epoch of the best loss, `nil` before any epoch.
    public private(set) var bestEpoch: Int?
    /// The number of consecutive epochs without improvement.
    public private(set) var epochsWithoutImprovement = 0
    /// The number of losses recorded.
    public private(set) var epochCount = 0

    /// Early stopping with the given patience and minimum improvement.
    public init(patience: Int = 10, minDelta: Double = 0.001) {
        self.patience = patience
        self.minDelta = minDelta
    }

    /// Records one epoch's validation loss and returns `true` when training should stop
    /// (after `patience` epochs without improvement). Restore the weights of `bestEpoch` then.
    public mutating func shouldStop(validationLoss: Double) -> Bool {
        if validationLoss < bestLoss - minDelta {
            bestLoss = validationLoss
            bestEpoch = epochCount
            epochsWithoutImprovement = 0
        } else {
            epochsWithoutImprovement += 1
        }
        epochCount += 1
        return epochsWithoutImprovement >= patience
    }

    /// Whether the last recorded loss was a new best (the moment to save the weights).
    public var lastEpochImproved: Bool {
        epochCount > 0 && bestEpoch == epochCount - 1
    }
}

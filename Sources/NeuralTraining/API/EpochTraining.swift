/// What one (possibly interrupted or diverged) training epoch did.
public struct EpochTraining: Sendable {
    /// Mean loss and accuracy over the batches trained, measured as they were trained.
    public let tally: BatchTally
    /// Batches trained (when `diverged`, the last of them is the batch where it happened).
    public let batches: Int
    /// Wall-clock seconds of the training work (no evaluation).
    public let seconds: Double
    /// False when the epoch stopped early because `shouldStop` said so, or because it diverged.
    public let completed: Bool
    /// True when training diverged: batch `batches` had a non-finite loss (NaN or infinite), or
    /// the parameters were not all finite after the epoch's last batch. The network's parameters
    /// are then unusable; nothing of this epoch may be saved.
    public let diverged: Bool
    /// Multiply-adds of the matrix products in the batches trained (an estimate from the
    /// batches' share of the epoch's).
    public let multiplyAdds: Double

    /// The matrix products' arithmetic rate, `2·multiplyAdds / seconds / 10⁹` GFLOP/s (0 when no time passed).
    public var gigaflopsPerSecond: Double { seconds > 0 ? 2 * multiplyAdds / seconds / 1e9 : 0 }
}

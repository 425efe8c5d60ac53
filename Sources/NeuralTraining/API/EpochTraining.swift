/// What one (possibly interrupted) training epoch did.
public struct EpochTraining: Sendable {
    /// Mean loss and accuracy over the batches trained, measured as they were trained.
    public let tally: BatchTally
    /// Batches trained.
    public let batches: Int
    /// Wall-clock seconds of the training work (no evaluation).
    public let seconds: Double
    /// False when the epoch stopped early because `shouldStop` said so.
    public let completed: Bool
}

/// Running sums over the batches of a pass: summed cross-entropy, correct predictions, examples.
public struct BatchTally: Sendable, Equatable {
    /// `Σ −ln p_y` over the examples seen.
    public var lossSum = 0.0
    /// Examples whose largest output is at the label.
    public var correct = 0
    /// Examples seen.
    public var examples = 0

    /// An empty tally.
    public init() {}

    /// The mean cross-entropy `lossSum / examples` (0 when empty).
    public var meanLoss: Double { examples == 0 ? 0 : lossSum / Double(examples) }
    /// The accuracy `correct / examples` (0 when empty).
    public var accuracy: Double { examples == 0 ? 0 : Double(correct) / Double(examples) }
}

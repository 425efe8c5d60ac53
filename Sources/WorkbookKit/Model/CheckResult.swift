/// The outcome of one check or output block.
public struct CheckResult: Sendable, Equatable, Codable {
    /// Whether the check held.
    public enum Status: String, Sendable, Equatable, Codable {
        case passed, failed, skipped
    }

    /// Where the check is written.
    public var location: SourceLocation
    /// The check's expression, or `output` for an output block.
    public var expression: String
    /// The expected value with its tolerance, as shown to readers: `0.857 ± 0.0005`.
    public var expected: String
    /// The computed value, if the check was evaluated.
    public var computed: String?
    /// Whether it held.
    public var status: Status
    /// Why it failed: the first differing element, the difference, or why it was not evaluated.
    public var detail: String?
    /// Seconds the chapter's process spent evaluating the expression, when it was evaluated.
    public var seconds: Double? = nil
}

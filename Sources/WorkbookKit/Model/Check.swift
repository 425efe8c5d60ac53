/// One line of an ```` ```expect ```` block: an expression and what its value must be.
public struct Check: Sendable, Equatable {
    /// How the computed value is compared with the expected one.
    public enum Comparison: Sendable, Equatable {
        /// `EXPR ≈ VALUE`, within a tolerance.
        case approximately(ExpectedValue, Tolerance)
        /// `EXPR == VALUE`, exactly.
        case exactly(ExpectedValue)
        /// `EXPR in LOW...HIGH`, both ends included.
        case inRange(low: Double, high: Double)
    }

    /// The check's index among the chapter's checks, from 0.
    public var index: Int
    /// The check's line in the chapter.
    public var line: Int
    /// The 1-based column at which the expression starts on that line.
    public var expressionColumn: Int
    /// The Swift expression, as written.
    public var expression: String
    /// The comparison.
    public var comparison: Comparison
    /// The text after the expression's operator, as written (for reports): `0.857`, `[1, 2] ± 1%`.
    public var expectedText: String
    /// Whether the block was marked `skip`: the check is counted but not evaluated.
    public var isSkipped: Bool
}

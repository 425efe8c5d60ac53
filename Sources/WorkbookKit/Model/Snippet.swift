/// A ```` ```swift ```` block of a chapter.
public struct Snippet: Sendable, Equatable {
    /// The info-string attributes a Swift snippet may carry.
    public enum Attribute: String, Sendable, CaseIterable {
        /// Runs, but is not shown on the site: setup code.
        case hidden
        /// Shown and compiled, but not run.
        case norun
        /// An exercise's starting point for the reader: compiled in a scope of its own, not run.
        case starter
        /// An exercise's solution: runs like any snippet, shown folded on the site.
        case solution
    }

    /// The snippet's index among the chapter's snippets, from 0.
    public var index: Int
    /// The line of the opening fence.
    public var fenceLine: Int
    /// The line of the first line of code (the line after the fence).
    public var firstCodeLine: Int
    /// The code, exactly as written.
    public var code: String
    /// The attributes from the info string.
    public var attributes: Set<Attribute>

    /// Whether the snippet's code runs when the chapter runs.
    public var runs: Bool {
        !attributes.contains(.norun) && !attributes.contains(.starter)
    }
}

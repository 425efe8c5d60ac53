/// An exercise for the reader: a section whose heading reads `Exercise: Title {#name}`.
///
/// The section holds the task (its prose), at least one hint (a quote starting with `Hint`), a
/// ```` ```swift starter ```` snippet the reader starts from, a ```` ```swift solution ````
/// snippet, and the ```` ```expect ```` checks after the solution that a correct answer passes.
public struct Exercise: Sendable, Equatable {
    /// The name readers use on the command line, written in the heading as `{#name}`: lower-case
    /// letters and digits joined by `-`, unique in the book, and kept when the title changes.
    public var name: String
    /// The title after `Exercise:`.
    public var title: String
    /// The heading's line.
    public var line: Int
    /// The hints, in order, as Markdown.
    public var hints: [String]
    /// The index of the starter snippet.
    public var starterSnippet: Int?
    /// The index of the solution snippet.
    public var solutionSnippet: Int?
    /// The indices of the checks that follow the solution in the section.
    public var checkIndices: [Int]
    /// The chapter blocks of the section, from its heading to the block before the next heading of
    /// the same or a higher level.
    public var blockRange: Range<Int> = 0..<0
    /// The task: the section's paragraphs and lists before its first hint or snippet, as Markdown.
    public var task: [String] = []
}

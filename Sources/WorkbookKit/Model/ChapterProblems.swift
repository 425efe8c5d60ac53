/// Every problem found in one chapter, so that an author sees them all at once.
public struct ChapterProblems: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order of their lines.
    public var errors: [WorkbookError]

    /// The problems, one per line, in the compiler's format.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

/// A parsed chapter: its title, its blocks in document order, and what they contain.
public struct Chapter: Sendable, Equatable {
    /// The path as shown in messages, such as `chapters/01-perceptron.md`.
    public var path: String
    /// The text of the first level-1 heading.
    public var title: String
    /// The number that starts the file name (`01-perceptron.md` is 1), if any.
    public var number: Int?
    /// The blocks, in document order.
    public var blocks: [ChapterBlock]
    /// The exercises, in document order.
    public var exercises: [Exercise]
    /// A time limit in seconds set by the chapter (`<!-- workbook: timeout 120 -->`), if any.
    public var timeout: Double?
    /// The indices in `blocks` of prose marked `<!-- workbook: measured -->`: numbers measured
    /// outside `verify` (a full training run, a benchmark), shown as such and not checked.
    public var measuredBlocks: Set<Int> = []

    /// The Swift snippets, in order.
    public var snippets: [Snippet] {
        blocks.compactMap { if case .snippet(let snippet) = $0 { return snippet } else { return nil } }
    }

    /// Every check, in order.
    public var checks: [Check] {
        blocks.flatMap { block -> [Check] in
            if case .expectations(let expect) = block { return expect.checks } else { return [] }
        }
    }

    /// The output blocks, in order.
    public var outputs: [OutputBlock] {
        blocks.compactMap { if case .output(let output) = $0 { return output } else { return nil } }
    }

    /// The location of `line` in this chapter.
    public func location(line: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}

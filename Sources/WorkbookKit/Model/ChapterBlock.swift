/// One top-level block of a chapter, in document order.
public enum ChapterBlock: Sendable, Equatable {
    /// Prose: a heading, paragraph, list, quote, rule, raw HTML or a code listing in another
    /// language, with inline math (`` $`...`$ ``) turned into `.math` nodes.
    case prose(MarkdownNode)
    /// A ```` ```math ```` block: display math, kept as TeX.
    case math(tex: String, line: Int)
    /// A ```` ```swift ```` block.
    case snippet(Snippet)
    /// An ```` ```expect ```` block.
    case expectations(ExpectBlock)
    /// An ```` ```output ```` block.
    case output(OutputBlock)
}

/// An ```` ```expect ```` block: checks evaluated at this point of the chapter.
public struct ExpectBlock: Sendable, Equatable {
    /// The line of the opening fence.
    public var fenceLine: Int
    /// The checks, one per non-blank line.
    public var checks: [Check]
}

/// An ```` ```output ```` block: what the preceding snippet must have printed.
public struct OutputBlock: Sendable, Equatable {
    /// The block's index among the chapter's output blocks, from 0.
    public var index: Int
    /// The line of the opening fence.
    public var fenceLine: Int
    /// The expected text.
    public var expectedText: String
    /// The index of the snippet whose output it checks.
    public var snippetIndex: Int
}

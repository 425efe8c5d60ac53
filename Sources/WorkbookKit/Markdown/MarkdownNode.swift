/// A node of a CommonMark document tree, copied out of cmark into plain Swift values.
///
/// Positions are 1-based lines and columns of the Markdown source, as cmark reports them.
public struct MarkdownNode: Sendable, Equatable {
    /// The kind of a node, one case per cmark node type.
    public enum Kind: String, Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading
        case thematicBreak, text, softBreak, lineBreak, code, htmlInline, customInline, emphasis
        case strong, link, image
        /// Inline math written `` $`...`$ ``; not a cmark type, made by `ChapterParser` from a code
        /// span between two dollar signs. Its TeX is in `literal`.
        case math
    }

    /// The node's kind.
    public var kind: Kind
    /// The text of a text, code span, code block or raw HTML node.
    public var literal: String?
    /// The info string of a fenced code block (`swift hidden` in ```` ```swift hidden ````).
    public var fenceInfo: String?
    /// The level of a heading, 1 to 6; 0 for other nodes.
    public var headingLevel: Int
    /// The destination of a link or image.
    public var url: String?
    /// The title of a link or image.
    public var title: String?
    /// Whether a list is ordered.
    public var isOrderedList: Bool
    /// The number of the first item of an ordered list.
    public var listStart: Int
    /// Whether a list is tight (no blank lines between items).
    public var isTightList: Bool
    /// The first line of the node in the source.
    public var startLine: Int
    /// The column of the node's first character.
    public var startColumn: Int
    /// The last line of the node in the source.
    public var endLine: Int
    /// The column of the node's last character.
    public var endColumn: Int
    /// The node's children, in document order.
    public var children: [MarkdownNode]
    /// Whether children were left out because they nest deeper than the parser's limit.
    public var isTruncated = false

    /// A node with the given kind and position and no content.
    public init(kind: Kind, startLine: Int = 0, startColumn: Int = 0, endLine: Int = 0, endColumn: Int = 0) {
        self.kind = kind
        self.literal = nil
        self.fenceInfo = nil
        self.headingLevel = 0
        self.url = nil
        self.title = nil
        self.isOrderedList = false
        self.listStart = 0
        self.isTightList = false
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.children = []
    }

    /// The concatenated text of this node's text and code descendants, with breaks as spaces.
    public var plainText: String {
        switch kind {
        case .text, .code, .math: return literal ?? ""
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }
}

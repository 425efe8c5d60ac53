/// A figure a chapter's snippet made with `show(_:)`, shown after the snippet: an `<svg>`
/// element, or an explorable (controls and the view of every state).
public struct Figure: Sendable, Equatable, Codable {
    /// The index of the snippet that made it.
    public var snippetIndex: Int
    /// The `<svg>` element; empty for an explorable.
    public var svg: String
    /// The explorable, when the snippet showed one; nil for a plain figure (and in reports
    /// cached before explorables existed, which decode unchanged).
    public var explorable: ExplorableFigure?

    /// A figure made by snippet `snippetIndex`.
    public init(snippetIndex: Int, svg: String) {
        self.snippetIndex = snippetIndex
        self.svg = svg
    }

    /// An explorable shown by snippet `snippetIndex`.
    public init(snippetIndex: Int, explorable: ExplorableFigure) {
        self.snippetIndex = snippetIndex
        self.svg = ""
        self.explorable = explorable
    }
}

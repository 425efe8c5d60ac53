/// A figure a chapter's snippet made with `show(_:)`: an `<svg>` element, shown after the snippet.
public struct Figure: Sendable, Equatable, Codable {
    /// The index of the snippet that made it.
    public var snippetIndex: Int
    /// The `<svg>` element.
    public var svg: String

    /// A figure made by snippet `snippetIndex`.
    public init(snippetIndex: Int, svg: String) {
        self.snippetIndex = snippetIndex
        self.svg = svg
    }
}

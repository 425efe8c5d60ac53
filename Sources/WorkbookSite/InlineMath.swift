import WorkbookKit

/// Inline math in Markdown that does not come from `ChapterParser` (a table cell's text): each
/// code span between two dollar signs, `` $`tex`$ ``, becomes a `.math` node, as the parser does.
enum InlineMath {
    /// `node` with its inline math turned into `.math` nodes, at every depth.
    static func convert(_ node: MarkdownNode) -> MarkdownNode {
        var result = node
        guard !node.children.isEmpty else { return result }
        var children = node.children.map(convert)
        var index = 0
        while index + 2 < children.count {
            let before = children[index], span = children[index + 1], after = children[index + 2]
            if before.kind == .text, span.kind == .code, after.kind == .text,
                let left = before.literal, left.hasSuffix("$"), let right = after.literal, right.hasPrefix("$")
            {
                children[index].literal = String(left.dropLast())
                children[index + 1].kind = .math
                children[index + 2].literal = String(right.dropFirst())
                index += 2
            } else {
                index += 1
            }
        }
        result.children = children.filter { !($0.kind == .text && $0.literal == "") }
        return result
    }
}

extension MarkdownNode {
    /// This node with every `` $`tex`$ `` (a code span between two dollar signs, GitHub's inline
    /// math) turned into a `.math` node whose `literal` is the TeX, at every depth.
    public func convertingInlineMath() -> MarkdownNode {
        var result = self
        guard !children.isEmpty else { return result }
        var converted = children.map { $0.convertingInlineMath() }
        var index = 0
        while index + 2 < converted.count {
            let before = converted[index], span = converted[index + 1], after = converted[index + 2]
            if before.kind == .text, span.kind == .code, after.kind == .text,
                let left = before.literal, left.hasSuffix("$"), let right = after.literal, right.hasPrefix("$")
            {
                converted[index].literal = String(left.dropLast())
                converted[index + 1].kind = .math
                converted[index + 2].literal = String(right.dropFirst())
                index += 2
            } else {
                index += 1
            }
        }
        result.children = converted.filter { !($0.kind == .text && $0.literal == "") }
        return result
    }
}

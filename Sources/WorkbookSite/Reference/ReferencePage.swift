import WorkbookKit

/// The API reference page of one module: its top-level types and functions, each with its
/// declaration and documentation and, for a type, its members.
struct ReferencePage {
    var module: APIReference.Module
    var highlighter: SwiftHighlighter

    /// The page's content.
    func html() -> String {
        var anchors = AnchorCounter()
        let topLevel = module.symbols.filter { $0.path.count == 1 }
        let typeNames = Set(topLevel.filter(\.isType).map { $0.path[0] })
        var html = "<article class=\"api-reference\">\n<h1>API reference: \(HTML.escape(module.name))</h1>\n"
        html += "<p>Every public symbol of <code>\(HTML.escape(module.name))</code>, \(module.symbols.count) in all, with its declaration and "
            + "documentation, generated from the compiler's symbol graph when the site is built. Names in the chapters' snippets link here.</p>\n"
        html += "<nav class=\"api-index\" aria-label=\"\(HTML.escape(module.name)) symbols\"><ul>\n"
        for symbol in topLevel {
            html += "<li><a href=\"#\(APIReference.anchor(symbol.path))\"><code>\(HTML.escape(symbol.path[0]))</code></a></li>\n"
        }
        html += "</ul></nav>\n"
        for symbol in topLevel {
            html += entry(symbol, level: 2, anchors: &anchors)
            if symbol.isType {
                for member in module.symbols where member.path.count > 1 && member.path[0] == symbol.path[0] {
                    html += entry(member, level: 3, anchors: &anchors)
                }
            }
        }
        let extensions = module.symbols.filter { $0.path.count > 1 && !typeNames.contains($0.path[0]) }
        if !extensions.isEmpty {
            html += "<h2 id=\"extensions-to-other-types\">Extensions to other types</h2>\n"
            for member in extensions { html += entry(member, level: 3, anchors: &anchors) }
        }
        return html + "</article>\n"
    }

    private func entry(_ symbol: APIReference.Symbol, level: Int, anchors: inout AnchorCounter) -> String {
        let anchor = anchors.unique(APIReference.anchor(symbol.path))
        var html = "<section class=\"api-entry\">\n<h\(level) id=\"\(anchor)\"><code>\(HTML.escape(symbol.path.joined(separator: ".")))</code> "
            + "<span class=\"muted\">\(HTML.escape(symbol.kind))</span></h\(level)>\n"
        html += "<pre class=\"swift\"><code>\(highlighter.html(symbol.declaration))</code></pre>\n"
        if !symbol.documentation.isEmpty {
            let renderer = ProseRenderer(
                path: symbol.file ?? module.name, lines: symbol.documentation.split(separator: "\n", omittingEmptySubsequences: false),
                headingAnchors: [:], links: nil)
            html += (try? renderer.render(Cmark.parse(symbol.documentation).convertingInlineMath()))
                ?? "<p>\(HTML.escape(symbol.documentation))</p>\n"
        }
        if let file = symbol.file { html += "<p class=\"api-source muted\">Declared in <code>\(HTML.escape(file))</code></p>\n" }
        return html + "</section>\n"
    }

    /// Anchors made unique by a number: overloads share a path.
    struct AnchorCounter {
        var seen: [String: Int] = [:]
        mutating func unique(_ anchor: String) -> String {
            let count = seen[anchor, default: 0] + 1
            seen[anchor] = count
            return count == 1 ? anchor : "\(anchor)-\(count)"
        }
    }
}

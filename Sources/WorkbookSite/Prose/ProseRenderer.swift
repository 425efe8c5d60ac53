import WorkbookKit

/// Renders a chapter's prose (cmark's node tree) to HTML the way cmark's own renderer does in its
/// safe default (raw HTML omitted, dangerous links dropped), with three additions: inline math
/// becomes MathML, headings carry stable anchors, and links between chapters are checked and
/// pointed at the pages. Pipe tables (`| a | b |`) become tables.
struct ProseRenderer {
    /// The chapter's path, for error locations.
    var path: String
    /// The chapter's source lines, for tables.
    var lines: [Substring]
    /// The anchor of each heading, by its line.
    var headingAnchors: [Int: String]
    /// The links' resolver; nil renders links unchanged (as cmark does).
    var links: LinkResolver?
    /// Whether code blocks and tables are scroll boxes that take the keyboard's focus
    /// (`HTML.scrollBox`); false renders them exactly as cmark does.
    var scrollBoxes = false

    /// The HTML of a block node (or a document: all its blocks).
    func render(_ node: MarkdownNode) throws -> String {
        var buffer = HTMLBuffer()
        try renderBlock(node, tight: false, into: &buffer)
        return buffer.text
    }

    /// The HTML of the inline children of `node`, whose first line is `line`.
    func renderInlines(of node: MarkdownNode) throws -> String {
        var buffer = HTMLBuffer()
        var line = node.startLine
        for child in node.children { try renderInline(child, line: &line, into: &buffer) }
        return buffer.text
    }

    private func renderBlock(_ node: MarkdownNode, tight: Bool, into buffer: inout HTMLBuffer) throws {
        switch node.kind {
        case .document:
            for child in node.children { try renderBlock(child, tight: false, into: &buffer) }
        case .paragraph:
            if let table = try PipeTable(paragraph: node, lines: lines) {
                buffer.newline()
                buffer.append(try table.html(renderCell: renderCell(_:)))
                return
            }
            if !tight {
                buffer.newline()
                buffer.append("<p>")
            }
            buffer.append(try renderInlines(of: node))
            if !tight { buffer.append("</p>\n") }
        case .heading:
            buffer.newline()
            let level = node.headingLevel
            if let anchor = headingAnchors[node.startLine] {
                let id = HTML.escape(anchor)
                buffer.append("<h\(level) id=\"\(id)\">\(try renderInlines(of: node))")
                buffer.append("<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\"></a></h\(level)>\n")
            } else {
                buffer.append("<h\(level)>\(try renderInlines(of: node))</h\(level)>\n")
            }
        case .blockQuote:
            buffer.newline()
            buffer.append("<blockquote>\n")
            for child in node.children { try renderBlock(child, tight: false, into: &buffer) }
            buffer.newline()
            buffer.append("</blockquote>\n")
        case .list:
            buffer.newline()
            let tag = node.isOrderedList ? "ol" : "ul"
            let start = node.isOrderedList && node.listStart != 1 ? " start=\"\(node.listStart)\"" : ""
            buffer.append("<\(tag)\(start)>\n")
            for item in node.children { try renderBlock(item, tight: node.isTightList, into: &buffer) }
            buffer.append("</\(tag)>\n")
        case .item:
            buffer.newline()
            buffer.append("<li>")
            for child in node.children { try renderBlock(child, tight: tight, into: &buffer) }
            buffer.append("</li>\n")
        case .codeBlock:
            buffer.newline()
            let language = (node.fenceInfo ?? "").split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
            let box = scrollBoxes ? " class=\"scroll-box\" \(HTML.scrollBox("Code"))" : ""
            buffer.append(language.isEmpty ? "<pre\(box)><code>" : "<pre\(box)><code class=\"language-\(HTML.escape(language))\">")
            buffer.append(HTML.escape(node.literal ?? ""))
            buffer.append("</code></pre>\n")
        case .htmlBlock:
            buffer.newline()
            buffer.append("<!-- raw HTML omitted -->")
            buffer.newline()
        case .thematicBreak:
            buffer.newline()
            buffer.append("<hr />\n")
        default:
            var line = node.startLine
            try renderInline(node, line: &line, into: &buffer)
        }
    }

    private func renderInline(_ node: MarkdownNode, line: inout Int, into buffer: inout HTMLBuffer) throws {
        switch node.kind {
        case .text:
            buffer.append(HTML.escape(node.literal ?? ""))
        case .softBreak:
            buffer.append("\n")
            line += 1
        case .lineBreak:
            buffer.append("<br />\n")
            line += 1
        case .code:
            buffer.append("<code>\(HTML.escape(node.literal ?? ""))</code>")
        case .math:
            buffer.append(try MathRenderer.mathML(tex: node.literal ?? "", display: false, location: SourceLocation(file: path, line: line)))
        case .htmlInline:
            buffer.append("<!-- raw HTML omitted -->")
        case .emphasis, .strong:
            let tag = node.kind == .emphasis ? "em" : "strong"
            buffer.append("<\(tag)>")
            for child in node.children { try renderInline(child, line: &line, into: &buffer) }
            buffer.append("</\(tag)>")
        case .link:
            var url = node.url ?? ""
            if let links { url = try links.resolve(url, at: SourceLocation(file: path, line: line)) }
            buffer.append("<a href=\"\(URLSafety.isDangerous(url) ? "" : URLSafety.escapeHref(url))\"")
            if let title = node.title, !title.isEmpty { buffer.append(" title=\"\(HTML.escape(title))\"") }
            buffer.append(">")
            for child in node.children { try renderInline(child, line: &line, into: &buffer) }
            buffer.append("</a>")
        case .image:
            let url = node.url ?? ""
            buffer.append("<img src=\"\(URLSafety.isDangerous(url) ? "" : URLSafety.escapeHref(url))\" alt=\"\(HTML.escape(node.plainText))\"")
            if let title = node.title, !title.isEmpty { buffer.append(" title=\"\(HTML.escape(title))\"") }
            buffer.append(" />")
        default:
            for child in node.children { try renderInline(child, line: &line, into: &buffer) }
        }
    }

    /// A table cell's Markdown, parsed by cmark, as inline HTML.
    private func renderCell(_ cell: PipeTable.Cell) throws -> String {
        let document = Cmark.parse(cell.markdown).convertingInlineMath()
        guard let paragraph = document.children.first else { return "" }
        var shifted = paragraph
        shifted.startLine = cell.line
        return try renderInlines(of: shifted)
    }
}

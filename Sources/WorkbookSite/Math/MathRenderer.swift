import WorkbookKit

/// Renders TeX math to MathML at build time: no script runs and nothing is fetched in the browser.
public enum MathRenderer {
    /// The `<math>` element for `tex`, a display block when `display` is true.
    ///
    /// The TeX is kept in an `<annotation>`, for copying and for assistive technology. A long inline
    /// formula comes out as several `<math>` elements, broken after relations and binary operators
    /// as TeX would (`InlineMathBreaking`), so that it wraps on a narrow screen.
    ///
    /// - Throws: `WorkbookError` at the line of `location` where the TeX goes wrong, for an unknown
    ///   command or environment, an unbalanced brace, or a misplaced `&`.
    public static func mathML(tex: String, display: Bool, location: SourceLocation) throws -> String {
        var parser = TeXParser(tex, display: display)
        let node: MathNode
        do {
            node = try parser.parse()
        } catch let error as TeXError {
            let before = tex.prefix(error.offset)
            let line = location.line + before.filter { $0 == "\n" }.count
            throw WorkbookError("math: \(error.message)", at: SourceLocation(file: location.file, line: line))
        }
        let annotation = "<annotation encoding=\"application/x-tex\">\(HTML.escape(tex.trimmingWhitespace))</annotation>"
        if display {
            return "<math display=\"block\"><semantics><mrow>\(MathMLWriter().write(node))</mrow>\(annotation)</semantics></math>"
        }
        // A long inline formula is a run of <math> elements that the line may break between
        // (`InlineMathBreaking`); the first carries the whole TeX, for copying.
        // A piece with a matrix cannot narrow, so it scrolls in a box of its own if it must.
        var html = ""
        for (index, piece) in InlineMathBreaking.pieces(of: node).enumerated() {
            let body = MathMLWriter().write(piece)
            var math = index == 0 ? "<math><semantics><mrow>\(body)</mrow>\(annotation)</semantics></math>" : "<math><mrow>\(body)</mrow></math>"
            if InlineMathBreaking.containsTable(piece) {
                math = "<span class=\"math-inline-box scroll-box\" \(HTML.scrollBox("Formula"))>\(math)</span>"
            }
            html += math
        }
        return html
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}

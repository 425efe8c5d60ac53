import WorkbookKit

/// Renders TeX math to MathML at build time: no script runs and nothing is fetched in the browser.
public enum MathRenderer {
    /// The `<math>` element for `tex`, a display block when `display` is true.
    ///
    /// The TeX is kept in an `<annotation>`, for copying and for assistive technology.
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
        let body = MathMLWriter().write(node)
        let annotation = "<annotation encoding=\"application/x-tex\">\(HTML.escape(tex.trimmingWhitespace))</annotation>"
        let open = display ? "<math display=\"block\">" : "<math>"
        return "\(open)<semantics><mrow>\(body)</mrow>\(annotation)</semantics></math>"
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

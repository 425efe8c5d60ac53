/// Writes `MathNode`s as MathML Core elements, the subset browsers lay out natively.
struct MathMLWriter {
    /// The MathML of `node`.
    func write(_ node: MathNode) -> String {
        switch node {
        case .identifier(let name, let upright):
            return upright && name.count == 1 ? "<mi mathvariant=\"normal\">\(HTML.escape(name))</mi>" : "<mi>\(HTML.escape(name))</mi>"
        case .function(let name, _):
            return name.count == 1 ? "<mi mathvariant=\"normal\">\(HTML.escape(name))</mi>" : "<mi>\(HTML.escape(name))</mi>"
        case .number(let digits):
            return "<mn>\(digits)</mn>"
        case .op(let symbol, let attributes):
            let extra = attributes.map { " \($0.0)=\"\($0.1)\"" }.joined()
            return "<mo\(extra)>\(escapeInvisible(HTML.escape(symbol)))</mo>"
        case .text(let text, let style):
            // Spaces at the ends of `\text{if }` would collapse in HTML; no-break spaces keep them.
            var kept = text
            while kept.hasPrefix(" ") { kept = "\u{A0}" + kept.dropFirst() }
            while kept.hasSuffix(" ") { kept = kept.dropLast() + "\u{A0}" }
            // CSS, since MathML Core has no `mathvariant` on `<mtext>` (and text is no math alphabet).
            let css: String
            switch style {
            case .upright: css = ""
            case .bold: css = " style=\"font-weight: bold\""
            case .italic: css = " style=\"font-style: italic\""
            }
            return "<mtext\(css)>\(HTML.escape(kept))</mtext>"
        case .space(let em):
            if em < 0 { return "<mspace width=\"0\"/><mpadded lspace=\"\(format(em))em\"><mrow></mrow></mpadded>" }
            return "<mspace width=\"\(format(em))em\"/>"
        case .row(let children):
            return "<mrow>" + children.map(write).joined() + "</mrow>"
        case .fraction(let numerator, let denominator, let rule):
            return "<mfrac\(rule ? "" : " linethickness=\"0\"")>\(write(numerator))\(write(denominator))</mfrac>"
        case .root(let radicand, let index):
            if let index { return "<mroot>\(write(radicand))\(write(index))</mroot>" }
            return "<msqrt>\(write(radicand))</msqrt>"
        case .scripts(let base, let sub, let sup, let limits):
            let (under, over, both) = limits ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
            switch (sub, sup) {
            case (let sub?, let sup?): return "<\(both)>\(write(base))\(write(sub))\(write(sup))</\(both)>"
            case (let sub?, nil): return "<\(under)>\(write(base))\(write(sub))</\(under)>"
            case (nil, let sup?): return "<\(over)>\(write(base))\(write(sup))</\(over)>"
            case (nil, nil): return write(base)
            }
        case .accent(let base, let mark, let stretchy):
            return "<mover accent=\"true\">\(write(base))<mo stretchy=\"\(stretchy)\">\(mark)</mo></mover>"
        case .underMark(let base, let mark):
            return "<munder accentunder=\"true\">\(write(base))<mo>\(mark)</mo></munder>"
        case .table(let rows, let open, let close, let alignments, let lines):
            var table = "<mtable>"
            for (rowIndex, row) in rows.enumerated() {
                table += "<mtr>"
                for (column, cell) in row.enumerated() {
                    let alignment = alignments.isEmpty ? "center" : alignments[column % alignments.count]
                    // MathML Core has no `rowlines`: rules are cell borders.
                    var css = alignment == "center" ? [] : ["text-align: \(alignment)"]
                    if lines.contains(rowIndex) { css.append("border-top: 0.05em solid") }
                    if rowIndex == rows.count - 1, lines.contains(rows.count) { css.append("border-bottom: 0.05em solid") }
                    let style = css.isEmpty ? "" : " style=\"\(css.joined(separator: "; "))\""
                    table += "<mtd\(style)>\(write(cell))</mtd>"
                }
                table += "</mtr>"
            }
            table += "</mtable>"
            let fence = { (symbol: String) in symbol.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(HTML.escape(symbol))</mo>" }
            return "<mrow>\(fence(open))\(table)\(fence(close))</mrow>"
        case .style(let content, let display, let scriptLevel):
            let level = scriptLevel.map { " scriptlevel=\"\($0)\"" } ?? ""
            return "<mstyle displaystyle=\"\(display)\"\(level)>\(write(content))</mstyle>"
        case .phantom(let content):
            return "<mphantom>\(write(content))</mphantom>"
        case .boxed(let content):
            // MathML Core has no `<menclose>`; a CSS border is TeX's \fbox (0.4pt rule, 3pt apart).
            return "<mrow style=\"border: 0.05em solid; padding: 0.3em\">\(write(content))</mrow>"
        }
    }

    /// `text` with the invisible operators (U+2061 FUNCTION APPLICATION to U+2064 INVISIBLE PLUS)
    /// as character references, so that the page's source shows them.
    private func escapeInvisible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x2061...0x2064).contains($0.value) }) else { return text }
        return text.unicodeScalars.map { (0x2061...0x2064).contains($0.value) ? "&#x\(String($0.value, radix: 16));" : String($0) }.joined()
    }

    private func format(_ em: Double) -> String {
        let rounded = (em * 10000).rounded() / 10000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

import WorkbookKit

/// A GitHub pipe table written as a paragraph: a header row, a delimiter row (`| --- | :-: |`)
/// and body rows. cmark does not know tables, so the site recognises them from the source lines.
struct PipeTable {
    /// One cell: its Markdown and its line.
    struct Cell {
        var markdown: String
        var line: Int
    }

    var header: [Cell]
    var alignments: [String?]
    var rows: [[Cell]]

    /// The table that `paragraph` spells, or nil if it is not one.
    init?(paragraph: MarkdownNode, lines: [Substring]) throws {
        let first = paragraph.startLine, last = paragraph.endLine
        guard first >= 1, last <= lines.count, last - first >= 1 else { return nil }
        let source = lines[(first - 1)..<last].map { $0.trimmingCharacters(in: " \t") }
        guard source[0].hasPrefix("|"), let alignments = Self.alignments(source[1]) else { return nil }
        let header = Self.cells(source[0], line: first)
        guard header.count == alignments.count else { return nil }
        self.header = header
        self.alignments = alignments
        rows = source.dropFirst(2).enumerated().map { offset, text in
            var cells = Self.cells(text, line: first + 2 + offset)
            if cells.count < header.count { cells += Array(repeating: Cell(markdown: "", line: first + 2 + offset), count: header.count - cells.count) }
            return Array(cells.prefix(header.count))
        }
    }

    /// The table's HTML, with each cell's Markdown rendered by `renderCell`.
    func html(renderCell: (Cell) throws -> String) throws -> String {
        func attribute(_ column: Int) -> String {
            alignments[column].map { " style=\"text-align: \($0)\"" } ?? ""
        }
        var html = "<div class=\"table-wrap scroll-box\" \(HTML.scrollBox("Table"))><table>\n<thead>\n<tr>\n"
        for (column, cell) in header.enumerated() {
            html += "<th\(attribute(column))>\(try renderCell(cell))</th>\n"
        }
        html += "</tr>\n</thead>\n"
        if !rows.isEmpty {
            html += "<tbody>\n"
            for row in rows {
                html += "<tr>\n"
                for (column, cell) in row.enumerated() {
                    html += "<td\(attribute(column))>\(try renderCell(cell))</td>\n"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table></div>\n"
    }

    /// The cells of a row, split at pipes that are not escaped.
    static func cells(_ row: String, line: Int) -> [Cell] {
        var text = Substring(row)
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|"), !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [Cell] = []
        var current = ""
        var escaped = false
        for character in text {
            if character == "|", !escaped {
                cells.append(Cell(markdown: current.trimmingCharacters(in: " \t"), line: line))
                current = ""
                continue
            }
            if escaped, character == "|" { current.removeLast() }
            escaped = character == "\\" && !escaped
            current.append(character)
        }
        cells.append(Cell(markdown: current.trimmingCharacters(in: " \t"), line: line))
        return cells
    }

    /// The alignment of each column if `row` is a delimiter row (`| --- | :-: | --: |`).
    static func alignments(_ row: String) -> [String?]? {
        let cells = Self.cells(row, line: 0).map(\.markdown)
        var result: [String?] = []
        for cell in cells {
            let dashes = cell.trimmingCharacters(in: ":")
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
            case (true, true): result.append("center")
            case (false, true): result.append("right")
            case (true, false): result.append("left")
            case (false, false): result.append(nil)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// The text without the characters of `set` at both ends.
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

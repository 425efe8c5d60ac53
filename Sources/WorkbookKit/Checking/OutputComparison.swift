/// Compares what a snippet printed with an ```` ```output ```` block.
///
/// Lines are compared after trimming trailing whitespace (and trailing blank lines). Within a line,
/// text must match exactly and numbers match at the precision written in the block: `0.357` accepts
/// a printed `0.35667494393873245`. Integers written without a point must be printed exactly.
enum OutputComparison {
    /// Nil when `printed` matches `expected`, else where they first differ.
    static func difference(expected: String, printed: String) -> String? {
        let expectedLines = normalizedLines(expected)
        let printedLines = normalizedLines(printed)
        for index in 0..<max(expectedLines.count, printedLines.count) {
            guard index < expectedLines.count else {
                return "line \(index + 1) of the output was printed but not expected: \"\(printedLines[index])\""
            }
            guard index < printedLines.count else {
                return "line \(index + 1) of the output was expected but not printed: \"\(expectedLines[index])\""
            }
            if let problem = lineDifference(expected: expectedLines[index], printed: printedLines[index]) {
                return "line \(index + 1): \(problem)"
            }
        }
        return nil
    }

    static func normalizedLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0.isWhitespace }).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// One piece of a line: literal text or a number with the text it was written as.
    enum Piece: Equatable {
        case text(String)
        case number(Double, String)
    }

    static func lineDifference(expected: String, printed: String) -> String? {
        let expectedPieces = pieces(of: expected)
        let printedPieces = pieces(of: printed)
        let mismatch = "expected \"\(expected)\", printed \"\(printed)\""
        guard expectedPieces.count == printedPieces.count else { return mismatch }
        for (wanted, got) in zip(expectedPieces, printedPieces) {
            switch (wanted, got) {
            case (.text(let a), .text(let b)):
                if a != b { return mismatch }
            case (.number(let value, let literal), .number(let result, let printedLiteral)):
                let isInteger = { (text: String) in !text.contains(".") && !text.lowercased().contains("e") }
                if isInteger(literal) {
                    if literal != printedLiteral && !(isInteger(printedLiteral) && value == result) { return mismatch }
                } else {
                    let bound = Tolerance.implicitBound(of: literal)
                    if abs(result - value) > bound + 4 * max(value.ulp, bound.ulp) {
                        return "\(mismatch): \(printedLiteral) differs from \(literal) by more than \(bound)"
                    }
                }
            default:
                return mismatch
            }
        }
        return nil
    }

    /// Splits a line into text and numbers; a sign belongs to a number only when no letter or
    /// digit precedes it.
    static func pieces(of line: String) -> [Piece] {
        let characters = Array(line)
        var result: [Piece] = []
        var text = ""
        var index = 0
        while index < characters.count {
            let start = index
            var cursor = index
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let signAllowed = previous.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
            if characters[cursor] == "-", signAllowed, cursor + 1 < characters.count, characters[cursor + 1].isASCII, characters[cursor + 1].isNumber {
                cursor += 1
            }
            let startsWithDigit = cursor < characters.count && characters[cursor].isASCII && characters[cursor].isNumber
            let glued = previous.map { $0.isLetter || $0 == "_" } ?? false
            if startsWithDigit, !glued {
                while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isNumber { cursor += 1 }
                if cursor + 1 < characters.count, characters[cursor] == ".", characters[cursor + 1].isASCII, characters[cursor + 1].isNumber {
                    cursor += 1
                    while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isNumber { cursor += 1 }
                }
                if cursor < characters.count, characters[cursor] == "e" || characters[cursor] == "E" {
                    var next = cursor + 1
                    if next < characters.count, characters[next] == "-" || characters[next] == "+" { next += 1 }
                    if next < characters.count, characters[next].isASCII, characters[next].isNumber {
                        cursor = next
                        while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isNumber { cursor += 1 }
                    }
                }
                let literal = String(characters[start..<cursor])
                if let value = Double(literal) {
                    if !text.isEmpty { result.append(.text(text)); text = "" }
                    result.append(.number(value, literal))
                    index = cursor
                    continue
                }
            }
            text.append(characters[index])
            index += 1
        }
        if !text.isEmpty { result.append(.text(text)) }
        return result
    }
}

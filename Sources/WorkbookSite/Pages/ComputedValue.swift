import Foundation

/// A value as a check table shows it: numbers rounded to two digits more than the expected value
/// was written with, the exact value one hover, focus or tap away, vectors in brackets whose numbers
/// never break (a vector wraps between them), and matrices of two rows or more as small grids.
///
/// `0.29999999999999993` against an expected `0.3` shows `0.300`; `[[0.4011120926797859, 0.2]]`
/// against `[[0.401112, 0.2]]` shows a one-row grid of `0.40111209` and `0.20000000`.
enum ComputedValue {
    /// A parsed value: a number (with its text), a list, or anything else as written.
    indirect enum Value: Equatable {
        case number(Double, text: String)
        case list([Value])
        case other(String)
    }

    /// The cell's HTML for the computed text `computed`, rounded for an expected value written
    /// `expected` (a report's expected text, such as `0.3 ± 1e-10` or `[1, 2] (each ± …)`).
    /// Exact checks (`exact`) show the value as computed, since every digit is what is compared.
    static func html(computed: String, expected: String, exact: Bool) -> String {
        guard let value = parse(computed) else { return "<span class=\"number\">\(HTML.escape(computed))</span>" }
        let decimals = exact ? nil : shownDecimals(forExpected: expected)
        let body = render(value, decimals: decimals)
        guard let decimals, rounded(value, decimals: decimals) != value.plainText else { return body }
        let exactText = HTML.escape(computed)
        return "<data class=\"rounded\" value=\"\(exactText)\" title=\"exactly \(exactText)\" tabindex=\"0\">\(body)</data>"
    }

    /// Two more decimals than the expected value's longest, at most 12; nil when nothing in it has
    /// decimals to go by.
    static func shownDecimals(forExpected expected: String) -> Int? {
        let written = expected.split(separator: "±").first.map(String.init) ?? expected
        var most: Int?
        var index = written.startIndex
        while let point = written[index...].firstIndex(of: ".") {
            var end = written.index(after: point)
            while end < written.endIndex, written[end].isASCII, written[end].isNumber { end = written.index(after: end) }
            let count = written.distance(from: written.index(after: point), to: end)
            if count > 0, point > written.startIndex, written[written.index(before: point)].isNumber {
                most = max(most ?? 0, count)
            }
            index = end
        }
        if most == nil, written.contains(where: { $0.isNumber }) { most = 0 }
        return most.map { min($0 + 2, 12) }
    }

    /// `text` as a value: numbers, `[...]` lists of values; nil if it is neither.
    static func parse(_ text: String) -> Value? {
        var parser = Parser(characters: Array(text))
        guard let value = parser.value(), parser.atEnd else { return nil }
        return value
    }

    private static func render(_ value: Value, decimals: Int?) -> String {
        switch value {
        case .number(let number, let text):
            return "<span class=\"number\">\(HTML.escape(format(number, text: text, decimals: decimals)))</span>"
        case .other(let text):
            return "<span class=\"number\">\(HTML.escape(text))</span>"
        case .list(let rows) where rows.count > 1 && rows.allSatisfy({ if case .list = $0 { return true } else { return false } }):
            let columns = rows.map { if case .list(let cells) = $0 { return cells.count } else { return 0 } }
            guard Set(columns).count == 1, let count = columns.first, count > 0 else { return vector(rows, decimals: decimals) }
            var html = "<span class=\"matrix\" style=\"grid-template-columns: repeat(\(count), auto)\">"
            for case .list(let cells) in rows {
                for cell in cells { html += render(cell, decimals: decimals) }
            }
            return html + "</span>"
        case .list(let elements):
            return vector(elements, decimals: decimals)
        }
    }

    private static func vector(_ elements: [Value], decimals: Int?) -> String {
        "<span class=\"vector\">[" + elements.map { render($0, decimals: decimals) }.joined(separator: ", ") + "]</span>"
    }

    /// The value's text as `render` would write it, to see whether rounding changed anything.
    private static func rounded(_ value: Value, decimals: Int) -> String {
        switch value {
        case .number(let number, let text): return format(number, text: text, decimals: decimals)
        case .other(let text): return text
        case .list(let elements): return "[" + elements.map { rounded($0, decimals: decimals) }.joined(separator: ", ") + "]"
        }
    }

    /// `number` with `decimals` decimals, or in scientific notation when that would show no
    /// significant digit (`3.88e-07`); integers and non-finite values as computed.
    static func format(_ number: Double, text: String, decimals: Int?) -> String {
        guard let decimals, number.isFinite, text.contains(".") || text.contains("e") else { return text }
        if number != 0, abs(number) < 0.5 * pow(10, -Double(decimals)) || abs(number) >= 1e15 {
            return String(format: "%.\(max(decimals - 1, 2))e", number)
        }
        let fixed = String(format: "%.\(decimals)f", number)
        return fixed.hasPrefix("-") && Double(fixed) == 0 ? String(fixed.dropFirst()) : fixed
    }

    private struct Parser {
        var characters: [Character]
        var position = 0
        var atEnd: Bool {
            mutating get { skipSpaces(); return position == characters.count }
        }

        mutating func skipSpaces() {
            while position < characters.count, characters[position] == " " { position += 1 }
        }

        mutating func value() -> Value? {
            skipSpaces()
            guard position < characters.count else { return nil }
            if characters[position] == "[" {
                position += 1
                var elements: [Value] = []
                skipSpaces()
                if position < characters.count, characters[position] == "]" {
                    position += 1
                    return .list([])
                }
                while true {
                    guard let element = value() else { return nil }
                    elements.append(element)
                    skipSpaces()
                    guard position < characters.count else { return nil }
                    if characters[position] == "," { position += 1; continue }
                    if characters[position] == "]" { position += 1; return .list(elements) }
                    return nil
                }
            }
            let start = position
            while position < characters.count, !",[]".contains(characters[position]), characters[position] != " " { position += 1 }
            let word = String(characters[start..<position])
            guard !word.isEmpty else { return nil }
            if let number = Double(word), word.first.map({ $0.isNumber || $0 == "-" }) == true { return .number(number, text: word) }
            if ["nan", "inf", "-inf", "true", "false", "nil"].contains(word) { return .other(word) }
            return nil
        }
    }
}

extension ComputedValue.Value {
    /// The value written back as the report wrote it.
    var plainText: String {
        switch self {
        case .number(_, let text): return text
        case .other(let text): return text
        case .list(let elements): return "[" + elements.map(\.plainText).joined(separator: ", ") + "]"
        }
    }
}

import Foundation
import WorkbookKit

/// A value as a check table shows it: numbers rounded to two digits more than the expected value
/// was written with, the exact value one hover, focus or tap away, vectors in brackets whose numbers
/// never break (a vector wraps between them), and matrices of two rows or more as small grids.
///
/// `0.29999999999999993` against an expected `0.3` shows `0.300`; `[[0.4011120926797859, 0.2]]`
/// against `[[0.401112, 0.2]]` shows `[[0.40111209, 0.20000000]]`. Values are read with the check
/// grammar's own reader (`ExpectedValue(reading:)`), which keeps each number's text.
enum ValueCell {
    /// The cell's HTML for the computed text `computed`, rounded for an expected value written
    /// `expected` (a report's expected text, such as `0.3 ± 1e-10` or `[1, 2] (each ± …)`).
    /// Exact checks (`exact`) show the value as computed, since every digit is what is compared.
    static func html(computed: String, expected: String, exact: Bool) -> String {
        guard let value = ExpectedValue(reading: computed), value.isNumeric else {
            return "<span class=\"number\">\(HTML.escape(computed))</span>"
        }
        let decimals = exact ? nil : shownDecimals(forExpected: expected)
        let body = render(value, decimals: decimals)
        guard let decimals, rounded(value, decimals: decimals) != value.description else { return body }
        let exactText = HTML.escape(computed)
        return "<data class=\"rounded\" value=\"\(exactText)\" title=\"exactly \(exactText)\" tabindex=\"0\">\(body)</data>"
    }

    /// Two more decimals than the expected value's longest, at most 12; nil when nothing in it is
    /// a number to go by.
    static func shownDecimals(forExpected expected: String) -> Int? {
        var written = expected.hasPrefix("== ") ? String(expected.dropFirst(3)) : expected
        if written.hasPrefix("in ") { written = String(written.dropFirst(3)) }
        for marker in [" ±", " (each"] {
            if let range = written.range(of: marker) { written = String(written[..<range.lowerBound]) }
        }
        let literals = written.components(separatedBy: "...").compactMap(ExpectedValue.init(reading:)).flatMap(\.numberLiterals)
        guard !literals.isEmpty else { return nil }
        let most = literals.map { literal in
            literal.split(separator: "e").first.flatMap { $0.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first }?.count ?? 0
        }.max() ?? 0
        return min(most + 2, 12)
    }

    private static func render(_ value: ExpectedValue, decimals: Int?) -> String {
        switch value {
        case .number(let number, let literal):
            return "<span class=\"number\">\(HTML.escape(format(number, text: literal, decimals: decimals)))</span>"
        case .list(let rows) where rows.count > 1 && rows.allSatisfy(\.isList):
            let columns = Set(rows.map { if case .list(let cells) = $0 { return cells.count } else { return 0 } })
            guard columns.count == 1, let count = columns.first, count > 0 else { return vector(rows, decimals: decimals) }
            var html = "<span class=\"matrix\" style=\"grid-template-columns: repeat(\(count), auto)\">"
            for case .list(let cells) in rows {
                for cell in cells { html += render(cell, decimals: decimals) }
            }
            return html + "</span>"
        case .list(let elements):
            return vector(elements, decimals: decimals)
        case .bool, .string, .null:
            return "<span class=\"number\">\(HTML.escape(value.description))</span>"
        }
    }

    private static func vector(_ elements: [ExpectedValue], decimals: Int?) -> String {
        "<span class=\"vector\">[" + elements.map { render($0, decimals: decimals) }.joined(separator: ", ") + "]</span>"
    }

    /// The value's text as `render` would write it, to see whether rounding changed anything.
    private static func rounded(_ value: ExpectedValue, decimals: Int) -> String {
        switch value {
        case .number(let number, let literal): return format(number, text: literal, decimals: decimals)
        case .list(let elements): return "[" + elements.map { rounded($0, decimals: decimals) }.joined(separator: ", ") + "]"
        case .bool, .string, .null: return value.description
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
}

extension ExpectedValue {
    /// Whether the value is a number or a list of numbers (with `true`, `false` or `nil` among
    /// them), the values a check table rounds and lays out; a list of strings is shown as written.
    fileprivate var isNumeric: Bool {
        switch self {
        case .number: return true
        case .list(let elements): return elements.allSatisfy { $0.isNumeric || $0.isFlag }
        case .bool, .string, .null: return false
        }
    }

    private var isFlag: Bool {
        switch self {
        case .bool, .null: return true
        default: return false
        }
    }

    fileprivate var isList: Bool {
        if case .list = self { return true } else { return false }
    }

    /// The numbers' texts as written, a list's in order.
    fileprivate var numberLiterals: [String] {
        switch self {
        case .number(_, let literal): return [literal]
        case .list(let elements): return elements.flatMap(\.numberLiterals)
        case .bool, .string, .null: return []
        }
    }
}

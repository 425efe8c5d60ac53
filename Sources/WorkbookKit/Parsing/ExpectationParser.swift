/// Parses the lines of an ```` ```expect ```` block into checks.
///
/// The grammar, one check a line (`#` starts a comment; blank lines are ignored):
///
///     EXPR ≈ VALUE [± TOL | ± P%]      (ASCII: ~= and +-)
///     EXPR == VALUE
///     EXPR in LOW...HIGH
///
/// The operator is the last one that stands outside brackets and string literals, so `EXPR` may
/// be any Swift expression.
public struct ExpectationParser: Sendable {
    /// The file name used in error locations.
    public var file: String

    /// A parser whose errors name `file`.
    public init(file: String) {
        self.file = file
    }

    /// Parses `text`, whose first line is line `firstLine` of the chapter; check indices start at
    /// `firstIndex`.
    public func parse(_ text: String, firstLine: Int, firstIndex: Int, skipped: Bool = false) throws -> [Check] {
        var checks: [Check] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = firstLine + offset
            let content = Self.removingComment(String(rawLine))
            guard !content.allSatisfy(\.isWhitespace) else { continue }
            var check = try parseCheck(content, line: line)
            check.index = firstIndex + checks.count
            check.isSkipped = skipped
            checks.append(check)
        }
        return checks
    }

    /// Parses one line that holds a check.
    public func parseCheck(_ content: String, line: Int) throws -> Check {
        let location = SourceLocation(file: file, line: line)
        guard let found = Self.lastOperator(in: content) else {
            throw WorkbookError(
                "expected `EXPR ≈ VALUE`, `EXPR == VALUE` or `EXPR in LOW...HIGH`, found `\(content.trimmed)`",
                at: location)
        }
        let expressionPart = content[..<found.range.lowerBound]
        let expression = expressionPart.trimmed
        guard !expression.isEmpty else {
            throw WorkbookError("a check needs an expression before `\(found.symbol)`", at: location)
        }
        if let last = expression.last, "≈~=<>+-*/%&|^±".contains(last) {
            // `z ≈≈ 1.5` splits at the last `≈`; the compiler would then blame the line after it.
            throw WorkbookError(
                "a check's expression cannot end with `\(last)`: expected `EXPR ≈ VALUE`, `EXPR == VALUE` or `EXPR in LOW...HIGH`, found `\(content.trimmed)`",
                at: location)
        }
        let leading = expressionPart.prefix(while: \.isWhitespace).count
        let valueText = content[found.range.upperBound...].trimmed
        guard !valueText.isEmpty else {
            throw WorkbookError("a check needs a value after `\(found.symbol)`", at: location)
        }
        let comparison: Check.Comparison
        do {
            switch found.kind {
            case .approximately:
                let (value, tolerance) = try Self.parseApproximate(valueText)
                comparison = .approximately(value, tolerance)
            case .exactly:
                var reader = ValueReader(valueText)
                comparison = .exactly(try reader.readWhole())
            case .inRange:
                let (low, high) = try Self.parseRange(valueText)
                comparison = .inRange(low: low, high: high)
            }
        } catch let problem as ValueReader.Problem {
            throw WorkbookError(problem.message, at: location)
        }
        return Check(
            index: 0, line: line, expressionColumn: leading + 1, expression: expression,
            comparison: comparison, expectedText: valueText, isSkipped: false)
    }

    enum OperatorKind { case approximately, exactly, inRange }

    struct FoundOperator {
        var kind: OperatorKind
        var symbol: String
        var range: Range<String.Index>
    }

    /// The last `≈`, `~=`, `==` or ` in ` outside brackets and string literals.
    static func lastOperator(in text: String) -> FoundOperator? {
        var depth = 0
        var inString = false
        var found: FoundOperator?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if inString {
                if character == "\\" {
                    index = text.index(after: index)
                    if index == text.endIndex { break }
                } else if character == "\"" {
                    inString = false
                }
                index = text.index(after: index)
                continue
            }
            switch character {
            case "\"": inString = true
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
            if depth == 0, let match = operatorStarting(at: index, in: text) {
                found = match
                index = match.range.upperBound
                continue
            }
            index = text.index(after: index)
        }
        return found
    }

    private static func operatorStarting(at index: String.Index, in text: String) -> FoundOperator? {
        let rest = text[index...]
        if rest.hasPrefix("≈") {
            return FoundOperator(kind: .approximately, symbol: "≈", range: index..<text.index(after: index))
        }
        for (symbol, kind) in [("~=", OperatorKind.approximately), ("==", .exactly)] where rest.hasPrefix(symbol) {
            let end = text.index(index, offsetBy: 2)
            let before = index > text.startIndex ? text[text.index(before: index)] : " "
            let after = end < text.endIndex ? text[end] : " "
            // `===`, `!==`, `<==` and friends are other operators.
            if "=!<>".contains(before) || after == "=" { return nil }
            return FoundOperator(kind: kind, symbol: symbol, range: index..<end)
        }
        if rest.hasPrefix(" in "), index > text.startIndex {
            let start = text.index(after: index)
            return FoundOperator(kind: .inRange, symbol: "in", range: start..<text.index(start, offsetBy: 2))
        }
        return nil
    }

    static func parseApproximate(_ text: String) throws -> (ExpectedValue, Tolerance) {
        var reader = ValueReader(text)
        let value = try reader.readValue()
        reader.skipSpaces()
        guard !reader.isAtEnd else { return (value, .fromDigits) }
        guard reader.consume("±") || reader.consume("+-") else {
            throw ValueReader.Problem(message: "unexpected `\(reader.remainder)` after the value; a tolerance is written `± 0.001` or `± 1%`")
        }
        reader.skipSpaces()
        guard let (bound, _) = reader.readNumberLiteral(), bound >= 0, bound.isFinite else {
            throw ValueReader.Problem(message: "a tolerance must be a non-negative number, as in `± 0.001` or `± 1%`")
        }
        reader.skipSpaces()
        let tolerance: Tolerance = reader.consume("%") ? .relative(bound / 100) : .absolute(bound)
        reader.skipSpaces()
        guard reader.isAtEnd else {
            throw ValueReader.Problem(message: "unexpected `\(reader.remainder)` after the tolerance")
        }
        return (value, tolerance)
    }

    static func parseRange(_ text: String) throws -> (Double, Double) {
        var reader = ValueReader(text)
        guard let (low, _) = reader.readNumberLiteral() else {
            throw ValueReader.Problem(message: "a range is written `LOW...HIGH` with two numbers, found `\(text)`")
        }
        reader.skipSpaces()
        guard reader.consume("...") else {
            throw ValueReader.Problem(message: "a range is written `LOW...HIGH` (three dots), found `\(text)`")
        }
        reader.skipSpaces()
        guard let (high, _) = reader.readNumberLiteral() else {
            throw ValueReader.Problem(message: "a range is written `LOW...HIGH` with two numbers, found `\(text)`")
        }
        reader.skipSpaces()
        guard reader.isAtEnd else {
            throw ValueReader.Problem(message: "unexpected `\(reader.remainder)` after the range")
        }
        guard low <= high else {
            throw ValueReader.Problem(message: "the range's low end \(low) is above its high end \(high)")
        }
        return (low, high)
    }

    /// The line without a trailing `#` comment; a `#` inside a string literal, or glued to a word
    /// (as in `#line`), does not start one.
    static func removingComment(_ line: String) -> String {
        var inString = false
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inString {
                if character == "\\" {
                    index = line.index(after: index)
                    if index == line.endIndex { break }
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == "#", previous.isWhitespace {
                return String(line[..<index])
            }
            previous = character
            index = line.index(after: index)
        }
        return line
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmed: String {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}

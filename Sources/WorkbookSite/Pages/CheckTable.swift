import WorkbookKit

/// An `expect` block as the reader sees it: a table of each check's expression, the expected value
/// with its tolerance, the value the verification run computed, and whether it held.
struct CheckTable {
    var block: ExpectBlock
    /// The results of the verification run, by line.
    var results: [Int: CheckResult]
    /// The chapter's source lines, for the comments after the checks.
    var lines: [Substring]

    func html() -> String {
        let highlighter = SwiftHighlighter()
        var passed = 0, failed = 0, skipped = 0
        var rows = ""
        let parts = block.checks.map { check in Self.expectedParts(results[check.line]?.expected ?? check.expectedText) }
        let shared = parts.count > 1 && Set(parts.map(\.1)).count == 1 ? parts[0].1 : nil
        for (check, (value, tolerance)) in zip(block.checks, parts) {
            let result = results[check.line]
            let status = result?.status ?? .failed
            switch status {
            case .passed: passed += 1
            case .failed: failed += 1
            case .skipped: skipped += 1
            }
            let note = comment(onLine: check.line).map { "<span class=\"check-note\">\(HTML.escape($0))</span>" } ?? ""
            let expectedText = result?.expected ?? check.expectedText
            let exact = expectedText.hasPrefix("== ")
            let computed = result?.computed.map { ValueCell.html(computed: $0, expected: expectedText, exact: exact) }
                ?? "<span class=\"missing\">not computed</span>"
            let shownTolerance = shared == nil ? tolerance : nil
            let mark: String
            switch status {
            case .passed: mark = "<td class=\"mark\"><span aria-hidden=\"true\">✓</span><span class=\"sr-only\">holds</span></td>"
            case .failed: mark = "<td class=\"mark\"><span aria-hidden=\"true\">✗</span><span class=\"sr-only\">fails</span></td>"
            case .skipped: mark = "<td class=\"mark\"><span aria-hidden=\"true\">–</span><span class=\"sr-only\">skipped</span></td>"
            }
            rows += "<tr class=\"\(status.rawValue)\"><td class=\"expr\"><code>\(highlighter.html(check.expression))</code>\(note)</td>"
            rows += "<td class=\"value\">\(ValueCell.html(computed: value, expected: "", exact: true))\(shownTolerance.map { " <span class=\"tolerance\">\(HTML.escape($0))</span>" } ?? "")</td>"
            rows += "<td class=\"value\">\(status == .skipped ? "<span class=\"missing\">skipped</span>" : computed)</td>\(mark)</tr>\n"
            if status == .failed, let detail = result?.detail {
                rows += "<tr class=\"failure-detail\"><td colspan=\"4\">\(HTML.escape(detail))</td></tr>\n"
            }
        }
        var summary = "\(passed) of \(block.checks.count) hold"
        if failed > 0 { summary = "\(failed) of \(block.checks.count) fail" }
        if skipped > 0 { summary += ", \(skipped) skipped" }
        if let shared { summary += Self.sharedToleranceNote(shared) }
        let state = failed > 0 ? "failed" : "passed"
        return """
            <div class="checks scroll-box \(state)" \(HTML.scrollBox("Checked values"))>
            <table>
            <caption>Checked when this page was built: \(summary)</caption>
            <thead><tr><th scope="col">Expression</th><th scope="col">Expected</th><th scope="col">Computed</th><th scope="col"><span class="sr-only">Result</span></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </div>

            """
    }

    /// The expected value and its tolerance from a report's text: `0.3 ± 0.05` → (`0.3`, `± 0.05`),
    /// `== 1` → (`1`, `exactly`), `in 0.8...0.9` → (`0.8 … 0.9`, `range`).
    static func expectedParts(_ expected: String) -> (String, String?) {
        if expected.hasPrefix("== ") { return (String(expected.dropFirst(3)), "exactly") }
        if expected.hasPrefix("in ") {
            return (expected.dropFirst(3).replacingOccurrences(of: "...", with: " … "), "range")
        }
        if let each = expected.range(of: " (each ") {
            return (String(expected[..<each.lowerBound]), String(expected[each.upperBound...].dropLast()) + ", each")
        }
        if let plusMinus = expected.range(of: " ± ") {
            return (String(expected[..<plusMinus.lowerBound]), "± " + expected[plusMinus.upperBound...])
        }
        return (expected, nil)
    }

    /// The caption's note when every row of a table has the same tolerance, said once there.
    static func sharedToleranceNote(_ tolerance: String) -> String {
        switch tolerance {
        case "exactly": return "; every value exactly"
        case "range": return "; every value in its range"
        case "± half its last digit, each": return "; every expected number ± half its last digit"
        default: return "; every expected value \(tolerance)"
        }
    }

    /// The comment after a check on `line`: the text after the first ` #` outside a string.
    func comment(onLine line: Int) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        let text = Array(lines[line - 1])
        var inString = false
        for index in text.indices {
            if text[index] == "\"", index == 0 || text[index - 1] != "\\" { inString.toggle() }
            if !inString, text[index] == "#", index > 0, text[index - 1].isWhitespace {
                let comment = String(text[(index + 1)...]).trimmingWhitespace
                return comment.isEmpty ? nil : comment
            }
        }
        return nil
    }
}

extension String {
    /// The string with every `target` replaced by `replacement`.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

extension Substring {
    /// The text with every `target` replaced by `replacement`.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        String(self).replacingOccurrences(of: target, with: replacement)
    }
}

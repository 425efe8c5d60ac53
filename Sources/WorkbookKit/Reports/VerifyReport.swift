/// The text that `workbook verify` prints: each failure with its place, expected and computed
/// values; a line per chapter; and last, `N passed, N failed` (`, N skipped` when some were).
public struct VerifyReport: Sendable {
    /// The chapters' reports, in order.
    public var chapters: [ChapterReport]
    /// Whether warnings fail the run (`verify --strict`, which CI uses).
    public var strict: Bool

    /// A report over `chapters`.
    public init(chapters: [ChapterReport], strict: Bool = false) {
        self.chapters = chapters
        self.strict = strict
    }

    /// What holds but checks less than it seems to, in chapter order: `≈` checks that allow more
    /// than 1 % of their value (`ToleranceAudit`), and numbers in the prose that no check or output
    /// holds (`ProseNumberAudit`).
    public var warnings: [WorkbookError] {
        chapters.flatMap { report -> [WorkbookError] in
            guard let chapter = report.chapter else { return [] }
            return (ToleranceAudit.warnings(for: chapter) + ProseNumberAudit.warnings(for: chapter))
                .sorted { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        }
    }

    /// Checks that held.
    public var passed: Int { chapters.reduce(0) { $0 + $1.count(.passed) } }
    /// Checks that failed or could not be evaluated, plus problems of chapters that have no checks
    /// to carry them (a chapter that does not parse).
    public var failed: Int {
        chapters.reduce(0) { $0 + $1.failures }
    }
    /// Checks in blocks marked `skip`.
    public var skipped: Int { chapters.reduce(0) { $0 + $1.count(.skipped) } }

    /// Whether everything held.
    public var succeeded: Bool { failed == 0 && chapters.allSatisfy(\.succeeded) && (!strict || warnings.isEmpty) }

    /// The closing line: `14 passed, 0 failed`.
    public var summary: String {
        var line = "\(passed) passed, \(failed) failed"
        if skipped > 0 { line += ", \(skipped) skipped" }
        let warningCount = warnings.count
        if warningCount > 0 { line += ", \(warningCount) warning\(warningCount == 1 ? "" : "s")\(strict ? " (--strict: they fail)" : "")" }
        return line
    }

    /// The full text.
    public var text: String {
        var lines: [String] = []
        for chapter in chapters {
            lines += chapter.problems.map(\.description)
            var unevaluated: [String: Int] = [:]
            for result in chapter.results where result.status == .failed {
                if result.computed == nil, let detail = result.detail, detail.hasPrefix("not evaluated") {
                    unevaluated[detail, default: 0] += 1
                } else {
                    lines.append(Self.describe(result))
                }
            }
            for (reason, count) in unevaluated.sorted(by: { $0.key < $1.key }) {
                lines.append("\(chapter.path): \(count) \(count == 1 ? "check" : "checks") \(reason)")
            }
            var status = "\(chapter.path): \(chapter.count(.passed)) passed, \(chapter.failures) failed"
            if chapter.count(.skipped) > 0 { status += ", \(chapter.count(.skipped)) skipped" }
            if chapter.isCached {
                status += " (cached)"
            } else if chapter.seconds > 0 {
                status += " (\(ChapterEvaluator.compact((chapter.seconds * 10).rounded() / 10)) s)"
            }
            lines.append(status)
        }
        lines += warnings.map { $0.description.replacingOccurrences(of: ": error: ", with: ": warning: ") }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// The text with ANSI colours, for terminals: errors in red, passing counts in green.
    public var coloredText: String {
        let red = "\u{1B}[31m", green = "\u{1B}[32m", bold = "\u{1B}[1m", reset = "\u{1B}[0m"
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            if let range = line.range(of: ": error: ") {
                line.replaceSubrange(range, with: ": \(red)\(bold)error:\(reset) ")
            }
            if line == summary {
                return (failed == 0 ? green : red) + bold + line + reset
            }
            return line
        }.joined(separator: "\n")
    }

    /// A failed check: place, expression, expected and computed values, and where they differ.
    public static func describe(_ result: CheckResult) -> String {
        var lines: [String]
        if result.expression == "output" {
            lines = ["\(result.location): error: the output differs from the output block"]
            lines.append("    expected output:")
            lines += OutputComparison.normalizedLines(result.expected).map { "      \($0)" }
            if let computed = result.computed {
                lines.append("    printed:")
                lines += OutputComparison.normalizedLines(computed).map { "      \($0)" }
            }
        } else {
            lines = ["\(result.location): error: check failed: \(result.expression)"]
            lines.append("    expected: \(result.expected)")
            if let computed = result.computed { lines.append("    computed: \(computed)") }
        }
        if let detail = result.detail { lines.append("    \(detail)") }
        return lines.joined(separator: "\n")
    }
}

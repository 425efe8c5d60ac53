import Foundation

/// The machine-readable forms of a verification report, for CI systems.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Readable text, as printed on a terminal.
    case text
    /// One JSON document: a summary and every check with its file, line, expression, expected and
    /// computed values, status and duration.
    case json
    /// JUnit XML: a test suite per chapter, a test case per check.
    case junit

    /// `report` in this format; `colored` applies to text only.
    public func render(_ report: VerifyReport, colored: Bool = false) -> String {
        switch self {
        case .text: return colored ? report.coloredText : report.text
        case .json: return Self.json(report)
        case .junit: return Self.junit(report)
        }
    }

    private struct JSONReport: Encodable {
        struct Summary: Encodable {
            var passed: Int
            var failed: Int
            var skipped: Int
        }
        struct ChapterEntry: Encodable {
            var path: String
            var seconds: Double
            var cached: Bool
            var problems: [WorkbookError]
            var checks: [CheckEntry]
        }
        struct CheckEntry: Encodable {
            var file: String
            var line: Int
            var expression: String
            var expected: String
            var computed: String?
            var status: CheckResult.Status
            var detail: String?
            var seconds: Double?
        }
        var summary: Summary
        var chapters: [ChapterEntry]
    }

    static func json(_ report: VerifyReport) -> String {
        let document = JSONReport(
            summary: .init(passed: report.passed, failed: report.failed, skipped: report.skipped),
            chapters: report.chapters.map { chapter in
                JSONReport.ChapterEntry(
                    path: chapter.path, seconds: chapter.seconds, cached: chapter.isCached, problems: chapter.problems,
                    checks: chapter.results.map { result in
                        JSONReport.CheckEntry(
                            file: result.location.file, line: result.location.line, expression: result.expression,
                            expected: result.expected, computed: result.computed, status: result.status,
                            detail: result.detail, seconds: result.seconds)
                    })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func junit(_ report: VerifyReport) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"workbook verify\" tests=\"\(report.passed + report.failed + report.skipped)\" failures=\"\(report.failed)\" skipped=\"\(report.skipped)\">\n"
        for chapter in report.chapters {
            let tests = chapter.results.count + chapter.problems.count
            let failures = chapter.count(.failed)
            xml += "  <testsuite name=\"\(escape(chapter.path))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(chapter.problems.count)\" skipped=\"\(chapter.count(.skipped))\" time=\"\(seconds(chapter.seconds))\">\n"
            for problem in chapter.problems {
                xml += "    <testcase classname=\"\(escape(chapter.path))\" name=\"\(escape(problem.location?.description ?? chapter.path))\">\n"
                xml += "      <error message=\"\(escape(problem.message))\">\(escape(problem.description))</error>\n"
                xml += "    </testcase>\n"
            }
            for result in chapter.results {
                let name = "line \(result.location.line): \(result.expression)"
                xml += "    <testcase classname=\"\(escape(chapter.path))\" name=\"\(escape(name))\" file=\"\(escape(result.location.file))\" line=\"\(result.location.line)\" time=\"\(seconds(result.seconds ?? 0))\">\n"
                switch result.status {
                case .passed:
                    break
                case .skipped:
                    xml += "      <skipped/>\n"
                case .failed:
                    let body = "expected: \(result.expected)\ncomputed: \(result.computed ?? "(not evaluated)")\n\(result.detail ?? "")"
                    xml += "      <failure message=\"\(escape(result.detail ?? "check failed"))\">\(escape(body))</failure>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.6f", value)
    }

    /// Text made safe for XML attributes and content; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            case let control where control.value < 0x20 || control.value == 0xFFFE || control.value == 0xFFFF:
                continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

import Foundation

/// Turns a chapter's run into results: each check's computed value against its expected one, each
/// output block against what its snippet printed, and the run's ending as a problem at its place.
public enum ChapterEvaluator {
    /// The results of `chapter` after the runner's `result`.
    public static func report(for chapter: Chapter, result: ChapterRunner.Result, seconds: Double) -> ChapterReport {
        switch result {
        case .compileFailed(let errors):
            let reason = "not evaluated: the chapter does not compile"
            return ChapterReport(
                path: chapter.path, chapter: chapter, results: unevaluated(chapter, reason: reason),
                problems: errors, seconds: seconds)
        case .ran(let run):
            var problems: [WorkbookError] = []
            var stopReason = "not evaluated"
            if let problem = endingProblem(chapter, run: run) {
                problems.append(problem)
                let place = problem.location.map { $0.file == chapter.path ? "line \($0.line)" : "\($0.file):\($0.line)" } ?? "line 1"
                stopReason = "not evaluated: the chapter stopped at \(place)"
            }
            var results: [CheckResult] = []
            for block in chapter.blocks {
                switch block {
                case .expectations(let expect):
                    results += expect.checks.map { evaluate($0, in: chapter, run: run, stopReason: stopReason) }
                case .output(let output):
                    results.append(evaluate(output, in: chapter, run: run, stopReason: stopReason))
                default:
                    break
                }
            }
            var report = ChapterReport(path: chapter.path, chapter: chapter, results: results, problems: problems, seconds: seconds)
            report.figures = run.figures
            return report
        }
    }

    /// Every check and output of `chapter` as failed with `reason` (skipped ones stay skipped).
    public static func unevaluated(_ chapter: Chapter, reason: String) -> [CheckResult] {
        var results: [CheckResult] = []
        for block in chapter.blocks {
            switch block {
            case .expectations(let expect):
                results += expect.checks.map { check in
                    CheckResult(
                        location: chapter.location(line: check.line), expression: check.expression,
                        expected: expectedDescription(check), computed: nil,
                        status: check.isSkipped ? .skipped : .failed, detail: check.isSkipped ? nil : reason)
                }
            case .output(let output):
                results.append(
                    CheckResult(
                        location: chapter.location(line: output.fenceLine), expression: "output",
                        expected: output.expectedText, computed: nil, status: .failed, detail: reason))
            default:
                break
            }
        }
        return results
    }

    static func evaluate(_ check: Check, in chapter: Chapter, run: ChapterRun, stopReason: String) -> CheckResult {
        var result = CheckResult(
            location: chapter.location(line: check.line), expression: check.expression,
            expected: expectedDescription(check), computed: nil, status: .failed, detail: nil)
        if check.isSkipped {
            result.status = .skipped
            return result
        }
        switch run.evaluations[check.index] {
        case nil:
            result.detail = stopReason
        case .thrown(let error):
            result.detail = "the expression threw an error: \(error)"
        case .value(let computed):
            result.computed = computed.description
            result.seconds = run.checkSeconds[check.index]
            let problem: String?
            switch check.comparison {
            case .approximately(let expected, let tolerance):
                problem = ValueComparison.difference(expected: expected, computed: computed, rule: .approximately(tolerance))
            case .exactly(let expected):
                problem = ValueComparison.difference(expected: expected, computed: computed, rule: .exactly)
            case .inRange(let low, let high):
                problem = ValueComparison.rangeDifference(computed: computed, low: low, high: high)
            }
            result.status = problem == nil ? .passed : .failed
            result.detail = problem
        }
        return result
    }

    static func evaluate(_ output: OutputBlock, in chapter: Chapter, run: ChapterRun, stopReason: String) -> CheckResult {
        var result = CheckResult(
            location: chapter.location(line: output.fenceLine), expression: "output",
            expected: output.expectedText, computed: nil, status: .failed, detail: nil)
        guard let printed = run.outputs[output.index] else {
            result.detail = stopReason
            return result
        }
        result.computed = printed
        result.detail = OutputComparison.difference(expected: output.expectedText, printed: printed)
        result.status = result.detail == nil ? .passed : .failed
        return result
    }

    /// `0.857 ± 0.0005`, `[1, 2] ± 1%`, `== 3`, `in 0.8...0.9`.
    public static func expectedDescription(_ check: Check) -> String {
        switch check.comparison {
        case .approximately(let value, let tolerance):
            if case .number(let number, let literal) = value {
                return "\(literal) ± \(compact(tolerance.bound(forExpected: number, literal: literal)))"
            }
            switch tolerance {
            case .fromDigits: return "\(value) (each ± half its last digit)"
            case .absolute(let bound): return "\(value) ± \(compact(bound))"
            case .relative(let fraction): return "\(value) ± \(compact(fraction * 100))%"
            }
        case .exactly(let value):
            return "== \(value)"
        case .inRange(let low, let high):
            return "in \(compact(low))...\(compact(high))"
        }
    }

    /// A number without the noise of binary rounding: `0.0005`, not `0.0005000000000000001`.
    static func compact(_ value: Double) -> String {
        // `%g` writes 20 as `2e+01` with one digit; below a million more digits give `20`.
        let plainRange = 1e-4..<1e6
        for digits in 1...17 {
            let text = String(format: "%.\(digits)g", value)
            guard let parsed = Double(text), abs(parsed - value) <= abs(value) * 1e-12 else { continue }
            if text.contains("e") && plainRange.contains(abs(value)) && digits < 17 { continue }
            return text
        }
        return "\(value)"
    }

    /// The problem a run's ending is, placed at the snippet or check it had reached.
    static func endingProblem(_ chapter: Chapter, run: ChapterRun) -> WorkbookError? {
        let what: String
        switch run.ending {
        case .finished:
            return nil
        case .exited(let status):
            what = "the program exited with status \(status) before the end of the chapter"
        case .crashed(let signal):
            what = "the program crashed (\(signalName(signal)))"
        case .timedOut(let seconds):
            what = "the program did not finish within \(compact(seconds)) s (the time limit; raise it with --timeout or `<!-- workbook: timeout SECONDS -->`)"
        case .outputCut(let bytes):
            what = "the program printed more than \(bytes >> 20) MB and was stopped (output cut at \(bytes >> 20) MB)"
        case .rejected(let reason):
            what = "the program's results were rejected: \(reason); no check of this run counts"
        }
        var line = 1
        switch run.lastReached {
        case .snippet(let index): line = chapter.snippets.first { $0.index == index }?.fenceLine ?? 1
        case .check(let index): line = chapter.checks.first { $0.index == index }?.line ?? 1
        case .output(let index): line = chapter.outputs.first { $0.index == index }?.fenceLine ?? 1
        case nil: break
        }
        // The runtime names a snippet's file by its module and file name (`Chapter/01-x.md`).
        let fileName = (chapter.path as NSString).lastPathComponent
        let message = crashMessage(run.standardError).replacingOccurrences(of: "Chapter/\(fileName)", with: chapter.path)
        return WorkbookError(message.isEmpty ? what : "\(what): \(message)", at: run.crashLocation ?? chapter.location(line: line))
    }

    /// The lines of standard error that say why a Swift program stopped.
    static func crashMessage(_ standardError: String) -> String {
        let lines = standardError.split(separator: "\n").map(String.init)
        let fatal = lines.filter {
            $0.contains("Fatal error") || $0.contains("Precondition failed") || $0.contains("Assertion failed")
        }
        let chosen = fatal.isEmpty ? Array(lines.suffix(3)) : fatal
        return chosen.joined(separator: "; ")
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [4: "SIGILL, a trap", 5: "SIGTRAP, a trap", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 11: "SIGSEGV", 15: "SIGTERM"]
        return "signal \(signal)" + (names[signal].map { ", \($0)" } ?? "")
    }
}

import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook check NAME`: run the reader's attempt against the exercise's checks.
struct CheckExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ReaderCommand.check.rawValue,
        abstract: "Check your attempt at an exercise (exercises/NAME.swift) with the same messages as verify.",
        discussion: "After a pass it shows the book's solution and your progress. With --watch it checks again on every save and, once the attempt passes, goes on to the next exercise that is not done.")

    @Argument(help: "The exercise's name.")
    var name: String

    @Option(help: "The time limit in seconds (default: the chapter's own, else 60).")
    var timeout: Double?

    @Flag(help: "Check again whenever the attempt or a chapter changes; on a pass, go on to the next exercise.")
    var watch = false

    @OptionGroup var options: ExerciseOptions

    func validate() throws {
        if let timeout, let problem = Verifier.timeoutProblem(timeout) {
            throw ValidationError("--timeout \(problem)")
        }
    }

    func run() throws {
        TerminationSignals.install()
        do {
            let workspace = try options.workspace()
            let checker = try AttemptChecker()
            var current = try workspace.exercise(named: name).exercise.name
            let passed = try Self.report(current, workspace: workspace, checker: checker, timeout: timeout)
            guard watch else {
                if !passed { throw ExitCode.failure }
                return
            }
            var moveOn = passed
            while true {
                if moveOn {
                    let progress = try workspace.progress(checker: checker)
                    guard let next = ExerciseWorkspace.next(after: current, in: progress) else {
                        print("Every exercise is done.")
                        return
                    }
                    current = next.exercise.name
                    if !FileManager.default.fileExists(atPath: workspace.attemptURL(current).path) { try workspace.start(current) }
                    print("\nNext: \(next.exercise.title), in \(workspace.attemptDisplayPath(current)).")
                }
                print("Watching \(workspace.attemptDisplayPath(current)); save it to check again (Ctrl-C stops).")
                fflush(nil)
                var watcher = ChangeWatcher(roots: [workspace.attemptURL(current)] + workspace.chapters.map(\.url))
                while watcher.changes().isEmpty { Thread.sleep(forTimeInterval: 0.3) }
                moveOn = try Self.report(current, workspace: workspace, checker: checker, timeout: timeout)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail(error)
        }
    }

    /// Checks `name`, prints what happened and the progress; whether it passed.
    static func report(_ name: String, workspace: ExerciseWorkspace, checker: AttemptChecker, timeout: Double?) throws -> Bool {
        let attempt = try workspace.check(name, checker: checker, timeout: timeout)
        for problem in attempt.problems { print(problem) }
        for result in attempt.results where result.status == .failed {
            print(VerifyReport.describe(result))
        }
        let passedCount = attempt.results.filter { $0.status == .passed }.count
        print("\(passedCount) passed, \(attempt.results.count - passedCount) failed")
        if attempt.passed {
            let entry = try workspace.exercise(named: name)
            print("Done: `\(name)` passes all its checks. The book's solution:\n")
            print(ExerciseWorkspace.solution(of: entry).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
        }
        print(ExerciseWorkspace.summary(try workspace.progress(checker: checker)))
        fflush(nil)
        return attempt.passed
    }
}

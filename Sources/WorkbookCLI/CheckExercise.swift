import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook check NAME`: run the reader's attempt against the exercise's checks.
struct CheckExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check your attempt at an exercise (exercises/NAME.swift) with the same messages as verify.")

    @Argument(help: "The exercise's name.")
    var name: String

    @Option(help: "The time limit in seconds (default: the chapter's own, else 60).")
    var timeout: Double?

    @OptionGroup var options: ExerciseOptions

    func validate() throws {
        if let timeout, let problem = Verifier.timeoutProblem(timeout) {
            throw ValidationError("--timeout \(problem)")
        }
    }

    func run() throws {
        TerminationSignals.install()
        let attempt: ExerciseAttempt
        do {
            let workspace = try options.workspace()
            let entry = try workspace.exercise(named: name)
            let runner = try ChapterRunner.prepare()
            attempt = try workspace.check(name, runner: runner, timeout: timeout ?? entry.chapter.timeout ?? Verifier.defaultTimeout)
        } catch {
            throw fail(error)
        }
        for problem in attempt.problems { print(problem) }
        for result in attempt.results where result.status == .failed {
            print(VerifyReport.describe(result))
        }
        let passed = attempt.results.filter { $0.status == .passed }.count
        print("\(passed) passed, \(attempt.results.count - passed) failed")
        if attempt.passed {
            print("Done: `\(name)` passes all its checks.")
        } else {
            throw ExitCode.failure
        }
    }
}

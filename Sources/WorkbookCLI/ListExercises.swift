import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook exercises`: list every exercise with the reader's progress.
struct ListExercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the exercises with their state: not started, failing or done.")

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        TerminationSignals.install()
        do {
            let workspace = try options.workspace()
            let entries = try workspace.exercises()
            var runner: ChapterRunner?
            var done = 0
            for entry in entries {
                let name = entry.exercise.name
                var state = ExerciseWorkspace.State.notStarted
                if FileManager.default.fileExists(atPath: workspace.attemptURL(name).path) {
                    if runner == nil { runner = try ChapterRunner.prepare() }
                    let attempt = try workspace.check(name, runner: runner!, timeout: entry.chapter.timeout ?? Verifier.defaultTimeout)
                    state = attempt.passed ? .done : .failing
                }
                if state == .done { done += 1 }
                let padded = name.padding(toLength: max(28, name.count + 2), withPad: " ", startingAt: 0)
                let status = state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                print("\(padded)\(status)\(entry.chapter.path):\(entry.exercise.line)  \(entry.exercise.title)")
            }
            print("\(done) of \(entries.count) done")
        } catch {
            throw fail(error)
        }
    }
}

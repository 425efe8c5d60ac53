import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook exercises`: list every exercise with the reader's progress.
struct ListExercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ReaderCommand.list.rawValue,
        abstract: "List the exercises with their state: not started, failing or done.")

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        TerminationSignals.install()
        do {
            let workspace = try options.workspace()
            let progress = try workspace.progress(checker: try AttemptChecker())
            for item in progress {
                let name = item.entry.exercise.name
                let padded = name.padding(toLength: max(28, name.count + 2), withPad: " ", startingAt: 0)
                let status = item.state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                print("\(padded)\(status)\(item.entry.chapter.path):\(item.entry.exercise.line)  \(item.entry.exercise.title)")
            }
            print(ExerciseWorkspace.summary(progress))
        } catch {
            throw fail(error)
        }
    }
}

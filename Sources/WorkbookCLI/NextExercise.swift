import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook next`: go on to the first exercise that is not done.
struct NextExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ReaderCommand.next.rawValue,
        abstract: "Start (or reopen) the first exercise, in book order, that is not done yet.")

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        TerminationSignals.install()
        do {
            let workspace = try options.workspace()
            let progress = try workspace.progress(checker: try AttemptChecker())
            guard let next = ExerciseWorkspace.next(after: nil, in: progress) else {
                print("Every exercise is done (\(ExerciseWorkspace.summary(progress))).")
                return
            }
            let name = next.exercise.name
            if FileManager.default.fileExists(atPath: workspace.attemptURL(name).path) {
                print("Next: \(next.exercise.title) (\(next.chapter.path):\(next.exercise.line)); your attempt is \(workspace.attemptDisplayPath(name)).")
            } else {
                try workspace.start(name)
                print("Next: \(next.exercise.title) (\(next.chapter.path):\(next.exercise.line)); wrote its starter to \(workspace.attemptDisplayPath(name)).")
            }
            print("Check it with `\(ReaderCommand.check.invocation(name))`. \(ExerciseWorkspace.summary(progress)).")
        } catch {
            throw fail(error)
        }
    }
}

import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook exercise NAME`: start an exercise.
struct StartExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ReaderCommand.start.rawValue,
        abstract: "Copy an exercise's starter to exercises/NAME.swift (an existing attempt is never overwritten).")

    @Argument(help: "The exercise's name, as `workbook exercises` lists it.")
    var name: String

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        do {
            let workspace = try options.workspace()
            let entry = try workspace.exercise(named: name)
            try workspace.start(name)
            print("Wrote \(workspace.attemptDisplayPath(name)): \(entry.exercise.title) (\(entry.chapter.path):\(entry.exercise.line)).")
            print("Edit it, then run `\(ReaderCommand.check.invocation(entry.exercise.name))`.")
        } catch {
            throw fail(error)
        }
    }
}

import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook reset NAME`: put the starter back, keeping the old attempt.
struct ResetExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ReaderCommand.reset.rawValue,
        abstract: "Put an exercise's starter back in exercises/NAME.swift; your attempt moves to exercises/backups/.")

    @Argument(help: "The exercise's name.")
    var name: String

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        do {
            let workspace = try options.workspace()
            let backup = try workspace.reset(name)
            let shown = ChapterDiscovery.entry(backup, workingDirectory: workspace.workingDirectory).displayPath
            print("Kept your attempt as \(shown); \(workspace.attemptDisplayPath(try workspace.exercise(named: name).exercise.name)) holds the starter again.")
        } catch {
            throw fail(error)
        }
    }
}

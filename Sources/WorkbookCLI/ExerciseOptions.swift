import ArgumentParser
import Foundation
import WorkbookKit

/// What the exercise commands share: the book's chapters and the reader's folder of attempts.
struct ExerciseOptions: ParsableArguments {
    @Option(help: "The folder of chapters.")
    var chapters = "chapters"

    @Option(help: "The folder that holds your attempts.")
    var exercisesFolder = "exercises"

    func workspace() throws -> ExerciseWorkspace {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return ExerciseWorkspace(
            chapters: try ChapterDiscovery.entries(for: [chapters], workingDirectory: workingDirectory),
            folder: URL(fileURLWithPath: exercisesFolder, relativeTo: workingDirectory).standardizedFileURL,
            workingDirectory: workingDirectory)
    }
}

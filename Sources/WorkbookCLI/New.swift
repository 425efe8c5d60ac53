import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook new chapter|exercise`: scaffolding for authors.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a chapter or an exercise from a template that verifies as it is.",
        subcommands: [NewChapter.self, NewExercise.self])
}

/// `workbook new chapter "Title"`.
struct NewChapter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chapter", abstract: "Create the next numbered chapter.")

    @Argument(help: "The chapter's title.")
    var title: String

    @Option(help: "The folder of chapters.")
    var chapters = "chapters"

    func run() throws {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let scaffold = Scaffold(folder: URL(fileURLWithPath: chapters, relativeTo: workingDirectory).standardizedFileURL, workingDirectory: workingDirectory)
            let url = try scaffold.newChapter(title: title)
            print("Created \(ChapterDiscovery.entry(url, workingDirectory: workingDirectory).displayPath)")
        } catch {
            throw fail(error)
        }
    }
}

/// `workbook new exercise NAME --chapter N`.
struct NewExercise: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exercise", abstract: "Append an exercise skeleton to a chapter.")

    @Argument(help: "The exercise's name: lower-case words joined by `-`.")
    var name: String

    @Option(help: "The number of the chapter to append it to.")
    var chapter: Int

    @Option(help: "The folder of chapters.")
    var chapters = "chapters"

    func run() throws {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let scaffold = Scaffold(folder: URL(fileURLWithPath: chapters, relativeTo: workingDirectory).standardizedFileURL, workingDirectory: workingDirectory)
            let url = try scaffold.newExercise(name: name, chapterNumber: chapter)
            print("Appended exercise `\(name)` to \(ChapterDiscovery.entry(url, workingDirectory: workingDirectory).displayPath)")
        } catch {
            throw fail(error)
        }
    }
}

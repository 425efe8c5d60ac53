import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook new chapter|exercise`: scaffolding for authors.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a chapter or an exercise from a template that verifies as it is.",
        subcommands: [NewChapter.self, NewExercise.self])
}

/// What both `new` subcommands share: the folder of chapters, and paths shown relative to the
/// working directory.
struct ScaffoldOptions: ParsableArguments {
    @Option(help: "The folder of chapters.")
    var chapters = "chapters"

    private var workingDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }

    func scaffold() -> Scaffold {
        Scaffold(folder: URL(fileURLWithPath: chapters, relativeTo: workingDirectory).standardizedFileURL, workingDirectory: workingDirectory)
    }

    func display(_ url: URL) -> String {
        ChapterDiscovery.entry(url, workingDirectory: workingDirectory).displayPath
    }
}

/// `workbook new chapter "Title"`.
struct NewChapter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chapter", abstract: "Create the next numbered chapter.")

    @Argument(help: "The chapter's title.")
    var title: String

    @OptionGroup var options: ScaffoldOptions

    func run() throws {
        do {
            print("Created \(options.display(try options.scaffold().newChapter(title: title)))")
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

    @OptionGroup var options: ScaffoldOptions

    func run() throws {
        do {
            let url = try options.scaffold().newExercise(name: name, chapterNumber: chapter)
            print("Appended exercise `\(name)` to \(options.display(url))")
        } catch {
            throw fail(error)
        }
    }
}

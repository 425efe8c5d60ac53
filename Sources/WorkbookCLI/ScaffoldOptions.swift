import ArgumentParser
import Foundation
import WorkbookKit

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

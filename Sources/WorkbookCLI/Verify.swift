import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook verify [PATH ...] [--timeout SECONDS]`.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile and run each chapter's snippets against Neural and check every expected value.",
        discussion: "Ends with `N passed, N failed`; exits non-zero when anything failed or could not run.")

    @Argument(help: "Chapter files or folders of chapters (default: chapters).")
    var paths: [String] = []

    @Option(help: "The time limit for each chapter's run, in seconds (default: the chapter's own, else 60).")
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) {
            throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
        }
    }

    func run() throws {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let entries = try ChapterDiscovery.entries(for: paths, workingDirectory: workingDirectory)
            let reports = try Verifier(timeout: timeout).verify(entries)
            let report = VerifyReport(chapters: reports)
            print(report.text)
            if !report.succeeded { throw ExitCode.failure }
        } catch let error as WorkbookError {
            FileHandle.standardError.write(Data("workbook: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

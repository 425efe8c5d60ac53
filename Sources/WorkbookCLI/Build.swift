import ArgumentParser
import Foundation
import WorkbookKit
import WorkbookSite

/// `workbook build [--output DIR] [--check] [--allow-failures] [--timeout SECONDS]`.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the chapters, with their checked values, into a static site (default: site/).",
        discussion: """
            The values on the pages come from verification (cached under .build/workbook). The site is \
            written to a new folder that replaces the old one, in one step, only when the build succeeded; \
            --output never replaces a file, a link, or a non-empty folder that build did not write, and two \
            builds of one folder take turns. A chapter with failed checks stops the build unless \
            --allow-failures is given. --check writes nothing \
            and fails, naming the stale files, when the folder differs from what the chapters produce.
            """)

    @Argument(help: "Chapter files or folders of chapters (default: chapters).")
    var paths: [String] = []

    @Option(help: "The folder to write the site into: new, empty, or one that build wrote.")
    var output = "site"

    @Flag(help: "Compare the output folder with what the chapters produce instead of writing it; fail if it is stale.")
    var check = false

    @Flag(help: "Publish pages whose checks failed; they then list their failures.")
    var allowFailures = false

    @Option(help: "The time limit for each chapter's run, in seconds (default: the chapter's own, else 60).")
    var timeout: Double?

    func validate() throws {
        if let timeout, let problem = Verifier.timeoutProblem(timeout) {
            throw ValidationError("--timeout \(problem)")
        }
    }

    func run() throws {
        TerminationSignals.install()
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = Toolchain.findPackageRoot(from: workingDirectory) ?? workingDirectory
        let outputURL = URL(fileURLWithPath: output, relativeTo: workingDirectory).standardizedFileURL
        do {
            let entries = try ChapterDiscovery.entries(for: paths, workingDirectory: workingDirectory)
            let timeout = self.timeout
            var build = SiteBuild(
                entries: entries, output: outputURL, bookTitle: SiteBuild.bookTitle(packageRoot: root),
                results: { try VerificationResults.reports(for: $0, timeout: timeout) })
            build.allowFailures = allowFailures
            build.check = check
            let outcome = try build.run()
            let milliseconds = Int((build.renderSeconds * 1000).rounded())
            switch outcome {
            case .published(let count):
                print("Wrote \(count) files to \(output)/ (rendered in \(milliseconds) ms).")
            case .checked(let stale) where stale.isEmpty:
                print("\(output)/ is up to date (rendered in \(milliseconds) ms).")
            case .checked(let stale):
                FileHandle.standardError.write(Data("workbook: \(output)/ is stale; run `workbook build` and commit the result. Stale files:\n".utf8))
                for path in stale {
                    FileHandle.standardError.write(Data("  \(output)/\(path)\n".utf8))
                }
                throw ExitCode.failure
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

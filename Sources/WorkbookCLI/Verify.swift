import ArgumentParser
import Foundation
import WorkbookKit

extension ReportFormat: ExpressibleByArgument {}

/// `workbook verify [PATH ...] [--timeout SECONDS] [--force] [--format text|json|junit] [--watch]`.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile and run each chapter's snippets against Neural and check every expected value.",
        discussion: """
            Ends with `N passed, N failed`; exits non-zero when anything failed or could not run. \
            Results are cached under .build/workbook: only chapters whose text (or the library) changed run again.
            """)

    @Argument(help: "Chapter files or folders of chapters (default: chapters).")
    var paths: [String] = []

    @Option(help: "The time limit for each chapter's run, in seconds (default: the chapter's own, else 60).")
    var timeout: Double?

    @Flag(help: "Ignore cached results and run every chapter.")
    var force = false

    @Option(help: "The report's format on standard output: text, json or junit.")
    var format: ReportFormat = .text

    @Flag(help: "Keep watching the chapters and the library, and verify again what changes.")
    var watch = false

    @Flag(help: "Fail on warnings too: `≈` checks whose tolerance is more than 1 % of the value.")
    var strict = false

    func validate() throws {
        if let timeout, let problem = Verifier.timeoutProblem(timeout) {
            throw ValidationError("--timeout \(problem)")
        }
    }

    func run() throws {
        TerminationSignals.install()
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var succeeded = verifyOnce(workingDirectory: workingDirectory, force: force)
        guard watch else {
            if !succeeded { throw ExitCode.failure }
            return
        }
        var roots = (paths.isEmpty ? ["chapters"] : paths).map { URL(fileURLWithPath: $0, relativeTo: workingDirectory) }
        if let root = Toolchain.findPackageRoot(from: workingDirectory) {
            roots.append(root.appendingPathComponent("Sources"))
        }
        var watcher = ChangeWatcher(roots: roots)
        print("Watching for changes; press Ctrl-C to stop.")
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let changed = watcher.changes()
            guard !changed.isEmpty else { continue }
            print("\n— \(changed.count) file\(changed.count == 1 ? "" : "s") changed —")
            succeeded = verifyOnce(workingDirectory: workingDirectory, force: false)
            _ = succeeded
        }
    }

    /// One verification, printed; whether everything held.
    private func verifyOnce(workingDirectory: URL, force: Bool) -> Bool {
        do {
            let entries = try ChapterDiscovery.entries(for: paths, workingDirectory: workingDirectory)
            let reports = try Verifier(timeout: timeout, usesCache: !force).verify(entries)
            let report = VerifyReport(chapters: reports, strict: strict)
            print(format.render(report, colored: format == .text && isatty(STDOUT_FILENO) == 1))
            return report.succeeded
        } catch {
            FileHandle.standardError.write(Data("workbook: \(error)\n".utf8))
            return false
        }
    }
}

import ArgumentParser
import Foundation
import WorkbookKit
import WorkbookSite

/// `workbook serve [--port N] [--output DIR] [--allow-failures]`: the site on localhost, rebuilt and
/// reloaded on every change. Like `build`, it refuses an `--output` that is a file, a link, or a
/// folder `workbook build` did not write.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve site/ on localhost, rebuilding it when a chapter or the library changes and reloading open pages.")

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(help: "The site's folder: new, empty, or one that build wrote.")
    var output = "site"

    @Flag(help: "Publish pages whose checks failed while you work on them.")
    var allowFailures = false

    func run() throws {
        TerminationSignals.install()
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = Toolchain.findPackageRoot(from: workingDirectory) ?? workingDirectory
        let folder = URL(fileURLWithPath: output, relativeTo: workingDirectory).standardizedFileURL
        do {
            // The first build would be refused anyway; serving a file or a user's folder is no better.
            try SitePublisher(folder: folder).checkDestination()
        } catch {
            throw fail(error)
        }
        let server = DevServer(folder: folder, port: port)
        _ = Serve.build(into: folder, root: root, workingDirectory: workingDirectory, allowFailures: allowFailures)
        do {
            try server.start()
        } catch {
            throw fail(error)
        }
        print("Serving \(output)/ at http://127.0.0.1:\(server.port)/ — press Ctrl-C to stop.")
        fflush(nil)
        let allowFailures = self.allowFailures
        Thread.detachNewThread {
            var watcher = ChangeWatcher(roots: [root.appendingPathComponent("chapters"), root.appendingPathComponent("Sources")])
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                guard !watcher.changes().isEmpty else { continue }
                print("Change seen; rebuilding…")
                if Serve.build(into: folder, root: root, workingDirectory: workingDirectory, allowFailures: allowFailures) {
                    server.siteChanged()
                }
            }
        }
        server.serveForever()
    }

    /// One build; prints what happened and whether the site was replaced.
    static func build(into folder: URL, root: URL, workingDirectory: URL, allowFailures: Bool) -> Bool {
        do {
            let entries = try ChapterDiscovery.entries(for: [root.appendingPathComponent("chapters").path], workingDirectory: workingDirectory)
            var build = SiteBuild(entries: entries, output: folder, bookTitle: SiteBuild.bookTitle(packageRoot: root))
            build.allowFailures = allowFailures
            if case .published(let count) = try build.run() {
                print("Rebuilt \(count) files.")
            }
            fflush(nil)
            return true
        } catch {
            print("\(error)\nThe previous site is still being served.")
            fflush(nil)
            return false
        }
    }
}

import Foundation
import Testing
@testable import WorkbookKit
@testable import WorkbookSite

@Suite struct SitePublisherTests {
    private func entries(in folder: URL) throws -> [ChapterDiscovery.Entry] {
        let chapters = folder.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try SiteFixtures.intro.write(to: chapters.appendingPathComponent("01-intro.md"), atomically: true, encoding: .utf8)
        try SiteFixtures.perceptron.write(to: chapters.appendingPathComponent("02-perceptron.md"), atomically: true, encoding: .utf8)
        return try ChapterDiscovery.entries(for: ["chapters"], workingDirectory: folder)
    }

    /// Reports made without running anything: every check passes, or the first one fails.
    private func reports(failing: Bool) -> ([ChapterDiscovery.Entry]) throws -> [ChapterReport] {
        { entries in
            try entries.map { entry in
                let text = try String(contentsOf: entry.url, encoding: .utf8)
                let chapter = try SiteFixtures.chapter(text, path: entry.displayPath, failing: failing && entry.displayPath.hasSuffix("01-intro.md"))
                return chapter.report
            }
        }
    }

    @Test func checkPassesOnAFreshSiteAndNamesStaleFiles() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        var build = SiteBuild(entries: try entries(in: folder), output: output, bookTitle: "Book", results: reports(failing: false))
        build.reference = { .empty }  // the fixture book documents no library
        #expect(try build.run() == .published(fileCount: 10))

        build.check = true
        #expect(try build.run() == .checked(stale: []))

        try Data("changed".utf8).write(to: output.appendingPathComponent("index.html"))
        try Data("extra".utf8).write(to: output.appendingPathComponent("old-page.html"))
        try FileManager.default.removeItem(at: output.appendingPathComponent("assets/style.css"))
        #expect(try build.run() == .checked(stale: ["assets/style.css", "index.html", "old-page.html"]))
    }

    @Test func aFailedBuildLeavesThePreviousSiteWhole() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let entries = try entries(in: folder)
        var good = SiteBuild(entries: entries, output: output, bookTitle: "Book", results: reports(failing: false))
        _ = try good.run()
        let before = SiteFiles.filePaths(in: output).map { ($0, try? Data(contentsOf: output.appendingPathComponent($0))) }

        var failing = SiteBuild(entries: entries, output: output, bookTitle: "Changed title", results: reports(failing: true))
        #expect(throws: SiteBuildError.self) { _ = try failing.run() }
        let after = SiteFiles.filePaths(in: output).map { ($0, try? Data(contentsOf: output.appendingPathComponent($0))) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(before.map(\.1) == after.map(\.1))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".site") }
        #expect(leftovers.isEmpty)

        failing.allowFailures = true
        _ = try failing.run()
        let page = try String(contentsOf: output.appendingPathComponent("01-intro.html"), encoding: .utf8)
        #expect(page.contains("This page failed verification."))
    }

    @Test func publishingReplacesTheFolderWithExactlyTheNewFiles() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out/site")
        let publisher = SitePublisher(folder: output)
        try publisher.publish(SiteFiles(files: ["a.html": Data("a".utf8), "assets/workbook.js": Data("b".utf8)]))
        try publisher.publish(SiteFiles(files: ["c.html": Data("c".utf8)]))
        #expect(SiteFiles.filePaths(in: output) == ["c.html"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["site"])
    }

    /// A mistyped `--output` must not replace a folder of the user's.
    @Test func aFolderNotWrittenByTheToolIsNeverReplaced() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents = folder.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: documents.appendingPathComponent("notes.txt"))
        #expect(throws: SiteBuildError.self) {
            try SitePublisher(folder: documents).publish(SiteFiles(files: ["index.html": Data("x".utf8)]))
        }
        #expect(SiteFiles.filePaths(in: documents) == ["notes.txt"])
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try SitePublisher(folder: empty).publish(SiteFiles(files: ["index.html": Data("x".utf8)]))
        #expect(SiteFiles.filePaths(in: empty) == ["index.html"])
    }

    /// What is at the destination before a publish that must refuse it.
    enum Destination: String, CaseIterable, CustomTestStringConvertible {
        case file, linkToASite, danglingLink, linkToAFile, folderOfTheUsers

        var testDescription: String { rawValue }

        /// Puts it at `url`, beside a site written by the tool in `folder`.
        func make(at url: URL, in folder: URL) throws {
            let manager = FileManager.default
            switch self {
            case .file:
                try Data("# My project\n".utf8).write(to: url)
            case .linkToASite:
                let site = folder.appendingPathComponent("real-site")
                try SitePublisher(folder: site).publish(SiteFiles(files: ["assets/workbook.js": Data("js".utf8)]))
                try manager.createSymbolicLink(atPath: url.path, withDestinationPath: site.path)
            case .danglingLink:
                try manager.createSymbolicLink(atPath: url.path, withDestinationPath: folder.appendingPathComponent("nowhere").path)
            case .linkToAFile:
                let file = folder.appendingPathComponent("notes.txt")
                try Data("mine".utf8).write(to: file)
                try manager.createSymbolicLink(atPath: url.path, withDestinationPath: file.path)
            case .folderOfTheUsers:
                try manager.createDirectory(at: url, withIntermediateDirectories: true)
                try Data("mine".utf8).write(to: url.appendingPathComponent("notes.txt"))
            }
        }

        /// What is at `url`, without following a link: its type and a link's target or a file's bytes.
        static func snapshot(of url: URL) -> String {
            let manager = FileManager.default
            let type = (try? manager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if type == .typeSymbolicLink { return "link to \((try? manager.destinationOfSymbolicLink(atPath: url.path)) ?? "?")" }
            if type == .typeRegular { return "file \(String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self))" }
            return "folder \(SiteFiles.filePaths(in: url))"
        }
    }

    /// `workbook build --output README.md` deleted the README and put a site in its place.
    @Test(arguments: Destination.allCases)
    func refusesADestinationItDidNotWriteNamingIt(destination: Destination) throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("README.md")
        try destination.make(at: output, in: folder)
        let before = Destination.snapshot(of: output)

        let error = try #require(throws: SiteBuildError.self) {
            try SitePublisher(folder: output).publish(SiteFiles(files: ["index.html": Data("x".utf8), "assets/workbook.js": Data("js".utf8)]))
        }
        #expect(error.description.contains(output.path))
        #expect(throws: SiteBuildError.self) { try SitePublisher(folder: output).checkDestination() }
        #expect(Destination.snapshot(of: output) == before)
        let strays = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(strays.isEmpty)
    }

    /// The same through `SiteBuild`, which refuses before it asks for verification results.
    @Test func aBuildIntoAFileRefusesBeforeVerifying() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let readme = folder.appendingPathComponent("README.md")
        try Data("# My project\n".utf8).write(to: readme)
        var build = SiteBuild(entries: try entries(in: folder), output: readme, bookTitle: "Book", results: { _ in
            Issue.record("the build verified chapters for an output it must refuse")
            return []
        })
        let error = try #require(throws: SiteBuildError.self) { _ = try build.run() }
        #expect(error.description.contains("\(readme.path) is a file"))
        #expect(try String(contentsOf: readme, encoding: .utf8) == "# My project\n")
    }

    @Test func aFolderItWroteAndAnEmptyFolderMayBeReplaced() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try SitePublisher(folder: empty).checkDestination()
        try SitePublisher(folder: folder.appendingPathComponent("absent")).checkDestination()
        try SitePublisher(folder: empty).publish(SiteFiles(files: ["assets/workbook.js": Data("js".utf8)]))
        try SitePublisher(folder: empty).checkDestination()
    }

    /// Only the staging folders `publish` names (`.site.new-` or `.site.old-` and eight upper-case
    /// hexadecimal digits) are removed, and only when they are folders.
    @Test func aBuildSweepsWhatKilledBuildsLeftAndNothingElse() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        let leftovers = [".site.new-ABCD1234", ".site.old-0123CDEF"]
        let kept = [".site.new-abcd1234", ".site.new-ABCD12345", ".site.old-1234567", ".site.backup", ".other.new-ABCD1234", "site.new-ABCD1234"]
        for name in leftovers + kept {
            try manager.createDirectory(at: folder.appendingPathComponent("\(name)/assets"), withIntermediateDirectories: true)
            try Data("partial".utf8).write(to: folder.appendingPathComponent("\(name)/index.html"))
        }
        try Data("a file".utf8).write(to: folder.appendingPathComponent(".site.old-FEDC4321"))
        try manager.createSymbolicLink(
            atPath: folder.appendingPathComponent(".site.new-00000000").path, withDestinationPath: folder.appendingPathComponent(".site.backup").path)

        try SitePublisher(folder: folder.appendingPathComponent("site")).publish(SiteFiles(files: ["assets/workbook.js": Data("js".utf8)]))
        let names = Set(try manager.contentsOfDirectory(atPath: folder.path))
        #expect(names == Set(kept + ["site", ".site.old-FEDC4321", ".site.new-00000000"]))
        #expect(SiteFiles.filePaths(in: folder.appendingPathComponent(".site.backup")) == ["index.html"])
    }

    /// A build killed between two renames left no `site/`, only `.site.old-TOKEN` (and its
    /// half-written `.site.new-TOKEN`). The next build puts the old site back before it renders, so
    /// even a render that fails leaves it in place, and removes the rest.
    @Test func aBuildAfterAKilledOneRestoresTheSite() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let publisher = SitePublisher(folder: output)
        try publisher.publish(SiteFiles(files: ["assets/workbook.js": Data("old".utf8)]))
        try FileManager.default.moveItem(at: output, to: folder.appendingPathComponent(".site.old-89ABCDEF"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".site.new-89ABCDEF"), withIntermediateDirectories: true)

        struct RenderFailed: Error {}
        #expect(throws: RenderFailed.self) { try publisher.publish(rendering: { throw RenderFailed() }) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
        #expect(try Data(contentsOf: output.appendingPathComponent("assets/workbook.js")) == Data("old".utf8))

        try publisher.publish(SiteFiles(files: ["assets/workbook.js": Data("new".utf8)]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
        #expect(try Data(contentsOf: output.appendingPathComponent("assets/workbook.js")) == Data("new".utf8))
    }

    /// The swap is one exchange: a reader looking at the folder all through twenty publishes never
    /// finds it missing (with two renames there was a moment with no `site/`).
    @Test func theFolderIsNeverMissingWhileItIsReplaced() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let publisher = SitePublisher(folder: output)
        let files = (0..<50).reduce(into: ["assets/workbook.js": Data("js".utf8)]) { $0["page-\($1).html"] = Data(repeating: 1, count: 1000) }
        try publisher.publish(SiteFiles(files: files))
        let done = Flag()
        let publishing = Thread {
            for _ in 0..<20 { try? publisher.publish(SiteFiles(files: files)) }
            done.set()
        }
        publishing.start()
        var looks = 0
        var missing = 0
        while !done.isSet {
            if !FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/workbook.js").path) { missing += 1 }
            looks += 1
        }
        #expect(missing == 0, "site/ was missing \(missing) times of \(looks)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }

    /// Two builds of one folder at once used to fail with a raw Foundation error; now they take turns.
    @Test func concurrentBuildsOfOneFolderTakeTurns() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let sites = (0..<4).map { builder in
            SiteFiles(files: ["assets/workbook.js": Data("js".utf8), "index.html": Data("builder \(builder)".utf8)])
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: sites.count) { builder in
            for _ in 0..<10 {
                do {
                    try SitePublisher(folder: output).publish(sites[builder])
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
        #expect(SiteFiles.filePaths(in: output) == ["assets/workbook.js", "index.html"])
    }

    /// A build that cannot get the lock in time says which folder is busy.
    @Test func aBuildGivesUpOnABusyFolderNamingIt() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let held = try SiteLock.acquire(for: output, timeout: 1)
        var publisher = SitePublisher(folder: output)
        publisher.lockTimeout = 0.2
        let error = try #require(throws: SiteBuildError.self) {
            try publisher.publish(SiteFiles(files: ["assets/workbook.js": Data("js".utf8)]))
        }
        #expect(error.description.contains(output.path))
        #expect(error.description.contains("another `workbook build`"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        held.release()

        try publisher.publish(SiteFiles(files: ["assets/workbook.js": Data("js".utf8)]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }

    @Test func exchangingTwoFoldersSwapsThem() throws {
        let folder = try SiteFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, second) = (folder.appendingPathComponent("first"), folder.appendingPathComponent("second"))
        for (url, name) in [(first, "a"), (second, "b")] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data().write(to: url.appendingPathComponent(name))
        }
        #expect(try FolderExchange.exchange(first, second))
        #expect(try FileManager.default.contentsOfDirectory(atPath: first.path) == ["b"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: second.path) == ["a"])
    }
}

/// A flag one thread sets and another reads.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}

/// Messages collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    var all: [String] { lock.withLock { messages } }

    func append(_ message: String) { lock.withLock { messages.append(message) } }
}

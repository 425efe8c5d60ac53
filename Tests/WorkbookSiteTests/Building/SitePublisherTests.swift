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
        #expect(try build.run() == .published(fileCount: 8))

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
}

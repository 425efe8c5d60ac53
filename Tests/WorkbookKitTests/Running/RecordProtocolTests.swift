import Foundation
import Testing
@testable import WorkbookKit

/// The runner trusts only records in the order the generated program writes them, with the run's
/// key: anything else was written by snippet code, and the whole run is rejected.
@Suite struct RecordProtocolTests {
    static let key: UInt64 = 0xBEEF

    static func run(_ lines: [String]) -> ChapterRun {
        var run = ChapterRun()
        run.read(records: lines.joined(separator: "\n"), standardOutput: Data(), key: key)
        return run
    }

    static let begin0 = #"{"begin":"snippet","id":0,"stdout":0,"key":"beef"}"#
    static let check0 = #"{"begin":"check","id":0,"stdout":0,"key":"beef"}"#
    static let value0 = #"{"value":{"i":"42"},"id":0,"seconds":0,"key":"beef"}"#
    static let check1 = #"{"begin":"check","id":1,"stdout":0,"key":"beef"}"#
    static let value1 = #"{"value":{"i":"42"},"id":1,"seconds":0,"key":"beef"}"#
    static let end = #"{"end":true,"stdout":0,"key":"beef"}"#

    @Test func theGeneratedOrderIsAccepted() {
        let run = Self.run([Self.begin0, Self.check0, Self.value0, Self.check1, Self.value1, Self.end])
        #expect(run.ending == .finished)
        #expect(run.evaluations.count == 2)
    }

    @Test(arguments: [
        ("no key", [begin0, check0, #"{"value":{"i":"42"},"id":0,"seconds":0}"#, end], "without the run's key"),
        ("a wrong key", [begin0, check0, #"{"value":{"i":"42"},"id":0,"seconds":0,"key":"1"}"#, end], "without the run's key"),
        ("a check twice", [begin0, check0, value0, check0, value0, end], "check 0 began twice or out of order"),
        ("checks out of order", [begin0, check1, value1, check0, value0, end], "check 0 began twice or out of order"),
        ("a value without its begin", [begin0, value0, end], "which was not being evaluated"),
        ("a value for another check", [begin0, check0, value1, end], "which was not being evaluated"),
        ("a second value", [begin0, check0, value0, value0, end], "which was not being evaluated"),
        ("a record after the end", [begin0, end, check1, value1], "after the end"),
        ("a snippet twice", [begin0, begin0, end], "snippet 0 began twice"),
    ])
    func anythingElseRejectsTheRun(_ name: String, lines: [String], reason: String) {
        let run = Self.run(lines)
        guard case .rejected(let message) = run.ending else {
            Issue.record("\(name): accepted, ending \(run.ending)")
            return
        }
        #expect(message.contains(reason), "\(name): \(message)")
        #expect(run.evaluations.isEmpty, "\(name): values of a rejected run were kept")
    }
}

/// A run killed between writing a cache entry and renaming it leaves a private file; later runs
/// remove it once it is old, and never touch entries or other files.
@Suite struct CacheLeftoverTests {
    @Test func oldPrivateFilesAreSweptAndEntriesKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in [".abc.1234.tmp", "abc.json", "notes.tmp", ".fresh.5678.tmp"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        let old = Date().addingTimeInterval(-3600)
        for name in [".abc.1234.tmp", "abc.json", "notes.tmp"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        ResultCache(folder: folder).sweepLeftovers()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [".fresh.5678.tmp", "abc.json", "notes.tmp"])
    }

    /// Five entries written an hour, then 4, 3, 2 and 1 minutes ago: reading the oldest makes it the
    /// most recently used, so keeping three keeps it and the two newest; private files and files that
    /// are not entries stay, and a limit above the count removes nothing.
    @Test(arguments: [(3, ["a.json", "d.json", "e.json"]), (5, ["a.json", "b.json", "c.json", "d.json", "e.json"]), (0, [])])
    func pruningKeepsTheMostRecentlyUsedEntries(limit: Int, kept: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ResultCache(folder: folder)
        let report = ChapterReport(path: "chapters/01-x.md", chapter: nil, results: [], problems: [], seconds: 1)
        let now = Date()
        for (name, minutes) in [("a", 60.0), ("b", 4), ("c", 3), ("d", 2), ("e", 1)] {
            cache.store(report, for: name)
            try FileManager.default.setAttributes(
                [.modificationDate: now.addingTimeInterval(-60 * minutes)], ofItemAtPath: folder.appendingPathComponent("\(name).json").path)
        }
        for name in ["notes.txt", ".f.1234.tmp"] { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        #expect(cache.load("a") != nil)
        cache.prune(keeping: limit)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ([".f.1234.tmp"] + kept + ["notes.txt"]).sorted())
    }
}

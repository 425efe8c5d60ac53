import Foundation

/// Chapter reports stored under `.build/workbook/results`, one JSON file per cache key.
///
/// A key is a hash of everything a chapter's outcome depends on (see `Verifier.cacheKey`). Writes
/// go to a private file that is then renamed into place, so concurrent runs never see half a file;
/// an entry that does not decode is ignored and overwritten, never trusted. Every edit of a chapter
/// or of the library makes new keys, so `prune(keeping:)` bounds the folder: a hit refreshes its
/// entry's date, and the least recently used entries go first.
public struct ResultCache: Sendable {
    /// How many entries `Verifier` and `AttemptChecker` keep: far more than a book has chapters
    /// and exercises, so a normal edit-and-verify cycle never loses an entry it will read again.
    public static let defaultEntryLimit = 256

    /// The folder that holds the entries.
    public var folder: URL

    /// A cache in `folder`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// The stored report for `key`, or nil when there is none or it is unreadable.
    public func load(_ key: String) -> ChapterReport? {
        guard let data = try? Data(contentsOf: url(for: key)),
            var report = try? JSONDecoder().decode(ChapterReport.self, from: data)
        else { return nil }
        report.isCached = true
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: url(for: key).path)
        return report
    }

    /// Removes all but the `limit` most recently used entries (by modification date, which `store`
    /// sets and `load` refreshes; ties go by name). Other files are never touched.
    public func prune(keeping limit: Int) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        let entries = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.map { name -> (name: String, used: Date) in
            let attributes = try? manager.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            return (name, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        guard entries.count > limit else { return }
        let newestFirst = entries.sorted { $0.used != $1.used ? $0.used > $1.used : $0.name < $1.name }
        for entry in newestFirst.dropFirst(max(0, limit)) {
            try? manager.removeItem(at: folder.appendingPathComponent(entry.name))
        }
    }

    /// Stores `report` under `key`; a failure to write only costs a later re-run.
    public func store(_ report: ChapterReport, for key: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(report) else { return }
        let manager = FileManager.default
        try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let staging = folder.appendingPathComponent(".\(key).\(UUID().uuidString).tmp")
        do {
            try data.write(to: staging)
            guard rename(staging.path, url(for: key).path) == 0 else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? manager.removeItem(at: staging)
        }
    }

    /// Removes the private files (`.KEY.UUID.tmp`) that a run killed between writing and renaming
    /// left behind, once they are older than `age` seconds (a live run renames its file at once).
    public func sweepLeftovers(olderThan age: TimeInterval = 600, now: Date = Date()) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let file = folder.appendingPathComponent(name)
            let modified = (try? manager.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date ?? now
            if now.timeIntervalSince(modified) > age { try? manager.removeItem(at: file) }
        }
    }

    private func url(for key: String) -> URL {
        folder.appendingPathComponent("\(key).json")
    }
}

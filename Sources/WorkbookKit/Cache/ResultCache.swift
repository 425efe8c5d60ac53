import Foundation

/// Chapter reports stored under `.build/workbook/results`, one JSON file per cache key.
///
/// A key is a hash of everything a chapter's outcome depends on (see `Verifier.cacheKey`). Writes
/// go to a private file that is then renamed into place, so concurrent runs never see half a file;
/// an entry that does not decode is ignored and overwritten, never trusted.
public struct ResultCache: Sendable {
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
        return report
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

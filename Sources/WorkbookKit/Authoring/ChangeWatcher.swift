import Foundation

/// Notices changed files by polling their modification times and sizes: simple, portable, and
/// cheap for a book's few dozen files.
public struct ChangeWatcher: Sendable {
    /// A file's state: nil when it does not exist.
    struct Stamp: Equatable, Sendable {
        var modified: Double
        var size: Int
    }

    /// The files and folders watched; folders are watched for the files directly in them and, for
    /// `Sources`, below them.
    public var roots: [URL]
    private var stamps: [String: Stamp] = [:]

    /// A watcher over `roots`, taking their current state as the starting point.
    public init(roots: [URL]) {
        self.roots = roots
        self.stamps = Self.snapshot(roots)
    }

    /// The paths that changed, appeared or disappeared since the last call (or since creation).
    public mutating func changes() -> [String] {
        let current = Self.snapshot(roots)
        let paths = Set(current.keys).union(stamps.keys)
        let changed = paths.filter { current[$0] != stamps[$0] }.sorted()
        stamps = current
        return changed
    }

    static func snapshot(_ roots: [URL]) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        let manager = FileManager.default
        for root in roots {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: root.path, isDirectory: &isFolder) else { continue }
            let files: [URL]
            if isFolder.boolValue {
                files = (manager.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
                    .filter { ["md", "swift"].contains($0.pathExtension) }
            } else {
                files = [root]
            }
            for file in files {
                guard let attributes = try? manager.attributesOfItem(atPath: file.path) else { continue }
                result[file.path] = Stamp(
                    modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
                    size: (attributes[.size] as? NSNumber)?.intValue ?? 0)
            }
        }
        return result
    }
}

import Foundation

/// A generated site: each file's path inside the site folder and its bytes.
public struct SiteFiles: Sendable, Equatable {
    /// The files by relative path (`index.html`, `assets/style.css`).
    public var files: [String: Data]

    /// A site of `files`.
    public init(files: [String: Data] = [:]) {
        self.files = files
    }

    /// The paths, sorted.
    public var paths: [String] {
        files.keys.sorted()
    }

    /// The paths that differ between these files and the folder `folder`: files missing there,
    /// files whose bytes differ, and files there that the build would not produce. Sorted.
    public func stalePaths(comparedWith folder: URL) -> [String] {
        var stale: [String] = []
        for path in paths {
            let existing = try? Data(contentsOf: folder.appendingPathComponent(path))
            if existing != files[path] { stale.append(path) }
        }
        for path in Self.filePaths(in: folder) where files[path] == nil {
            stale.append(path)
        }
        return stale.sorted()
    }

    /// The relative paths of the regular files under `folder`.
    static func filePaths(in folder: URL) -> [String] {
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}

import Foundation

/// Finds the chapter files to verify: the Markdown files named on the command line, and those
/// inside named folders, ordered by the number their name starts with.
public enum ChapterDiscovery {
    /// A chapter file and the path that names it in messages.
    public struct Entry: Sendable, Equatable {
        /// The file.
        public var url: URL
        /// The path shown in messages: relative to the working directory when inside it.
        public var displayPath: String
    }

    /// The chapter files of `paths` (files or folders), in order; `chapters` when `paths` is empty.
    public static func entries(for paths: [String], workingDirectory: URL) throws -> [Entry] {
        let requested = paths.isEmpty ? ["chapters"] : paths
        var entries: [Entry] = []
        for path in requested {
            let url = URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw WorkbookError("no such file or folder: \(path)", at: nil)
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
                    .filter { $0.hasSuffix(".md") }
                    .sorted(by: chapterOrder)
                entries += names.map { entry(url.appendingPathComponent($0), workingDirectory: workingDirectory) }
            } else {
                entries.append(entry(url, workingDirectory: workingDirectory))
            }
        }
        return entries
    }

    /// Chapters by number (`2-x.md` before `10-y.md`), then by name.
    static func chapterOrder(_ first: String, _ second: String) -> Bool {
        let a = ChapterParser.chapterNumber(fileName: first) ?? Int.max
        let b = ChapterParser.chapterNumber(fileName: second) ?? Int.max
        return a != b ? a < b : first < second
    }

    /// The entry for `url`, named relative to `workingDirectory` when it is inside it.
    public static func entry(_ url: URL, workingDirectory: URL) -> Entry {
        let base = workingDirectory.standardizedFileURL.path
        let full = url.standardizedFileURL.path
        let display = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : full
        return Entry(url: url, displayPath: display)
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Folders `workbook` makes for one run and removes afterwards: named `PREFIX-PID-UUID`, recorded
/// so that an interrupted `workbook` removes them before it exits, and swept by a later run when
/// the process that made them is gone (it crashed or was killed).
enum ScratchFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<String> = []
    nonisolated(unsafe) private static var isTerminating = false

    /// A new empty folder `PREFIX-PID-UUID` in `parent`, recorded until `remove(_:)`.
    static func make(in parent: URL, prefix: String) throws -> URL {
        let folder = parent.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString)")
        let accepted = lock.withLock {
            live.insert(folder.path)
            return !isTerminating
        }
        guard accepted else { throw WorkbookError("interrupted", at: nil) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes `folder` and forgets it.
    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
        lock.withLock { _ = live.remove(folder.path) }
    }

    /// Removes every recorded folder (`workbook` is being interrupted).
    static func removeAll() {
        let all = lock.withLock {
            isTerminating = true
            return live
        }
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes the folders `PREFIX-PID-UUID` in `parent` whose process is no longer running.
    static func sweep(in parent: URL, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix + "-") {
            let rest = name.dropFirst(prefix.count + 1)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid(), Glibc.kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }
}

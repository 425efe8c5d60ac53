import Foundation

/// Finds out, before any training, whether a file can be created where one will be written later:
/// it creates the temporary file the writer would use, then removes it. Asking the file system
/// beats guessing from permission bits (root, ACLs, read-only mounts, missing folders).
enum FolderProbe {
    /// Nil when `temporary` could be created (it was removed again); otherwise why not, phrased to
    /// follow the target's path.
    static func problem(creating temporary: URL) -> String? {
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            return "cannot be written: no file can be created in \(temporary.deletingLastPathComponent().path) (\(reason))"
        }
        close(descriptor)
        unlink(temporary.path)
        return nil
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock a build holds on a site folder while it renders and publishes it, so that two builds of
/// the same folder (two `workbook build`s, or one beside `workbook serve`) take turns instead of
/// moving each other's folders.
///
/// It is an `flock(2)` on `.NAME.lock` beside the folder, which the kernel releases when the process
/// ends, however it ends. The holder removes the file when it is done, so it leaves nothing behind;
/// a process that locked a file which was removed meanwhile sees that its file is no longer the one
/// at the path, and locks again.
struct SiteLock {
    /// The lock file.
    let url: URL
    private let descriptor: Int32

    /// The lock file's name for a folder named `name`.
    static func fileName(forFolderNamed name: String) -> String {
        ".\(name).lock"
    }

    /// Takes the lock of `folder`, waiting up to `timeout` seconds for another build to finish.
    ///
    /// - Throws: `SiteBuildError` naming the folder when another build still holds it after
    ///   `timeout`, or when the lock file cannot be created.
    static func acquire(for folder: URL, timeout: Double) throws -> SiteLock {
        let url = folder.deletingLastPathComponent().appendingPathComponent(fileName(forFolderNamed: folder.lastPathComponent))
        let giveUp = ContinuousClock.now + .milliseconds(Int((timeout * 1000).rounded()))
        while true {
            let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else {
                throw SiteBuildError(
                    errors: [],
                    advice: "cannot create the lock file \(url.path) beside \(folder.path): \(String(cString: strerror(errno))); nothing was written.")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                if isStillAtPath(descriptor, url) { return SiteLock(url: url, descriptor: descriptor) }
                close(descriptor)
                continue
            }
            let code = errno
            close(descriptor)
            guard code == EWOULDBLOCK || code == EINTR else {
                throw SiteBuildError(
                    errors: [], advice: "cannot lock \(url.path): \(String(cString: strerror(code))); nothing was written.")
            }
            guard ContinuousClock.now < giveUp else {
                throw SiteBuildError(
                    errors: [],
                    advice: "another `workbook build` or `workbook serve` is writing \(folder.path) (it holds \(url.path)) and did not finish within \(Int(timeout)) s; nothing was written. Try again when it has finished.")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Removes the lock file, then lets the next build in.
    func release() {
        unlink(url.path)
        close(descriptor)
    }

    /// Whether the file locked through `descriptor` is still the one at `url` (the previous holder
    /// removes it on release, and a waiter may have opened it just before).
    private static func isStillAtPath(_ descriptor: Int32, _ url: URL) -> Bool {
        var opened = stat()
        var atPath = stat()
        guard fstat(descriptor, &opened) == 0, stat(url.path, &atPath) == 0 else { return false }
        return opened.st_dev == atPath.st_dev && opened.st_ino == atPath.st_ino
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Swaps two folders in one step, so that a path never stops naming a folder while it is replaced.
///
/// On Linux this is `renameat2(…, RENAME_EXCHANGE)`, looked up in the C library at run time because
/// Swift's `Glibc` does not declare it (and cannot call the variadic `syscall`); on Darwin it is
/// `renamex_np(…, RENAME_SWAP)`. Where the system has neither, or the file system refuses the flag,
/// `exchange` reports `false` and the caller falls back to two renames.
enum FolderExchange {
    /// Swaps what `first` and `second` name. Both must exist.
    ///
    /// - Returns: `false` when this system or file system cannot swap atomically; nothing moved then.
    /// - Throws: `POSIXError` when the swap was possible but failed.
    static func exchange(_ first: URL, _ second: URL) throws -> Bool {
        #if canImport(Glibc)
        guard let renameat2 else { return false }
        let result = renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, renameExchange)
        #elseif canImport(Darwin)
        let result = renamex_np(first.path, second.path, UInt32(RENAME_SWAP))
        #else
        return false
        #endif
        if result == 0 { return true }
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP { return false }
        throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }

    #if canImport(Glibc)
    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 2

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2` (2.28 and later), if this C library has it.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif
}

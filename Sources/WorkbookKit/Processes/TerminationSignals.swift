import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `workbook` does on SIGINT, SIGTERM or SIGHUP while it runs chapters or compilers: kill
/// every child session (`ChildSessions`), remove this run's scratch folders (`ScratchFolders`),
/// and exit with `128 + signal` (130 for Ctrl-C).
public enum TerminationSignals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var cleanups: [@Sendable () -> Void] = []
    private static let lock = NSLock()

    /// Installs the handlers (once); `cleanup` also runs before exiting, for a command's own
    /// state (a half-written folder, say).
    public static func install(cleanup: (@Sendable () -> Void)? = nil) {
        lock.withLock {
            if let cleanup { cleanups.append(cleanup) }
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                // Ignored here, the signal reaches the dispatch source instead of killing the process.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { terminate(signal: number) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Blocks the calling thread until the signal handler exits the process: a thread whose child was
    /// killed by the handler must not go on to report it as a failure (or exit with 1 first).
    static func waitForExit() -> Never {
        while true { sleep(60) }
    }

    /// Kills the children, removes the scratch folders, runs the cleanups and exits.
    static func terminate(signal number: Int32) -> Never {
        ChildSessions.shared.killAll()
        ScratchFolders.removeAll()
        for cleanup in lock.withLock({ cleanups }) { cleanup() }
        let message = "\nworkbook: interrupted; stopped every chapter and compiler it had started\n"
        _ = message.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
        exit(128 + number)
    }
}

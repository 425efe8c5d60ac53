import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) into a request to stop after the current batch; a second
/// Ctrl-C ends the process at once with status 130.
public final class InterruptSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var source: DispatchSourceSignal?

    /// A flag not yet listening; call `install()` to catch SIGINT.
    public init() {}

    /// True once Ctrl-C was pressed.
    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Catches SIGINT from now on; `onFirst` runs (on a background queue) at the first Ctrl-C.
    public func install(onFirst: @escaping @Sendable () -> Void = {}) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let again = self.raised
            self.raised = true
            self.lock.unlock()
            if again { exit(130) }
            onFirst()
        }
        source.resume()
        self.source = source
    }

    /// Stops catching SIGINT and restores the default action.
    public func uninstall() {
        source?.cancel()
        source = nil
        signal(SIGINT, SIG_DFL)
    }
}

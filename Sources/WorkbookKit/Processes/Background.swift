import Foundation

/// A computation started on another thread, whose value the caller waits for later.
final class Background<Value>: @unchecked Sendable {
    private var result: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` at once.
    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// Waits for the value, or rethrows the error.
    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}

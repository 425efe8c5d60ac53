import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One client of `DevServer`, from `accept` to `close`: it reads the request head, then sends the
/// answer, a file's body in pieces as the socket takes them.
///
/// The socket is non-blocking and nothing here waits: the server's loop calls `read` or `write`
/// when `poll` says the socket is ready, and drops the connection when `deadline` passes.
final class DevServerConnection {
    /// What a read found.
    enum ReadResult: Equatable {
        /// The head is not complete yet.
        case incomplete
        /// The request head, up to and including its empty line.
        case request(String)
        /// The head is longer than allowed.
        case tooLarge
        /// The client closed the connection or it failed.
        case closed
    }

    /// The connected socket.
    let socket: Int32
    /// When the server gives up on this client: the request head must have arrived by then, and
    /// after it the whole answer must have been sent.
    var deadline: ContinuousClock.Instant
    /// Whether the head has been read and the answer is being sent.
    private(set) var isSending = false

    private var received: [UInt8] = []
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var file: Int32 = -1
    private var fileRemaining = 0

    /// The bytes read from a file at a time.
    static let chunkSize = 1 << 16
    /// The most one `write` call sends, so that a fast client of a large file does not keep the
    /// loop from the others.
    static let bytesPerTurn = 1 << 20

    /// A connection on `socket`, which must be non-blocking.
    init(socket: Int32, deadline: ContinuousClock.Instant) {
        self.socket = socket
        self.deadline = deadline
    }

    /// Reads what has arrived.
    func read(maxRequestBytes: Int) -> ReadResult {
        precondition(!isSending, "DevServerConnection.read: the request was already read")
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket, &buffer, buffer.count, 0)
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return .incomplete }
        if count <= 0 { return .closed }
        let searchFrom = max(0, received.count - 3)
        received += buffer[0..<count]
        if let end = Self.endOfHead(in: received, from: searchFrom) {
            return .request(String(decoding: received[0..<end], as: UTF8.self))
        }
        return received.count > maxRequestBytes ? .tooLarge : .incomplete
    }

    /// Starts sending `response`, which must be done by `deadline`; takes its file, if any.
    func send(_ response: DevServerResponse, deadline: ContinuousClock.Instant) {
        precondition(!isSending, "DevServerConnection.send: an answer is already being sent")
        isSending = true
        self.deadline = deadline
        received = []
        output = response.head
        switch response.body {
        case .bytes(let bytes):
            output += bytes
        case .file(let descriptor):
            file = descriptor
            fileRemaining = response.contentLength
        }
    }

    /// Sends what the socket takes now.
    ///
    /// - Returns: whether the connection is finished: everything was sent, or the client is gone.
    func write() -> Bool {
        var sentThisTurn = 0
        while sentThisTurn < Self.bytesPerTurn {
            if outputOffset == output.count {
                guard fileRemaining > 0, refill() else { return true }
            }
            let sent = output[outputOffset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                return !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            }
            outputOffset += sent
            sentThisTurn += sent
        }
        return false
    }

    /// Closes the socket and the file being sent.
    func close() {
        if file >= 0 { Glibc.close(file) }
        file = -1
        Glibc.close(socket)
    }

    /// Reads the file's next piece into the output; `false` when the file ended early (it was
    /// truncated while being sent; the client then sees a short body and the connection closes).
    private func refill() -> Bool {
        let wanted = min(Self.chunkSize, fileRemaining)
        output = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            var got = -1
            repeat { got = Glibc.read(file, buffer.baseAddress, wanted) } while got < 0 && errno == EINTR
            count = max(0, got)
        }
        outputOffset = 0
        fileRemaining -= output.count
        return !output.isEmpty
    }

    /// The index just after the first `\r\n\r\n` in `bytes` at or after `start`.
    static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = start
        while index + 4 <= bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 { return index + 4 }
            index += 1
        }
        return nil
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP server for `workbook serve`: serves a site folder on localhost and tells open pages
/// to reload after a rebuild.
///
/// Each HTML page it sends gets a short script that asks `/__workbook/generation` once a second and
/// reloads when the number changes; the files on disk stay exactly as `workbook build` wrote them.
/// Only `GET` and `HEAD` of files inside the folder are answered, one request per connection.
///
/// One thread runs a `poll(2)` loop over non-blocking sockets, so an idle client costs a descriptor,
/// not a thread. Every client has a deadline (`Limits.requestTimeout` to send its request head,
/// then `Limits.responseTimeout` to take the answer), at most `Limits.maxConnections` are open at
/// once (the next wait in the kernel's listen queue), and files are sent in pieces from disk.
public final class DevServer: @unchecked Sendable {
    /// The bounds that keep one client from holding the server.
    public struct Limits: Sendable {
        /// Seconds a client has, from connecting, to send its whole request head.
        public var requestTimeout: Double
        /// Seconds a client has, once its request arrived, to take the whole answer.
        public var responseTimeout: Double
        /// The most connections open at once.
        public var maxConnections: Int
        /// The longest request head accepted; a longer one is answered 431.
        public var maxRequestBytes: Int

        /// Limits for a server on the developer's own machine.
        public init(requestTimeout: Double = 5, responseTimeout: Double = 60, maxConnections: Int = 128, maxRequestBytes: Int = 65_536) {
            precondition(requestTimeout > 0 && responseTimeout > 0, "DevServer.Limits: timeouts must be positive, not \(requestTimeout) and \(responseTimeout)")
            precondition(maxConnections > 0 && maxRequestBytes > 0, "DevServer.Limits: maxConnections \(maxConnections) and maxRequestBytes \(maxRequestBytes) must be positive")
            self.requestTimeout = requestTimeout
            self.responseTimeout = responseTimeout
            self.maxConnections = maxConnections
            self.maxRequestBytes = maxRequestBytes
        }
    }

    /// The folder served.
    public let folder: URL
    /// The port listened on (on 127.0.0.1 only).
    public private(set) var port: UInt16
    /// The bounds on clients.
    public let limits: Limits
    private var listener: Int32 = -1
    private var wake: (read: Int32, write: Int32) = (-1, -1)
    private let lock = NSLock()
    private var generation = 0
    private var stopped = false
    private var connectionCount = 0

    /// The script added to HTML pages: it polls the generation and reloads on a change.
    static let reloadScript = """
        <script>(function(){var g=null;setInterval(function(){fetch('/__workbook/generation',{cache:'no-store'})\
        .then(function(r){return r.text()}).then(function(t){if(g!==null&&t!==g){location.reload()}g=t})\
        .catch(function(){})},1000)})();</script>
        """

    /// A server for `folder` on `port` (0 picks a free port).
    public init(folder: URL, port: UInt16, limits: Limits = Limits()) {
        self.folder = folder.standardizedFileURL
        self.port = port
        self.limits = limits
    }

    deinit {
        for descriptor in [listener, wake.read, wake.write] where descriptor >= 0 {
            close(descriptor)
        }
    }

    /// Opens the socket; afterwards `port` is the real port.
    public func start() throws {
        precondition(listener < 0, "DevServer.start: the server is already listening on port \(port)")
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw WorkbookServeError("cannot open a socket") }
        var yes: Int32 = 1
        setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketDescriptor, 128) == 0 else {
            close(socketDescriptor)
            throw WorkbookServeError("cannot listen on 127.0.0.1:\(port): is another server using it?")
        }
        var pipeDescriptors: [Int32] = [-1, -1]
        guard pipe(&pipeDescriptors) == 0 else {
            close(socketDescriptor)
            throw WorkbookServeError("cannot create the server's wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for descriptor in [socketDescriptor] + pipeDescriptors {
            Self.makeNonBlocking(descriptor)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listener = socketDescriptor
        wake = (pipeDescriptors[0], pipeDescriptors[1])
    }

    /// Serves until the process ends.
    public func serveForever() -> Never {
        run()
        preconditionFailure("DevServer.serveForever: the server was stopped")
    }

    /// Serves until `stop()` is called, then closes every connection and the listening socket.
    public func run() {
        precondition(listener >= 0, "DevServer.run: call start() first")
        var connections: [DevServerConnection] = []
        var acceptPausedUntil: ContinuousClock.Instant?
        defer {
            connections.forEach { $0.close() }
            close(listener)
            listener = -1
            lock.withLock { connectionCount = 0 }
        }
        while !lock.withLock({ stopped }) {
            var now = ContinuousClock.now
            connections.removeAll { connection in
                guard connection.deadline <= now else { return false }
                connection.close()
                return true
            }
            if let paused = acceptPausedUntil, paused <= now { acceptPausedUntil = nil }
            let accepting = connections.count < limits.maxConnections && acceptPausedUntil == nil
            var descriptors = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            if accepting { descriptors.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
            let first = descriptors.count
            for connection in connections {
                descriptors.append(pollfd(fd: connection.socket, events: Int16(connection.isSending ? POLLOUT : POLLIN), revents: 0))
            }
            let wakeAt = (connections.map(\.deadline) + [acceptPausedUntil].compactMap { $0 }).min()
            let timeout = wakeAt.map { Self.milliseconds(from: now, to: $0) } ?? -1
            guard poll(&descriptors, nfds_t(descriptors.count), timeout) >= 0 else { continue }
            now = ContinuousClock.now
            if descriptors[0].revents != 0 { drainWakePipe() }

            var finished: Set<ObjectIdentifier> = []
            for (offset, connection) in connections.enumerated() where descriptors[first + offset].revents != 0 {
                if !connection.isSending {
                    switch connection.read(maxRequestBytes: limits.maxRequestBytes) {
                    case .incomplete:
                        continue
                    case .closed:
                        finished.insert(ObjectIdentifier(connection))
                        continue
                    case .tooLarge:
                        connection.send(.message("431 Request Header Fields Too Large", "the request head is too long\n"), deadline: now + Self.duration(limits.responseTimeout))
                    case .request(let head):
                        connection.send(answer(to: head), deadline: now + Self.duration(limits.responseTimeout))
                    }
                }
                if connection.write() { finished.insert(ObjectIdentifier(connection)) }
            }
            connections.removeAll { connection in
                guard finished.contains(ObjectIdentifier(connection)) else { return false }
                connection.close()
                return true
            }

            if accepting, descriptors[1].revents != 0 {
                while connections.count < limits.maxConnections {
                    let descriptor = accept(listener, nil, nil)
                    if descriptor < 0 {
                        // Out of descriptors: accepting again at once would spin, so wait a little.
                        if [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(errno) { acceptPausedUntil = now + .milliseconds(100) }
                        break
                    }
                    Self.makeNonBlocking(descriptor)
                    connections.append(DevServerConnection(socket: descriptor, deadline: now + Self.duration(limits.requestTimeout)))
                }
            }
            lock.withLock { connectionCount = connections.count }
        }
    }

    /// Ends `run` (from any thread): it closes every connection and stops listening.
    public func stop() {
        lock.withLock { stopped = true }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Tells open pages that the site changed.
    public func siteChanged() {
        lock.withLock { generation += 1 }
    }

    /// The connections open after the loop's last turn.
    var openConnections: Int {
        lock.withLock { connectionCount }
    }

    /// The answer to a request head.
    func answer(to request: String) -> DevServerResponse {
        DevServerResponse.answer(to: request, folder: folder, generation: lock.withLock { generation }, reloadScript: Self.reloadScript)
    }

    /// The status, content type, whole body and whether it was a `HEAD`, for a raw request: the
    /// answer with any file read into memory, for tests.
    func response(to request: String) -> (String, String, [UInt8], Bool) {
        let reply = answer(to: request)
        let headOnly = request.hasPrefix("HEAD ")
        switch reply.body {
        case .bytes(let bytes):
            return (reply.status, reply.contentType, bytes, headOnly)
        case .file(let descriptor):
            defer { close(descriptor) }
            return (reply.status, reply.contentType, DevServerResponse.readAll(descriptor, expected: reply.contentLength), headOnly)
        }
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wake.read, &buffer, buffer.count) > 0 {}
    }

    private static func makeNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    private static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int((seconds * 1000).rounded(.up)))
    }

    /// `poll`'s timeout until `deadline`, rounded up so the loop does not wake just before it.
    private static func milliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 {
        let (seconds, attoseconds) = (deadline - now).components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(0, milliseconds))
    }
}

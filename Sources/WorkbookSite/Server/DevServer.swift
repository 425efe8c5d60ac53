import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP server for `workbook serve`: serves a site folder on localhost and tells open pages
/// to reload after a rebuild.
///
/// Each HTML page it sends gets a short script that asks `/__workbook/generation` once a second and
/// reloads when the number changes; the files on disk stay exactly as `workbook build` wrote them.
/// Only `GET` and `HEAD` of files inside the folder are answered.
public final class DevServer: @unchecked Sendable {
    /// The folder served.
    public let folder: URL
    /// The port listened on (on 127.0.0.1 only).
    public private(set) var port: UInt16
    private var listener: Int32 = -1
    private let lock = NSLock()
    private var generation = 0

    /// The script added to HTML pages: it polls the generation and reloads on a change.
    static let reloadScript = """
        <script>(function(){var g=null;setInterval(function(){fetch('/__workbook/generation',{cache:'no-store'})\
        .then(function(r){return r.text()}).then(function(t){if(g!==null&&t!==g){location.reload()}g=t})\
        .catch(function(){})},1000)})();</script>
        """

    /// A server for `folder` on `port` (0 picks a free port).
    public init(folder: URL, port: UInt16) {
        self.folder = folder.standardizedFileURL
        self.port = port
    }

    /// Opens the socket; afterwards `port` is the real port.
    public func start() throws {
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
        guard bound == 0, listen(socketDescriptor, 16) == 0 else {
            close(socketDescriptor)
            throw WorkbookServeError("cannot listen on 127.0.0.1:\(port): is another server using it?")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listener = socketDescriptor
    }

    /// Accepts connections until the process ends, answering each on a background queue.
    public func serveForever() -> Never {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            DispatchQueue.global().async { self.answer(connection) }
        }
    }

    /// Tells open pages that the site changed.
    public func siteChanged() {
        lock.withLock { generation += 1 }
    }

    private func answer(_ connection: Int32) {
        defer { close(connection) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65_536 {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            request += buffer[0..<count]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let (status, type, body, headOnly) = response(to: String(decoding: request, as: UTF8.self))
        var head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
        head += "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        send(connection, Array(head.utf8))
        if !headOnly { send(connection, body) }
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// The status, content type and body for a raw request.
    func response(to request: String) -> (String, String, [UInt8], Bool) {
        let words = request.split(separator: "\r\n").first?.split(separator: " ") ?? []
        guard words.count >= 2, words[0] == "GET" || words[0] == "HEAD" else {
            return ("405 Method Not Allowed", "text/plain", Array("only GET and HEAD\n".utf8), false)
        }
        let headOnly = words[0] == "HEAD"
        var path = String(words[1].split(separator: "?").first ?? "/")
        path = path.removingPercentEncoding ?? path
        if path == "/__workbook/generation" {
            return ("200 OK", "text/plain", Array("\(lock.withLock { generation })".utf8), headOnly)
        }
        if path.hasSuffix("/") { path += "index.html" }
        let file = folder.appendingPathComponent(String(path.drop(while: { $0 == "/" }))).standardizedFileURL
        guard file.path.hasPrefix(folder.path + "/"), let data = FileManager.default.contents(atPath: file.path) else {
            return ("404 Not Found", "text/plain", Array("not found: \(path)\n".utf8), headOnly)
        }
        let type = Self.contentType(of: file.pathExtension)
        guard type.hasPrefix("text/html") else { return ("200 OK", type, Array(data), headOnly) }
        var page = String(decoding: data, as: UTF8.self)
        if let end = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: Self.reloadScript, at: end.lowerBound)
        }
        return ("200 OK", type, Array(page.utf8), headOnly)
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "json": return "application/json"
        default: return "application/octet-stream"
        }
    }
}

/// A problem starting the development server.
public struct WorkbookServeError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

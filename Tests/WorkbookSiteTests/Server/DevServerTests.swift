import Foundation
import Testing
@testable import WorkbookSite

/// `workbook serve`'s server, asked directly and over a real socket.
@Suite struct DevServerTests {
    func siteFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)/site")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("<html><body><p>page</p></body></html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("body{}".utf8).write(to: folder.appendingPathComponent("assets/style.css"))
        try Data("secret".utf8).write(to: folder.deletingLastPathComponent().appendingPathComponent("outside.txt"))
        return folder
    }

    @Test(arguments: [
        ("GET / HTTP/1.1", "200 OK", "text/html; charset=utf-8"),
        ("GET /index.html?x=1 HTTP/1.1", "200 OK", "text/html; charset=utf-8"),
        ("HEAD /assets/style.css HTTP/1.1", "200 OK", "text/css; charset=utf-8"),
        ("GET /../outside.txt HTTP/1.1", "404 Not Found", "text/plain"),
        ("GET /%2e%2e/outside.txt HTTP/1.1", "404 Not Found", "text/plain"),
        ("GET /missing.html HTTP/1.1", "404 Not Found", "text/plain"),
        ("POST / HTTP/1.1", "405 Method Not Allowed", "text/plain"),
    ])
    func answersOnlyFilesInsideTheFolder(requestLine: String, status: String, type: String) throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let (answeredStatus, answeredType, body, _) = DevServer(folder: folder, port: 0).response(to: requestLine + "\r\n\r\n")
        #expect(answeredStatus == status)
        #expect(answeredType == type)
        #expect(!String(decoding: body, as: UTF8.self).contains("secret"))
    }

    @Test func pagesGetTheReloadScriptAndTheGenerationCounts() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = DevServer(folder: folder, port: 0)
        let page = String(decoding: server.response(to: "GET / HTTP/1.1\r\n\r\n").2, as: UTF8.self)
        #expect(page.contains("/__workbook/generation"))
        #expect(page.hasSuffix("</script></body></html>"))
        let onDisk = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!onDisk.contains("__workbook"))
        #expect(server.response(to: "GET /__workbook/generation HTTP/1.1\r\n\r\n").2 == Array("0".utf8))
        server.siteChanged()
        #expect(server.response(to: "GET /__workbook/generation HTTP/1.1\r\n\r\n").2 == Array("1".utf8))
    }

    @Test func servesOverARealSocket() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = DevServer(folder: folder, port: 0)
        try server.start()
        #expect(server.port != 0)
        Thread.detachNewThread { server.serveForever() }
        let reply = try Self.get("/assets/style.css", port: server.port)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(reply.hasSuffix("\r\n\r\nbody{}"))
    }

    /// A minimal HTTP client over a socket, so the test needs nothing but the server.
    static func get(_ path: String, port: UInt16) throws -> String {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(connection) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
        var reply = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            reply += buffer[0..<count]
        }
        return String(decoding: reply, as: UTF8.self)
    }
}

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
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("outside-link.txt").path, withDestinationPath: "../outside.txt")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("parent").path, withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("inside.css").path, withDestinationPath: "assets/style.css")
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
        ("GET /outside-link.txt HTTP/1.1", "403 Forbidden", "text/plain"),
        ("GET /passwd HTTP/1.1", "403 Forbidden", "text/plain"),
        ("GET /parent/outside.txt HTTP/1.1", "403 Forbidden", "text/plain"),
        ("HEAD /passwd HTTP/1.1", "403 Forbidden", "text/plain"),
        ("GET /inside.css HTTP/1.1", "200 OK", "text/css; charset=utf-8"),
        ("GET /assets HTTP/1.1", "404 Not Found", "text/plain"),
        ("GET /index.html%00.css HTTP/1.1", "404 Not Found", "text/plain"),
    ])
    func answersOnlyFilesInsideTheFolder(requestLine: String, status: String, type: String) throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let (answeredStatus, answeredType, body, _) = DevServer(folder: folder, port: 0).response(to: requestLine + "\r\n\r\n")
        #expect(answeredStatus == status)
        #expect(answeredType == type)
        #expect(!String(decoding: body, as: UTF8.self).contains("secret"))
        #expect(!String(decoding: body, as: UTF8.self).contains("root:"))
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

    /// A server on a free port, running on its own thread until `stop()`.
    static func running(_ folder: URL, limits: DevServer.Limits = DevServer.Limits()) throws -> DevServer {
        let server = DevServer(folder: folder, port: 0, limits: limits)
        try server.start()
        Thread.detachNewThread { server.run() }
        return server
    }

    /// 50 idle clients, each sending a byte of its request head twice a second, used to stop the
    /// server answering for good: each `recv` had 5 s, so they were never dropped, and they held
    /// every thread. Now an idle client costs a descriptor, not a thread, and is dropped at its
    /// request deadline.
    @Test func answersWhileFiftyIdleConnectionsAreOpen() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = try Self.running(folder)
        defer { server.stop() }
        let idle = try (0..<50).map { _ in try Self.connect(port: server.port) }
        let stopTrickling = DispatchSemaphore(value: 0)
        let stoppedTrickling = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            repeat {
                for connection in idle { Self.send(connection, "G") }
            } while stopTrickling.wait(timeout: .now() + 0.5) == .timedOut
            stoppedTrickling.signal()
        }
        defer {
            stopTrickling.signal()
            stoppedTrickling.wait()
            idle.forEach { close($0) }
        }
        let reply = try Self.get("/assets/style.css", port: server.port)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(reply.hasSuffix("\r\n\r\nbody{}"))
    }

    /// The deadline is for the whole request head, not for each read: a client trickling a byte
    /// at a time is dropped when it passes.
    @Test func aClientTooSlowToSendItsRequestIsDropped() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = try Self.running(folder, limits: DevServer.Limits(requestTimeout: 0.5))
        defer { server.stop() }
        let connection = try Self.connect(port: server.port, receiveTimeout: 0.1)
        defer { close(connection) }
        var dropped = false
        for _ in 0..<600 where !dropped {
            let sent = "G".withCString { Glibc.send(connection, $0, 1, Int32(MSG_NOSIGNAL)) }
            var byte: UInt8 = 0
            let received = recv(connection, &byte, 1, 0)
            dropped = sent < 0 || received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        }
        #expect(dropped)
        #expect(try Self.get("/assets/style.css", port: server.port).hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    /// At most `maxConnections` clients are open at once; the next waits until one closes.
    @Test func connectionsBeyondTheBoundWaitForOneToClose() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = try Self.running(folder, limits: DevServer.Limits(requestTimeout: 120, maxConnections: 2))
        defer { server.stop() }
        let idle = try (0..<2).map { _ in try Self.connect(port: server.port) }
        for _ in 0..<3000 where server.openConnections < 2 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(server.openConnections == 2)

        let waiting = try Self.connect(port: server.port)
        defer { close(waiting) }
        Self.send(waiting, "GET /assets/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(server.openConnections == 2)
        close(idle[0])
        close(idle[1])
        let reply = String(decoding: Self.readToEnd(waiting), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(reply.hasSuffix("\r\n\r\nbody{}"))
    }

    @Test func anOverlongRequestHeadIsRefused() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = try Self.running(folder, limits: DevServer.Limits(maxRequestBytes: 1024))
        defer { server.stop() }
        let connection = try Self.connect(port: server.port)
        defer { close(connection) }
        Self.send(connection, "GET / HTTP/1.1\r\nX-Long: " + String(repeating: "x", count: 2000))
        #expect(String(decoding: Self.readToEnd(connection), as: UTF8.self).hasPrefix("HTTP/1.1 431 "))
    }

    /// A file is sent from disk in pieces, never read whole into memory.
    @Test func aHugeFileIsStreamed() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let size = 256 << 20
        let huge = folder.appendingPathComponent("huge.bin")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        let server = try Self.running(folder)
        defer { server.stop() }

        let answer = server.answer(to: "GET /huge.bin HTTP/1.1\r\n\r\n")
        guard case .file(let descriptor) = answer.body else {
            Issue.record("the file was read into memory")
            return
        }
        close(descriptor)
        #expect(answer.contentLength == size)

        let connection = try Self.connect(port: server.port)
        defer { close(connection) }
        Self.send(connection, "GET /huge.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        var head = [UInt8]()
        var headComplete = false
        var bodyBytes = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            if headComplete {
                bodyBytes += count
                continue
            }
            head += buffer[0..<count]
            if let end = DevServerConnection.endOfHead(in: head, from: 0) {
                headComplete = true
                bodyBytes = head.count - end
                head = Array(head[0..<end])
            }
        }
        let headers = String(decoding: head, as: UTF8.self)
        #expect(headers.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(headers.contains("Content-Length: \(size)\r\n"))
        #expect(bodyBytes == size)
    }

    @Test func refusesOverARealSocketWhatLeadsOutside() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = try Self.running(folder)
        defer { server.stop() }
        for path in ["/passwd", "/outside-link.txt", "/parent/outside.txt"] {
            let reply = try Self.get(path, port: server.port)
            #expect(reply.hasPrefix("HTTP/1.1 403 Forbidden\r\n"), "\(path)")
            #expect(!reply.contains("root:") && !reply.contains("secret"), "\(path)")
        }
        #expect(try Self.get("/../outside.txt", port: server.port).hasPrefix("HTTP/1.1 404 Not Found\r\n"))
    }

    /// What the reload script relies on, over a real socket: pages carry it, and the generation
    /// changes after `siteChanged`.
    @Test func liveReloadWorksOverARealSocket() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = try Self.running(folder)
        defer { server.stop() }
        let page = try Self.get("/", port: server.port)
        #expect(page.contains(DevServer.reloadScript + "</body>"))
        #expect(page.contains("Content-Length: \(37 + DevServer.reloadScript.utf8.count)\r\n"))
        #expect(try Self.get("/__workbook/generation", port: server.port).hasSuffix("\r\n\r\n0"))
        server.siteChanged()
        #expect(try Self.get("/__workbook/generation", port: server.port).hasSuffix("\r\n\r\n1"))
        let head = try Self.get("/assets/style.css", port: server.port, method: "HEAD")
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 6\r\n") && head.hasSuffix("\r\n\r\n"))
    }

    @Test func stopEndsTheLoop() throws {
        let folder = try siteFolder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let server = DevServer(folder: folder, port: 0)
        try server.start()
        let ended = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.run()
            ended.signal()
        }
        let idle = try Self.connect(port: server.port)
        defer { close(idle) }
        server.stop()
        #expect(ended.wait(timeout: .now() + 60) == .success)
        #expect(Self.readToEnd(idle).isEmpty)
    }

    /// A connected client socket whose reads give up after `receiveTimeout` seconds.
    static func connect(port: UInt16, receiveTimeout: Double = 60) throws -> Int32 {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(connection >= 0)
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - receiveTimeout.rounded(.down)) * 1_000_000))
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 { close(connection) }
        try #require(connected == 0)
        return connection
    }

    static func send(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sends until it closes (or 60 s of silence).
    static func readToEnd(_ connection: Int32) -> [UInt8] {
        var reply = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            reply += buffer[0..<count]
        }
        return reply
    }

    /// A minimal HTTP client over a socket, so the test needs nothing but the server.
    static func get(_ path: String, port: UInt16, method: String = "GET") throws -> String {
        let connection = try connect(port: port)
        defer { close(connection) }
        send(connection, "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        return String(decoding: readToEnd(connection), as: UTF8.self)
    }
}

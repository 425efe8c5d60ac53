import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One answer of `DevServer`: the status, the content type and length, and a body that is either
/// bytes in memory (pages, which get the reload script; short messages) or an open file that the
/// connection sends piece by piece, so that a large file is never held in memory.
struct DevServerResponse {
    /// What follows the headers.
    enum Body {
        /// Bytes in memory (empty for `HEAD`).
        case bytes([UInt8])
        /// An open file, sent from its start; whoever takes the response closes it.
        case file(descriptor: Int32)
    }

    /// The status line's code and reason, `200 OK`.
    var status: String
    /// The `Content-Type` header.
    var contentType: String
    /// The `Content-Length` header: the length of the body a `GET` gets, also for `HEAD`.
    var contentLength: Int
    /// The body.
    var body: Body

    /// The status line and the headers, ending with the empty line.
    var head: [UInt8] {
        var head = "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(contentLength)\r\n"
        head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        return Array(head.utf8)
    }

    /// A short plain-text answer.
    static func message(_ status: String, _ text: String, headOnly: Bool = false) -> DevServerResponse {
        let bytes = Array(text.utf8)
        return DevServerResponse(status: status, contentType: "text/plain", contentLength: bytes.count, body: .bytes(headOnly ? [] : bytes))
    }

    /// Pages larger than this are sent as they are, without the reload script, rather than read
    /// into memory.
    static let largestPageWithScript = 16 << 20

    /// The answer to a request head (`GET /path HTTP/1.1` and its headers) for the site in
    /// `folder`, whose pages poll for `generation`.
    ///
    /// Only `GET` and `HEAD` are answered. A path that leaves the folder, lexically or through a
    /// symbolic link whose target is outside it, is refused; the files themselves are opened, not
    /// read, except pages, which are read once to add `reloadScript` before `</body>`.
    static func answer(to request: String, folder: URL, generation: Int, reloadScript: String) -> DevServerResponse {
        let words = request.split(separator: "\r\n", maxSplits: 1).first?.split(separator: " ") ?? []
        guard words.count >= 2, words[0] == "GET" || words[0] == "HEAD" else {
            return message("405 Method Not Allowed", "only GET and HEAD\n")
        }
        let headOnly = words[0] == "HEAD"
        var path = String(words[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "/")
        path = path.removingPercentEncoding ?? path
        if path == "/__workbook/generation" {
            return message("200 OK", "\(generation)", headOnly: headOnly)
        }
        guard path.hasPrefix("/"), !path.contains("\0") else {
            return message("404 Not Found", "not found: \(path)\n", headOnly: headOnly)
        }
        if path.hasSuffix("/") { path += "index.html" }
        let file = folder.appendingPathComponent(String(path.drop(while: { $0 == "/" }))).standardizedFileURL
        guard file.path.hasPrefix(folder.path + "/") else {
            return message("404 Not Found", "not found: \(path)\n", headOnly: headOnly)
        }
        let (descriptor, size): (Int32, Int)
        switch openFile(file, inside: folder) {
        case .missing:
            return message("404 Not Found", "not found: \(path)\n", headOnly: headOnly)
        case .outside:
            return message("403 Forbidden", "refused: \(path) leads outside the site folder\n", headOnly: headOnly)
        case .opened(let opened, let length):
            (descriptor, size) = (opened, length)
        }
        let type = contentType(of: file.pathExtension)
        guard type.hasPrefix("text/html"), size <= largestPageWithScript else {
            if headOnly {
                close(descriptor)
                return DevServerResponse(status: "200 OK", contentType: type, contentLength: size, body: .bytes([]))
            }
            return DevServerResponse(status: "200 OK", contentType: type, contentLength: size, body: .file(descriptor: descriptor))
        }
        let data = readAll(descriptor, expected: size)
        close(descriptor)
        var page = String(decoding: data, as: UTF8.self)
        if let end = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: reloadScript, at: end.lowerBound)
        }
        let bytes = Array(page.utf8)
        return DevServerResponse(status: "200 OK", contentType: type, contentLength: bytes.count, body: .bytes(headOnly ? [] : bytes))
    }

    /// The content type for a file name's extension.
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

    /// What opening a file of the site found.
    enum Opened {
        case missing
        case outside
        case opened(descriptor: Int32, size: Int)
    }

    /// Opens the regular file `file` if it is really inside `folder`: its real path, with every
    /// symbolic link resolved, must be under the folder's real path.
    static func openFile(_ file: URL, inside folder: URL) -> Opened {
        guard let real = realPath(file.path) else { return .missing }
        guard let root = realPath(folder.path), real.hasPrefix(root + "/") else { return .outside }
        let descriptor = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return .missing }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return .missing
        }
        return .opened(descriptor: descriptor, size: Int(info.st_size))
    }

    /// `realpath(3)`: the absolute path with no symbolic link, `.` or `..`, if the file exists.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Up to `expected` bytes from the start of an open file.
    static func readAll(_ descriptor: Int32, expected: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: expected)
        var count = 0
        while count < expected {
            let got = bytes[count...].withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            count += got
        }
        return Array(bytes[0..<count])
    }
}

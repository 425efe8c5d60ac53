import Foundation

/// One IDX file (LeCun's MNIST format): a 4-byte magic `00 00 <type> <rank>`, `rank` big-endian
/// `UInt32` dimensions, then exactly `∏ dimensions` elements. Files may be gzip-compressed.
public struct IDXFile: Sendable {
    /// The dimensions, outermost first: `[count, rows, columns]` for images, `[count]` for labels.
    public let dimensions: [Int]
    /// The elements, row-major, one byte each.
    public let bytes: [UInt8]

    /// Reads and validates `url`, decompressing it when it starts with the gzip magic number. A
    /// compressed file's header is inflated and checked first; the rest is inflated only up to
    /// the size that header promises.
    public init(contentsOf url: URL, missingHint: String = "") throws(IDXError) {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingFile(path: path, hint: missingHint)
        }
        let raw: [UInt8]
        do {
            raw = [UInt8](try Data(contentsOf: url))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        var content = raw
        if Gzip.isCompressed(raw) {
            let start = try Self.inflating(path) { () throws(Gzip.Failure) in
                try Gzip.decompressedPrefix(raw, count: IDXHeader.maximumSize)
            }
            let header = try IDXHeader(parsing: start[...], path: path)
            content = try Self.inflating(path) { () throws(Gzip.Failure) in
                try Gzip.decompress(raw, limit: header.fileSize)
            }
        }
        try self.init(parsing: content, path: path)
    }

    /// Parses the uncompressed bytes of an IDX file; `path` names the file in errors.
    public init(parsing content: [UInt8], path: String) throws(IDXError) {
        let header = try IDXHeader(parsing: content[...], path: path)
        guard content.count >= header.fileSize else {
            throw .truncated(path: path, expectedBytes: header.fileSize, actualBytes: content.count)
        }
        guard content.count == header.fileSize else {
            throw .excessData(path: path, expectedBytes: header.fileSize, actualBytes: content.count)
        }
        dimensions = header.dimensions
        bytes = Array(content[header.size...])
    }

    /// `inflate()`, with zlib's failures as the `IDXError`s of the file at `path`.
    private static func inflating(_ path: String, _ inflate: () throws(Gzip.Failure) -> [UInt8]) throws(IDXError) -> [UInt8] {
        do {
            return try inflate()
        } catch {
            switch error {
            case .truncated: throw .truncatedCompression(path: path)
            case let .corrupt(reason): throw .corruptCompression(path: path, reason: reason)
            case let .exceedsLimit(limit): throw .excessData(path: path, expectedBytes: limit, actualBytes: nil)
            }
        }
    }
}

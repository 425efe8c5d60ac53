import Foundation

/// One IDX file (LeCun's MNIST format): a 4-byte magic `00 00 <type> <rank>`, `rank` big-endian
/// `UInt32` dimensions, then `∏ dimensions` elements. Files may be gzip-compressed.
public struct IDXFile: Sendable {
    /// The dimensions, outermost first: `[count, rows, columns]` for images, `[count]` for labels.
    public let dimensions: [Int]
    /// The elements, row-major, one byte each.
    public let bytes: [UInt8]

    /// Reads and validates `url`, decompressing it when it starts with the gzip magic number.
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
            do {
                content = try Gzip.decompress(raw)
            } catch {
                switch error {
                case .truncated: throw .truncatedCompression(path: path)
                case let .corrupt(reason): throw .corruptCompression(path: path, reason: reason)
                }
            }
        }
        try self.init(parsing: content, path: path)
    }

    /// Parses the uncompressed bytes of an IDX file; `path` names the file in errors.
    public init(parsing content: [UInt8], path: String) throws(IDXError) {
        guard content.count >= 4, content[0] == 0, content[1] == 0, (1...4).contains(content[3]) else {
            throw .badMagic(path: path, found: Array(content.prefix(4)))
        }
        let knownTypes: Set<UInt8> = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E]
        guard knownTypes.contains(content[2]) else { throw .badMagic(path: path, found: Array(content.prefix(4))) }
        guard content[2] == 0x08 else { throw .unsupportedType(path: path, typeCode: content[2]) }
        let rank = Int(content[3])
        let headerSize = 4 + 4 * rank
        guard content.count >= headerSize else {
            throw .truncated(path: path, expectedBytes: headerSize, actualBytes: content.count)
        }
        let dimensions = (0..<rank).map { axis in
            (0..<4).reduce(0) { $0 << 8 | Int(content[4 + 4 * axis + $1]) }
        }
        let elements = dimensions.reduce(1, *)
        guard content.count >= headerSize + elements else {
            throw .truncated(path: path, expectedBytes: headerSize + elements, actualBytes: content.count)
        }
        self.dimensions = dimensions
        bytes = Array(content[headerSize..<(headerSize + elements)])
    }
}

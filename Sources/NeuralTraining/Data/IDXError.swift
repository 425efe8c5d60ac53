/// A problem with an IDX dataset a user can fix; every case names the file concerned.
public enum IDXError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist; `hint` says how to get it.
    case missingFile(path: String, hint: String)
    /// The file could not be read (permissions, I/O).
    case unreadable(path: String, reason: String)
    /// The first four bytes are not `00 00 <type> <rank>` with a known type and rank 1...4.
    case badMagic(path: String, found: [UInt8])
    /// The element type is valid IDX but not unsigned bytes (`0x08`), the only one datasets use.
    case unsupportedType(path: String, typeCode: UInt8)
    /// A dimension is zero: the file holds no items, or items of no elements.
    case emptyDimension(path: String, dimensions: [Int])
    /// The dimensions multiply to more elements than `maximumElements` (or than an `Int` holds).
    case tooLarge(path: String, dimensions: [Int], maximumElements: Int)
    /// The file holds fewer bytes than its header promises (or a compressed stream ends early).
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The file holds more bytes than its header promises; `actualBytes` is nil when inflating a
    /// gzip stream was stopped as soon as it passed `expectedBytes`.
    case excessData(path: String, expectedBytes: Int, actualBytes: Int?)
    /// The gzip stream ends before its end marker: the compressed file was cut short.
    case truncatedCompression(path: String)
    /// The gzip stream is damaged.
    case corruptCompression(path: String, reason: String)
    /// The file is valid but has a shape the caller cannot use (e.g. labels that are not rank 1).
    case unexpectedShape(path: String, dimensions: [Int], expected: String)
    /// An image file and its label file hold different numbers of items.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)

    /// A one-line explanation that names the file.
    public var description: String {
        switch self {
        case let .missingFile(path, hint):
            return "\(path): no such file. \(hint)"
        case let .unreadable(path, reason):
            return "\(path): cannot be read: \(reason)"
        case let .badMagic(path, found):
            let hex = found.map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
            return "\(path): not an IDX file: wrong magic number \(hex) (expected 00 00 08 0N)"
        case let .unsupportedType(path, code):
            return "\(path): IDX element type 0x\(String(code, radix: 16)) is not supported (only unsigned bytes, 0x08)"
        case let .emptyDimension(path, dimensions):
            return "\(path): dimensions \(dimensions) include a zero; every dimension must be positive"
        case let .tooLarge(path, dimensions, maximum):
            return "\(path): dimensions \(dimensions) announce more than the \(maximum) elements an IDX file may hold"
        case let .excessData(path, expected, actual?):
            return "\(path): the header promises \(expected) bytes but the file holds \(actual); the data must end the file"
        case let .excessData(path, expected, nil):
            return "\(path): the gzip data inflates to more than the \(expected) bytes the header promises; inflating was stopped there"
        case let .truncated(path, expected, actual):
            return "\(path): truncated: the header promises \(expected) bytes, the file holds \(actual)"
        case let .truncatedCompression(path):
            return "\(path): truncated: the gzip stream ends before its end marker"
        case let .corruptCompression(path, reason):
            return "\(path): corrupt gzip data: \(reason)"
        case let .unexpectedShape(path, dimensions, expected):
            return "\(path): dimensions \(dimensions) but \(expected) were expected"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "\(imagesPath) holds \(images) images but \(labelsPath) holds \(labels) labels"
        }
    }
}

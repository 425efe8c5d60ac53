/// The header of an IDX file, checked before any data is trusted: the magic `00 00 08 <rank>`,
/// `rank` (1...4) big-endian `UInt32` dimensions, every one positive, and an element count
/// `∏ dimensions`, computed with checked arithmetic, of at most `maximumElementCount`.
struct IDXHeader: Sendable, Equatable {
    /// The most elements an IDX file may hold: `Int32.max`, so that every example has an `Int32`
    /// index (Fashion-MNIST's training images hold 47 040 000).
    static let maximumElementCount = Int(Int32.max)
    /// The length of the longest header (rank 4): enough bytes to parse any header.
    static let maximumSize = 4 + 4 * 4

    /// The dimensions, outermost first.
    let dimensions: [Int]
    /// `∏ dimensions`.
    let elementCount: Int

    /// The header's length in bytes, `4 + 4·rank`.
    var size: Int { 4 + 4 * dimensions.count }
    /// The length of the whole file, header and data: what an IDX file with this header holds.
    var fileSize: Int { size + elementCount }

    /// Parses the header at the start of `bytes` (which may hold more, or only the header);
    /// `path` names the file in errors.
    init(parsing bytes: ArraySlice<UInt8>, path: String) throws(IDXError) {
        let start = bytes.startIndex
        let magic = Array(bytes.prefix(4))
        guard magic.count == 4, magic[0] == 0, magic[1] == 0, (1...4).contains(magic[3]) else {
            throw .badMagic(path: path, found: magic)
        }
        let knownTypes: Set<UInt8> = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E]
        guard knownTypes.contains(magic[2]) else { throw .badMagic(path: path, found: magic) }
        guard magic[2] == 0x08 else { throw .unsupportedType(path: path, typeCode: magic[2]) }
        let rank = Int(magic[3])
        let size = 4 + 4 * rank
        guard bytes.count >= size else { throw .truncated(path: path, expectedBytes: size, actualBytes: bytes.count) }
        let dimensions = (0..<rank).map { axis in
            (0..<4).reduce(0) { $0 << 8 | Int(bytes[start + 4 + 4 * axis + $1]) }
        }
        // Zero is rejected first: a zero anywhere would hide an overflow of the other factors.
        guard !dimensions.contains(0) else { throw .emptyDimension(path: path, dimensions: dimensions) }
        var count = 1
        for dimension in dimensions {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Self.maximumElementCount else {
                throw .tooLarge(path: path, dimensions: dimensions, maximumElements: Self.maximumElementCount)
            }
            count = product
        }
        self.dimensions = dimensions
        elementCount = count
    }
}

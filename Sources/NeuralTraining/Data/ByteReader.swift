/// Reads little-endian integers from a byte slice, front to back.
struct ByteReader {
    private var bytes: ArraySlice<UInt8>

    /// A reader at the start of `bytes`.
    init(bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// Bytes not yet read.
    var remaining: Int { bytes.count }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) { bytes = bytes.dropFirst(count) }

    /// The next `T` (little-endian), or nil when too few bytes remain.
    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard bytes.count >= size else { return nil }
        var value: T = 0
        for (shift, byte) in bytes.prefix(size).enumerated() { value |= T(byte) << (8 * shift) }
        bytes = bytes.dropFirst(size)
        return value
    }
}

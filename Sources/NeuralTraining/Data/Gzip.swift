import CZlib

/// The boundary to zlib: gzip decompression of bytes already in memory, never past a limit the
/// caller sets. The `z_stream` lives and is released inside `inflate`; only Swift arrays go in and out.
enum Gzip {
    /// Why decompression failed.
    enum Failure: Error, Equatable {
        /// The stream ended before the gzip trailer: the file was cut short.
        case truncated
        /// zlib rejected the data (bad header, bad block, CRC mismatch); zlib's message.
        case corrupt(String)
        /// The data inflates to more than the limit; inflating stopped one byte past it.
        case exceedsLimit(Int)
    }

    /// True when `bytes` starts with the gzip magic number `1f 8b`.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The first `count` bytes of the inflated data (all of it when shorter), inflating no further.
    static func decompressedPrefix(_ input: [UInt8], count: Int) throws(Failure) -> [UInt8] {
        try inflate(input, limit: count, failPastLimit: false)
    }

    /// Inflates every gzip member in `input` (RFC 1952) and returns the concatenated data, which
    /// must be at most `limit` bytes: inflating stops with `exceedsLimit` one byte past it.
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        try inflate(input, limit: limit, failPastLimit: true)
    }

    /// Inflates into at most `limit` bytes (`limit + 1` when `failPastLimit`, to see it passed).
    private static func inflate(_ input: [UInt8], limit: Int, failPastLimit: Bool) throws(Failure) -> [UInt8] {
        precondition(limit >= 0 && limit < Int.max, "bad inflation limit \(limit)")
        let ceiling = failPastLimit ? limit + 1 : limit
        var output: [UInt8] = []
        // The trailer's ISIZE field is the uncompressed size modulo 2³², a good capacity hint, but
        // it is the file's word: capped by the limit and by deflate's largest ratio, 1032 to 1.
        if input.count >= 4 {
            let tail = input.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
            output.reserveCapacity(min(tail, ceiling, 1032 * input.count))
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 18
        var scratch = [UInt8](repeating: 0, count: chunk)
        var failure: Failure?
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            scratch.withUnsafeMutableBufferPointer { target in
                while true {
                    let room = min(chunk, ceiling - output.count)
                    if room == 0 {
                        if failPastLimit { failure = .exceedsLimit(limit) }
                        return
                    }
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(room)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = room - Int(stream.avail_out)
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: target[0..<produced]))
                    switch status {
                    case Z_OK:
                        continue
                    case Z_STREAM_END:
                        // Another gzip member may follow (e.g. `cat a.gz b.gz`).
                        if stream.avail_in == 0 { return }
                        if inflateReset(&stream) != Z_OK { failure = .corrupt("zlib could not restart"); return }
                    case Z_BUF_ERROR where stream.avail_in == 0:
                        failure = .truncated; return
                    default:
                        let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        failure = .corrupt(message); return
                    }
                }
            }
        }
        if let failure { throw failure }
        if failPastLimit, output.count > limit { throw .exceedsLimit(limit) }
        return output
    }
}

/// A 128-bit FNV-1a hash of a sequence of byte strings, for cache keys (not for security).
struct ContentHash {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    /// Adds `bytes`, followed by a separator so that `["ab", "c"]` and `["a", "bc"]` differ.
    mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            mix(byte)
        }
        mix(0xff)
        mix(0x00)
    }

    /// Adds a string's UTF-8 bytes.
    mutating func add(_ text: String) {
        add(text.utf8)
    }

    private mutating func mix(_ byte: UInt8) {
        low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ (low >> 29)
    }

    /// The hash as 32 hexadecimal digits.
    var hex: String {
        [high, low].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

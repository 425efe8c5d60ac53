/// The floating-point precision a network trains and stores its weights in.
public enum Precision: String, CaseIterable, Sendable, CustomStringConvertible {
    /// 32-bit IEEE 754 binary32 (`Float`).
    case float
    /// 64-bit IEEE 754 binary64 (`Double`).
    case double

    /// The size of one scalar in bytes: 4 or 8.
    public var byteCount: Int { self == .float ? 4 : 8 }

    /// The precision's name, `float` or `double`.
    public var description: String { rawValue }
}

/// A value written on the right of a check: a number, `true`/`false`, a string, `nil`, or a list
/// of values (a vector; a list of lists is a matrix).
public indirect enum ExpectedValue: Sendable, Equatable, CustomStringConvertible {
    /// A number with the literal it was written as (`0.857`, `-1e-8`, `nan`, `inf`), which fixes
    /// its implicit tolerance.
    case number(Double, literal: String)
    /// `true` or `false`.
    case bool(Bool)
    /// A double-quoted string.
    case string(String)
    /// `[a, b, ...]`.
    case list([ExpectedValue])
    /// `nil`: an optional that holds nothing.
    case null

    /// The value as written, normalised.
    public var description: String {
        switch self {
        case .number(_, let literal): return literal
        case .bool(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .null: return "nil"
        }
    }
}

extension ExpectedValue {
    /// Reads a value written in the check grammar, as `verify` reports values too: `0.3`,
    /// `[[1.5, -2], [0, 1e-8]]`, `true`, `"text"`, `nil`; nil when `text` is not one whole value.
    public init?(reading text: String) {
        var reader = ValueReader(text)
        guard let value = try? reader.readWhole() else { return nil }
        self = value
    }
}

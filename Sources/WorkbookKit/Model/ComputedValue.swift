import Foundation

/// A value that a check's expression computed in the chapter's process.
///
/// Decoded from the wire format of `WorkbookRuntime.CheckedValue`: `{"n":"0.3"}`, `{"i":"3"}`,
/// `{"b":true}`, `{"s":"text"}`, `{"l":[...]}`, `{"z":null}`.
public indirect enum ComputedValue: Sendable, Equatable, CustomStringConvertible {
    /// A floating-point number.
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A Boolean.
    case bool(Bool)
    /// A string.
    case string(String)
    /// A vector; a list of lists is a matrix.
    case list([ComputedValue])
    /// An optional that held nothing.
    case null

    /// Decodes the object `json` (as `JSONSerialization` returns it); nil if it is malformed.
    init?(json: Any) {
        guard let object = json as? [String: Any], object.count == 1, let (key, payload) = object.first else { return nil }
        switch key {
        case "n":
            guard let text = payload as? String, let value = Double(text) else { return nil }
            self = .number(value)
        case "i":
            guard let text = payload as? String, let value = Int(text) else { return nil }
            self = .integer(value)
        case "b":
            guard let value = payload as? Bool else { return nil }
            self = .bool(value)
        case "s":
            guard let value = payload as? String else { return nil }
            self = .string(value)
        case "l":
            guard let elements = payload as? [Any] else { return nil }
            var values: [ComputedValue] = []
            for element in elements {
                guard let value = ComputedValue(json: element) else { return nil }
                values.append(value)
            }
            self = .list(values)
        case "z":
            guard payload is NSNull else { return nil }
            self = .null
        default:
            return nil
        }
    }

    /// The value as a number, if it is one.
    var numericValue: Double? {
        switch self {
        case .number(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// Swift's own rendering: `0.30000000000000004`, `true`, `"text"`, `[1.0, 2.0]`.
    public var description: String {
        switch self {
        case .number(let value): return "\(value)"
        case .integer(let value): return "\(value)"
        case .bool(let value): return "\(value)"
        case .string(let value): return "\"\(value)\""
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .null: return "nil"
        }
    }

    /// The kind of value, for messages: `a number`, `a list of 3`.
    var kindDescription: String {
        switch self {
        case .number, .integer: return "a number"
        case .bool: return "a Boolean"
        case .string: return "a string"
        case .list(let values): return "a list of \(values.count)"
        case .null: return "nil"
        }
    }
}

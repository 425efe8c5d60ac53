/// A value computed by a check's expression, in the form that travels to the runner.
///
/// The wire format is one JSON object per value: `{"n":"0.3"}` (a floating-point number written
/// with Swift's shortest round-tripping description, so `nan` and `inf` survive), `{"i":"3"}` (an
/// integer), `{"b":true}`, `{"s":"text"}`, `{"l":[...]}` (a list, nested for matrices) and
/// `{"z":null}` (an optional that holds nothing).
public enum CheckedValue: Sendable, Equatable {
    /// A floating-point number.
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A Boolean.
    case bool(Bool)
    /// A string.
    case string(String)
    /// A vector; a list of lists is a matrix.
    case list([CheckedValue])
    /// An optional that holds nothing: `nil`.
    case null

    /// The value in the wire format.
    public var json: String {
        switch self {
        case .number(let value): return "{\"n\":\"\(value)\"}"
        case .integer(let value): return "{\"i\":\"\(value)\"}"
        case .bool(let value): return "{\"b\":\(value)}"
        case .string(let value): return "{\"s\":\(Self.quoted(value))}"
        case .list(let values): return "{\"l\":[" + values.map(\.json).joined(separator: ",") + "]}"
        case .null: return "{\"z\":null}"
        }
    }

    /// A JSON string literal for `text`.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

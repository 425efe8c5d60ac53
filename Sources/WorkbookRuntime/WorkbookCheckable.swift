import Neural

/// A type whose values an `expect` block can check: numbers, Booleans, strings, arrays of them
/// and `Matrix`.
///
/// A check whose expression has any other type does not compile, and the compiler reports it at
/// the check's line.
public protocol WorkbookCheckable {
    /// The value in the form that is sent to the runner.
    var checkedValue: CheckedValue { get }
}

extension Double: WorkbookCheckable {
    /// The number itself.
    public var checkedValue: CheckedValue { .number(self) }
}

extension Float: WorkbookCheckable {
    /// The number, widened exactly to `Double`.
    public var checkedValue: CheckedValue { .number(Double(self)) }
}

extension Int: WorkbookCheckable {
    /// The integer itself.
    public var checkedValue: CheckedValue { .integer(self) }
}

extension Int32: WorkbookCheckable {
    /// The integer, widened to `Int`.
    public var checkedValue: CheckedValue { .integer(Int(self)) }
}

extension Int64: WorkbookCheckable {
    /// The integer, as `Int` (64 bits on every supported platform).
    public var checkedValue: CheckedValue { .integer(Int(self)) }
}

extension UInt8: WorkbookCheckable {
    /// The integer, widened to `Int`.
    public var checkedValue: CheckedValue { .integer(Int(self)) }
}

extension Bool: WorkbookCheckable {
    /// The Boolean itself.
    public var checkedValue: CheckedValue { .bool(self) }
}

extension String: WorkbookCheckable {
    /// The string itself.
    public var checkedValue: CheckedValue { .string(self) }
}

extension Substring: WorkbookCheckable {
    /// The substring as a string.
    public var checkedValue: CheckedValue { .string(String(self)) }
}

extension Array: WorkbookCheckable where Element: WorkbookCheckable {
    /// The elements, in order.
    public var checkedValue: CheckedValue { .list(map(\.checkedValue)) }
}

extension ArraySlice: WorkbookCheckable where Element: WorkbookCheckable {
    /// The elements, in order.
    public var checkedValue: CheckedValue { .list(map(\.checkedValue)) }
}

extension Optional: WorkbookCheckable where Wrapped: WorkbookCheckable {
    /// The wrapped value's, or `nil`.
    public var checkedValue: CheckedValue {
        switch self {
        case .some(let value): return value.checkedValue
        case .none: return .null
        }
    }
}

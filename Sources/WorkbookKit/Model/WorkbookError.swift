/// An error that an author or reader can fix, with the place it was found.
///
/// Printed as `chapters/03-backprop.md:42: error: message`.
public struct WorkbookError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// Where the problem is, when it is in a file.
    public var location: SourceLocation?
    /// What is wrong, in one sentence.
    public var message: String

    /// An error at `location`.
    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    /// The error in the compiler's format.
    public var description: String {
        if let location { return "\(location): error: \(message)" }
        return "error: \(message)"
    }
}

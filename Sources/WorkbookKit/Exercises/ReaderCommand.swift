/// The reader's commands, named as the command line names them. `WorkbookCLI` declares its
/// subcommands with these names and the site and the starter files print them, so the commands a
/// reader is told to run are the ones that exist.
public enum ReaderCommand: String, CaseIterable, Sendable {
    /// Lists every exercise and the reader's progress.
    case list = "exercises"
    /// Copies an exercise's starter to `exercises/NAME.swift`.
    case start = "exercise"
    /// Checks the reader's attempt.
    case check = "check"
    /// Shows the next hint.
    case hint = "hint"
    /// Puts the starter back, keeping the old attempt.
    case reset = "reset"
    /// Goes on to the first exercise not done.
    case next = "next"

    /// Whether the command takes an exercise's name.
    public var takesName: Bool { self != .list && self != .next }

    /// What a reader types: `swift run workbook check or-gate`.
    public func invocation(_ name: String? = nil) -> String {
        "swift run workbook \(rawValue)" + (name.map { " \($0)" } ?? "")
    }
}

import WorkbookKit

/// Why a site was not built: every problem found, each at its file and line.
public struct SiteBuildError: Error, Sendable, CustomStringConvertible {
    /// The problems, in chapter order.
    public var errors: [WorkbookError]
    /// A closing sentence that says what to do, if any.
    public var advice: String?

    /// The problems, one per line in the compiler's format, then the advice.
    public var description: String {
        (errors.map(\.description) + (advice.map { [$0] } ?? [])).joined(separator: "\n")
    }
}

/// Everything `workbook verify` learned about one chapter.
public struct ChapterReport: Sendable {
    /// The chapter's path as shown in messages.
    public var path: String
    /// The chapter, when it parsed.
    public var chapter: Chapter?
    /// Every check and output block, in document order.
    public var results: [CheckResult]
    /// Problems that are not a single check's: parse errors, compiler errors, a crash, a time-out.
    public var problems: [WorkbookError]
    /// Seconds spent compiling and running the chapter.
    public var seconds: Double

    /// The number of checks with `status`.
    public func count(_ status: CheckResult.Status) -> Int {
        results.filter { $0.status == status }.count
    }

    /// Whether everything in the chapter held.
    public var succeeded: Bool {
        problems.isEmpty && count(.failed) == 0
    }
}

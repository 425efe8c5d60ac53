/// Everything `workbook verify` learned about one chapter.
public struct ChapterReport: Sendable, Codable {
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
    /// The figures the chapter's snippets showed, in order.
    public var figures: [Figure] = []
    /// Whether the results came from the cache rather than a run.
    public var isCached = false

    /// The chapter is not stored: it is parsed again from its text, which the cache key covers.
    enum CodingKeys: String, CodingKey {
        case path, results, problems, seconds, figures
    }

    /// A report.
    public init(path: String, chapter: Chapter?, results: [CheckResult], problems: [WorkbookError], seconds: Double) {
        self.path = path
        self.chapter = chapter
        self.results = results
        self.problems = problems
        self.seconds = seconds
    }

    /// What the chapter adds to the failures: its failed checks, or, when none failed, its
    /// problems (a starter that passes, a chapter that does not parse), so that the chapter's line
    /// and the closing total agree.
    public var failures: Int {
        let failed = count(.failed)
        return failed == 0 ? problems.count : failed
    }

    /// The number of checks with `status`.
    public func count(_ status: CheckResult.Status) -> Int {
        results.filter { $0.status == status }.count
    }

    /// Whether everything in the chapter held.
    public var succeeded: Bool {
        problems.isEmpty && count(.failed) == 0
    }
}

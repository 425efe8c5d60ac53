import Foundation
import WorkbookKit

/// `workbook build` as a whole: finds the chapters, gets their verification results, renders the
/// site, and then either publishes it into the output folder or, for `--check`, names the files
/// there that differ from what it rendered.
public struct SiteBuild {
    /// What a build did.
    public enum Outcome: Equatable {
        /// The site was written: how many files.
        case published(fileCount: Int)
        /// `--check`: the stale files (empty when the folder matches).
        case checked(stale: [String])
    }

    /// The chapter files, in reading order.
    public var entries: [ChapterDiscovery.Entry]
    /// The site's folder.
    public var output: URL
    /// The book's title.
    public var bookTitle: String
    /// Whether pages with failed checks may be published.
    public var allowFailures = false
    /// Whether to compare with the output folder instead of writing it.
    public var check = false
    /// The verification reports of the entries; `VerificationResults.reports` unless replaced.
    public var results: ([ChapterDiscovery.Entry]) throws -> [ChapterReport]
    /// The libraries' API reference; `APIReference.forPackage()` unless replaced.
    public var reference: () throws -> APIReference = { try APIReference.forPackage() }
    /// Seconds to wait for another build of the same output folder to finish (`SitePublisher.lockTimeout`).
    public var lockTimeout = 60.0
    /// Seconds the last run spent rendering (after the results were in, without waiting for another build).
    public private(set) var renderSeconds = 0.0

    /// A build of `entries` into `output`.
    public init(
        entries: [ChapterDiscovery.Entry], output: URL, bookTitle: String,
        results: @escaping ([ChapterDiscovery.Entry]) throws -> [ChapterReport] = { try VerificationResults.reports(for: $0) }
    ) {
        self.entries = entries
        self.output = output
        self.bookTitle = bookTitle
        self.results = results
    }

    /// Builds, then publishes or checks.
    ///
    /// - Throws: `SiteBuildError` when a chapter does not parse, has failed checks (without
    ///   `allowFailures`), or has TeX, links or figures the site cannot render, and when the output
    ///   is not a folder this tool may replace (`SitePublisher.checkDestination`), another build holds
    ///   it too long, or it cannot be written. Nothing is written then.
    public mutating func run() throws -> Outcome {
        if !check {
            // Refuse a wrong --output before verification, which can take minutes.
            try SitePublisher(folder: output).checkDestination()
        }
        let reports = try results(entries)
        let start = Date()
        var chapters: [SiteChapter] = []
        var problems: [WorkbookError] = []
        for (entry, report) in zip(entries, reports) {
            guard let chapter = report.chapter else {
                problems += report.problems
                continue
            }
            let text = try ChapterParser.readText(of: entry.url, displayPath: entry.displayPath)
            chapters.append(SiteChapter(chapter: chapter, text: text, report: report))
        }
        if !problems.isEmpty {
            throw SiteBuildError(errors: problems, advice: "a chapter does not parse, so the site was not written")
        }
        let builder = SiteBuilder(bookTitle: bookTitle, allowFailures: allowFailures)
        let reference = try self.reference()
        if check {
            let site = try builder.build(chapters, reference: reference)
            renderSeconds = Date().timeIntervalSince(start)
            return .checked(stale: site.stalePaths(comparedWith: output))
        }
        var publisher = SitePublisher(folder: output)
        publisher.lockTimeout = lockTimeout
        var seconds = Date().timeIntervalSince(start)
        let site = try publisher.publish(rendering: {
            let renderStart = Date()
            defer { seconds += Date().timeIntervalSince(renderStart) }
            return try builder.build(chapters, reference: reference)
        })
        renderSeconds = seconds
        return .published(fileCount: site.files.count)
    }

    /// The title of the book: the first level-1 heading of the README in `packageRoot`, else
    /// `Workbook`.
    public static func bookTitle(packageRoot: URL) -> String {
        guard let readme = try? String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8) else {
            return "Workbook"
        }
        for line in readme.split(separator: "\n") where line.hasPrefix("# ") {
            return String(line.dropFirst(2)).trimmingWhitespace
        }
        return "Workbook"
    }
}

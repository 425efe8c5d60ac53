import WorkbookKit

/// One chapter as the site needs it: parsed, with its Markdown text and its verification report.
public struct SiteChapter: Sendable {
    /// The parsed chapter.
    public var chapter: Chapter
    /// The chapter's Markdown, for what only the source lines say (tables, check comments).
    public var text: String
    /// The report of the verification run whose computed values the page shows.
    public var report: ChapterReport

    /// A chapter with its text and report.
    public init(chapter: Chapter, text: String, report: ChapterReport) {
        self.chapter = chapter
        self.text = text
        self.report = report
    }

    /// The Markdown file's name: `01-perceptron.md`.
    var fileName: String {
        String(chapter.path.split(separator: "/").last ?? Substring(chapter.path))
    }

    /// The page's file name: `01-perceptron.html`.
    var pageName: String {
        (fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName) + ".html"
    }

    /// The source lines.
    var lines: [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}

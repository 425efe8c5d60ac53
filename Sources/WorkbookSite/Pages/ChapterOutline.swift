import WorkbookKit

/// What other pages need to know about a chapter before any page is rendered: its headings and
/// their anchors, its errata and its exercises.
struct ChapterOutline {
    /// A heading and its anchor.
    struct Heading {
        var level: Int
        var title: String
        var anchor: String
        var line: Int
    }

    /// An erratum: a quote that starts with `Erratum:`.
    struct Erratum {
        var anchor: String
        var line: Int
        var node: MarkdownNode
    }

    /// An exercise and the anchor of its heading.
    struct ExerciseEntry {
        var title: String
        var name: String
        var anchor: String
        var hintCount: Int
    }

    var page: String
    var title: String
    var number: Int?

    /// The first number that marks an appendix: chapters from 90 on are appendices A, B, ….
    static let firstAppendixNumber = 90

    /// The label before the title in the contents: `3`, or `A` for chapter 90.
    var label: String? {
        guard let number else { return nil }
        guard number >= Self.firstAppendixNumber, number - Self.firstAppendixNumber < 26 else { return "\(number)" }
        return String(UnicodeScalar(UInt8(65 + number - Self.firstAppendixNumber)))
    }
    var headings: [Heading] = []
    var errata: [Erratum] = []
    var exercises: [ExerciseEntry] = []

    /// Every anchor on the page.
    var anchors: Set<String> {
        Set(headings.map(\.anchor) + errata.map(\.anchor))
    }

    /// The anchor of each heading, by its line.
    var headingAnchors: [Int: String] {
        Dictionary(headings.map { ($0.line, $0.anchor) }, uniquingKeysWith: { first, _ in first })
    }

    init(_ site: SiteChapter) {
        page = site.pageName
        title = site.chapter.title
        number = site.chapter.number
        var anchorSet = AnchorSet()
        for block in site.chapter.blocks {
            guard case .prose(let node) = block else { continue }
            if node.kind == .heading {
                headings.append(Heading(level: node.headingLevel, title: node.plainText.trimmingWhitespace, anchor: anchorSet.make(node.plainText), line: node.startLine))
            } else if Self.isErratum(node) {
                errata.append(Erratum(anchor: "erratum-\(errata.count + 1)", line: node.startLine, node: node))
            }
        }
        for exercise in site.chapter.exercises {
            let anchor = headings.first { $0.line == exercise.line }?.anchor ?? ""
            exercises.append(ExerciseEntry(title: exercise.title, name: exercise.name, anchor: anchor, hintCount: exercise.hints.count))
        }
    }

    /// Whether `node` is a quote that starts with `Erratum:`.
    static func isErratum(_ node: MarkdownNode) -> Bool {
        node.kind == .blockQuote && node.plainText.trimmingWhitespace.hasPrefix("Erratum:")
    }
}

import Foundation
import WorkbookKit

/// Renders the site from chapters and their verification reports: the index, a page per chapter,
/// the exercises and errata pages, the assets and the search index.
///
/// Rendering reads nothing but its inputs and the package's resources, and writes nothing: the
/// result is a `SiteFiles` that is the same, byte for byte, for the same inputs.
public struct SiteBuilder: Sendable {
    /// The book's title, for the index and every page's title.
    public var bookTitle: String
    /// Whether pages whose checks failed may be published (they then list their failures).
    public var allowFailures: Bool

    /// A builder.
    public init(bookTitle: String, allowFailures: Bool = false) {
        self.bookTitle = bookTitle
        self.allowFailures = allowFailures
    }

    /// The site for `chapters`, in reading order.
    ///
    /// - Throws: `SiteBuildError` with every problem at its file and line: checks that failed
    ///   (unless `allowFailures`), TeX the renderer does not know, links to a missing chapter or
    ///   anchor, unsafe figures.
    public func build(_ chapters: [SiteChapter], reference: APIReference = .empty) throws -> SiteFiles {
        if !allowFailures {
            let failures = chapters.flatMap(Self.failures)
            if !failures.isEmpty {
                let count = chapters.filter { !$0.report.succeeded }.count
                throw SiteBuildError(
                    errors: failures,
                    advice: "\(count) chapter\(count == 1 ? " has" : "s have") failed checks, so the site was not written; fix them, or publish anyway with --allow-failures")
            }
        }
        let template = try PageTemplate.load()
        let outlines = chapters.map(ChapterOutline.init)
        let targets = Dictionary(
            zip(chapters, outlines).map { ($0.fileName, LinkResolver.Target(page: $1.page, anchors: $1.anchors)) },
            uniquingKeysWith: { first, _ in first })
        let sidebar = Sidebar(outlines: outlines, apiModules: reference.modules.map(\.name))
        let apiLinks = reference.links
        var errors: [WorkbookError] = []
        var files: [String: String] = [:]
        var renderers: [String: ProseRenderer] = [:]
        var search = SearchIndex()

        for (position, (site, outline)) in zip(chapters, outlines).enumerated() {
            let links = LinkResolver(chapters: targets, current: site.fileName)
            renderers[outline.page] = ProseRenderer(path: site.chapter.path, lines: site.lines, headingAnchors: outline.headingAnchors, links: links)
            var chapterPage = ChapterPage(site: site, outline: outline, links: links)
            chapterPage.apiLinks = apiLinks
            let content = chapterPage.html(errors: &errors)
            let previous = position == 0 ? ("index.html", "Contents") : (outlines[position - 1].page, outlines[position - 1].title)
            let next = position + 1 < outlines.count ? (outlines[position + 1].page, outlines[position + 1].title) : ("exercises.html", "All exercises")
            files[outline.page] = try page(
                template, title: "\(outline.title) · \(bookTitle)", current: outline.page, sidebar: sidebar, content: content,
                pager: Self.pager(previous: previous, next: next))
            search.add(site, outline: outline)
        }
        files["index.html"] = try page(
            template, title: bookTitle, current: "index.html", sidebar: sidebar,
            content: ListPages.index(bookTitle: bookTitle, outlines: outlines, chapters: chapters),
            pager: Self.pager(previous: nil, next: outlines.first.map { ($0.page, $0.title) }))
        files["exercises.html"] = try page(
            template, title: "All exercises · \(bookTitle)", current: "exercises.html", sidebar: sidebar,
            content: ListPages.exercises(outlines: outlines), pager: Self.pager(previous: outlines.last.map { ($0.page, $0.title) }, next: ("errata.html", "Errata")))
        files["errata.html"] = try page(
            template, title: "Errata · \(bookTitle)", current: "errata.html", sidebar: sidebar,
            content: ListPages.errata(outlines: outlines, renderers: renderers, errors: &errors),
            pager: Self.pager(previous: ("exercises.html", "All exercises"), next: nil))
        var highlighter = SwiftHighlighter()
        highlighter.links = apiLinks
        for (position, module) in reference.modules.enumerated() {
            let previous = position == 0 ? ("errata.html", "Errata") : (APIReference.page(of: reference.modules[position - 1].name), "API: \(reference.modules[position - 1].name)")
            let next = position + 1 < reference.modules.count ? (APIReference.page(of: reference.modules[position + 1].name), "API: \(reference.modules[position + 1].name)") : nil
            files[APIReference.page(of: module.name)] = try page(
                template, title: "API reference: \(module.name) · \(bookTitle)", current: APIReference.page(of: module.name), sidebar: sidebar,
                content: ReferencePage(module: module, highlighter: highlighter).html(), pager: Self.pager(previous: previous, next: next))
            search.add(module)
        }
        if !errors.isEmpty {
            throw SiteBuildError(errors: errors, advice: "the site was not written")
        }
        var data = files.mapValues { Data($0.utf8) }
        data["assets/search-index.js"] = Data(try search.script().utf8)
        for asset in Resources.assets {
            data["assets/\(asset)"] = try Resources.data(asset)
        }
        return SiteFiles(files: data)
    }

    private func page(
        _ template: PageTemplate, title: String, current: String, sidebar: Sidebar, content: String, pager: String
    ) throws -> String {
        try template.fill([
            "title": HTML.escape(title), "book": HTML.escape(bookTitle), "sidebar": sidebar.html(current: current),
            "content": content, "pager": pager,
        ])
    }

    /// The previous and next links at the foot of a page.
    static func pager(previous: (String, String)?, next: (String, String)?) -> String {
        var html = "<nav class=\"pager\" aria-label=\"Previous and next\">\n"
        if let (page, title) = previous {
            html += "<a class=\"previous\" href=\"\(page)\" rel=\"prev\"><span class=\"pager-label\">Previous</span>\(HTML.escape(title))</a>\n"
        }
        if let (page, title) = next {
            html += "<a class=\"next\" href=\"\(page)\" rel=\"next\"><span class=\"pager-label\">Next</span>\(HTML.escape(title))</a>\n"
        }
        return html + "</nav>\n"
    }

    /// What failed in a chapter, each at its place: the report's problems and its failed checks.
    static func failures(_ site: SiteChapter) -> [WorkbookError] {
        var errors = site.report.problems
        for result in site.report.results where result.status == .failed {
            let what = result.expression == "output" ? "the output does not match" : "check `\(result.expression)` fails"
            errors.append(WorkbookError("\(what): \(result.detail ?? "expected \(result.expected), computed \(result.computed ?? "nothing")")", at: result.location))
        }
        return errors
    }
}

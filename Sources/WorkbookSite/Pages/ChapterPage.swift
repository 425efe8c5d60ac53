import WorkbookKit

/// The main content of a chapter's page: its prose, math, highlighted snippets, figures, tables of
/// checked values, output panels and folded exercise hints and solutions.
struct ChapterPage {
    var site: SiteChapter
    var outline: ChapterOutline
    var links: LinkResolver
    /// The API reference's entries by name, for links from the snippets' code.
    var apiLinks: [String: String] = [:]

    /// The HTML of the `<article>`; every problem (bad TeX, a broken link, an unsafe figure) is
    /// collected into `errors`.
    func html(errors: inout [WorkbookError]) -> String {
        let chapter = site.chapter
        let lines = site.lines
        var prose = ProseRenderer(path: chapter.path, lines: lines, headingAnchors: outline.headingAnchors, links: links)
        prose.scrollBoxes = true
        let results = Dictionary(site.report.results.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
        let figures = Dictionary(grouping: site.report.figures, by: \.snippetIndex)
        var highlighter = SwiftHighlighter()
        highlighter.links = apiLinks
        var exerciseStarts: [Int: Exercise] = [:], exerciseEnds: Set<Int> = []
        for exercise in chapter.exercises {
            exerciseStarts[exercise.blockRange.lowerBound] = exercise
            exerciseEnds.insert(exercise.blockRange.upperBound)
        }
        var errataByLine: [Int: ChapterOutline.Erratum] = [:]
        for erratum in outline.errata { errataByLine[erratum.line] = erratum }

        var html = "<article class=\"chapter\">\n"
        if !site.report.succeeded { html += failureBanner() }
        var openExercise: Exercise?
        var hintNumber = 0
        for (index, block) in chapter.blocks.enumerated() {
            if exerciseEnds.contains(index), openExercise != nil {
                html += "</section>\n"
                openExercise = nil
            }
            if let exercise = exerciseStarts[index] {
                html += "<section class=\"exercise\" aria-label=\"Exercise: \(HTML.escape(exercise.title))\">\n"
                openExercise = exercise
                hintNumber = 0
            }
            do {
                switch block {
                case .prose(let node):
                    if node.kind == .blockQuote, openExercise != nil, node.plainText.trimmingWhitespace.hasPrefix("Hint") {
                        hintNumber += 1
                        let body = try prose.render(Self.dropLeadingWord(node, "Hint"))
                        html += "<details class=\"hint\"><summary>Hint \(hintNumber)</summary>\n\(body)</details>\n"
                    } else if let erratum = errataByLine[node.startLine], node.kind == .blockQuote {
                        let body = try prose.render(Self.dropLeadingWord(node, "Erratum"))
                        html += "<aside class=\"erratum\" id=\"\(erratum.anchor)\"><p class=\"erratum-label\">Erratum</p>\n\(body)</aside>\n"
                    } else if chapter.measuredBlocks.contains(index) {
                        let body = try prose.render(node)
                        html += "<div class=\"measured\" role=\"note\"><p class=\"measured-label\">Measured, not checked: these numbers come from a run outside <code>workbook verify</code></p>\n\(body)</div>\n"
                    } else {
                        html += try prose.render(node)
                        if node.kind == .heading, let exercise = openExercise, node.startLine == exercise.line {
                            html += Self.exerciseCommands(exercise.name)
                        }
                        if node.kind == .heading, node.headingLevel == 1, node.startLine == outline.headings.first?.line {
                            html += verificationNote()
                        }
                    }
                case .math(let tex, let line):
                    let math = try MathRenderer.mathML(tex: tex, display: true, location: chapter.location(line: line + 1))
                    html += "<div class=\"math-display scroll-box\" \(HTML.scrollBox("Formula"))>\(math)</div>\n"
                case .snippet(let snippet):
                    html += snippetHTML(snippet, highlighter: highlighter)
                    for (ordinal, figure) in (figures[snippet.index] ?? []).enumerated() {
                        html += try FigureEmbed.html(
                            figure, at: chapter.location(line: snippet.fenceLine), id: "explorable-\(snippet.index)-\(ordinal + 1)")
                    }
                case .expectations(let expect):
                    html += CheckTable(block: expect, results: results, lines: lines).html()
                case .output(let output):
                    html += OutputPanel(block: output, result: results[output.fenceLine]).html()
                }
            } catch let error as WorkbookError {
                errors.append(error)
            } catch {
                errors.append(WorkbookError("\(error)", at: chapter.location(line: 1)))
            }
        }
        if openExercise != nil { html += "</section>\n" }
        return html + "</article>\n"
    }

    /// The exercise's name and the commands that start, check and hint it, as the command line
    /// names them (`ReaderCommand`).
    static func exerciseCommands(_ name: String) -> String {
        let start = HTML.escape(ReaderCommand.start.invocation(name)), check = HTML.escape(ReaderCommand.check.invocation(name))
        let hint = HTML.escape(ReaderCommand.hint.invocation(name))
        return "<p class=\"exercise-commands\">Name: <code>\(HTML.escape(name))</code>. Start it with <code>\(start)</code>, "
            + "check it with <code>\(check)</code>, and ask for a hint with <code>\(hint)</code>.</p>\n"
    }

    private func snippetHTML(_ snippet: Snippet, highlighter: SwiftHighlighter) -> String {
        if snippet.attributes.contains(.hidden) { return "" }
        let code = "<pre class=\"swift scroll-box\" \(HTML.scrollBox("Swift code"))><code>\(highlighter.html(OutputPanel.withoutFinalNewline(snippet.code)))</code></pre>\n"
        if snippet.attributes.contains(.solution) {
            return "<details class=\"solution\"><summary>Solution</summary>\n\(code)</details>\n"
        }
        if snippet.attributes.contains(.starter) {
            return "<div class=\"snippet starter\"><div class=\"snippet-label\">Starter: your code goes here</div>\n\(code)</div>\n"
        }
        if snippet.attributes.contains(.norun) {
            return "<div class=\"snippet norun\"><div class=\"snippet-label\">Compiled, not run</div>\n\(code)</div>\n"
        }
        return "<div class=\"snippet\">\n\(code)</div>\n"
    }

    /// The line under the title that says the page's values were checked.
    private func verificationNote() -> String {
        let report = site.report
        let total = report.results.count
        let passed = report.count(.passed), skipped = report.count(.skipped)
        if report.succeeded {
            let skippedText = skipped > 0 ? " (\(skipped) skipped)" : ""
            return "<p class=\"verified\">✓ Every value on this page was computed by the book’s Swift library and checked when the page was built: \(passed) of \(total) checks hold\(skippedText).</p>\n"
        }
        return "<p class=\"verified failed\">✗ Not every value on this page holds: \(report.count(.failed)) of \(total) checks fail.</p>\n"
    }

    /// The list of what failed, at the top of a page published with `--allow-failures`.
    private func failureBanner() -> String {
        var items = site.report.problems.map { "<li><code>\(HTML.escape($0.description))</code></li>" }
        for result in site.report.results where result.status == .failed {
            let what = "\(result.location): \(result.expression == "output" ? "output" : result.expression): \(result.detail ?? "failed")"
            items.append("<li><code>\(HTML.escape(what))</code></li>")
        }
        return "<div class=\"failures\" role=\"alert\"><p><strong>This page failed verification.</strong> It was published with <code>--allow-failures</code>; the values below marked ✗ do not hold.</p>\n<ul>\n\(items.joined(separator: "\n"))\n</ul></div>\n"
    }

    /// `node` (a quote) without `word` and a colon at the start of its first text.
    static func dropLeadingWord(_ node: MarkdownNode, _ word: String) -> MarkdownNode {
        var node = node
        guard var paragraph = node.children.first, paragraph.kind == .paragraph, var text = paragraph.children.first,
            text.kind == .text, let literal = text.literal, literal.hasPrefix(word)
        else { return node }
        var rest = literal.dropFirst(word.count)
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        while rest.first == " " { rest = rest.dropFirst() }
        if let first = rest.first, rest.count > 1 { rest = Substring(first.uppercased()) + rest.dropFirst() }
        text.literal = String(rest)
        paragraph.children[0] = text
        node.children[0] = paragraph
        return node
    }
}

import WorkbookKit

/// The pages that are not chapters: the index with the table of contents, the list of every
/// exercise, and the list of errata.
enum ListPages {
    /// The index: the book's title, what verification found, and every chapter with its sections.
    static func index(bookTitle: String, outlines: [ChapterOutline], chapters: [SiteChapter]) -> String {
        let checks = chapters.reduce(0) { $0 + $1.report.results.count }
        let passed = chapters.reduce(0) { $0 + $1.report.count(.passed) }
        let allHold = chapters.allSatisfy(\.report.succeeded)
        var html = "<article class=\"index\">\n<h1>\(HTML.escape(bookTitle))</h1>\n"
        html += "<p class=\"lead\">Every number in this book is computed by its own Swift library, and every worked example shows its expected and computed values side by side.</p>\n"
        html += allHold
            ? "<p class=\"verified\">✓ Checked when this site was built: all \(passed) checks in \(chapters.count) chapters hold.</p>\n"
            : "<p class=\"verified failed\">✗ Checked when this site was built: \(passed) of \(checks) checks hold; the chapters marked ✗ have failures.</p>\n"
        html += "<h2 id=\"contents\">Contents</h2>\n<ol class=\"contents\">\n"
        for (outline, chapter) in zip(outlines, chapters) {
            let number = outline.label.map { "<span class=\"chapter-number\">\($0)</span> " } ?? ""
            let mark = chapter.report.succeeded ? "" : " <span class=\"failed-mark\" title=\"has failed checks\">✗</span>"
            html += "<li><a class=\"chapter-link\" href=\"\(outline.page)\">\(number)\(HTML.escape(outline.title))</a>\(mark)"
            let sections = outline.headings.filter { $0.level == 2 }
            if !sections.isEmpty {
                html += "\n<ul>\n" + sections.map { "<li><a href=\"\(outline.page)#\(HTML.escape($0.anchor))\">\(HTML.escape($0.title))</a></li>" }.joined(separator: "\n") + "\n</ul>\n"
            }
            html += "</li>\n"
        }
        html += "</ol>\n<p><a href=\"exercises.html\">All exercises</a> · <a href=\"errata.html\">Errata</a></p>\n</article>\n"
        return html
    }

    /// Every exercise of every chapter, linked, with how many hints it has.
    static func exercises(outlines: [ChapterOutline]) -> String {
        var html = "<article class=\"list-page\">\n<h1>All exercises</h1>\n"
        let command = { (command: ReaderCommand) in "<code>\(HTML.escape(command.invocation(command.takesName ? "NAME" : nil)))</code>" }
        html += "<p>Each exercise has hints and a solution, folded on its page, and checks that a correct answer passes. "
            + "Start one with \(command(.start)) (it copies the starter, with the task, to <code>exercises/NAME.swift</code>), "
            + "check it with \(command(.check)) (add <code>--watch</code> to check again on every save and go on to the next one after a pass), "
            + "see the next hint with \(command(.hint)), put the starter back with \(command(.reset)) (your attempt is kept in <code>exercises/backups/</code>), "
            + "and go on to the first exercise not done with \(command(.next)); \(command(.list)) shows your progress.</p>\n"
        var any = false
        for outline in outlines where !outline.exercises.isEmpty {
            any = true
            html += "<h2>\(HTML.escape(outline.title))</h2>\n<ul class=\"exercise-list\">\n"
            for exercise in outline.exercises {
                let hints = exercise.hintCount == 1 ? "1 hint" : "\(exercise.hintCount) hints"
                html += "<li><a href=\"\(outline.page)#\(HTML.escape(exercise.anchor))\">\(HTML.escape(exercise.title))</a> <code>\(HTML.escape(exercise.name))</code> <span class=\"muted\">(\(hints))</span></li>\n"
            }
            html += "</ul>\n"
        }
        if !any { html += "<p>There are no exercises yet.</p>\n" }
        return html + "</article>\n"
    }

    /// Every erratum of every chapter, in full, linked to its place.
    static func errata(outlines: [ChapterOutline], renderers: [String: ProseRenderer], errors: inout [WorkbookError]) -> String {
        var html = "<article class=\"list-page\">\n<h1>Errata</h1>\n"
        html += "<p>Corrections to the source tutorials this book takes its facts from (Appendix B describes them): where a source states a number that its own method does not give, the chapter computes the right one, checks it, and marks the difference with a quote that starts with <code>Erratum:</code>, shown where it stands and collected here.</p>\n"
        var any = false
        for outline in outlines where !outline.errata.isEmpty {
            any = true
            html += "<h2><a href=\"\(outline.page)\">\(HTML.escape(outline.title))</a></h2>\n"
            for erratum in outline.errata {
                do {
                    let body = try renderers[outline.page]?.render(ChapterPage.dropLeadingWord(erratum.node, "Erratum")) ?? ""
                    html += "<aside class=\"erratum\">\n\(body)<p class=\"erratum-link\"><a href=\"\(outline.page)#\(erratum.anchor)\">See it in place</a></p></aside>\n"
                } catch let error as WorkbookError {
                    errors.append(error)
                } catch {}
            }
        }
        if !any { html += "<p>There are no errata: nothing has been corrected since the chapters were written.</p>\n" }
        return html + "</article>\n"
    }
}

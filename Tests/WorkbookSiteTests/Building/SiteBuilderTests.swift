import Foundation
import Testing
@testable import WorkbookKit
@testable import WorkbookSite

@Suite struct SiteBuilderTests {
    private let builder = SiteBuilder(bookTitle: "Test Book")

    @Test func writesEveryPageAndAsset() throws {
        let site = try builder.build(try SiteFixtures.book())
        #expect(site.paths == [
            "01-intro.html", "02-perceptron.html", "assets/latinmodern-math-LICENSE.txt", "assets/latinmodern-math.otf",
            "assets/search-index.js", "assets/style.css", "assets/workbook.js", "errata.html", "exercises.html", "index.html",
        ])
    }

    /// The shipped math font is an OpenType font with a MATH table (what MathML layout needs for
    /// stretchy operators and script sizes), and its licence travels with it.
    @Test func theMathFontHasAnOpenTypeMathTable() throws {
        let site = try builder.build(try SiteFixtures.book())
        let font = try #require(site.files["assets/latinmodern-math.otf"])
        let bytes = [UInt8](font)
        #expect(Array(bytes[0..<4]) == Array("OTTO".utf8))  // CFF outlines
        let tableCount = Int(bytes[4]) << 8 | Int(bytes[5])
        let tags = (0..<tableCount).map { String(decoding: bytes[12 + 16 * $0..<16 + 16 * $0], as: UTF8.self) }
        #expect(tags.contains("MATH"), "\(tags)")
        #expect(SiteFixtures.text(site, "assets/latinmodern-math-LICENSE.txt").contains("GUST Font License"))
        #expect(SiteFixtures.text(site, "assets/style.css").contains("src: url(\"latinmodern-math.otf\")"))
    }

    /// Code, display math, outputs and tables scroll inside a box that takes the keyboard's focus
    /// and has a name; the prose renderer alone stays byte for byte cmark's.
    @Test func wideBoxesScrollFromTheKeyboard() throws {
        let page = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "01-intro.html")
        #expect(page.contains("<pre class=\"swift scroll-box\" tabindex=\"0\" role=\"group\" aria-label=\"Swift code\"><code>"))
        #expect(page.contains("<div class=\"math-display scroll-box\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\"><math display=\"block\">"))
        #expect(page.contains("<div class=\"checks scroll-box passed\" tabindex=\"0\" role=\"group\" aria-label=\"Checked values\">"))
        let perceptron = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "02-perceptron.html")
        #expect(perceptron.contains("<div class=\"table-wrap scroll-box\" tabindex=\"0\" role=\"group\" aria-label=\"Table\"><table>"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = try builder.build(try SiteFixtures.book())
        let second = try builder.build(try SiteFixtures.book())
        #expect(first == second)
        for path in first.paths {
            let text = SiteFixtures.text(first, path)
            #expect(!text.contains("/tmp/") && !text.contains(FileManager.default.currentDirectoryPath), "an absolute path in \(path)")
        }
    }

    @Test func chapterPageShowsExpectedAndComputedValues() throws {
        let page = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "01-intro.html")
        #expect(page.contains("<caption>Checked when this page was built: 2 of 2 hold</caption>"))
        #expect(page.contains("<td class=\"value\"><span class=\"number\">42</span> <span class=\"tolerance\">exactly</span></td><td class=\"value\"><span class=\"number\">42.0</span></td>"))
        #expect(page.contains("<span class=\"check-note\">the answer</span>"))
        // `42.0 ± 0.05` is written with one decimal, so the computed 42.0 shows three.
        #expect(page.contains("<span class=\"number\">42.0</span> <span class=\"tolerance\">± 0.05</span></td><td class=\"value\"><data class=\"rounded\" value=\"42.0\" title=\"exactly 42.0\" tabindex=\"0\"><span class=\"number\">42.000</span></data></td>"))
        #expect(page.contains("<pre class=\"scroll-box\" tabindex=\"0\" role=\"group\" aria-label=\"Printed output\"><samp>answer: 42</samp></pre>"))
    }

    @Test func hiddenSnippetsAreLeftOutAndFiguresFollowTheirSnippet() throws {
        let page = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "01-intro.html")
        #expect(!page.contains("secret = "))
        let snippet = try #require(page.range(of: "answer = "))
        let figure = try #require(page.range(of: "<figure class=\"figure\">\n<svg"))
        let output = try #require(page.range(of: "class=\"output passed\""))
        #expect(snippet.lowerBound < figure.lowerBound && figure.lowerBound < output.lowerBound)
    }

    @Test func proseMathAndLinksAreRendered() throws {
        let page = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "01-intro.html")
        #expect(page.contains("<mfrac><mi>a</mi><mi>b</mi></mfrac>"))
        #expect(page.contains("<math display=\"block\">"))
        #expect(page.contains("<a href=\"02-perceptron.html#the-rule\">link to the perceptron</a>"))
        #expect(page.contains("<h1 id=\"getting-started\">"))
    }

    @Test func exercisesFoldTheirHintsAndSolutions() throws {
        let site = try builder.build(try SiteFixtures.book())
        let page = SiteFixtures.text(site, "02-perceptron.html")
        #expect(page.contains("<details class=\"hint\"><summary>Hint 1</summary>\n<blockquote>\n<p>Multiply by two.</p>"))
        #expect(page.contains("<details class=\"solution\"><summary>Solution</summary>"))
        #expect(page.contains("<section class=\"exercise\""))
        // The heading shows the title without its `{#name}`, and the name with its commands follows.
        #expect(page.contains("<h2 id=\"exercise-double-it\">Exercise: Double it<a class=\"anchor\""))
        #expect(!page.contains("{#double-it}"))
        #expect(page.contains("<p class=\"exercise-commands\">Name: <code>double-it</code>. Start it with <code>swift run workbook exercise double-it</code>"))
        #expect(page.contains("<th style=\"text-align: center\">Meaning</th>"))
        let exercises = SiteFixtures.text(site, "exercises.html")
        #expect(exercises.contains("<a href=\"02-perceptron.html#exercise-double-it\">Double it</a> <code>double-it</code> <span class=\"muted\">(1 hint)</span>"))
        #expect(exercises.contains("<code>swift run workbook check NAME</code>"))
    }

    @Test func errataAreMarkedInPlaceAndCollected() throws {
        let site = try builder.build(try SiteFixtures.book())
        #expect(SiteFixtures.text(site, "01-intro.html").contains("<aside class=\"erratum\" id=\"erratum-1\">"))
        let errata = SiteFixtures.text(site, "errata.html")
        #expect(errata.contains("An earlier version said 41."))
        #expect(errata.contains("href=\"01-intro.html#erratum-1\""))
    }

    @Test func measuredProseIsLabelled() throws {
        let page = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "01-intro.html")
        #expect(page.contains("<div class=\"measured\" role=\"note\"><p class=\"measured-label\">Measured, not checked: these numbers come from a run outside <code>workbook verify</code></p>\n<p>A full run took 5.43 s.</p>"))
        #expect(!page.contains("workbook: measured"))
    }

    @Test func sidebarAndPagerUseRelativeLinks() throws {
        let page = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "02-perceptron.html")
        #expect(page.contains("<li class=\"current\"><a href=\"02-perceptron.html\" aria-current=\"page\">"))
        #expect(page.contains("<li class=\"level-2\"><a href=\"#the-rule\">The rule</a></li>"))
        #expect(page.contains("<a class=\"previous\" href=\"01-intro.html\" rel=\"prev\">"))
        #expect(page.contains("href=\"assets/style.css\""))
        #expect(!page.contains("href=\"/"))
    }

    @Test func searchIndexIsAScriptWithEverySection() throws {
        let script = SiteFixtures.text(try builder.build(try SiteFixtures.book()), "assets/search-index.js")
        #expect(script.contains("window.workbookSearchIndex = ["))
        #expect(script.contains("\"url\":\"02-perceptron.html#the-rule\""))
        #expect(script.contains("Double the answer."))
    }

    @Test func refusesToPublishFailedChecks() throws {
        #expect {
            _ = try builder.build(try SiteFixtures.book(failing: true))
        } throws: { error in
            guard let error = error as? SiteBuildError else { return false }
            return error.errors.first?.location == SourceLocation(file: "chapters/01-intro.md", line: 23)
                && error.advice?.contains("--allow-failures") == true
        }
    }

    @Test func allowedFailuresAreShownPlainly() throws {
        let site = try SiteBuilder(bookTitle: "Test Book", allowFailures: true).build(try SiteFixtures.book(failing: true))
        let page = SiteFixtures.text(site, "01-intro.html")
        #expect(page.contains("<div class=\"failures\" role=\"alert\"><p><strong>This page failed verification.</strong>"))
        #expect(page.contains("<tr class=\"failed\">"))
        #expect(page.contains("<tr class=\"failure-detail\"><td colspan=\"4\">expected 42, computed 41</td></tr>"))
        #expect(SiteFixtures.text(site, "index.html").contains("class=\"failed-mark\""))
    }

    @Test(arguments: [
        ("See [it](03-missing.md).", 3, "names a chapter that does not exist: there is no chapters/03-missing.md"),
        ("See\n[it](02-perceptron.md#nowhere).", 4, "names an anchor that chapters/02-perceptron.md does not have"),
        ("See [it](#nowhere).", 3, "names an anchor that chapters/01-intro.md does not have"),
        ("See [it](../README.md).", 3, "leaves the book"),
        ("Math $`\\oops`$ here.", 3, "math: unknown TeX command `\\oops`"),
    ])
    func brokenLinksAndUnknownTeXAreErrorsWithTheirLine(prose: String, line: Int, message: String) throws {
        let intro = try SiteFixtures.chapter("# Intro\n\n\(prose)\n", path: "chapters/01-intro.md")
        let other = try SiteFixtures.chapter(SiteFixtures.perceptron, path: "chapters/02-perceptron.md")
        #expect {
            _ = try builder.build([intro, other])
        } throws: { error in
            guard let error = error as? SiteBuildError, let first = error.errors.first else { return false }
            return first.location == SourceLocation(file: "chapters/01-intro.md", line: line) && first.message.contains(message)
        }
    }

    @Test func unsafeFiguresAreRefused() throws {
        var chapter = try SiteFixtures.chapter(SiteFixtures.intro, path: "chapters/01-intro.md")
        chapter.report.figures = [Figure(snippetIndex: 1, svg: "<svg onload=\"alert(1)\"></svg>")]
        #expect(throws: SiteBuildError.self) { _ = try builder.build([chapter]) }
        chapter.report.figures = [Figure(snippetIndex: 1, svg: "<svg><script>alert(1)</script></svg>")]
        #expect(throws: SiteBuildError.self) { _ = try builder.build([chapter]) }
    }
}

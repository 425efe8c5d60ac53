import Testing
@testable import WorkbookKit
@testable import WorkbookSite

@Suite struct ProseRendererTests {
    private func render(_ markdown: String, links: LinkResolver? = nil) throws -> String {
        let renderer = ProseRenderer(path: "chapters/x.md", lines: markdown.split(separator: "\n", omittingEmptySubsequences: false), headingAnchors: [:], links: links)
        return try renderer.render(Cmark.parse(markdown).convertingInlineMath())
    }

    /// Markdown without headings, math or tables renders exactly as cmark's own HTML renderer does.
    @Test(arguments: [
        "Plain *emphasis*, **strong**, `code` & <b>raw</b> \"quotes\".\n",
        "- tight\n- list\n\n1. one\n2. two\n",
        "- loose\n\n- list\n\n3. starts\n4. at three\n",
        "> quoted\n> text\n>\n> - with a list\n",
        "```python\nprint('<hi>')\n```\n\n    indented code\n",
        "<div>\nraw block\n</div>\n\n***\n",
        "[a link](https://example.com/a b?x=1&y='2' \"Title\") and ![an image](pic.png)\n",
        "[bad](javascript:alert(1)) [data](data:text/html,x) line  \nbreak\nsoft\n",
        "- nested\n  - deeper\n    > quote in a list\n",
    ])
    func matchesCmark(markdown: String) throws {
        #expect(try render(markdown) == Cmark.html(fromMarkdown: markdown))
    }

    @Test func headingsGetGitHubStyleAnchors() throws {
        var anchors = AnchorSet()
        #expect(anchors.make("Worked example: one update") == "worked-example-one-update")
        #expect(anchors.make("Worked example: one update") == "worked-example-one-update-1")
        #expect(anchors.make("What `z > 0` means") == "what-z--0-means")
        #expect(anchors.make("Ça marche, 2 fois!") == "ça-marche-2-fois")
    }

    @Test func inlineMathErrorsNameTheLineWithinAParagraph() {
        #expect {
            _ = try render("First line\nsecond line $`\\nope`$\n")
        } throws: { error in
            (error as? WorkbookError)?.location == SourceLocation(file: "chapters/x.md", line: 2)
        }
    }

    @Test func pipeTablesBecomeTables() throws {
        let html = try render("| A | B |\n| :-- | --: |\n| `x` \\| y | $`\\alpha`$ |\n")
        #expect(html.contains("<th style=\"text-align: left\">A</th>"))
        #expect(html.contains("<td style=\"text-align: left\"><code>x</code> | y</td>"))
        #expect(html.contains("<td style=\"text-align: right\"><math><semantics><mrow><mi>α</mi></mrow>"))
    }

    @Test(arguments: [
        ("https://example.com", "https://example.com"),
        ("mailto:a@b.c", "mailto:a@b.c"),
        ("#own", "#own"),
        ("02-b.md", "02-b.html"),
        ("./02-b.md#sec", "02-b.html#sec"),
        ("../chapters/02-b.md#sec", "02-b.html#sec"),
    ])
    func linksBetweenChaptersPointAtPages(url: String, href: String) throws {
        let resolver = LinkResolver(
            chapters: ["01-a.md": .init(page: "01-a.html", anchors: ["own"]), "02-b.md": .init(page: "02-b.html", anchors: ["sec"])],
            current: "01-a.md")
        #expect(try resolver.resolve(url, at: SourceLocation(file: "chapters/01-a.md", line: 1)) == href)
    }
}

import Testing
@testable import WorkbookKit

@Suite struct CmarkTests {
    @Test func copiesTheTreeWithLines() {
        let document = Cmark.parse("# Title\n\nSome *text*.\n\n```swift hidden\nlet x = 1\n```\n")
        #expect(document.kind == .document)
        #expect(document.children.map(\.kind) == [.heading, .paragraph, .codeBlock])
        #expect(document.children[0].headingLevel == 1)
        #expect(document.children[0].plainText == "Title")
        #expect(document.children[1].startLine == 3)
        #expect(document.children[1].children.map(\.kind) == [.text, .emphasis, .text])
        #expect(document.children[2].startLine == 5)
        #expect(document.children[2].endLine == 7)
        #expect(document.children[2].fenceInfo == "swift hidden")
        #expect(document.children[2].literal == "let x = 1\n")
    }

    @Test func deeplyNestedInputDoesNotExhaustTheStack() {
        let depth = 20_000
        let nested = String(repeating: "> ", count: depth) + "deep\n"
        let document = Cmark.parse(nested)
        var node = document
        var levels = 0
        while let child = node.children.first, child.kind == .blockQuote {
            node = child
            levels += 1
        }
        #expect(levels == 64)
        #expect(node.isTruncated)
    }

    @Test func htmlIsSafeByDefault() {
        let html = Cmark.html(fromMarkdown: "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
    }

    @Test func emptyAndBinaryInputParse() {
        #expect(Cmark.parse("").children.isEmpty)
        let binary = String(decoding: [0, 255, 10, 96, 96, 96, 0, 10], as: UTF8.self)
        #expect(Cmark.parse(binary).kind == .document)
    }
}

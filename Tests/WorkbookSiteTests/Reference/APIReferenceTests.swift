import Foundation
import Testing
@testable import WorkbookSite

/// The API reference comes from the compiler's symbol graph of the real libraries.
@Suite struct APIReferenceTests {
    @Test func theReferenceHoldsTheLibrariesDocumentedSymbols() throws {
        let reference = try APIReference.forPackage()
        #expect(reference.modules.map(\.name) == ["Neural", "Charts", "NeuralTraining", "WorkbookRuntime"])
        let neural = try #require(reference.modules.first)
        let matmul = try #require(neural.symbols.first { $0.path == ["Tensor", "matmul(_:)"] })
        #expect(matmul.declaration == "func matmul(_ other: Tensor) -> Tensor")
        #expect(matmul.documentation.contains("The matrix product over the last two axes"))
        #expect(matmul.file == "Sources/Neural/Tensor/Tensor+MatMul.swift")
        #expect(reference.links["Tensor"] == "api-neural.html#Tensor")
        #expect(reference.links["LineChart"] == "api-charts.html#LineChart")

        let page = ReferencePage(module: neural, highlighter: SwiftHighlighter()).html()
        #expect(page.contains("<h3 id=\"Tensor.matmul-_--\"><code>Tensor.matmul(_:)</code>"))
        #expect(page.contains("<h2 id=\"Tensor\"><code>Tensor</code>"))

        var search = SearchIndex()
        search.add(neural)
        let tensor = try #require(search.entries.first { $0.section == "Tensor" })
        #expect(tensor.url == "api-neural.html#Tensor")
        #expect(tensor.chapter == "API: Neural")
        #expect(tensor.text.contains("matmul(_:)"))
    }

    @Test func namesInCodeLinkToTheirEntriesButMembersDoNot() {
        var highlighter = SwiftHighlighter()
        highlighter.links = ["Tensor": "api-neural.html#Tensor", "matmul": "nowhere.html", "weightedSum": "api-neural.html#weightedSum-_-weights-bias-"]
        let html = highlighter.html("let t = Tensor([1]).matmul(a) + weightedSum(x, weights: w, bias: 0)")
        #expect(html.contains("<a class=\"api-link\" href=\"api-neural.html#Tensor\"><span class=\"ty\">Tensor</span></a>"))
        #expect(html.contains("<a class=\"api-link\" href=\"api-neural.html#weightedSum-_-weights-bias-\"><span class=\"fn\">weightedSum</span></a>"))
        #expect(!html.contains("nowhere.html"))
    }
}

import Testing
import WorkbookKit
@testable import WorkbookSite

/// Computed values are shown rounded to two decimals more than the expected value was written
/// with, exact one hover or focus away; vectors wrap between numbers, matrices are grids.
@Suite struct ValueCellTests {
    @Test(arguments: [
        ("0.3 ± 1e-10", 3), ("0.857 ± 0.0005", 5), ("[[0.401112, 0.2]] (each ± half its last digit)", 8),
        ("42 ± 0.5", 2), ("-1.111331 ± 5e-07", 8), ("0.123456789012 ± 1e-13", 12), ("true", nil),
    ] as [(String, Int?)])
    func decimalsFollowTheExpectedValue(expected: String, decimals: Int?) {
        #expect(ValueCell.shownDecimals(forExpected: expected) == decimals)
    }

    @Test(arguments: [
        ("0.29999999999999993", 3, "0.300"),
        ("-0.2642962110943614", 8, "-0.26429621"),
        ("-0.0000000001", 3, "-1.00e-10"),      // no significant digit at three decimals
        ("-1e-20", 3, "-1.00e-20"),
        ("-0.0004", 3, "-4.00e-04"),
        ("-0.0006", 3, "-0.001"),
        ("0.0", 3, "0.000"),
        ("42", 3, "42"),                         // an integer stays as computed
        ("nan", 3, "nan"),
    ])
    func numbersAreRounded(text: String, decimals: Int, shown: String) {
        #expect(ValueCell.format(Double(text) ?? .nan, text: text, decimals: decimals) == shown)
    }

    @Test func aRoundedValueKeepsItsExactValueOneFocusAway() {
        let html = ValueCell.html(computed: "0.29999999999999993", expected: "0.3 ± 1e-10", exact: false)
        #expect(html == "<data class=\"rounded\" value=\"0.29999999999999993\" title=\"exactly 0.29999999999999993\" tabindex=\"0\"><span class=\"number\">0.300</span></data>")
    }

    @Test func aValueThatRoundsToItselfIsShownPlain() {
        #expect(ValueCell.html(computed: "0.2500", expected: "0.25 ± 1e-12", exact: false) == "<span class=\"number\">0.2500</span>")
    }

    @Test func exactChecksShowEveryDigit() {
        #expect(ValueCell.html(computed: "0.30000000000000004", expected: "== 0.3", exact: true) == "<span class=\"number\">0.30000000000000004</span>")
    }

    @Test func vectorsWrapBetweenNumbersAndMatricesAreGrids() {
        let vector = ValueCell.html(computed: "[1.0, -2.5]", expected: "[1, -2.5] ± 1e-9", exact: false)
        #expect(vector.contains("<span class=\"vector\">[<span class=\"number\">1.000</span>, <span class=\"number\">-2.500</span>]</span>"))
        let row = ValueCell.html(computed: "[[1.0, 2.0]]", expected: "[[1, 2]] ± 1e-9", exact: true)
        #expect(row == "<span class=\"vector\">[<span class=\"vector\">[<span class=\"number\">1.0</span>, <span class=\"number\">2.0</span>]</span>]</span>")
        let matrix = ValueCell.html(computed: "[[1.0, 2.0], [3.0, 4.0]]", expected: "== [[1, 2], [3, 4]]", exact: true)
        #expect(matrix == "<span class=\"matrix\" style=\"grid-template-columns: repeat(2, auto)\"><span class=\"number\">1.0</span><span class=\"number\">2.0</span><span class=\"number\">3.0</span><span class=\"number\">4.0</span></span>")
        // Ragged rows are not a matrix.
        #expect(ValueCell.html(computed: "[[1.0], [2.0, 3.0]]", expected: "", exact: true).hasPrefix("<span class=\"vector\">"))
    }

    @Test(arguments: ["\"perceptron\"", "(1, 2)", "[1, 2", "Optional(3)", "[\"input\", \"tanh\"]"])
    func otherTextIsShownAsComputed(text: String) {
        #expect(ValueCell.html(computed: text, expected: "== 1", exact: true) == "<span class=\"number\">\(HTML.escape(text))</span>")
    }

    @Test func aToleranceSharedByEveryRowIsSaidOnceInTheCaption() throws {
        let chapter = try ChapterParser().parse("# T\n\n```expect\na ≈ 0.5 ± 1e-9\nb ≈ 0.25 ± 1e-9\n```\n\n```expect\nc ≈ 1 ± 1e-9\nd == 2\n```\n", path: "chapters/01-t.md")
        let blocks = chapter.blocks.compactMap { block -> ExpectBlock? in if case .expectations(let e) = block { return e } else { return nil } }
        let lines = "# T\n\n```expect\na ≈ 0.5 ± 1e-9\nb ≈ 0.25 ± 1e-9\n```\n".split(separator: "\n", omittingEmptySubsequences: false)
        let shared = CheckTable(block: blocks[0], results: [:], lines: lines).html()
        #expect(shared.contains("; every expected value ± 1e-9</caption>"), "\(shared)")
        #expect(!shared.contains("<span class=\"tolerance\">"))
        let mixed = CheckTable(block: blocks[1], results: [:], lines: lines).html()
        #expect(!mixed.contains("every"))
        #expect(mixed.contains("<span class=\"tolerance\">± 1e-9</span>"))
    }
}

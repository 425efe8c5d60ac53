import Testing
@testable import WorkbookSite

@Suite struct SwiftHighlighterTests {
    @Test(arguments: [
        ("let x = 1", "<span class=\"kw\">let</span> x = <span class=\"nu\">1</span>"),
        ("var p = Perceptron(featureCount: 2)",
         "<span class=\"kw\">var</span> p = <span class=\"ty\">Perceptron</span>(featureCount: <span class=\"nu\">2</span>)"),
        ("relu(-0.5e-3)", "<span class=\"fn\">relu</span>(-<span class=\"nu\">0.5e-3</span>)"),
        ("print(\"a \\(b) <c>\") // note", "<span class=\"fn\">print</span>(<span class=\"st\">&quot;a \\(b) &lt;c&gt;&quot;</span>) <span class=\"co\">// note</span>"),
        ("\"\\(xs.map { \"\\($0)\" })\"", "<span class=\"st\">&quot;\\(xs.map { &quot;\\($0)&quot; })&quot;</span>"),
        ("/* a /* b */ c */ x", "<span class=\"co\">/* a /* b */ c */</span> x"),
        ("@MainActor func f()", "<span class=\"at\">@MainActor</span> <span class=\"kw\">func</span> <span class=\"fn\">f</span>()"),
        ("a.self && b.default", "a.self &amp;&amp; b.default"),
        ("[1, 2].count", "[<span class=\"nu\">1</span>, <span class=\"nu\">2</span>].count"),
    ])
    func highlights(code: String, expected: String) {
        #expect(SwiftHighlighter().html(code) == expected)
    }

    @Test func multilineStringsStayOneToken() {
        let html = SwiftHighlighter().html("let s = \"\"\"\nline \"quoted\"\n\"\"\"\nlet t = 2")
        #expect(html.contains("<span class=\"st\">&quot;&quot;&quot;\nline &quot;quoted&quot;\n&quot;&quot;&quot;</span>"))
        #expect(html.hasSuffix("<span class=\"kw\">let</span> t = <span class=\"nu\">2</span>"))
    }
}

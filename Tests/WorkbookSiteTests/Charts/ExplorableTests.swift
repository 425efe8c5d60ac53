@testable import Charts
import Foundation
import Testing
@testable import WorkbookKit
@testable import WorkbookSite

@Suite struct ExplorableTests {
    /// A choice of two, a slider of three and two steps: twelve states.
    static func sample() -> Explorable {
        var explorable = Explorable(title: "Sample", description: "A test.")
        explorable.choice("f", label: "Function", options: ["double", "square"], initial: "square")
        explorable.slider("x", label: "x", values: [-1, 0.5, 2], initial: 0.5)
        explorable.step("k", label: "Step", count: 2)
        return explorable
    }

    @Test func statesAreEnumeratedInMixedRadixWithTheLastControlFastest() {
        let explorable = Self.sample()
        #expect(explorable.stateCount == 12)
        var seen: [String] = []
        var computed = explorable
        computed.compute { state in
            seen.append("\(state.index):\(state.choice("f")),\(state.value("x")),\(state.step("k"))")
            return ExplorableView()
        }
        #expect(seen.count == 12)
        #expect(Array(seen.prefix(4)) == ["0:double,-1.0,1", "1:double,-1.0,2", "2:double,0.5,1", "3:double,0.5,2"])
        #expect(seen[6] == "6:square,-1.0,1" && seen[11] == "11:square,2.0,2")
        #expect(explorable.initialStateIndex == 6 + 2)   // square, 0.5, step 1
        #expect(explorable.index(of: [1, 2, 1]) == 11)
        #expect(explorable.state(at: 11).positions == [1, 2, 1])
        for index in 0..<12 { #expect(explorable.index(of: explorable.state(at: index).positions) == index) }
    }

    @Test func withoutControlsThereIsOneState() {
        var explorable = Explorable(title: "Still", description: "")
        #expect(explorable.stateCount == 1)
        explorable.compute { _ in ExplorableView(readouts: [ExplorableReadout(label: "a", value: 1, text: "1")]) }
        #expect(explorable.views.count == 1)
        #expect(explorable.json.contains("\"states\":[{\"svg\":-1,\"texts\":[\"1\"],\"values\":[\"1.0\"]}]"))
    }

    static func computed() -> Explorable {
        var explorable = sample()
        explorable.compute { state in
            let x = state.value("x")
            let y = state.choice("f") == "double" ? 2 * x : x * x
            // The figure depends on the function only, so six SVGs are stored twice each.
            let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>\(state.choice("f")) \(state.value("x"))</title></svg>"
            var view = ExplorableView(svg: svg)
            view.readout("y", y, decimals: 3)
            view.readout("step", Double(state.step("k")), text: "#\(state.step("k"))")
            return view
        }
        return explorable
    }

    @Test func jsonIsDeterministicAndStoresIdenticalFiguresOnce() throws {
        let json = Self.computed().json
        #expect(json == Self.computed().json)
        let decoded = try #require(ExplorableFigure(json: json))
        #expect(decoded.svgs.count == 6)
        #expect(decoded.states.count == 12)
        #expect(decoded.states.map(\.svg) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(decoded.readouts == ["y", "step"])
        #expect(decoded.states[8] == ExplorableFigure.State(svg: 4, texts: ["0.250", "#1"], values: ["0.25", "1.0"]))
        #expect(decoded.states[0].texts == ["−2.000", "#1"])
        #expect(decoded.controls[1] == ExplorableFigure.Control(
            kind: "slider", name: "x", label: "x", texts: ["−1", "0.5", "2"], values: ["-1.0", "0.5", "2.0"], initial: 1))
        #expect(decoded.controls[2].texts == ["Step 1 of 2", "Step 2 of 2"])
        #expect(decoded.initialState == 8)
        #expect(decoded.structuralProblem == nil)
        #expect(json.hasPrefix("{\"controls\":[{\"initial\":1,\"kind\":\"choice\",\"label\":\"Function\",\"name\":\"f\",\"texts\":[\"double\",\"square\"],\"values\":[]},"))
        #expect(json.hasSuffix("\"title\":\"Sample\"}"))
    }

    @Test func jsonEscapesQuotesBackslashesAndControlCharacters() throws {
        var explorable = Explorable(title: "a \"quote\" \\ back\nslash\u{1}", description: "</script><!--")
        explorable.compute { _ in ExplorableView() }
        let json = explorable.json
        #expect(json.contains("\"title\":\"a \\\"quote\\\" \\\\ back\\nslash\\u0001\""))
        let decoded = try #require(ExplorableFigure(json: json))
        #expect(decoded.title == "a \"quote\" \\ back\nslash\u{1}")
        #expect(decoded.description == "</script><!--")
        // On the page, no `<` is left in the data, so it cannot close its script.
        let script = try FigureEmbed.scriptJSON(ExplorablePageData(decoded))
        #expect(!script.contains("<"))
        #expect(script.contains("\\u003c/script>\\u003c!--"))
        let back = try JSONDecoder().decode(ExplorablePageData.self, from: Data(script.utf8))
        #expect(back == ExplorablePageData(decoded))
        #expect(back.title == decoded.title && back.description == decoded.description)
    }

    @Test func nonFiniteReadoutsSurviveAsText() throws {
        var explorable = Explorable(title: "t", description: "d")
        explorable.compute { _ in
            var view = ExplorableView()
            view.readout("a", .nan, decimals: 2)
            view.readout("b", -.infinity, decimals: 2)
            view.readout("c", -0.25, decimals: 3)
            return view
        }
        let decoded = try #require(ExplorableFigure(json: explorable.json))
        #expect(decoded.states[0].texts == ["nan", "−∞", "−0.250"])
        #expect(decoded.states[0].values == ["nan", "-inf", "-0.25"])
    }

    @Test func tooManyStatesNamesTheCountAndTheControls() {
        var explorable = Explorable(title: "Big", description: "")
        explorable.slider("a", label: "a", values: (0..<50).map(Double.init), initial: 0)
        explorable.slider("b", label: "b", values: (0..<41).map(Double.init), initial: 0)
        #expect(explorable.stateCount == 2_050)
        #expect(Explorable.tooManyStatesMessage(explorable.stateCount, controls: explorable.controls)
            == "Explorable has 2050 states (a: 50, b: 41), more than the 2000 a page may carry; use coarser grids or fewer controls")
    }

    @Test func computingTooManyStatesStopsWithTheMessage() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var explorable = Explorable(title: "Big", description: "")
            explorable.slider("a", label: "a", values: (0..<50).map(Double.init), initial: 0)
            explorable.slider("b", label: "b", values: (0..<41).map(Double.init), initial: 0)
            explorable.compute { _ in ExplorableView() }
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("Explorable has 2050 states (a: 50, b: 41), more than the 2000 a page may carry"), "\(text)")
        }
    }

    @Test func theExplorableEmbedHasDisabledControlsTheInitialStateAndTheData() throws {
        let explorable = try #require(ExplorableFigure(json: Self.computed().json))
        let html = try FigureEmbed.html(Figure(snippetIndex: 3, explorable: explorable), at: SourceLocation(file: "c.md", line: 7), id: "explorable-3-1")
        #expect(html.hasPrefix("<figure class=\"explorable\" id=\"explorable-3-1\" aria-describedby=\"explorable-3-1-description\">\n<figcaption>Sample</figcaption>"))
        #expect(html.contains("<p class=\"sr-only\" id=\"explorable-3-1-description\">A test.</p>"))
        #expect(html.contains("<label for=\"explorable-3-1-control-1\">x</label>\n<input type=\"range\" id=\"explorable-3-1-control-1\" min=\"0\" max=\"2\" step=\"1\" value=\"1\" aria-valuetext=\"0.5\" disabled>\n<output for=\"explorable-3-1-control-1\">0.5</output>"))
        #expect(html.contains("<select id=\"explorable-3-1-control-0\" disabled><option value=\"0\">double</option><option value=\"1\" selected>square</option></select>"))
        #expect(html.contains("<button type=\"button\" data-step=\"-1\" aria-controls=\"explorable-3-1-control-2\" disabled>Previous</button><output id=\"explorable-3-1-control-2\" aria-live=\"polite\">Step 1 of 2</output><button type=\"button\" data-step=\"1\" aria-controls=\"explorable-3-1-control-2\" disabled>Next</button>"))
        // Every control is disabled until the script enables it.
        #expect(html.components(separatedBy: " disabled>").count - 1 == 4)   // the range, the select and both buttons
        // The initial state (square, 0.5, step 1) is on the page without a script.
        #expect(html.contains("<div class=\"explorable-figure\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"><title>square 0.5</title></svg>\n</div>"))
        #expect(html.contains("<div><dt>y</dt><dd><output>0.250</output></dd></div>\n<div><dt>step</dt><dd><output>#1</output></dd></div>"))
        let script = try #require(html.range(of: "<script type=\"application/json\" class=\"explorable-data\">"))
        let end = try #require(html.range(of: "</script>", range: script.upperBound..<html.endIndex))
        let data = String(html[script.upperBound..<end.lowerBound])
        #expect(!data.contains("<"))
        let page = try JSONDecoder().decode(ExplorablePageData.self, from: Data(data.utf8))
        #expect(page.states == explorable.states && page.controls == explorable.controls && page.readouts == explorable.readouts)
        #expect(explorable.svgs.indices.map(page.figure) == explorable.svgs)
    }

    /// Figures are stored as lines, each distinct line once: two figures that differ in one line
    /// of three store four lines, and each comes back byte for byte (an empty last line too).
    @Test func pageDataStoresEachDistinctLineOnceAndGivesEveryFigureBack() {
        let figures = ["<svg>\n<g>axes</g>\n<circle cx=\"1\"/>\n</svg>", "<svg>\n<g>axes</g>\n<circle cx=\"2\"/>\n</svg>", "<svg/>\n"]
        let explorable = ExplorableFigure(
            title: "t", description: "d", controls: [.init(kind: "step", name: "s", label: "s", texts: ["1", "2", "3"], initial: 0)],
            readouts: [], svgs: figures, states: (0..<3).map { .init(svg: $0, texts: [], values: []) })
        let page = ExplorablePageData(explorable)
        #expect(page.lines == ["<svg>", "<g>axes</g>", "<circle cx=\"1\"/>", "</svg>", "<circle cx=\"2\"/>", "<svg/>", ""])
        #expect(page.svgs == [[0, 1, 2, 3], [0, 1, 4, 3], [5, 6]])
        #expect(figures.indices.map(page.figure) == figures)
    }

    @Test(arguments: [
        "<svg><script>alert(1)</script></svg>",
        "<svg><a href=\"javascript:alert(1)\">x</a></svg>",
        "<svg><foreignObject></foreignObject></svg>",
        "<svg><rect onclick=\"alert(1)\"/></svg>",
        "<div></div>",
    ])
    func aStateWithAnUnsafeFigureIsAnErrorAtTheSnippetLine(bad: String) throws {
        var explorable = try #require(ExplorableFigure(json: Self.computed().json))
        explorable.svgs[5] = bad
        let location = SourceLocation(file: "chapters/01-intro.md", line: 12)
        #expect {
            _ = try FigureEmbed.html(Figure(snippetIndex: 1, explorable: explorable), at: location)
        } throws: { error in
            guard let error = error as? WorkbookError else { return false }
            return error.location == location && error.message.contains("figure 6 of the explorable \"Sample\"")
        }
    }

    @Test func aMalformedExplorableIsAnErrorAtTheSnippetLine() throws {
        var explorable = try #require(ExplorableFigure(json: Self.computed().json))
        explorable.states.removeLast()
        let location = SourceLocation(file: "chapters/01-intro.md", line: 12)
        #expect(explorable.structuralProblem == "it has 11 states, not the 12 its controls make")
        #expect(throws: WorkbookError.self) { _ = try FigureEmbed.html(Figure(snippetIndex: 1, explorable: explorable), at: location) }
    }

    @Test func chapterRunReadsExplorablesBesideFiguresAndTheCacheKeepsThem() throws {
        let json = Self.computed().json
        var quoted = ""
        for character in json {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            default: quoted.append(character)
            }
        }
        var run = ChapterRun()
        let records = """
            {"key":"2a","begin":"snippet","id":0,"stdout":0}
            {"key":"2a","figure":"<svg>a</svg>","snippet":0}
            {"key":"2a","explorable":"\(quoted)","snippet":0}
            {"key":"2a","explorable":"{\\"not\\":\\"one\\"}","snippet":0}
            {"key":"2a","end":true,"stdout":0}
            """
        run.read(records: records, standardOutput: Data(), key: 0x2a)
        #expect(run.ending == .finished)
        let explorable = try #require(ExplorableFigure(json: json))
        #expect(run.figures == [Figure(snippetIndex: 0, svg: "<svg>a</svg>"), Figure(snippetIndex: 0, explorable: explorable)])

        var report = ChapterReport(path: "x.md", chapter: nil, results: [], problems: [], seconds: 0)
        report.figures = run.figures
        let decoded = try JSONDecoder().decode(ChapterReport.self, from: JSONEncoder().encode(report))
        #expect(decoded.figures == run.figures)
        // A figure cached before explorables existed decodes unchanged.
        let old = try JSONDecoder().decode(Figure.self, from: Data(#"{"snippetIndex":2,"svg":"<svg/>"}"#.utf8))
        #expect(old == Figure(snippetIndex: 2, svg: "<svg/>") && old.explorable == nil)
    }
}

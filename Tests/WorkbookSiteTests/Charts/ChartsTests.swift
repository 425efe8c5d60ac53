@testable import Charts
import Testing
@testable import WorkbookSite

@Suite struct ChartsTests {
    @Test func aChartHasAxesTicksLegendAndEverySeries() {
        var chart = LineChart(title: "Loss & accuracy", xLabel: "epoch", yLabel: "loss")
        chart.add("train", y: [1.0, 0.5, 0.25])
        chart.add("test", y: [1, 1, 0])
        let svg = chart.svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 640 360\""))
        #expect(svg.contains("<title>Loss &amp; accuracy</title>"))
        #expect(svg.components("class=\"chart-series chart-series-").count == 3)
        #expect(svg.contains(">train</text>") && svg.contains(">test</text>"))
        #expect(svg.contains(">epoch</text>") && svg.contains(">loss</text>"))
        #expect(svg.contains(">0.2</text>") && svg.contains(">1.0</text>") && svg.contains(">2.5</text>"))
        #expect(svg.contains("stroke-dasharray=\"7 4\""))
        #expect(svg == chart.svg)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    /// Without a description the `<desc>` summarises each series from its finite points: "train"
    /// runs from x = 1 to 3 and falls from 1 to 0.25; "gap" keeps 2 of its 3 points (the NaN is
    /// skipped); "none" has no finite point; "tiny" is written with six decimals, "big" whole.
    @Test func theDescriptionSummarisesEachSeries() {
        var chart = LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss")
        chart.add("train", y: [1.0, 0.5, 0.25])
        chart.add("gap", x: [0, 1, 2], y: [-2, .nan, 3])
        chart.add("none", x: [.nan], y: [1])
        chart.add("tiny", x: [5], y: [0.00012345])
        chart.add("big", x: [1, 2], y: [1234.5, 99.99])
        #expect(chart.resolvedDescription == "A line chart of loss against epoch with 5 series."
            + " train: 3 points from x = 1 to 3; y starts at 1, ends at 0.25, lowest 0.25, highest 1."
            + " gap: 2 points from x = 0 to 2; y starts at −2, ends at 3, lowest −2, highest 3."
            + " none: no points."
            + " tiny: one point at x = 5; y starts at 0.000123, ends at 0.000123, lowest 0.000123, highest 0.000123."
            + " big: 2 points from x = 1 to 2; y starts at 1235, ends at 99.99, lowest 99.99, highest 1235.")
        #expect(chart.svg.contains("<desc>A line chart of loss against epoch with 5 series. train: 3 points"))
        chart.description = "Loss & more"
        #expect(chart.svg.contains("<desc>Loss &amp; more</desc>"))
        #expect(LineChart(title: "t").resolvedDescription == "A line chart with 0 series.")
    }

    @Test func nonFiniteValuesBreakTheLine() {
        var chart = LineChart(title: "Gaps")
        chart.add("y", x: [0, 1, 2, 3], y: [0, .nan, 1, 2])
        #expect(chart.svg.contains("d=\"M48 330M432 194L624 58\""))
    }

    @Test func aChartPassesTheSitesFigureCheck() throws {
        var chart = LineChart(title: "Sigmoid", xLabel: "z")
        chart.add("σ", over: -4...4) { 1 / (1 + _exp(-$0)) }
        let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: chart.svg), at: .init(file: "x.md", line: 1))
        #expect(html.hasPrefix("<figure class=\"figure\">\n<svg"))
    }
}

/// `exp` without Foundation, precise enough for a plot.
private func _exp(_ x: Double) -> Double {
    var term = 1.0, sum = 1.0
    for n in 1..<60 {
        term *= x / Double(n)
        sum += term
    }
    return sum
}

extension String {
    fileprivate func components(_ separator: String) -> [Substring] {
        split(separator: separator, omittingEmptySubsequences: false)
    }
}

@Suite struct AxisScaleTests {
    @Test(arguments: [
        (0.0, 1.0, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (-4.0, 4.0, 6, [-4.0, -2, 0, 2, 4]),
        (1.0, 20.0, 6, [0.0, 5, 10, 15, 20]),
        (0.013, 0.087, 5, [0.0, 0.02, 0.04, 0.06, 0.08, 0.1]),
        (3.0, 3.0, 5, [2.0, 3.0, 4.0]),
    ])
    func ticksAreRoundAndCoverTheData(low: Double, high: Double, target: Int, ticks: [Double]) {
        let scale = AxisScale(covering: low, high, targetTicks: target)
        #expect(scale.ticks.count == ticks.count)
        for (tick, expected) in zip(scale.ticks, ticks) {
            #expect(abs(tick - expected) < 1e-9)
        }
    }
}

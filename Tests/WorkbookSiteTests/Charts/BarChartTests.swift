@testable import Charts
import Testing
@testable import WorkbookSite

extension ChartsTests {
    @Suite struct BarChartTests {
        /// One series, so no legend: a 640 × 360 plot in x 48…624, y 36…330. The values 2 and −1 give
        /// a y axis −1…2 in steps of 1, 294 / 3 = 98 pixels a unit: 0 at 330 − 98 = 232. Each of the
        /// two categories has a slot of 576 / 2 = 288 pixels and a bar 0.8 · 288 = 230.4 wide, starting
        /// 0.1 · 288 = 28.8 into the slot: "a" spans x 76.8…307.2 and y 36…232 (2 · 98 = 196 high),
        /// "b" hangs from the zero line, y 232…330.
        @Test func barsRiseAndHangFromTheZeroLine() {
            var chart = BarChart(title: "Signs & bars", categories: ["a", "b"])
            chart.add("value", values: [2, -1])
            chart.showsValues = true
            chart.decimals = 1
            let svg = chart.svg
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar\" viewBox=\"0 0 640 360\""))
            #expect(svg.contains("<title>Signs &amp; bars</title>"))
            #expect(svg.contains("<desc>A bar chart of value over 2 categories: a and b.</desc>"))
            #expect(svg.contains("<rect x=\"76.8\" y=\"36\" width=\"230.4\" height=\"196\"><title>value, a: 2.0</title></rect>"))
            #expect(svg.contains("<rect x=\"364.8\" y=\"232\" width=\"230.4\" height=\"98\"><title>value, b: −1.0</title></rect>"))
            #expect(svg.contains("<line class=\"bar-zero\" x1=\"48\" y1=\"232\" x2=\"624\" y2=\"232\""))
            // Value labels above the positive bar, below the negative one; category labels under the slots.
            #expect(svg.contains("<text x=\"192\" y=\"32\" text-anchor=\"middle\">2.0</text>"))
            #expect(svg.contains("<text x=\"480\" y=\"342\" text-anchor=\"middle\">−1.0</text>"))
            #expect(svg.contains("<text x=\"192\" y=\"346\">a</text>") && svg.contains("<text x=\"480\" y=\"346\">b</text>"))
            #expect(!svg.contains("chart-legend"))
            #expect(svg == chart.svg)
        }

        /// Three series in two categories: six bars, each a third of 0.8 of the slot, a legend row
        /// (so the plot starts at y 58), and each series its own colour and outline dash.
        @Test func groupedBarsHaveAColourAndDashPerSeries() {
            var chart = BarChart(title: "Groups", categories: ["zeros", "He"], yLabel: "accuracy")
            chart.add("train", values: [0.1, 0.9])
            chart.add("test", values: [0.1, 0.8])
            chart.add("val", values: [0.2, 0.85])
            let svg = chart.svg
            #expect(count(svg, "<rect ") == 6 + 3)    // bars and legend swatches
            #expect(count(svg, "<g class=\"bar-series bar-series-") == 3)
            #expect(svg.contains("fill=\"#D55E00\" stroke=\"currentColor\" stroke-width=\"1\" stroke-dasharray=\"7 4\">"))
            #expect(svg.contains(">train</text>") && svg.contains(">val</text>") && svg.contains(">accuracy</text>"))
            // Slots of (624 − 64) / 2 = 280; bars 0.8 · 280 / 3 = 74.67 wide; "val" in "He" starts at
            // 64 + 280 + 28 + 2 · 74.67 = 521.33.
            #expect(svg.contains("<rect x=\"521.33\" "))
            #expect(!svg.contains("bar-values"))
        }

        /// Values that are not finite draw nothing and write nothing.
        @Test func nonFiniteValuesDrawNoBar() {
            var chart = BarChart(title: "gaps", categories: ["a", "b", "c"])
            chart.add("s", values: [1, .nan, .infinity])
            chart.add("t", values: [2, .nan, .nan])
            chart.showsValues = true
            let svg = chart.svg
            #expect(count(svg, "<title>") == 1 + 2)    // the figure's and two bars'
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }

        /// A series with more or fewer values than categories is a programmer's error, stopped with
        /// a message naming the series and both counts (chapter 8's histogram once lost its last bar
        /// to a category list one short).
        @Test func aSeriesMustHaveAValuePerCategory() async {
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var chart = BarChart(title: "bins", categories: ["a", "b"])
                chart.add("share", values: [0.5, 0.25, 0.25])
            }.map { result in
                let text = String(decoding: result.standardErrorContent, as: UTF8.self)
                #expect(text.contains("BarChart.add: \"share\" has 3 values for 2 categories"), "\(text)")
            }
        }

        /// A given range cuts bars at its ends: 0…1 with a value of 5 draws a bar to the top, 36…330
        /// without a legend, and keeps the true value in its label.
        @Test func barsAreCutAtTheRange() {
            var chart = BarChart(title: "cut", categories: ["a"])
            chart.add("s", values: [5])
            chart.yRange = 0...1
            #expect(chart.svg.contains("y=\"36\" width=\"460.8\" height=\"294\"><title>s, a: 5.00</title>"))
        }

        @Test func aBarChartPassesTheSitesFigureCheck() throws {
            var chart = BarChart(title: "weights", categories: ["w₁", "w₂", "b"], description: "Two weights and a bias")
            chart.add("before", values: [0.5, -0.25, 0])
            chart.add("after", values: [1.5, -1, 0.5])
            chart.showsValues = true
            let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: chart.svg), at: .init(file: "x.md", line: 1))
            #expect(html.contains("<desc>Two weights and a bias</desc>"))
        }
    }
}

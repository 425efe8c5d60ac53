@testable import Charts
import Testing
@testable import WorkbookSite

extension ChartsTests {
    @Suite struct ScatterChartTests {
        /// A 520 × 440 chart without axis labels and a one-row legend has its plot in x 48…504,
        /// y 58…410. With both ranges −2…2 (ticks of 1) that is 456 / 4 = 114 pixels per unit across
        /// and 352 / 4 = 88 up: data (1, 0) lands at (48 + 3 · 114, 410 − 2 · 88) = (390, 234).
        private func square() -> ScatterChart {
            var chart = ScatterChart(title: "Two classes & a line")
            chart.xRange = -2...2
            chart.yRange = -2...2
            return chart
        }

        @Test(arguments: [
            (1.0, 0.0, "cx=\"390\" cy=\"234\""), (0.0, 0.0, "cx=\"276\" cy=\"234\""),
            (-2.0, -2.0, "cx=\"48\" cy=\"410\""), (2.0, 2.0, "cx=\"504\" cy=\"58\""), (0.5, -1.5, "cx=\"333\" cy=\"366\""),
        ])
        func pointsLandWhereTheAxesPutThem(x: Double, y: Double, expected: String) {
            var chart = square()
            chart.add("a", x: [x], y: [y])
            #expect(chart.svg.contains("<circle \(expected) r=\"4.5\" fill=\"#0072B2\"/>"))
        }

        @Test func classesDifferInColourAndMarkerShape() {
            var chart = square()
            for (index, name) in ["circles", "squares", "triangles", "diamonds", "crosses"].enumerated() {
                chart.add(name, x: [Double(index) - 2, Double(index) * 0.5 - 1], y: [0, 1])
            }
            let svg = chart.svg
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart scatter\" viewBox=\"0 0 520 440\""))
            #expect(svg.contains("role=\"img\" aria-label=\"Two classes &amp; a line\""))
            #expect(svg.contains("<title>Two classes &amp; a line</title>"))
            #expect(svg.contains("<desc>A scatter plot of 5 classes: circles (2 circles), squares (2 squares), triangles (2 triangles), diamonds (2 diamonds) and crosses (2 crosses).</desc>"))
            // Two points per class plus one legend sample each.
            #expect(count(svg, "<circle ") == 3)
            #expect(count(svg, "<rect ") == 3)
            #expect(count(svg, "fill=\"#009E73\"/>") == 3)    // triangles: paths in the third colour
            #expect(count(svg, "fill=\"#CC79A7\"/>") == 3)    // diamonds
            #expect(count(svg, "fill=\"none\" stroke=\"#E69F00\" stroke-width=\"2.2\"/>") == 3)    // crosses are strokes
            #expect(count(svg, "<g class=\"scatter-class scatter-class-") == 5)
            for name in ["circles", "squares", "triangles", "diamonds", "crosses"] { #expect(svg.contains(">\(name)</text>")) }
            #expect(svg == chart.svg)
        }

        /// x + y − 1 = 0 meets the square −2…2 at (−1, 2) and (2, −1): pixels (162, 58) and (504, 322).
        /// x = 1 runs from (1, 2) to (1, −2): pixels (390, 58) to (390, 410). x + y + 10 = 0 misses it.
        @Test func linesAreClippedToThePlot() {
            var chart = square()
            chart.add("a", x: [0], y: [0])
            chart.addBoundary("w·x + b = 0", weights: [1, 1], bias: -1)
            chart.addLine("x = 1", a: 1, b: 0, c: -1)
            chart.addLine("far away", a: 1, b: 1, c: 10)
            let svg = chart.svg
            #expect(svg.contains("class=\"scatter-line scatter-line-1\" d=\"M162 58L504 322\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\">"))
            #expect(svg.contains("class=\"scatter-line scatter-line-2\" d=\"M390 58L390 410\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"7 4\">"))
            #expect(!svg.contains("scatter-line-3"))
            #expect(svg.contains(">w·x + b = 0</text>") && svg.contains(">far away</text>"))
        }

        /// Four columns of cells with centres at x = −1.5, −0.5, 0.5, 1.5: classes 0, 0, 1, 1 in each
        /// row, merged into two rectangles a row. The top row (y > 1) is left blank by class −1.
        /// The lowest row spans y −2…−1, pixels 322…410; its class-0 run spans x −2…0, pixels 48…276.
        @Test func regionsAreTintedCellsUnderThePoints() throws {
            var chart = square()
            chart.add("a", x: [-1], y: [0])
            chart.add("b", x: [1], y: [0])
            chart.shadeRegions(resolution: 4) { x, y in y > 1 ? -1 : (x >= 0 ? 1 : 0) }
            let regions = try #require(chart.regions)
            #expect(regions.classes == [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, -1, -1, -1, -1])
            #expect(regions.xEdges == [-2, -1, 0, 1, 2])
            let svg = chart.svg
            let cells = try #require(svg.split(separator: "<g class=\"scatter-regions\"").last?.split(separator: "</g>").first)
            #expect(count(String(cells), "<rect ") == 6)
            #expect(cells.contains("<rect x=\"48\" y=\"322\" width=\"228\" height=\"88\" fill=\"#0072B2\"/>"))
            #expect(cells.contains("<rect x=\"276\" y=\"322\" width=\"228\" height=\"88\" fill=\"#D55E00\"/>"))
            // The cells come before the points, so the points are drawn over them.
            #expect(svg.range(of: "scatter-regions")!.lowerBound < svg.range(of: "scatter-class-1")!.lowerBound)
            #expect(svg.contains("Tinted cells show the class picked at each place."))
        }

        @Test func nonFinitePointsAreSkipped() {
            var chart = square()
            chart.add("a", x: [.nan, 1, 0.5, -.infinity], y: [1, .infinity, 0.5, 0])
            chart.addLine("broken", a: .nan, b: 1, c: 0)
            let svg = chart.svg
            #expect(count(svg, "<circle ") == 2)    // the one finite point and the legend sample
            #expect(!svg.contains("nan") && !svg.contains("inf") && !svg.contains("scatter-line-1"))
            #expect(svg.contains("a (1 circle)"))
        }

        /// A log y axis over 1…100: 10 is half way up, 410 − 176 = 234; y = 0 cannot be placed.
        @Test func aLogYAxis() {
            var chart = square()
            chart.yRange = 1...100
            chart.yAxis = .logarithmic
            chart.add("a", x: [1, 1], y: [10, 0])
            let svg = chart.svg
            #expect(svg.contains("<circle cx=\"390\" cy=\"234\""))
            #expect(count(svg, "<circle ") == 2)
            #expect(svg.contains(">10²</text>"))
        }

        /// On a log axis a line is sampled (64 pieces) along its clipped segment: y = 10 across
        /// x −2…2 with y on 1…100 runs at half height, 234, from x 48 to 504.
        @Test func aLineOnALogAxisIsSampled() throws {
            var chart = square()
            chart.yRange = 1...100
            chart.yAxis = .logarithmic
            chart.add("a", x: [0], y: [5])
            chart.addLine("y = 10", a: 0, b: 1, c: -10)
            let svg = chart.svg
            let d = try #require(svg.split(separator: "scatter-line-1\" d=\"").last?.split(separator: "\"").first)
            #expect(d.hasPrefix("M48 234L") && d.hasSuffix("L504 234"))
            #expect(count(String(d), "L") == 64)
        }

        /// A legend wider than the figure wraps onto rows 18 pixels apart. Each entry takes 7 pixels
        /// a character plus 40: 26 · 7 + 40 = 222, and a row holds 520 − 32 = 488, so two a row:
        /// three rows for five classes, and the plot starts at 58 + 2 · 18 = 94.
        @Test func aLongLegendWraps() {
            var chart = square()
            for index in 0..<5 { chart.add("a rather long class name \(index)", x: [0], y: [0]) }
            let svg = chart.svg
            #expect(svg.contains("y=\"42\" fill=\"currentColor\">a rather long class name 0</text>"))
            #expect(svg.contains("y=\"60\" fill=\"currentColor\">a rather long class name 2</text>"))
            #expect(svg.contains("y=\"78\" fill=\"currentColor\">a rather long class name 4</text>"))
            #expect(svg.contains("<path class=\"chart-frame\" d=\"M48 94V410H504\""))
        }

        @Test func aScatterChartPassesTheSitesFigureCheck() throws {
            var chart = ScatterChart(title: "XOR", xLabel: "x₁", yLabel: "x₂", description: "Four points no line separates")
            chart.add("0", x: [0, 1], y: [0, 1])
            chart.add("1", x: [0, 1], y: [1, 0])
            chart.shadeRegions(resolution: 8) { x, y in (x > 0.5) != (y > 0.5) ? 1 : 0 }
            let svg = chart.svg
            #expect(svg.contains("<desc>Four points no line separates</desc>"))
            let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: svg), at: .init(file: "x.md", line: 1))
            #expect(html.hasPrefix("<figure class=\"figure\">\n<svg"))
        }
    }
}

/// The number of times `part` occurs in `text`.
func count(_ text: String, _ part: String) -> Int {
    text.split(separator: part, omittingEmptySubsequences: false).count - 1
}

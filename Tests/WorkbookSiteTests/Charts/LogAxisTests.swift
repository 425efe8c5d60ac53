@testable import Charts
import Testing

extension ChartsTests {
    @Suite struct LogAxisTests {
        /// Powers of ten are exact; other values agree with the known logarithms to 12 digits.
        @Test(arguments: [
            (1000.0, 3.0), (1.0, 0.0), (0.001, -3.0), (1e-12, -12.0),
            (2.0, 0.301_029_995_663_981_2), (0.5, -0.301_029_995_663_981_2), (3.0, 0.477_121_254_719_662_4),
        ])
        func log10AtKnownValues(value: Double, expected: Double) throws {
            let log = try #require(ChartMath.log10(value))
            #expect(abs(log - expected) < 1e-12)
            if expected == expected.rounded() { #expect(log == expected) }
        }

        @Test func logarithmsOfValuesThatAreNotPositiveAreNil() {
            #expect(ChartMath.log10(0) == nil && ChartMath.log10(-1) == nil && ChartMath.log10(.nan) == nil && ChartMath.log10(.infinity) == nil)
            #expect(abs(ChartMath.exp(1) - 2.718_281_828_459_045) < 1e-14)
            #expect(abs(ChartMath.power(of: 0.5) - 3.162_277_660_168_379_5) < 1e-13)
        }

        /// The range is widened to whole decades: 0.002…0.5 lies in 10⁻³…10⁰.
        @Test(arguments: [
            (0.002, 0.5, [-3, -2, -1, 0]),
            (0.001, 0.1, [-3, -2, -1]),
            (3.0, 3.0, [0, 1]),
            (1.0, 1e5, [0, 1, 2, 3, 4, 5]),
            (1e-12, 1.0, [-12, -10, -8, -6, -4, -2, 0]),   // 12 decades: every second one labelled
        ])
        func ticksArePowersOfTen(low: Double, high: Double, exponents: [Int]) {
            let axis = PlotAxis.logarithmic(low, high)
            #expect(axis.ticks.map(\.value) == exponents.map { ChartMath.power(of: $0) })
            #expect(axis.ticks.map(\.label) == exponents.map { SVGText.powerOfTen($0) })
        }

        @Test(arguments: [(-3, "10⁻³"), (0, "10⁰"), (2, "10²"), (-12, "10⁻¹²")])
        func labelsHaveSuperscriptExponents(exponent: Int, label: String) {
            #expect(SVGText.powerOfTen(exponent) == label)
        }

        /// A 640 × 360 chart without axis labels has its plot in x 48…624, y 58…330 (272 pixels high).
        /// The y axis spans 10⁻³…10⁰, three decades of 272 / 3 = 90.67 pixels: 1 → 58,
        /// 0.1 → 330 − 2 · 90.67 = 148.67, 0.01 → 239.33, 0.001 → 330. The x axis runs 1…4 in steps
        /// of 0.5, 192 pixels per unit.
        @Test func aLogYAxisPlacesDecadesEvenly() {
            var chart = LineChart(title: "Loss")
            chart.yAxis = .logarithmic
            chart.add("loss", y: [1, 0.1, 0.01, 0.001])
            let svg = chart.svg
            #expect(svg.contains("d=\"M48 58L240 148.67L432 239.33L624 330\""))
            #expect(svg.contains("y=\"152.67\" text-anchor=\"end\" stroke=\"none\">10⁻¹</text>"))
            #expect(svg.contains(">10⁻³</text>") && svg.contains(">10⁰</text>"))
            // Three decades, each with grid lines at 2…9 times its power of ten.
            #expect(svg.split(separator: "chart-grid-minor", omittingEmptySubsequences: false).count - 1 == 24)
            #expect(svg == chart.svg)
        }

        /// Values that are not positive, or not finite, are skipped and break the line.
        @Test func valuesThatAreNotPositiveAreSkipped() {
            var chart = LineChart(title: "Loss")
            chart.yAxis = .logarithmic
            chart.add("loss", y: [1, -1, 0.01, 0.001, 0, .nan])
            let svg = chart.svg
            // The points at x = 1, 3, 4 are drawn, and the x range covers only them: 1…4, 192
            // pixels per unit, so x = 3 lands at 48 + 2 · 192 = 432.
            #expect(svg.contains("d=\"M48 58M432 239.33L624 330\""))
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }

        /// A log x axis: 1…100 is two decades of 288 pixels; 10 lands at 48 + 288 = 336.
        @Test func aLogXAxis() {
            var chart = LineChart(title: "Learning rate")
            chart.xAxis = .logarithmic
            chart.add("final loss", x: [1, 10, 100], y: [0, 1, 0])
            #expect(chart.svg.contains("d=\"M48 330L336 58L624 330\""))
            #expect(chart.svg.contains(">10¹</text>"))
        }

        /// A given range that reaches zero keeps its upper end and takes its lower end from the data.
        @Test func aRangeThroughZeroFallsBackToTheData() {
            let axis = PlotAxis.covering([0.05, 0.2], range: 0...10, kind: .logarithmic)
            #expect(axis.ticks.map(\.value) == [0.01, 0.1, 1, 10])
        }
    }
}

/// A line chart drawn as SVG: a title, axes with round ticks and grid lines, axis labels, a legend,
/// and any number of series, each in its own colour and dash pattern (so it reads in print too).
///
/// ```swift
/// var chart = LineChart(title: "Activations", xLabel: "z", yLabel: "f(z)")
/// chart.add("ReLU", over: -3...3) { relu($0) }
/// chart.add("mistakes", y: [3, 2, 1, 0])      // x = 1, 2, 3, …
/// chart.yAxis = .logarithmic                   // ticks at 10⁻³, 10⁻², …; values ≤ 0 are skipped
/// show(chart)                                  // in a chapter: the page shows the figure
/// ```
///
/// The SVG is the same on every machine (coordinates are rounded to two decimals) and uses
/// `currentColor` for text and axes, so it follows the page's light or dark theme.
public struct LineChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// A sentence for screen readers; when empty, the SVG's `<desc>` summarises each series (its
    /// points' x range and where y starts, ends, and its lowest and highest values).
    public var description = ""
    /// The series, in the order they were added (and drawn, and listed in the legend).
    public var series: [ChartSeries] = []
    /// The x range to show; the data's range, rounded to ticks, when nil.
    public var xRange: ClosedRange<Double>?
    /// The y range to show; the data's range, rounded to ticks, when nil.
    public var yRange: ClosedRange<Double>?
    /// How the x axis maps values: `.logarithmic` puts powers of ten evenly apart and skips
    /// values that are not positive.
    public var xAxis: AxisKind = .linear
    /// How the y axis maps values: `.logarithmic` for a loss that falls over orders of magnitude.
    public var yAxis: AxisKind = .linear
    /// The width in pixels (the page scales the figure down to fit).
    public var width = 640.0
    /// The height in pixels.
    public var height = 360.0

    /// The line colours, in order: the Okabe–Ito palette, readable with colour blindness.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    /// The dash patterns, in order, so that series differ without colour too.
    public static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 2", "1 2"]

    /// An empty chart.
    public init(title: String, xLabel: String = "", yLabel: String = "") {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Adds a series through the points `(x[i], y[i])`.
    public mutating func add(_ name: String, x: [Double], y: [Double]) {
        series.append(ChartSeries(name: name, x: x, y: y))
    }

    /// Adds a series of values at x = `firstX`, `firstX + 1`, …: a value per epoch, say.
    public mutating func add(_ name: String, y: [Double], firstX: Double = 1) {
        add(name, x: y.indices.map { firstX + Double($0) }, y: y)
    }

    /// Adds a series of integer values at x = `firstX`, `firstX + 1`, …: mistakes per epoch, say.
    public mutating func add(_ name: String, y: [Int], firstX: Double = 1) {
        add(name, y: y.map(Double.init), firstX: firstX)
    }

    /// Adds the graph of `function` over `range`, sampled at `samples` evenly spaced points.
    public mutating func add(
        _ name: String, over range: ClosedRange<Double>, samples: Int = 161, _ function: (Double) -> Double
    ) {
        let count = Swift.max(2, samples)
        let x = (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
        add(name, x: x, y: x.map(function))
    }

    /// The chart as a standalone `<svg>` element.
    public var svg: String {
        let layout = ChartLayout(chart: self)
        var parts: [String] = []
        let label = SVGText.escaped(title.isEmpty ? "Chart" : title)
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
                + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(label)\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"12\">")
        parts.append("<title>\(label)</title>")
        parts.append("<desc>\(SVGText.escaped(resolvedDescription))</desc>")
        parts += layout.axes()
        for (index, line) in series.enumerated() {
            parts += layout.path(for: line, index: index)
        }
        parts += layout.legend(series.map(\.name))
        if !title.isEmpty {
            parts.append("<text class=\"chart-title\" x=\"\(n(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"currentColor\">\(label)</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The `<desc>`: the chart's description, or one summarising each series from its finite points.
    public var resolvedDescription: String {
        guard description.isEmpty else { return description }
        let axes = xLabel.isEmpty && yLabel.isEmpty ? "" : " of \(yLabel.isEmpty ? "y" : yLabel) against \(xLabel.isEmpty ? "x" : xLabel)"
        var sentences = ["A line chart\(axes) with \(series.count == 1 ? "one series" : "\(series.count) series")."]
        for line in series {
            let points = zip(line.x, line.y).filter { $0.0.isFinite && $0.1.isFinite }
            guard let first = points.first, let last = points.last else {
                sentences.append("\(line.name): no points.")
                continue
            }
            let values = points.map(\.1)
            let count = points.count == 1 ? "one point at x = \(Self.approximate(first.0))" : "\(points.count) points from x = \(Self.approximate(first.0)) to \(Self.approximate(last.0))"
            sentences.append(
                "\(line.name): \(count); y starts at \(Self.approximate(first.1)), ends at \(Self.approximate(last.1)), "
                    + "lowest \(Self.approximate(values.min()!)), highest \(Self.approximate(values.max()!)).")
        }
        return sentences.joined(separator: " ")
    }

    /// `value` for a sentence: whole above 100, two decimals above 1, four above 0.01, else six;
    /// no trailing zeros, a true minus sign.
    static func approximate(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 4 : 6
        let text = SVGText.number(value, decimals: decimals)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

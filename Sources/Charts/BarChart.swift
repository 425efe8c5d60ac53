/// A bar chart drawn as SVG: categories along x, a group of bars per category (one per series,
/// each series in its own colour and outline dash pattern), bars of negative values hanging below
/// a zero line, and optionally each bar's value written at its end.
///
/// ```swift
/// var chart = BarChart(title: "Accuracy by initialisation", categories: ["zeros", "Xavier", "He"], yLabel: "accuracy")
/// chart.add("train", values: [0.11, 0.97, 0.98])
/// chart.add("test", values: [0.10, 0.95, 0.96])
/// chart.showsValues = true
/// show(chart)
/// ```
///
/// The SVG is the same on every machine, uses `currentColor` for text, axes and outlines, and has
/// a `<title>` and a `<desc>` (the `description`, or one listing the categories and series).
public struct BarChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The label under the categories.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// A sentence for screen readers; when empty, the SVG's `<desc>` lists categories and series.
    public var description: String
    /// The categories, left to right.
    public var categories: [String]
    /// The series, in order: series `i` is bar `i` of each group, colour `LineChart.palette[i]`,
    /// outline dash pattern `LineChart.dashes[i]`.
    public var series: [BarSeries] = []
    /// Whether each bar's value is written above it (below it when negative).
    public var showsValues = false
    /// Decimals of the values written on bars.
    public var decimals = 2
    /// The y range to show; the values' range and 0, rounded to ticks, when nil. Bars are cut at its ends.
    public var yRange: ClosedRange<Double>?
    /// The width in pixels.
    public var width = 640.0
    /// The height in pixels.
    public var height = 360.0

    /// An empty chart of `categories`.
    public init(title: String, categories: [String], xLabel: String = "", yLabel: String = "", description: String = "") {
        self.title = title
        self.categories = categories
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.description = description
    }

    /// Adds a series with one value per category; a value that is not finite (`.nan` for "none")
    /// draws no bar.
    ///
    /// - Precondition: `values.count == categories.count`: a bar silently dropped or missing is a
    ///   figure that says less than its data.
    public mutating func add(_ name: String, values: [Double]) {
        precondition(values.count == categories.count, "BarChart.add: \"\(name)\" has \(values.count) values for \(categories.count) categories")
        series.append(BarSeries(name: name, values: values))
    }

    /// The chart as a standalone `<svg>` element.
    public var svg: String {
        let frame = layout()
        var parts = SVGDocument.opening(kind: "bar", width: width, height: height, title: title, fallbackTitle: "Bar chart", description: resolvedDescription)
        parts += frame.axes(xTicks: false)
        let slot = (frame.right - frame.left) / Double(Swift.max(1, categories.count))
        let barWidth = slot * 0.8 / Double(Swift.max(1, series.count))
        let low = frame.yAxis.low, high = frame.yAxis.high
        let zero = frame.y(Swift.min(high, Swift.max(low, 0)))
        var labels: [String] = []
        for (index, bars) in series.enumerated() {
            let colour = LineChart.palette[index % LineChart.palette.count]
            let dash = LineChart.dashes[index % LineChart.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            parts.append("<g class=\"bar-series bar-series-\(index + 1)\" fill=\"\(colour)\" stroke=\"currentColor\" stroke-width=\"1\"\(dashAttribute)>")
            for (category, value) in zip(categories.indices, bars.values) where value.isFinite {
                let x = frame.left + slot * Double(category) + slot * 0.1 + barWidth * Double(index)
                let end = frame.y(Swift.min(high, Swift.max(low, value)))
                let top = Swift.min(zero, end), bottom = Swift.max(zero, end)
                let text = SVGText.label(value, decimals: decimals)
                parts.append("<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(barWidth))\" height=\"\(n(bottom - top))\"><title>\(SVGText.escaped(bars.name)), \(SVGText.escaped(categories[category])): \(text)</title></rect>")
                if showsValues {
                    let y = value < 0 ? bottom + 12 : top - 4
                    labels.append("<text x=\"\(n(x + barWidth / 2))\" y=\"\(n(y))\" text-anchor=\"middle\">\(text)</text>")
                }
            }
            parts.append("</g>")
        }
        if !labels.isEmpty {
            parts.append("<g class=\"bar-values\" fill=\"currentColor\" font-size=\"10\">")
            parts += labels
            parts.append("</g>")
        }
        parts.append("<line class=\"bar-zero\" x1=\"\(n(frame.left))\" y1=\"\(n(zero))\" x2=\"\(n(frame.right))\" y2=\"\(n(zero))\" stroke=\"currentColor\" stroke-width=\"1.2\"/>")
        parts.append("<g class=\"bar-categories\" fill=\"currentColor\" text-anchor=\"middle\">")
        for (index, category) in categories.enumerated() {
            parts.append("<text x=\"\(n(frame.left + slot * (Double(index) + 0.5)))\" y=\"\(n(frame.bottom + 16))\">\(SVGText.escaped(category))</text>")
        }
        parts.append("</g>")
        parts += ChartLegend.svg(legendEntries, width: width, y: 38)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The `<desc>`: the chart's description, or one listing its categories and series.
    public var resolvedDescription: String {
        guard description.isEmpty else { return description }
        return "A bar chart of \(series.isEmpty ? "no series" : SVGDocument.list(series.map(\.name))) over \(categories.count == 1 ? "one category" : "\(categories.count) categories")\(categories.isEmpty ? "" : ": " + SVGDocument.list(categories))."
    }

    /// A legend only when there is more than one series.
    private var legendEntries: [LegendEntry] {
        guard series.count > 1 else { return [] }
        return series.enumerated().map { index, bars in
            LegendEntry(name: bars.name, colour: LineChart.palette[index % LineChart.palette.count], swatchDash: LineChart.dashes[index % LineChart.dashes.count])
        }
    }

    /// The plot frame: a y axis covering the values and 0, room for the legend.
    func layout() -> PlotFrame {
        let values = series.flatMap { Array($0.values.prefix(categories.count)) }.filter(\.isFinite)
        let entries = legendEntries
        return PlotFrame(
            width: width, height: height,
            left: yLabel.isEmpty ? 48 : 64, right: width - 16,
            top: entries.isEmpty ? 36 : 58 + ChartLegend.extraHeight(entries, width: width),
            bottom: height - (xLabel.isEmpty ? 30 : 46),
            xAxis: .linear(0, 1),
            yAxis: PlotAxis.covering(values + [0], range: yRange, kind: .linear, targetTicks: 5),
            xLabel: xLabel, yLabel: yLabel)
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

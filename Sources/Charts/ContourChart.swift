/// Contour lines of a function of two variables drawn as SVG, each level labelled, with optional
/// paths over them (SGD, momentum and Adam on an ill-conditioned quadratic, say), each in its own
/// colour and dash pattern, starting at a hollow circle and ending at a filled marker.
///
/// ```swift
/// var chart = ContourChart(title: "f(x, y) = x² + 10y²", xLabel: "x", yLabel: "y", x: -3...3, y: -2...2) { x, y in
///     x * x + 10 * y * y
/// }
/// chart.logarithmicLevels = true                 // levels 0.1, 0.2, 0.5, 1, 2, 5, … for a bowl
/// chart.addPath("SGD", x: xs, y: ys)             // the iterates, in order
/// show(chart)
/// ```
///
/// The SVG is the same on every machine, uses `currentColor` for text, axes and contour lines,
/// and has a `<title>` and a `<desc>` (the `description`, or one listing levels and paths).
public struct ContourChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// A sentence for screen readers; when empty, the SVG's `<desc>` lists the levels and paths.
    public var description: String
    /// The sampled function; its ranges are the plot's.
    public var grid: ContourGrid
    /// The levels to draw; nil chooses them (see `levelCount` and `logarithmicLevels`).
    public var levels: [Double]?
    /// About how many levels to choose when `levels` is nil: round values 1, 2 or 5 times a power
    /// of ten apart, strictly between the grid's smallest and largest values.
    public var levelCount = 8
    /// Whether chosen levels are spaced by factors (1, 2, 5, 10, 20, …), which suits a bowl whose
    /// values grow quadratically away from its minimum; only positive levels are chosen.
    public var logarithmicLevels = false
    /// Whether each level's value is written on its longest line.
    public var labelsLevels = true
    /// The paths over the contours, in order: path `i` has colour `LineChart.palette[i]`, dash
    /// pattern `LineChart.dashes[i]` and end marker `ScatterChart.markers[i]`.
    public var paths: [ChartSeries] = []
    /// The width in pixels.
    public var width = 560.0
    /// The height in pixels.
    public var height = 440.0

    /// A chart of `function` sampled on `samples × samples` points. The ranges are first widened
    /// to round ticks, as an axis would, so that the contours fill the plot.
    public init(
        title: String, xLabel: String = "", yLabel: String = "", description: String = "",
        x: ClosedRange<Double>, y: ClosedRange<Double>, samples: Int = 61, _ function: (Double, Double) -> Double
    ) {
        let xScale = AxisScale(covering: x.lowerBound, x.upperBound), yScale = AxisScale(covering: y.lowerBound, y.upperBound)
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, description: description,
                  grid: ContourGrid(x: xScale.low...xScale.high, y: yScale.low...yScale.high, samples: samples, function))
    }

    /// A chart of a grid sampled beforehand (a loss computed over a grid of two weights, say).
    public init(title: String, xLabel: String = "", yLabel: String = "", description: String = "", grid: ContourGrid) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.description = description
        self.grid = grid
    }

    /// Adds a path through the points `(x[i], y[i])`, in order: an optimiser's iterates.
    public mutating func addPath(_ name: String, x: [Double], y: [Double]) {
        paths.append(ChartSeries(name: name, x: x, y: y))
    }

    /// Adds a path through `points`, in order.
    public mutating func addPath(_ name: String, points: [(Double, Double)]) {
        addPath(name, x: points.map(\.0), y: points.map(\.1))
    }

    /// The levels drawn: `levels` (finite ones, sorted), or levels chosen from the grid's range.
    public var resolvedLevels: [Double] {
        if let levels { return levels.filter(\.isFinite).sorted() }
        guard let range = grid.finiteRange, range.lowerBound < range.upperBound else { return [] }
        if logarithmicLevels {
            let low = range.lowerBound > 0 ? range.lowerBound : (grid.values.filter { $0.isFinite && $0 > 0 }.min() ?? 1)
            guard low < range.upperBound else { return [] }
            var result: [Double] = []
            for exponent in ChartMath.decade(of: low)...ChartMath.decade(of: range.upperBound) {
                for multiple in [1.0, 2, 5] {
                    let level = multiple * ChartMath.power(of: exponent)
                    if level > range.lowerBound, level < range.upperBound { result.append(level) }
                }
            }
            return result
        }
        let scale = AxisScale(covering: range.lowerBound, range.upperBound, targetTicks: Swift.max(2, levelCount) + 1)
        return scale.ticks.filter { $0 > range.lowerBound && $0 < range.upperBound }
    }

    /// The chart as a standalone `<svg>` element.
    public var svg: String {
        let frame = layout()
        let levels = resolvedLevels
        var parts = SVGDocument.opening(kind: "contour", width: width, height: height, title: title, fallbackTitle: "Contour plot", description: resolvedDescription(levels))
        parts += frame.axes()
        var labels: [String] = []
        var placed: [(Double, Double)] = []
        parts.append("<g class=\"contour-lines\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.55\" stroke-width=\"1\">")
        for level in levels {
            let lines = grid.contour(at: level)
            guard !lines.isEmpty else { continue }
            var commands = ""
            for line in lines {
                for (index, point) in line.enumerated() {
                    commands += (index == 0 ? "M" : "L") + "\(n(frame.x(point.x))) \(n(frame.y(point.y)))"
                }
            }
            let text = Self.label(level)
            parts.append("<path class=\"contour-level\" d=\"\(commands)\"><title>\(text)</title></path>")
            if labelsLevels, let spot = labelSpot(on: lines, text: text, frame: frame, avoiding: placed) {
                placed.append(spot)
                labels.append("<text x=\"\(n(spot.0))\" y=\"\(n(spot.1 - 3))\" text-anchor=\"middle\">\(text)</text>")
            }
        }
        parts.append("</g>")
        if !labels.isEmpty {
            parts.append("<g class=\"contour-labels\" fill=\"currentColor\" font-size=\"10\">")
            parts += labels
            parts.append("</g>")
        }
        for (index, path) in paths.enumerated() {
            let colour = LineChart.palette[index % LineChart.palette.count]
            let dash = LineChart.dashes[index % LineChart.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            let (commands, visible) = frame.polyline(x: path.x, y: path.y)
            parts.append("<g class=\"contour-path contour-path-\(index + 1)\"><title>\(SVGText.escaped(path.name))</title>")
            parts.append("<path d=\"\(commands)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.2\" stroke-linejoin=\"round\"\(dashAttribute)/>")
            if let first = visible.first, let last = visible.last {
                parts.append(MarkerShape.circle.svg(x: first.0, y: first.1, size: 5, colour: colour, filled: false))
                parts.append(ScatterChart.markers[index % ScatterChart.markers.count].svg(x: last.0, y: last.1, size: 5, colour: colour))
            }
            parts.append("</g>")
        }
        parts += ChartLegend.svg(legendEntries, width: width, y: 38)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Where to write a level's label: the first of a few points along its longest line (the
    /// middle, then the quarters, then the eighths) that keeps clear of the labels already
    /// written and of the plot's edges; nil when every one is crowded (the level's line keeps its `<title>`).
    private func labelSpot(on lines: [[(x: Double, y: Double)]], text: String, frame: PlotFrame, avoiding placed: [(Double, Double)]) -> (Double, Double)? {
        guard let longest = lines.max(by: { $0.count < $1.count }), longest.count >= 2 else { return nil }
        let halfWidth = Double(text.count) * 3 + 4
        for fraction in [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875] {
            let point = longest[Int(Double(longest.count - 1) * fraction)]
            let x = frame.x(point.x), y = frame.y(point.y)
            guard x - halfWidth > frame.left, x + halfWidth < frame.right, y - 14 > frame.top, y < frame.bottom else { continue }
            if placed.allSatisfy({ abs($0.0 - x) > halfWidth + 18 || abs($0.1 - y) > 14 }) { return (x, y) }
        }
        return nil
    }

    /// A level as written: its shortest form, up to six decimals, with a true minus sign.
    static func label(_ level: Double) -> String {
        let text = SVGText.number(level, decimals: 6)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    private func resolvedDescription(_ levels: [Double]) -> String {
        guard description.isEmpty else { return description }
        var sentences = ["Contour lines at \(SVGDocument.list(levels.map(Self.label)))."]
        if levels.isEmpty { sentences = ["A contour plot without levels."] }
        if !paths.isEmpty {
            sentences.append("Paths: \(SVGDocument.list(paths.map(\.name))), each starting at a hollow circle and ending at a filled marker.")
        }
        return sentences.joined(separator: " ")
    }

    private var legendEntries: [LegendEntry] {
        paths.enumerated().map { index, path in
            LegendEntry(name: path.name, colour: LineChart.palette[index % LineChart.palette.count],
                        dash: LineChart.dashes[index % LineChart.dashes.count], marker: ScatterChart.markers[index % ScatterChart.markers.count])
        }
    }

    /// The plot frame: the grid's ranges, room for the legend.
    func layout() -> PlotFrame {
        let entries = legendEntries
        return PlotFrame(
            width: width, height: height,
            left: yLabel.isEmpty ? 48 : 64, right: width - 16,
            top: entries.isEmpty ? 36 : 58 + ChartLegend.extraHeight(entries, width: width),
            bottom: height - (xLabel.isEmpty ? 30 : 46),
            xAxis: .linear(grid.xRange.lowerBound, grid.xRange.upperBound),
            yAxis: .linear(grid.yRange.lowerBound, grid.yRange.upperBound),
            xLabel: xLabel, yLabel: yLabel)
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

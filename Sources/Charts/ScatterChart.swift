/// A scatter plot drawn as SVG: points in classes, each class in its own colour and marker shape
/// (circle, square, triangle, diamond, cross), a legend, optional straight lines across the plot
/// (a perceptron's decision boundary) and optional decision regions, light tinted cells under the
/// points showing the class a classifier picks everywhere.
///
/// ```swift
/// var chart = ScatterChart(title: "AND", xLabel: "x₁", yLabel: "x₂")
/// chart.add("0", x: [0, 0, 1], y: [0, 1, 0])
/// chart.add("1", x: [1], y: [1])
/// chart.addBoundary("w·x + b = 0", weights: [1, 1], bias: -1.5)
/// chart.shadeRegions { x, y in x + y - 1.5 >= 0 ? 1 : 0 }   // after the points: it samples their ranges
/// show(chart)
/// ```
///
/// The SVG is the same on every machine, uses `currentColor` for text, axes and lines, and has a
/// `<title>` and a `<desc>` (the `description`, or one listing the classes when it is empty).
public struct ScatterChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// A sentence for screen readers; when empty, the SVG's `<desc>` lists the classes, their
    /// markers and counts, and the lines.
    public var description: String
    /// The classes of points, in order: class `i` has colour `LineChart.palette[i]` and marker
    /// `ScatterChart.markers[i]` (both cycling).
    public var classes: [ChartSeries] = []
    /// Straight lines drawn across the plot, in `currentColor` with `LineChart.dashes[i]`.
    public var lines: [ScatterLine] = []
    /// The class picked over the plane, drawn under the points; `classes[i]`'s colour tints cells of class `i`.
    public var regions: DecisionRegions?
    /// The x range to show; the points' range, rounded to ticks, when nil.
    public var xRange: ClosedRange<Double>?
    /// The y range to show; the points' range, rounded to ticks, when nil.
    public var yRange: ClosedRange<Double>?
    /// How the x axis maps values; on a log axis points with x ≤ 0 are skipped.
    public var xAxis: AxisKind = .linear
    /// How the y axis maps values; on a log axis points with y ≤ 0 are skipped.
    public var yAxis: AxisKind = .linear
    /// The distance from a marker's centre to its edge, in pixels.
    public var markerSize = 4.5
    /// The width in pixels.
    public var width = 520.0
    /// The height in pixels.
    public var height = 440.0

    /// The marker shapes, in order: class `i` gets `markers[i % 5]`.
    public static let markers: [MarkerShape] = [.circle, .square, .triangle, .diamond, .cross]

    /// An empty chart.
    public init(title: String, xLabel: String = "", yLabel: String = "", description: String = "") {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.description = description
    }

    /// Adds a class of points `(x[i], y[i])`.
    public mutating func add(_ name: String, x: [Double], y: [Double]) {
        classes.append(ChartSeries(name: name, x: x, y: y))
    }

    /// Adds a class of points given as pairs.
    public mutating func add(_ name: String, points: [(Double, Double)]) {
        add(name, x: points.map(\.0), y: points.map(\.1))
    }

    /// Adds the line `a·x + b·y + c = 0`.
    public mutating func addLine(_ name: String, a: Double, b: Double, c: Double) {
        lines.append(ScatterLine(name: name, a: a, b: b, c: c))
    }

    /// Adds the decision boundary `w·x + b = 0` of a linear classifier with two inputs:
    /// `weights[0]·x + weights[1]·y + bias = 0`.
    ///
    /// - Precondition: `weights.count == 2`.
    public mutating func addBoundary(_ name: String, weights: [Double], bias: Double) {
        precondition(weights.count == 2, "ScatterChart.addBoundary: \"\(name)\" needs two weights, got \(weights.count)")
        addLine(name, a: weights[0], b: weights[1], c: bias)
    }

    /// Sets `regions` to `classify` sampled at the centre of each of `resolution × resolution`
    /// cells over the plot's ranges as they are now (so call it after adding the points, or after
    /// setting `xRange` and `yRange`). `classify` returns a class index; a negative one leaves the cell blank.
    public mutating func shadeRegions(resolution: Int = 60, _ classify: (Double, Double) -> Int) {
        let frame = layout()
        let count = Swift.max(1, resolution)
        let xEdges = (0...count).map { frame.xAxis.value(atFraction: Double($0) / Double(count)) }
        let yEdges = (0...count).map { frame.yAxis.value(atFraction: Double($0) / Double(count)) }
        var cells: [Int] = []
        cells.reserveCapacity(count * count)
        for row in 0..<count {
            let y = frame.yAxis.value(atFraction: (Double(row) + 0.5) / Double(count))
            for column in 0..<count {
                cells.append(classify(frame.xAxis.value(atFraction: (Double(column) + 0.5) / Double(count)), y))
            }
        }
        regions = DecisionRegions(xEdges: xEdges, yEdges: yEdges, classes: cells)
    }

    /// The chart as a standalone `<svg>` element.
    public var svg: String {
        let frame = layout()
        var parts = SVGDocument.opening(kind: "scatter", width: width, height: height, title: title, fallbackTitle: "Scatter plot", description: resolvedDescription)
        if let regions { parts += regionCells(regions, frame: frame) }
        parts += frame.axes()
        for (index, line) in lines.enumerated() {
            parts += path(of: line, index: index, frame: frame)
        }
        for (index, points) in classes.enumerated() {
            let colour = LineChart.palette[index % LineChart.palette.count]
            let marker = Self.markers[index % Self.markers.count]
            parts.append("<g class=\"scatter-class scatter-class-\(index + 1)\"><title>\(SVGText.escaped(points.name))</title>")
            for (vx, vy) in zip(points.x, points.y) where frame.contains(vx, vy) {
                parts.append(marker.svg(x: frame.x(vx), y: frame.y(vy), size: markerSize, colour: colour))
            }
            parts.append("</g>")
        }
        parts += ChartLegend.svg(legendEntries, width: width, y: 38)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The `<desc>`: the chart's description, or one listing its classes and lines.
    public var resolvedDescription: String {
        guard description.isEmpty else { return description }
        var sentences: [String] = []
        let classList = classes.enumerated().map { index, points in
            let count = zip(points.x, points.y).filter { $0.0.isFinite && $0.1.isFinite }.count
            let marker = Self.markers[index % Self.markers.count]
            return "\(points.name) (\(count) \(count == 1 ? marker.rawValue : marker.plural))"
        }
        sentences.append("A scatter plot of \(classes.count == 1 ? "one class" : "\(classes.count) classes")\(classList.isEmpty ? "" : ": " + SVGDocument.list(classList)).")
        if !lines.isEmpty { sentences.append("Lines: \(SVGDocument.list(lines.map(\.name))).") }
        if regions != nil { sentences.append("Tinted cells show the class picked at each place.") }
        return sentences.joined(separator: " ")
    }

    private var legendEntries: [LegendEntry] {
        classes.enumerated().map { index, points in
            LegendEntry(name: points.name, colour: LineChart.palette[index % LineChart.palette.count], marker: Self.markers[index % Self.markers.count])
        } + lines.enumerated().map { index, line in
            LegendEntry(name: line.name, colour: "currentColor", dash: LineChart.dashes[index % LineChart.dashes.count])
        }
    }

    /// The plot frame: axes covering the drawable points (or the given ranges) and room for the legend.
    func layout() -> PlotFrame {
        let points = classes.flatMap(\.finitePoints).filter {
            (xAxis == .linear || $0.x > 0) && (yAxis == .linear || $0.y > 0)
        }
        let entries = legendEntries
        let top = entries.isEmpty ? 36 : 58 + ChartLegend.extraHeight(entries, width: width)
        return PlotFrame(
            width: width, height: height,
            left: yLabel.isEmpty ? 48 : 64, right: width - 16,
            top: top, bottom: height - (xLabel.isEmpty ? 30 : 46),
            xAxis: PlotAxis.covering(points.map(\.x), range: xRange, kind: xAxis),
            yAxis: PlotAxis.covering(points.map(\.y), range: yRange, kind: yAxis),
            xLabel: xLabel, yLabel: yLabel)
    }

    /// The line clipped to the plot: two points on linear axes, a sampled curve on log ones.
    private func path(of line: ScatterLine, index: Int, frame: PlotFrame) -> [String] {
        guard let (start, end) = line.clipped(x: frame.xAxis.low...frame.xAxis.high, y: frame.yAxis.low...frame.yAxis.high) else { return [] }
        let samples = xAxis == .linear && yAxis == .linear ? 1 : 64
        let ts = (0...samples).map { Double($0) / Double(samples) }
        let xs = ts.map { start.x + $0 * (end.x - start.x) }, ys = ts.map { start.y + $0 * (end.y - start.y) }
        // Clipping leaves the end points on the frame, where rounding may put them a hair outside.
        let clamped = (zip(xs, ys).map { (Swift.min(frame.xAxis.high, Swift.max(frame.xAxis.low, $0.0)), Swift.min(frame.yAxis.high, Swift.max(frame.yAxis.low, $0.1))) })
        let (commands, _) = frame.polyline(x: clamped.map(\.0), y: clamped.map(\.1))
        let dash = LineChart.dashes[index % LineChart.dashes.count]
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        return ["<path class=\"scatter-line scatter-line-\(index + 1)\" d=\"\(commands)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"\(dashAttribute)><title>\(SVGText.escaped(line.name))</title></path>"]
    }

    /// The regions' cells, clipped to the plot, with runs of one class in a row merged into one rectangle.
    private func regionCells(_ regions: DecisionRegions, frame: PlotFrame) -> [String] {
        var parts = ["<g class=\"scatter-regions\" fill-opacity=\"0.16\" shape-rendering=\"crispEdges\">"]
        for row in 0..<regions.rows {
            var column = 0
            while column < regions.columns {
                let kind = regions.classes[row * regions.columns + column]
                var end = column + 1
                while end < regions.columns, regions.classes[row * regions.columns + end] == kind { end += 1 }
                defer { column = end }
                guard kind >= 0 else { continue }
                let edges = [regions.xEdges[column], regions.xEdges[end], regions.yEdges[row], regions.yEdges[row + 1]]
                guard edges.allSatisfy(\.isFinite), let fx0 = frame.xAxis.fraction(of: edges[0]), let fx1 = frame.xAxis.fraction(of: edges[1]),
                    let fy0 = frame.yAxis.fraction(of: edges[2]), let fy1 = frame.yAxis.fraction(of: edges[3])
                else { continue }
                let x0 = frame.left + Swift.max(0, Swift.min(1, Swift.min(fx0, fx1))) * (frame.right - frame.left)
                let x1 = frame.left + Swift.max(0, Swift.min(1, Swift.max(fx0, fx1))) * (frame.right - frame.left)
                let y0 = frame.bottom - Swift.max(0, Swift.min(1, Swift.max(fy0, fy1))) * (frame.bottom - frame.top)
                let y1 = frame.bottom - Swift.max(0, Swift.min(1, Swift.min(fy0, fy1))) * (frame.bottom - frame.top)
                guard x1 > x0, y1 > y0 else { continue }
                let colour = LineChart.palette[kind % LineChart.palette.count]
                parts.append("<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(x1 - x0))\" height=\"\(n(y1 - y0))\" fill=\"\(colour)\"/>")
            }
        }
        parts.append("</g>")
        return parts
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

import Foundation

/// A line chart of several series with axes, ticks, grid, axis labels and a legend, drawn as SVG.
public struct LineChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The axis captions.
    public var xLabel: String, yLabel: String
    /// The lines.
    public var series: [ChartSeries]

    /// Colours given to series in order (matplotlib's "tab10").
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

    /// A chart.
    public init(title: String, xLabel: String, yLabel: String, series: [ChartSeries]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The chart as an SVG group of `width × height` with its top-left corner at `(x, y)`.
    public func svgGroup(x: Double, y: Double, width: Double, height: Double) -> String {
        let points = series.flatMap(\.points)
        let xAxis = ChartAxis(
            minimum: points.map(\.x).min() ?? 0, maximum: points.map(\.x).max() ?? 1,
            wholeSteps: points.allSatisfy { $0.x == $0.x.rounded() })
        let yAxis = ChartAxis(minimum: points.map(\.y).min() ?? 0, maximum: points.map(\.y).max() ?? 1)
        let left = 60.0, right = width - 20, top = 36.0, bottom = height - 46
        var out = "<g transform=\"translate(\(x.svg),\(y.svg))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<text x=\"\((width / 2).svg)\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(title.xmlEscaped)</text>\n"
        for tick in yAxis.ticks {
            let py = yAxis.scale(tick, from: bottom, to: top)
            out += "<line x1=\"\(left.svg)\" y1=\"\(py.svg)\" x2=\"\(right.svg)\" y2=\"\(py.svg)\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\((left - 6).svg)\" y=\"\((py + 4).svg)\" text-anchor=\"end\">\(yAxis.label(tick))</text>\n"
        }
        for tick in xAxis.ticks {
            let px = xAxis.scale(tick, from: left, to: right)
            out += "<line x1=\"\(px.svg)\" y1=\"\(bottom.svg)\" x2=\"\(px.svg)\" y2=\"\((bottom + 5).svg)\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(px.svg)\" y=\"\((bottom + 18).svg)\" text-anchor=\"middle\">\(xAxis.label(tick))</text>\n"
        }
        out += "<polyline points=\"\(left.svg),\(top.svg) \(left.svg),\(bottom.svg) \(right.svg),\(bottom.svg)\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<text x=\"\(((left + right) / 2).svg)\" y=\"\((height - 8).svg)\" text-anchor=\"middle\">\(xLabel.xmlEscaped)</text>\n"
        out += "<text transform=\"translate(14,\(((top + bottom) / 2).svg)) rotate(-90)\" text-anchor=\"middle\">\(yLabel.xmlEscaped)</text>\n"
        for line in series where !line.points.isEmpty {
            let coordinates = line.points.map {
                "\(xAxis.scale($0.x, from: left, to: right).svg),\(yAxis.scale($0.y, from: bottom, to: top).svg)"
            }
            out += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"/>\n"
        }
        if !series.isEmpty {
            let boxHeight = Double(series.count) * 16 + 4
            out += "<rect x=\"\((right - 116).svg)\" y=\"\(top.svg)\" width=\"112\" height=\"\(boxHeight.svg)\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n"
        }
        for (index, line) in series.enumerated() {
            let ly = top + 8 + Double(index) * 16
            out += "<line x1=\"\((right - 110).svg)\" y1=\"\(ly.svg)\" x2=\"\((right - 92).svg)\" y2=\"\(ly.svg)\" stroke=\"\(line.color)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\((right - 88).svg)\" y=\"\((ly + 4).svg)\">\(line.name.xmlEscaped)</text>\n"
        }
        return out + "</g>\n"
    }

    /// Charts side by side in one standalone SVG document, each `width × height`.
    public static func svgDocument(_ charts: [LineChart], width: Double = 480, height: Double = 320) -> String {
        let total = width * Double(max(1, charts.count))
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(total.svg)\" height=\"\(height.svg)\" viewBox=\"0 0 \(total.svg) \(height.svg)\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        for (index, chart) in charts.enumerated() {
            out += chart.svgGroup(x: Double(index) * width, y: 0, width: width, height: height)
        }
        return out + "</svg>\n"
    }
}

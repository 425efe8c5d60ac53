/// Where everything of a `LineChart` goes: the plot area, the two scales, and the SVG of the axes,
/// the lines and the legend.
struct ChartLayout {
    let chart: LineChart
    let xScale: AxisScale
    let yScale: AxisScale
    let left: Double, right: Double, top: Double, bottom: Double

    init(chart: LineChart) {
        self.chart = chart
        let points = chart.series.flatMap(\.finitePoints)
        let xs = points.map(\.x), ys = points.map(\.y)
        xScale = chart.xRange.map { AxisScale(covering: $0.lowerBound, $0.upperBound) }
            ?? AxisScale(covering: xs.min() ?? 0, xs.max() ?? 1)
        yScale = chart.yRange.map { AxisScale(covering: $0.lowerBound, $0.upperBound, targetTicks: 5) }
            ?? AxisScale(covering: ys.min() ?? 0, ys.max() ?? 1, targetTicks: 5)
        left = chart.yLabel.isEmpty ? 48 : 64
        right = chart.width - 16
        top = chart.series.isEmpty ? 36 : 58
        bottom = chart.height - (chart.xLabel.isEmpty ? 30 : 46)
    }

    func x(_ value: Double) -> Double { xScale.position(of: value, from: left, to: right) }
    func y(_ value: Double) -> Double { yScale.position(of: value, from: bottom, to: top) }

    /// The grid, the axis lines, the tick labels and the axis labels.
    func axes() -> [String] {
        var parts = ["<g class=\"chart-axes\" fill=\"currentColor\" stroke=\"currentColor\">"]
        for tick in xScale.ticks {
            let px = n(x(tick))
            parts.append("<line class=\"chart-grid\" x1=\"\(px)\" y1=\"\(n(top))\" x2=\"\(px)\" y2=\"\(n(bottom))\" stroke-opacity=\"\(tick == 0 ? "0.45" : "0.12")\"/>")
            parts.append("<text x=\"\(px)\" y=\"\(n(bottom + 16))\" text-anchor=\"middle\" stroke=\"none\">\(SVGText.label(tick, decimals: xScale.decimals))</text>")
        }
        for tick in yScale.ticks {
            let py = n(y(tick))
            parts.append("<line class=\"chart-grid\" x1=\"\(n(left))\" y1=\"\(py)\" x2=\"\(n(right))\" y2=\"\(py)\" stroke-opacity=\"\(tick == 0 ? "0.45" : "0.12")\"/>")
            parts.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\" stroke=\"none\">\(SVGText.label(tick, decimals: yScale.decimals))</text>")
        }
        parts.append("<path class=\"chart-frame\" d=\"M\(n(left)) \(n(top))V\(n(bottom))H\(n(right))\" fill=\"none\" stroke-opacity=\"0.7\"/>")
        if !chart.xLabel.isEmpty {
            parts.append("<text class=\"chart-label\" x=\"\(n((left + right) / 2))\" y=\"\(n(chart.height - 8))\" text-anchor=\"middle\" stroke=\"none\">\(SVGText.escaped(chart.xLabel))</text>")
        }
        if !chart.yLabel.isEmpty {
            let cy = n((top + bottom) / 2)
            parts.append("<text class=\"chart-label\" x=\"14\" y=\"\(cy)\" transform=\"rotate(-90 14 \(cy))\" text-anchor=\"middle\" stroke=\"none\">\(SVGText.escaped(chart.yLabel))</text>")
        }
        parts.append("</g>")
        return parts
    }

    /// The line of one series, broken where a value is not finite or outside the plot's range,
    /// with markers when it has few points.
    func path(for series: ChartSeries, index: Int) -> [String] {
        let color = LineChart.palette[index % LineChart.palette.count]
        let dash = LineChart.dashes[index % LineChart.dashes.count]
        var commands = ""
        var penDown = false
        var visible: [(Double, Double)] = []
        for (vx, vy) in zip(series.x, series.y) {
            guard vx.isFinite, vy.isFinite, vx >= xScale.low, vx <= xScale.high, vy >= yScale.low, vy <= yScale.high else {
                penDown = false
                continue
            }
            commands += (penDown ? "L" : "M") + "\(n(x(vx))) \(n(y(vy)))"
            penDown = true
            visible.append((x(vx), y(vy)))
        }
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        var parts = [
            "<path class=\"chart-series chart-series-\(index + 1)\" d=\"\(commands)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.2\" stroke-linejoin=\"round\"\(dashAttribute)><title>\(SVGText.escaped(series.name))</title></path>"
        ]
        if series.x.count <= 30 {
            parts += visible.map { "<circle class=\"chart-series-\(index + 1)\" cx=\"\(n($0.0))\" cy=\"\(n($0.1))\" r=\"3\" fill=\"\(color)\"/>" }
        }
        return parts
    }

    /// One row of legend entries under the title: a line sample and the series' name each.
    func legend(_ names: [String]) -> [String] {
        guard !names.isEmpty else { return [] }
        let widths = names.map { Double($0.count) * 7 + 40 }
        var cursor = (chart.width - widths.reduce(0, +)) / 2
        var parts = ["<g class=\"chart-legend\">"]
        for (index, name) in names.enumerated() {
            let color = LineChart.palette[index % LineChart.palette.count]
            let dash = LineChart.dashes[index % LineChart.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            parts.append("<line class=\"chart-series-\(index + 1)\" x1=\"\(n(cursor))\" y1=\"38\" x2=\"\(n(cursor + 24))\" y2=\"38\" stroke=\"\(color)\" stroke-width=\"2.2\"\(dashAttribute)/>")
            parts.append("<text x=\"\(n(cursor + 30))\" y=\"42\" fill=\"currentColor\">\(SVGText.escaped(name))</text>")
            cursor += widths[index]
        }
        parts.append("</g>")
        return parts
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

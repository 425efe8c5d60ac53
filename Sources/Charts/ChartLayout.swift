/// Where everything of a `LineChart` goes: the plot frame with its two axes, and the SVG of each
/// line and the legend.
struct ChartLayout {
    let chart: LineChart
    let frame: PlotFrame

    init(chart: LineChart) {
        self.chart = chart
        // The points that can be drawn: finite, and positive along a log axis.
        let points = chart.series.flatMap(\.finitePoints).filter {
            (chart.xAxis == .linear || $0.x > 0) && (chart.yAxis == .linear || $0.y > 0)
        }
        let xAxis = PlotAxis.covering(points.map(\.x), range: chart.xRange, kind: chart.xAxis)
        let yAxis = PlotAxis.covering(points.map(\.y), range: chart.yRange, kind: chart.yAxis, targetTicks: 5)
        frame = PlotFrame(
            width: chart.width, height: chart.height,
            left: chart.yLabel.isEmpty ? 48 : 64, right: chart.width - 16,
            top: chart.series.isEmpty ? 36 : 58, bottom: chart.height - (chart.xLabel.isEmpty ? 30 : 46),
            xAxis: xAxis, yAxis: yAxis, xLabel: chart.xLabel, yLabel: chart.yLabel)
    }

    /// The grid, the axis lines, the tick labels and the axis labels.
    func axes() -> [String] { frame.axes() }

    /// The line of one series, broken where a value is not finite, not positive on a log axis,
    /// or outside the plot's range, with markers when it has few points.
    func path(for series: ChartSeries, index: Int) -> [String] {
        let color = LineChart.palette[index % LineChart.palette.count]
        let dash = LineChart.dashes[index % LineChart.dashes.count]
        let (commands, visible) = frame.polyline(x: series.x, y: series.y)
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

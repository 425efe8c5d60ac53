/// The plot area of a chart with two axes: where it sits in the figure, the two axes, and the SVG
/// of the grid, the tick labels, the frame and the axis labels. `LineChart`, `ScatterChart` and
/// `ContourChart` share it.
struct PlotFrame {
    let width: Double, height: Double
    let left: Double, right: Double, top: Double, bottom: Double
    let xAxis: PlotAxis, yAxis: PlotAxis
    let xLabel: String, yLabel: String

    /// The pixel x of the data value `value`.
    func x(_ value: Double) -> Double { xAxis.position(of: value, from: left, to: right) }
    /// The pixel y of the data value `value`.
    func y(_ value: Double) -> Double { yAxis.position(of: value, from: bottom, to: top) }

    /// Whether the point can be drawn: both coordinates finite and inside the axes' ranges.
    func contains(_ vx: Double, _ vy: Double) -> Bool { xAxis.contains(vx) && yAxis.contains(vy) }

    /// The grid, the axis lines, the tick labels and the axis labels; without the x axis's grid
    /// and tick labels when `xTicks` is false (a bar chart writes categories there).
    func axes(xTicks: Bool = true) -> [String] {
        var parts = ["<g class=\"chart-axes\" fill=\"currentColor\" stroke=\"currentColor\">"]
        for tick in xTicks ? xAxis.minorTicks : [] {
            let px = n(x(tick))
            parts.append("<line class=\"chart-grid chart-grid-minor\" x1=\"\(px)\" y1=\"\(n(top))\" x2=\"\(px)\" y2=\"\(n(bottom))\" stroke-opacity=\"0.06\"/>")
        }
        for tick in xTicks ? xAxis.ticks : [] {
            let px = n(x(tick.value))
            parts.append("<line class=\"chart-grid\" x1=\"\(px)\" y1=\"\(n(top))\" x2=\"\(px)\" y2=\"\(n(bottom))\" stroke-opacity=\"\(tick.isZero ? "0.45" : "0.12")\"/>")
            parts.append("<text x=\"\(px)\" y=\"\(n(bottom + 16))\" text-anchor=\"middle\" stroke=\"none\">\(tick.label)</text>")
        }
        for tick in yAxis.minorTicks {
            let py = n(y(tick))
            parts.append("<line class=\"chart-grid chart-grid-minor\" x1=\"\(n(left))\" y1=\"\(py)\" x2=\"\(n(right))\" y2=\"\(py)\" stroke-opacity=\"0.06\"/>")
        }
        for tick in yAxis.ticks {
            let py = n(y(tick.value))
            parts.append("<line class=\"chart-grid\" x1=\"\(n(left))\" y1=\"\(py)\" x2=\"\(n(right))\" y2=\"\(py)\" stroke-opacity=\"\(tick.isZero ? "0.45" : "0.12")\"/>")
            parts.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(tick.value) + 4))\" text-anchor=\"end\" stroke=\"none\">\(tick.label)</text>")
        }
        parts.append("<path class=\"chart-frame\" d=\"M\(n(left)) \(n(top))V\(n(bottom))H\(n(right))\" fill=\"none\" stroke-opacity=\"0.7\"/>")
        if !xLabel.isEmpty {
            parts.append("<text class=\"chart-label\" x=\"\(n((left + right) / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\" stroke=\"none\">\(SVGText.escaped(xLabel))</text>")
        }
        if !yLabel.isEmpty {
            let cy = n((top + bottom) / 2)
            parts.append("<text class=\"chart-label\" x=\"14\" y=\"\(cy)\" transform=\"rotate(-90 14 \(cy))\" text-anchor=\"middle\" stroke=\"none\">\(SVGText.escaped(yLabel))</text>")
        }
        parts.append("</g>")
        return parts
    }

    /// A path through the points, broken where a point cannot be drawn (not finite, outside the
    /// axes' ranges); also the pixel positions of the points drawn.
    func polyline(x xs: [Double], y ys: [Double]) -> (commands: String, visible: [(Double, Double)]) {
        var commands = ""
        var penDown = false
        var visible: [(Double, Double)] = []
        for (vx, vy) in zip(xs, ys) {
            guard contains(vx, vy) else {
                penDown = false
                continue
            }
            commands += (penDown ? "L" : "M") + "\(n(x(vx))) \(n(y(vy)))"
            penDown = true
            visible.append((x(vx), y(vy)))
        }
        return (commands, visible)
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

/// Grids of numbers drawn as images: one or more panels side by side (an input image, the kernels
/// of a convolution, its feature maps), each cell filled by a shared colour scale, with a legend
/// that maps colours back to numbers and, for small grids, the numbers themselves in the cells.
///
/// ```swift
/// var figure = Heatmap(title: "An edge detector", description: "A 6×6 image and its feature map", scale: .diverging)
/// figure.add("image", image)            // [[Double]], row by row
/// figure.add("feature map", featureMap)
/// figure.showsValues = true
/// show(figure)
/// ```
///
/// Cell colours are fixed (an image looks the same in light and dark themes); titles, captions,
/// frames and the legend's text use `currentColor`. The SVG carries a `<title>` and a `<desc>`
/// for screen readers, and is the same on every machine.
public struct Heatmap: Sendable, Equatable {
    /// How values map to colours.
    public enum ColourScale: Sendable, Equatable {
        /// White at the low end to near-black at the high end: pixel intensities.
        case grey
        /// Blue for negative, white for zero, vermilion for positive, symmetric about 0 (the
        /// range is `−m…m` with `m` the largest magnitude): signed weights and feature maps.
        case diverging
    }

    /// The title above the panels.
    public var title: String
    /// A sentence for screen readers: what the figure shows.
    public var description: String
    /// The colour scale every panel shares.
    public var scale: ColourScale
    /// The panels, left to right, wrapping onto new rows after `panelsPerRow`.
    public var panels: [HeatmapPanel] = []
    /// The value range the scale spans; the data's (or, for `.diverging`, `±` its largest magnitude) when nil.
    public var range: ClosedRange<Double>?
    /// Whether each cell shows its value (readable for grids up to about 12 × 12).
    public var showsValues = false
    /// Decimals of the values shown in cells and in the legend.
    public var decimals = 2
    /// The side of a cell in pixels; nil picks one so that panels fit `maximumWidth`.
    public var cellSize: Double?
    /// Panels per row before wrapping; each row is centred, each panel as wide as its grid.
    public var panelsPerRow = 8
    /// The widest the figure may be, in pixels.
    public var maximumWidth = 720.0

    /// An empty figure.
    public init(title: String, description: String, scale: ColourScale = .grey) {
        self.title = title
        self.description = description
        self.scale = scale
    }

    /// Adds a panel of `rows × columns` values given row by row in `values`.
    ///
    /// - Precondition: `values.count == rows · columns`, both positive.
    public mutating func add(_ caption: String, rows: Int, columns: Int, values: [Double]) {
        panels.append(HeatmapPanel(caption: caption, rows: rows, columns: columns, values: values))
    }

    /// Adds a panel from its rows.
    ///
    /// - Precondition: the rows are non-empty and of one length.
    public mutating func add(_ caption: String, _ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(!rows.isEmpty && rows.allSatisfy { $0.count == columns }, "Heatmap.add: \"\(caption)\" needs non-empty rows of one length")
        add(caption, rows: rows.count, columns: columns, values: rows.flatMap { $0 })
    }

    /// The range the colours span.
    public var resolvedRange: ClosedRange<Double> {
        if let range { return range }
        let finite = panels.flatMap(\.values).filter(\.isFinite)
        switch scale {
        case .grey:
            let low = finite.min() ?? 0, high = finite.max() ?? 1
            return low < high ? low...high : low...(low + 1)
        case .diverging:
            let magnitude = finite.map(abs).max() ?? 1
            return magnitude > 0 ? -magnitude...magnitude : -1...1
        }
    }

    /// The fill colour of `value` as `#rrggbb`, and whether text on it should be white.
    public func colour(of value: Double) -> (fill: String, darkBackground: Bool) {
        let range = resolvedRange
        guard value.isFinite else { return ("#ff00ff", false) }
        let t = Swift.min(1, Swift.max(0, (value - range.lowerBound) / (range.upperBound - range.lowerBound)))
        let rgb: (Double, Double, Double)
        switch scale {
        case .grey:
            let level = 255 - t * (255 - 17)
            rgb = (level, level, level)
        case .diverging:
            let white = (255.0, 255.0, 255.0)
            let blue = (0.0, 114.0, 178.0), vermilion = (213.0, 94.0, 0.0)
            let (end, s) = t < 0.5 ? (blue, 1 - 2 * t) : (vermilion, 2 * t - 1)
            rgb = (white.0 + (end.0 - white.0) * s, white.1 + (end.1 - white.1) * s, white.2 + (end.2 - white.2) * s)
        }
        // Relative luminance with the sRGB curve approximated by a square (Charts has no `pow`):
        // white text on cells darker than about the middle of the scale.
        func linear(_ c: Double) -> Double { (c / 255) * (c / 255) }
        let luminance = 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
        return (Self.hex(rgb), luminance < 0.18)
    }

    /// The figure as a standalone `<svg>` element.
    public var svg: String {
        let perRow = Swift.max(1, panelsPerRow)
        let rowsOfPanels = stride(from: 0, to: panels.count, by: perRow).map { Array(panels[$0..<Swift.min($0 + perRow, panels.count)]) }
        let gap = 18.0, margin = 16.0, captionHeight = 20.0, legendHeight = 46.0
        let widestRow = rowsOfPanels.map { $0.reduce(0) { $0 + $1.columns } }.max() ?? 1
        let mostPanels = rowsOfPanels.map(\.count).max() ?? 1
        let cell = cellSize ?? Swift.max(2, Swift.min(showsValues ? 40 : 24, (maximumWidth - 2 * margin - gap * Double(mostPanels - 1)) / Double(widestRow)))
        let rowWidths = rowsOfPanels.map { row in row.reduce(0) { $0 + cell * Double($1.columns) } + gap * Double(row.count - 1) }
        let rowHeights = rowsOfPanels.map { row in cell * Double(row.map(\.rows).max() ?? 1) }
        let top = title.isEmpty ? 12.0 : 40.0
        let contentWidth = rowWidths.max() ?? 0
        // A title or a lone panel's caption wider than the panels widens the figure (about 8.5
        // pixels a character at 15, 7 at 12) rather than being cut at its edges.
        let titleWidth = Double(title.count) * 8.5 + 2 * margin
        let captionWidth = (panels.map { Double($0.caption.count) * 7 }.max() ?? 0) + 2 * margin
        let width = Swift.max(contentWidth + 2 * margin, titleWidth, captionWidth, 260)
        let height = top + rowHeights.reduce(0) { $0 + $1 + captionHeight + gap } + legendHeight
        let label = SVGText.escaped(title.isEmpty ? "Heatmap" : title)
        var parts: [String] = []
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
                + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(label)\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"12\">")
        parts.append("<title>\(label)</title>")
        parts.append("<desc>\(SVGText.escaped(description))</desc>")
        if !title.isEmpty {
            parts.append("<text class=\"chart-title\" x=\"\(n(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"currentColor\">\(label)</text>")
        }
        var y0 = top
        for (rowIndex, row) in rowsOfPanels.enumerated() {
            var x0 = (width - rowWidths[rowIndex]) / 2
            for panel in row {
                let panelWidth = cell * Double(panel.columns), panelHeight = cell * Double(panel.rows)
                parts += cells(of: panel, x: x0, y: y0, cell: cell)
                parts.append("<rect class=\"heatmap-frame\" x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(panelWidth))\" height=\"\(n(panelHeight))\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>")
                parts.append("<text x=\"\(n(x0 + panelWidth / 2))\" y=\"\(n(y0 + panelHeight + 15))\" text-anchor=\"middle\" fill=\"currentColor\">\(SVGText.escaped(panel.caption))</text>")
                x0 += panelWidth + gap
            }
            y0 += rowHeights[rowIndex] + captionHeight + gap
        }
        parts += legend(width: width, y: height - legendHeight + 8)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func cells(of panel: HeatmapPanel, x x0: Double, y y0: Double, cell: Double) -> [String] {
        var parts = ["<g class=\"heatmap-cells\" shape-rendering=\"crispEdges\">"]
        var labels: [String] = []
        for row in 0..<panel.rows {
            for column in 0..<panel.columns {
                let value = panel.values[row * panel.columns + column]
                let (fill, dark) = colour(of: value)
                let x = x0 + Double(column) * cell, y = y0 + Double(row) * cell
                // Cells overlap by a hair so that no seam shows between them when scaled.
                parts.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell + 0.3))\" height=\"\(n(cell + 0.3))\" fill=\"\(fill)\"/>")
                if showsValues {
                    let text = value.isFinite ? SVGText.label(value, decimals: decimals) : "?"
                    labels.append("<text x=\"\(n(x + cell / 2))\" y=\"\(n(y + cell / 2 + 4))\" text-anchor=\"middle\" fill=\"\(dark ? "#ffffff" : "#000000")\" font-size=\"\(n(Swift.min(12, cell / 3.2)))\">\(text)</text>")
                }
            }
        }
        parts.append("</g>")
        return parts + labels
    }

    private func legend(width: Double, y: Double) -> [String] {
        let range = resolvedRange
        let steps = 32, barWidth = Swift.min(240, width - 120), barHeight = 10.0
        let x0 = (width - barWidth) / 2
        var parts = ["<g class=\"heatmap-legend\" shape-rendering=\"crispEdges\">"]
        for step in 0..<steps {
            let value = range.lowerBound + (range.upperBound - range.lowerBound) * (Double(step) + 0.5) / Double(steps)
            let x = x0 + barWidth * Double(step) / Double(steps)
            parts.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(barWidth / Double(steps) + 0.3))\" height=\"\(n(barHeight))\" fill=\"\(colour(of: value).fill)\"/>")
        }
        parts.append("<rect x=\"\(n(x0))\" y=\"\(n(y))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight))\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>")
        parts.append("</g>")
        let labelY = n(y + barHeight + 15)
        parts.append("<text x=\"\(n(x0))\" y=\"\(labelY)\" text-anchor=\"middle\" fill=\"currentColor\">\(SVGText.label(range.lowerBound, decimals: decimals))</text>")
        if scale == .diverging {
            parts.append("<text x=\"\(n(x0 + barWidth / 2))\" y=\"\(labelY)\" text-anchor=\"middle\" fill=\"currentColor\">0</text>")
        }
        parts.append("<text x=\"\(n(x0 + barWidth))\" y=\"\(labelY)\" text-anchor=\"middle\" fill=\"currentColor\">\(SVGText.label(range.upperBound, decimals: decimals))</text>")
        return parts
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }

    private static func hex(_ rgb: (Double, Double, Double)) -> String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for component in [rgb.0, rgb.1, rgb.2] {
            let byte = Int(Swift.min(255, Swift.max(0, component.rounded())))
            text.append(digits[byte / 16])
            text.append(digits[byte % 16])
        }
        return text
    }
}

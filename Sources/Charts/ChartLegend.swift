/// One entry of a legend: a sample (a line, a marker, a bar swatch, or a line with a marker) and a name.
struct LegendEntry {
    var name: String
    var colour: String
    /// A line sample with this dash pattern ("" for solid); nil for no line.
    var dash: String?
    /// A marker sample; nil for none.
    var marker: MarkerShape?
    /// A bar swatch with this outline dash pattern instead of a line; nil for none.
    var swatchDash: String?

    /// The width the entry takes in a row, in pixels (about 7 per character).
    var width: Double { Double(name.count) * 7 + 40 }
}

/// A legend under a chart's title: rows of entries, centred, wrapped to the figure's width.
enum ChartLegend {
    /// The rows of `entries` that fit `width` (less a margin).
    static func rows(_ entries: [LegendEntry], width: Double) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = []
        var current: [LegendEntry] = [], used = 0.0
        for entry in entries {
            if !current.isEmpty, used + entry.width > width - 32 {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(entry)
            used += entry.width
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// The legend's SVG with its first row's samples at `y`, each further row 18 pixels lower.
    static func svg(_ entries: [LegendEntry], width: Double, y: Double) -> [String] {
        guard !entries.isEmpty else { return [] }
        var parts = ["<g class=\"chart-legend\">"]
        for (rowIndex, row) in rows(entries, width: width).enumerated() {
            let rowY = y + 18 * Double(rowIndex)
            var cursor = (width - row.reduce(0) { $0 + $1.width }) / 2
            for entry in row {
                if let dash = entry.dash {
                    let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
                    parts.append("<line x1=\"\(n(cursor))\" y1=\"\(n(rowY))\" x2=\"\(n(cursor + 24))\" y2=\"\(n(rowY))\" stroke=\"\(entry.colour)\" stroke-width=\"2.2\"\(dashAttribute)/>")
                }
                if let dash = entry.swatchDash {
                    let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
                    parts.append("<rect x=\"\(n(cursor + 4))\" y=\"\(n(rowY - 6))\" width=\"16\" height=\"12\" fill=\"\(entry.colour)\" stroke=\"currentColor\" stroke-width=\"1.2\"\(dashAttribute)/>")
                }
                if let marker = entry.marker {
                    parts.append(marker.svg(x: cursor + 12, y: rowY, size: 4.5, colour: entry.colour))
                }
                parts.append("<text x=\"\(n(cursor + 30))\" y=\"\(n(rowY + 4))\" fill=\"currentColor\">\(SVGText.escaped(entry.name))</text>")
                cursor += entry.width
            }
        }
        parts.append("</g>")
        return parts
    }

    /// The extra height the legend needs beyond one row.
    static func extraHeight(_ entries: [LegendEntry], width: Double) -> Double {
        18 * Double(Swift.max(0, rows(entries, width: width).count - 1))
    }

    private static func n(_ value: Double) -> String { SVGText.number(value) }
}

/// The opening of every figure's SVG: the `<svg>` element, its `<title>` and `<desc>`.
enum SVGDocument {
    /// The `<svg>` start tag of class `chart <kind>`, then `<title>` and `<desc>`, and the visible
    /// title (when not empty) centred at the top.
    static func opening(kind: String, width: Double, height: Double, title: String, fallbackTitle: String, description: String) -> [String] {
        let label = SVGText.escaped(title.isEmpty ? fallbackTitle : title)
        func n(_ value: Double) -> String { SVGText.number(value) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(kind)\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
                + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(label)\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"12\">",
            "<title>\(label)</title>",
            "<desc>\(SVGText.escaped(description))</desc>",
        ]
        if !title.isEmpty {
            parts.append("<text class=\"chart-title\" x=\"\(n(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"currentColor\">\(label)</text>")
        }
        return parts
    }

    /// `items` joined as "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

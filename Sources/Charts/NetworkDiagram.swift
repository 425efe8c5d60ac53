/// A layered network drawn as SVG: a column of nodes per layer, an edge from every node of a layer
/// to every node of the next, optionally a value in each node (an activation) and a weight on each
/// edge, the weight's size shown by the edge's width and its sign by colour and dash (positive
/// vermilion and solid, negative blue and dashed); a dropped node (dropout) is crossed out and its edges
/// faint. The figure is sized to fit; a layer of more
/// than `maximumNodesShown` nodes shows its first and last few around a "⋮".
///
/// ```swift
/// var diagram = NetworkDiagram(title: "A 2-2-1 network for XOR", layers: [2, 2, 1], names: ["input", "hidden", "output"])
/// diagram.setWeights([[1, 1], [1, 1]], from: 0)     // row j: the weights into node j of layer 1, as in W·x
/// diagram.setWeights([[1, -2]], from: 1)
/// diagram.setValues([1, 0], layer: 0)
/// show(diagram)
/// ```
///
/// The SVG is the same on every machine, uses `currentColor` for nodes and text, and has a
/// `<title>` and a `<desc>` (the `description`, or one listing the layers).
public struct NetworkDiagram: Sendable, Equatable {
    /// The title above the diagram.
    public var title: String
    /// A sentence for screen readers; when empty, the SVG's `<desc>` lists the layers.
    public var description: String
    /// The layers, input first.
    public var layers: [NetworkLayer]
    /// The weights between consecutive layers: `weights[l]` connects layer `l` to layer `l + 1`,
    /// `weights[l]![j][i]` from node `i` of layer `l` to node `j` of layer `l + 1` (row `j` of `W`
    /// in `W·x`); nil where no weights are given.
    public var weights: [[[Double]]?]
    /// Whether given weights are written on their edges.
    public var showsWeights = true
    /// Decimals of the values and weights written.
    public var decimals = 2
    /// The most nodes a layer shows; a larger layer shows its first and last few around a "⋮"
    /// (and its node count next to its name).
    public var maximumNodesShown = 10

    /// A diagram of layers with `layers[l]` nodes each, named by `names` (missing names are empty).
    public init(title: String, layers: [Int], names: [String] = [], description: String = "") {
        self.title = title
        self.description = description
        self.layers = layers.enumerated().map { NetworkLayer(count: $0.element, name: $0.offset < names.count ? names[$0.offset] : "") }
        weights = Array(repeating: nil, count: Swift.max(0, layers.count - 1))
    }

    /// Writes `values` in the nodes of layer `layer`, one per node.
    ///
    /// - Precondition: `layer` is a layer's index.
    public mutating func setValues(_ values: [Double], layer: Int) {
        precondition(layers.indices.contains(layer), "NetworkDiagram.setValues: no layer \(layer) in \(layers.count) layers")
        layers[layer].values = values
    }

    /// Marks `nodes` of layer `layer` as switched off (dropout's dropped units): each is drawn with a
    /// dashed outline and a cross, and every edge into or out of it is faint and carries no label.
    ///
    /// - Precondition: `layer` is a layer's index.
    public mutating func setDropped(_ nodes: [Int], layer: Int) {
        precondition(layers.indices.contains(layer), "NetworkDiagram.setDropped: no layer \(layer) in \(layers.count) layers")
        layers[layer].dropped = Set(nodes)
    }

    /// Sets the weights from layer `layer` to layer `layer + 1`: `weights[j][i]` from node `i` to
    /// node `j`, the rows of the matrix `W` in `W·x`. Missing entries draw plain edges.
    ///
    /// - Precondition: `layer` and `layer + 1` are layers' indices.
    public mutating func setWeights(_ weights: [[Double]], from layer: Int) {
        precondition(layer >= 0 && layer + 1 < layers.count, "NetworkDiagram.setWeights: no layers \(layer) and \(layer + 1) in \(layers.count) layers")
        while self.weights.count < layer + 1 { self.weights.append(nil) }
        self.weights[layer] = weights
    }

    /// The diagram as a standalone `<svg>` element.
    public var svg: String {
        let layout = Layout(self)
        var parts = SVGDocument.opening(kind: "network", width: layout.width, height: layout.height, title: title, fallbackTitle: "Network diagram", description: resolvedDescription)
        let largest = weights.compactMap { $0 }.flatMap { $0.flatMap { $0 } }.filter(\.isFinite).map(abs).max() ?? 0
        var edgeParts: [String] = [], edgeLabels: [String] = []
        for l in 0..<Swift.max(0, layers.count - 1) {
            let from = layout.slots[l], to = layout.slots[l + 1]
            for (jSlot, j) in to.enumerated() {
                guard let j else { continue }
                for (iSlot, i) in from.enumerated() {
                    guard let i else { continue }
                    let (x1, y1) = layout.centre(l, iSlot), (x2, y2) = layout.centre(l + 1, jSlot)
                    let start = "x1=\"\(n(x1 + layout.radius))\" y1=\"\(n(y1))\" x2=\"\(n(x2 - layout.radius))\" y2=\"\(n(y2))\""
                    let weight = weight(l, from: i, to: j)
                    if layers[l].dropped.contains(i) || layers[l + 1].dropped.contains(j) {
                        edgeParts.append("<line \(start) class=\"network-dropped\" stroke=\"currentColor\" stroke-opacity=\"0.15\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>")
                        continue
                    }
                    guard let weight else {
                        edgeParts.append("<line \(start) stroke=\"currentColor\" stroke-opacity=\"0.35\" stroke-width=\"1\"/>")
                        continue
                    }
                    let strokeWidth = largest > 0 ? 0.6 + 2.8 * abs(weight) / largest : 0.6
                    let style = weight < 0 ? "stroke=\"#0072B2\" stroke-dasharray=\"5 3\"" : "stroke=\"#D55E00\""
                    let text = SVGText.label(weight, decimals: decimals)
                    edgeParts.append("<line \(start) \(style) stroke-width=\"\(n(strokeWidth))\"><title>\(text)</title></line>")
                    if showsWeights {
                        // Labels 30% of the way along, near the source: edges from one node are
                        // 0.3 of a row apart there, and edges that cross (at the middle) are not.
                        let t = 0.3
                        let lx = x1 + layout.radius + t * (x2 - x1 - 2 * layout.radius), ly = y1 + t * (y2 - y1)
                        edgeLabels.append("<text x=\"\(n(lx))\" y=\"\(n(ly - 3))\" text-anchor=\"middle\">\(text)</text>")
                    }
                }
            }
        }
        parts.append("<g class=\"network-edges\" fill=\"none\">")
        parts += edgeParts
        parts.append("</g>")
        if !edgeLabels.isEmpty {
            parts.append("<g class=\"network-weights\" fill=\"currentColor\" font-size=\"10\">")
            parts += edgeLabels
            parts.append("</g>")
        }
        parts.append("<g class=\"network-nodes\" fill=\"currentColor\" stroke=\"currentColor\">")
        for (l, layer) in layers.enumerated() {
            for (slot, node) in layout.slots[l].enumerated() {
                let (x, y) = layout.centre(l, slot)
                guard let node else {
                    parts.append("<text x=\"\(n(x))\" y=\"\(n(y + 6))\" text-anchor=\"middle\" stroke=\"none\" font-size=\"18\">⋮</text>")
                    continue
                }
                if layer.dropped.contains(node) {
                    let arm = layout.radius * 0.45
                    parts.append("<circle class=\"network-dropped\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(layout.radius))\" fill=\"none\" stroke-opacity=\"0.6\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"><title>dropped</title></circle>")
                    parts.append("<path d=\"M\(n(x - arm)) \(n(y - arm))L\(n(x + arm)) \(n(y + arm))M\(n(x - arm)) \(n(y + arm))L\(n(x + arm)) \(n(y - arm))\" fill=\"none\" stroke-opacity=\"0.6\" stroke-width=\"1.5\"/>")
                    continue
                }
                parts.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(layout.radius))\" fill-opacity=\"0.06\" stroke-width=\"1.5\"/>")
                if let values = layer.values, node < values.count, values[node].isFinite {
                    parts.append("<text x=\"\(n(x))\" y=\"\(n(y + 4))\" text-anchor=\"middle\" stroke=\"none\" font-size=\"11\">\(SVGText.label(values[node], decimals: decimals))</text>")
                }
            }
            let name = shownName(layer)
            if !name.isEmpty {
                parts.append("<text class=\"network-layer\" x=\"\(n(layout.centre(l, 0).0))\" y=\"\(n(layout.namesY))\" text-anchor=\"middle\" stroke=\"none\">\(SVGText.escaped(name))</text>")
            }
        }
        parts.append("</g>")
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The `<desc>`: the diagram's description, or one listing its layers.
    public var resolvedDescription: String {
        guard description.isEmpty else { return description }
        let sizes = layers.map { $0.name.isEmpty ? "\($0.count)" : "\($0.count) (\($0.name))" }
        var text = "A network with \(layers.count == 1 ? "one layer" : "\(layers.count) layers") of \(SVGDocument.list(sizes)) nodes, each layer connected to the next."
        if weights.contains(where: { $0 != nil }) {
            text += " Edge widths show the weights' sizes; positive weights are solid, negative ones dashed."
        }
        let dropped = layers.map(\.dropped.count).reduce(0, +)
        if dropped > 0 {
            text += " \(dropped) \(dropped == 1 ? "node is" : "nodes are") dropped, drawn crossed out with faint edges."
        }
        return text
    }

    /// The weight from node `i` of layer `l` to node `j` of the next, when given and finite.
    private func weight(_ l: Int, from i: Int, to j: Int) -> Double? {
        guard l < weights.count, let matrix = weights[l], j < matrix.count, i < matrix[j].count, matrix[j][i].isFinite else { return nil }
        return matrix[j][i]
    }

    /// The name written under a layer: its name, with its node count when not every node is drawn.
    func shownName(_ layer: NetworkLayer) -> String {
        guard layer.count > maximumNodesShown else { return layer.name }
        return layer.name.isEmpty ? "\(layer.count)" : "\(layer.name) (\(layer.count))"
    }

    /// Where the nodes go.
    struct Layout {
        let radius: Double, columnGap: Double, rowGap: Double, top: Double, left: Double
        /// Per layer, the node shown in each slot, top to bottom; nil for the "⋮".
        let slots: [[Int?]]
        let tallest: Int
        let width: Double, height: Double, namesY: Double
        static let margin = 24.0

        init(_ diagram: NetworkDiagram) {
            let hasValues = diagram.layers.contains { $0.values != nil }
            let hasLabels = diagram.showsWeights && diagram.weights.contains { $0 != nil }
            radius = hasValues ? 20 : 14
            rowGap = 2 * radius + 18
            top = diagram.title.isEmpty ? 16 : 44
            let most = Swift.max(3, diagram.maximumNodesShown)
            slots = diagram.layers.map { layer in
                guard layer.count > most else { return Array(0..<layer.count) }
                let head = (most - 1) / 2
                return Array(0..<head) + [nil] + Array((layer.count - head)..<layer.count)
            }
            tallest = slots.map(\.count).max() ?? 0
            let hasNames = diagram.layers.contains { !$0.name.isEmpty || $0.count > most }
            namesY = top + Double(tallest) * rowGap + 14
            // Layer names are centred under their column, so a long first or last name widens the
            // figure and long neighbours push their columns apart (about 7 pixels a character at 12).
            let halfNames = diagram.layers.map { Double(diagram.shownName($0).count) * 3.5 }
            let neighbours = zip(halfNames, halfNames.dropFirst()).map { $0 + $1 + 12 }.max() ?? 0
            columnGap = Swift.max(hasLabels ? 150 : 120, neighbours)
            let leftExtent = Swift.max(radius, halfNames.first ?? 0)
            let rightExtent = Swift.max(radius, halfNames.last ?? 0)
            let contentWidth = 2 * Self.margin + leftExtent + rightExtent + Double(Swift.max(0, diagram.layers.count - 1)) * columnGap
            let titleWidth = Double(diagram.title.count) * 8.5 + 2 * Self.margin
            width = Swift.max(contentWidth, titleWidth, 200)
            left = (width - contentWidth) / 2 + Self.margin + leftExtent
            height = top + Double(tallest) * rowGap + (hasNames ? 24 : 0) + 12
        }

        /// The centre of the node in `slot` of layer `layer`.
        func centre(_ layer: Int, _ slot: Int) -> (Double, Double) {
            let count = slots[layer].count
            return (left + Double(layer) * columnGap,
                    top + Double(tallest - count) * rowGap / 2 + (Double(slot) + 0.5) * rowGap)
        }
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

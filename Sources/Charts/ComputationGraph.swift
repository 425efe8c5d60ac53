/// A computation graph drawn as SVG: named nodes in boxes (the operation, "a = 2.0" and
/// "∂L/∂a = −3.0"), laid out in columns by depth (the longest path from an input), with an arrow
/// from each input to the node computed from it.
///
/// ```swift
/// var graph = ComputationGraph(title: "Backpropagation through c = a × b")
/// graph.decimals = 1
/// graph.add("a", value: 2, gradient: -3)
/// graph.add("b", value: -3, gradient: 2)
/// graph.add("c", operation: "×", value: -6, gradient: 1, inputs: ["a", "b"])
/// show(graph)
/// ```
///
/// Nodes are added inputs first, so the graph cannot have a cycle. The SVG is the same on every
/// machine, uses `currentColor` throughout, and has a `<title>` and a `<desc>` (the
/// `description`, or one listing every node with its value and gradient).
public struct ComputationGraph: Sendable, Equatable {
    /// The title above the graph.
    public var title: String
    /// A sentence for screen readers; when empty, the SVG's `<desc>` lists the nodes.
    public var description: String
    /// The nodes, in the order they were added: each after its inputs.
    public private(set) var nodes: [ComputationNode] = []
    /// The name of the loss in gradient labels: "∂L/∂a".
    public var lossName = "L"
    /// Decimals of the values and gradients written.
    public var decimals = 2

    /// An empty graph.
    public init(title: String, description: String = "") {
        self.title = title
        self.description = description
    }

    /// Adds a node computed by `operation` from `inputs`.
    ///
    /// - Precondition: `name` is new and every input is a node added before.
    public mutating func add(_ name: String, operation: String = "", value: Double? = nil, gradient: Double? = nil, inputs: [String] = []) {
        precondition(!nodes.contains { $0.name == name }, "ComputationGraph.add: there is already a node \"\(name)\"")
        for input in inputs {
            precondition(nodes.contains { $0.name == input }, "ComputationGraph.add: \"\(name)\" has the input \"\(input)\", which is not a node yet (add inputs first)")
        }
        nodes.append(ComputationNode(name: name, operation: operation, value: value, gradient: gradient, inputs: inputs))
    }

    /// Sets the gradient of the node `name` (after a backward pass, say).
    ///
    /// - Precondition: `name` is a node.
    public mutating func setGradient(_ gradient: Double, of name: String) {
        guard let index = nodes.firstIndex(where: { $0.name == name }) else { preconditionFailure("ComputationGraph.setGradient: no node \"\(name)\"") }
        nodes[index].gradient = gradient
    }

    /// Each node's depth, in the order of `nodes`: 0 for an input, else one more than its deepest input.
    public var depths: [Int] {
        var depth: [String: Int] = [:]
        return nodes.map { node in
            let value = node.inputs.isEmpty ? 0 : 1 + (node.inputs.compactMap { depth[$0] }.max() ?? -1)
            depth[node.name] = value
            return value
        }
    }

    /// The lines written in a node's box, top to bottom.
    func lines(of node: ComputationNode) -> [String] {
        var lines: [String] = []
        if !node.operation.isEmpty { lines.append(node.operation) }
        if let value = node.value, value.isFinite {
            lines.append("\(node.name) = \(SVGText.label(value, decimals: decimals))")
        } else {
            lines.append(node.name)
        }
        if let gradient = node.gradient, gradient.isFinite {
            lines.append("∂\(lossName)/∂\(node.name) = \(SVGText.label(gradient, decimals: decimals))")
        }
        return lines
    }

    /// The graph as a standalone `<svg>` element.
    public var svg: String {
        let layout = Layout(self)
        var parts = SVGDocument.opening(kind: "computation-graph", width: layout.width, height: layout.height, title: title, fallbackTitle: "Computation graph", description: resolvedDescription)
        let index = Dictionary(nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        parts.append("<g class=\"graph-edges\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.4\">")
        var heads: [String] = []
        for (target, node) in nodes.enumerated() {
            let box = layout.boxes[target]
            for (k, input) in node.inputs.enumerated() {
                guard let source = index[input] else { continue }
                let from = layout.boxes[source]
                let x1 = from.x + from.width, y1 = from.y + layout.boxHeight / 2
                // Arrows into one node arrive 8 pixels apart, in the order of its inputs.
                let spread = (Double(k) - Double(node.inputs.count - 1) / 2) * 8
                let x2 = box.x, y2 = box.y + layout.boxHeight / 2 + Swift.max(-layout.boxHeight / 2 + 6, Swift.min(layout.boxHeight / 2 - 6, spread))
                let end = x2 - 7, middle = (x1 + end) / 2
                parts.append("<path d=\"M\(n(x1)) \(n(y1))C\(n(middle)) \(n(y1)) \(n(middle)) \(n(y2)) \(n(end)) \(n(y2))\"><title>\(SVGText.escaped(input)) → \(SVGText.escaped(node.name))</title></path>")
                heads.append("<path d=\"M\(n(x2)) \(n(y2))L\(n(end)) \(n(y2 - 3.5))L\(n(end)) \(n(y2 + 3.5))Z\"/>")
            }
        }
        parts.append("</g>")
        parts.append("<g class=\"graph-arrowheads\" fill=\"currentColor\">")
        parts += heads
        parts.append("</g>")
        parts.append("<g class=\"graph-nodes\" fill=\"currentColor\" text-anchor=\"middle\">")
        for (position, node) in nodes.enumerated() {
            let box = layout.boxes[position]
            parts.append("<rect x=\"\(n(box.x))\" y=\"\(n(box.y))\" width=\"\(n(box.width))\" height=\"\(n(layout.boxHeight))\" rx=\"6\" fill-opacity=\"0.06\" stroke=\"currentColor\" stroke-width=\"1.4\"/>")
            let lines = self.lines(of: node)
            let first = box.y + (layout.boxHeight - 16 * Double(lines.count)) / 2 + 12
            for (k, line) in lines.enumerated() {
                let weight = k == 0 && !node.operation.isEmpty ? " font-weight=\"600\"" : ""
                parts.append("<text x=\"\(n(box.x + box.width / 2))\" y=\"\(n(first + 16 * Double(k)))\"\(weight)>\(SVGText.escaped(line))</text>")
            }
        }
        parts.append("</g>")
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The `<desc>`: the graph's description, or one listing every node.
    public var resolvedDescription: String {
        guard description.isEmpty else { return description }
        let items = nodes.map { node -> String in
            var text = node.name
            if !node.operation.isEmpty { text += " = \(node.operation)(\(node.inputs.joined(separator: ", ")))" }
            else if !node.inputs.isEmpty { text += " from \(node.inputs.joined(separator: ", "))" }
            if let value = node.value, value.isFinite { text += " = \(SVGText.label(value, decimals: decimals))" }
            if let gradient = node.gradient, gradient.isFinite { text += ", ∂\(lossName)/∂\(node.name) = \(SVGText.label(gradient, decimals: decimals))" }
            return text
        }
        return "A computation graph of \(nodes.count == 1 ? "one node" : "\(nodes.count) nodes")\(items.isEmpty ? "" : ": " + items.joined(separator: "; "))."
    }

    /// Where the boxes go: columns by depth, each as wide as its widest text, centred vertically.
    struct Layout {
        let boxes: [(x: Double, y: Double, width: Double)]
        let boxHeight: Double, width: Double, height: Double
        static let margin = 24.0, columnGap = 56.0, rowGap = 22.0

        init(_ graph: ComputationGraph) {
            let depths = graph.depths
            let columns = (depths.max() ?? -1) + 1
            let lines = graph.nodes.map(graph.lines(of:))
            boxHeight = 16 * Double(lines.map(\.count).max() ?? 1) + 10
            var columnWidths = [Double](repeating: 64, count: columns)
            var columnCounts = [Int](repeating: 0, count: columns)
            for (position, depth) in depths.enumerated() {
                columnWidths[depth] = Swift.max(columnWidths[depth], Double(lines[position].map(\.count).max() ?? 0) * 7 + 16)
                columnCounts[depth] += 1
            }
            let tallest = Double(columnCounts.max() ?? 0)
            let contentHeight = Swift.max(0, tallest * boxHeight + (tallest - 1) * Self.rowGap)
            let top = graph.title.isEmpty ? 16.0 : 44.0
            var columnX: [Double] = []
            var x = Self.margin
            for width in columnWidths {
                columnX.append(x)
                x += width + Self.columnGap
            }
            var row = [Int](repeating: 0, count: columns)
            var boxes: [(x: Double, y: Double, width: Double)] = []
            for depth in depths {
                let count = Double(columnCounts[depth])
                let columnHeight = count * boxHeight + (count - 1) * Self.rowGap
                let y = top + (contentHeight - columnHeight) / 2 + Double(row[depth]) * (boxHeight + Self.rowGap)
                boxes.append((columnX[depth], y, columnWidths[depth]))
                row[depth] += 1
            }
            self.boxes = boxes
            width = Swift.max(200, x - Self.columnGap + Self.margin)
            height = top + contentHeight + Self.margin
        }
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

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
        parts.append("<g class=\"graph-edges\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.4\">")
        var heads: [String] = []
        for (number, edge) in layout.edges.enumerated() {
            let node = nodes[edge.target], from = layout.boxes[edge.source], box = layout.boxes[edge.target]
            var x = from.x + from.width, y = from.y + layout.boxHeight / 2
            var commands = "M\(n(x)) \(n(y))"
            func curve(to x2: Double, _ y2: Double) {
                let middle = (x + x2) / 2
                commands += "C\(n(middle)) \(n(y)) \(n(middle)) \(n(y2)) \(n(x2)) \(n(y2))"
            }
            // Through the lane the edge has in each column it crosses, so that it passes no box.
            for lane in layout.lanes[number] {
                curve(to: lane.x, lane.y)
                commands += "H\(n(lane.x + lane.width))"
                x = lane.x + lane.width
                y = lane.y
            }
            // Arrows into one node arrive 8 pixels apart, in the order of its inputs.
            let spread = (Double(edge.input) - Double(node.inputs.count - 1) / 2) * 8
            let x2 = box.x, y2 = box.y + layout.boxHeight / 2 + Swift.max(-layout.boxHeight / 2 + 6, Swift.min(layout.boxHeight / 2 - 6, spread))
            curve(to: x2 - 7, y2)
            parts.append("<path d=\"\(commands)\"><title>\(SVGText.escaped(nodes[edge.source].name)) → \(SVGText.escaped(node.name))</title></path>")
            heads.append("<path d=\"M\(n(x2)) \(n(y2))L\(n(x2 - 7)) \(n(y2 - 3.5))L\(n(x2 - 7)) \(n(y2 + 3.5))Z\"/>")
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
    /// An edge that skips columns gets a lane (a slot 12 pixels high) in each column it crosses;
    /// from the second column on, boxes and lanes are ordered by the mean height of what leads
    /// into them, which keeps edges short and uncrossed in the common cases.
    struct Layout {
        /// Each edge: the nodes it joins and which input of its target it is.
        let edges: [(source: Int, target: Int, input: Int)]
        let boxes: [(x: Double, y: Double, width: Double)]
        /// Per edge, its lanes from left to right: where each starts, its middle's height, its width.
        let lanes: [[(x: Double, y: Double, width: Double)]]
        let boxHeight: Double, width: Double, height: Double
        static let margin = 24.0, columnGap = 56.0, rowGap = 22.0, laneHeight = 12.0

        private enum Slot { case node(Int), lane(edge: Int) }

        init(_ graph: ComputationGraph) {
            let depths = graph.depths
            let columns = (depths.max() ?? -1) + 1
            let lines = graph.nodes.map(graph.lines(of:))
            let boxHeight = 16 * Double(lines.map(\.count).max() ?? 1) + 10
            self.boxHeight = boxHeight
            let index = Dictionary(graph.nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            var edges: [(source: Int, target: Int, input: Int)] = []
            for (target, node) in graph.nodes.enumerated() {
                for (input, name) in node.inputs.enumerated() {
                    if let source = index[name] { edges.append((source, target, input)) }
                }
            }
            self.edges = edges
            var columnWidths = [Double](repeating: 64, count: columns)
            var slots = [[Slot]](repeating: [], count: columns)
            for (position, depth) in depths.enumerated() {
                columnWidths[depth] = Swift.max(columnWidths[depth], Double(lines[position].map(\.count).max() ?? 0) * 7 + 16)
                slots[depth].append(.node(position))
            }
            for (number, edge) in edges.enumerated() where depths[edge.target] - depths[edge.source] > 1 {
                for column in (depths[edge.source] + 1)..<depths[edge.target] { slots[column].append(.lane(edge: number)) }
            }
            func slotHeight(_ slot: Slot) -> Double {
                if case .node = slot { return boxHeight }
                return Self.laneHeight
            }
            let columnHeights = slots.map { column in column.reduce(0) { $0 + slotHeight($1) } + Double(Swift.max(0, column.count - 1)) * Self.rowGap }
            let contentHeight = columnHeights.max() ?? 0
            let top = graph.title.isEmpty ? 16.0 : 44.0
            var columnX: [Double] = []
            var x = Self.margin
            for width in columnWidths {
                columnX.append(x)
                x += width + Self.columnGap
            }
            var boxes = [(x: Double, y: Double, width: Double)](repeating: (0, 0, 0), count: graph.nodes.count)
            var laneMiddles = [[Int: Double]](repeating: [:], count: edges.count)    // edge → column → middle
            for column in 0..<columns {
                /// Where edge `number` comes from into this column: its lane in the column before, or its source.
                func previous(_ number: Int) -> Double {
                    let edge = edges[number]
                    if let middle = laneMiddles[number][column - 1] { return middle }
                    return boxes[edge.source].y + boxHeight / 2
                }
                var ordered = slots[column]
                if column > 0 {
                    let keys = ordered.map { slot -> Double in
                        switch slot {
                        case .node(let position):
                            let incoming = edges.indices.filter { edges[$0].target == position }
                            return incoming.isEmpty ? 0 : incoming.reduce(0) { $0 + previous($1) } / Double(incoming.count)
                        case .lane(let number):
                            return previous(number)
                        }
                    }
                    ordered = ordered.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }.map { ordered[$0] }
                }
                var y = top + (contentHeight - columnHeights[column]) / 2
                for slot in ordered {
                    switch slot {
                    case .node(let position): boxes[position] = (columnX[column], y, columnWidths[column])
                    case .lane(let number): laneMiddles[number][column] = y + Self.laneHeight / 2
                    }
                    y += slotHeight(slot) + Self.rowGap
                }
            }
            self.boxes = boxes
            lanes = laneMiddles.map { middles in middles.keys.sorted().map { (columnX[$0], middles[$0]!, columnWidths[$0]) } }
            width = Swift.max(200, x - Self.columnGap + Self.margin)
            height = top + contentHeight + Self.margin
        }
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }
}

@testable import Charts
import Testing
@testable import WorkbookSite

extension ChartsTests {
    @Suite struct ComputationGraphTests {
        /// L = a · b + d with a = 2, b = −3, d = 10: c = a · b = −6, L = 4; ∂L/∂a = b = −3,
        /// ∂L/∂b = a = 2, ∂L/∂c = ∂L/∂d = 1.
        private func graph() -> ComputationGraph {
            var graph = ComputationGraph(title: "L = a·b + d")
            graph.decimals = 1
            graph.add("a", value: 2, gradient: -3)
            graph.add("b", value: -3, gradient: 2)
            graph.add("c", operation: "×", value: -6, gradient: 1, inputs: ["a", "b"])
            graph.add("d", value: 10, gradient: 1)
            graph.add("L", operation: "+", value: 4, inputs: ["c", "d"])
            graph.setGradient(1, of: "L")
            return graph
        }

        @Test func depthsAreTheLongestPathFromAnInput() {
            #expect(graph().depths == [0, 0, 1, 0, 2])
            var chain = ComputationGraph(title: "skip")
            chain.add("x")
            chain.add("y", operation: "σ", inputs: ["x"])
            chain.add("z", operation: "+", inputs: ["x", "y"])    // x is at depth 0, but y makes z depth 2
            #expect(chain.depths == [0, 1, 2])
        }

        /// Boxes are 16 pixels a line plus 10: 3 · 16 + 10 = 58 high. The first column (a, b, d) is as
        /// wide as its longest text, "∂L/∂a = −3.0", 12 characters: 12 · 7 + 16 = 100; the next
        /// columns ("∂L/∂c = 1.0", 11 characters) 93. Columns start at 24, 24 + 100 + 56 = 180 and
        /// 180 + 93 + 56 = 329. The first column holds three boxes, 3 · 58 + 2 · 22 = 218 high, from
        /// y 44 (middles 73, 153, 233). The edge d → L skips the middle column, so it gets a lane
        /// there, 12 high; c (fed from 73 and 153) comes before it (fed from 233). That column is
        /// 58 + 22 + 12 = 92 high, centred: c at y 44 + (218 − 92) / 2 = 107, the lane's middle at
        /// 107 + 58 + 22 + 6 = 193. L alone is centred: y = 44 + (218 − 58) / 2 = 124.
        @Test func boxesSitInColumnsByDepth() {
            let svg = graph().svg
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart computation-graph\" viewBox=\"0 0 446 286\""))
            #expect(svg.contains("<title>L = a·b + d</title>"))
            #expect(count(svg, "<rect ") == 5)
            for (x, y, width) in [(24, 44, 100), (24, 124, 100), (180, 107, 93), (24, 204, 100), (329, 124, 93)] {
                #expect(svg.contains("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"58\" rx=\"6\""))
            }
            // a's two lines are centred in its box: baselines 44 + (58 − 32) / 2 + 12 = 69 and 85.
            #expect(svg.contains("<text x=\"74\" y=\"69\">a = 2.0</text>") && svg.contains("<text x=\"74\" y=\"85\">∂L/∂a = −3.0</text>"))
            #expect(svg.contains("font-weight=\"600\">×</text>") && svg.contains(">c = −6.0</text>") && svg.contains(">∂L/∂L = 1.0</text>"))
        }

        /// An arrow runs from the middle of a's right side, (124, 73), to c's left side at x 180; c has
        /// two inputs, so a's arrow arrives 4 pixels above c's middle (136): at y 132. The curve ends
        /// 7 pixels short, at 173, where the arrowhead starts; its control points are half way, at 148.5.
        /// d → L runs from (124, 233) to its lane (x 180…273 at y 193), along it, then to 4 pixels
        /// below L's middle (153), ending at 329 − 7 = 322.
        @Test func edgesAreArrowsFromInputToNode() {
            let svg = graph().svg
            #expect(count(svg, "<title>") == 1 + 4)    // the figure's and one per edge
            #expect(svg.contains("<path d=\"M124 73C148.5 73 148.5 132 173 132\"><title>a → c</title></path>"))
            #expect(svg.contains("<path d=\"M180 132L173 128.5L173 135.5Z\"/>"))
            #expect(svg.contains("<path d=\"M124 233C152 233 152 193 180 193H273C297.5 193 297.5 157 322 157\"><title>d → L</title></path>"))
            #expect(svg.contains("<title>b → c</title>") && svg.contains("<title>d → L</title>"))
            #expect(svg == graph().svg)
        }

        @Test func theDescriptionListsEveryNode() {
            #expect(graph().svg.contains("<desc>A computation graph of 5 nodes: a = 2.0, ∂L/∂a = −3.0; b = −3.0, ∂L/∂b = 2.0; c = ×(a, b) = −6.0, ∂L/∂c = 1.0; d = 10.0, ∂L/∂d = 1.0; L = +(c, d) = 4.0, ∂L/∂L = 1.0.</desc>"))
        }

        /// A value or gradient that is not finite is not written; the node shows its name only.
        @Test func nonFiniteValuesAreNotWritten() {
            var graph = ComputationGraph(title: "overflow")
            graph.add("x", value: .infinity, gradient: .nan)
            graph.add("y", operation: "exp", value: 1, inputs: ["x", "x"])
            let svg = graph.svg
            #expect(!svg.contains("nan") && !svg.contains("inf"))
            #expect(svg.contains(">x</text>"))
            #expect(count(svg, "<title>x → y</title>") == 2)    // x × x: two arrows, 8 pixels apart
        }

        @Test func aComputationGraphPassesTheSitesFigureCheck() throws {
            var graph = ComputationGraph(title: "a neuron", description: "z = w·x + b, then a = σ(z)")
            graph.add("x", value: 1)
            graph.add("w", value: 0.5)
            graph.add("b", value: -0.5)
            graph.add("z", operation: "w·x + b", value: 0, inputs: ["w", "x", "b"])
            graph.add("a", operation: "σ", value: 0.5, gradient: 1, inputs: ["z"])
            let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: graph.svg), at: .init(file: "x.md", line: 1))
            #expect(html.contains("<desc>z = w·x + b, then a = σ(z)</desc>"))
        }
    }
}

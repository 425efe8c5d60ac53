@testable import Charts
import Testing
@testable import WorkbookSite

extension ChartsTests {
    @Suite struct NetworkDiagramTests {
        /// Without values or weights nodes have radius 14, columns are 120 apart and rows 2 · 14 + 18
        /// = 46; with a title the nodes start at y 44. The tallest layer has 3 nodes (138 pixels), so
        /// the 2-node layer is offset by 23: its nodes sit at (24 + 14, 44 + 23 + 23) = (38, 90) and
        /// (38, 136); the middle layer at x 158, y 67, 113, 159; the output at (278, 113). The figure is
        /// 24 · 2 + 28 + 2 · 120 = 316 wide and 44 + 138 + 12 = 194 high.
        @Test func nodesAndEdgesLandWhereTheLayoutPutsThem() {
            let diagram = NetworkDiagram(title: "A 2-3-1 net", layers: [2, 3, 1])
            let svg = diagram.svg
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart network\" viewBox=\"0 0 316 194\""))
            #expect(svg.contains("<title>A 2-3-1 net</title>"))
            #expect(svg.contains("<desc>A network with 3 layers of 2, 3 and 1 nodes, each layer connected to the next.</desc>"))
            #expect(count(svg, "<circle ") == 6)
            #expect(count(svg, "<line ") == 2 * 3 + 3 * 1)
            for (x, y) in [(38, 90), (38, 136), (158, 67), (158, 113), (158, 159), (278, 113)] {
                #expect(svg.contains("<circle cx=\"\(x)\" cy=\"\(y)\" r=\"14\""))
            }
            // From the right of the first input to the left of the first hidden node.
            #expect(svg.contains("<line x1=\"52\" y1=\"90\" x2=\"144\" y2=\"67\" stroke=\"currentColor\""))
            #expect(svg == diagram.svg)
        }

        /// A long name under the last layer widens the figure so it is not cut at the edge: "output
        /// a (softmax)" is 18 characters, about 18 · 7 = 126 pixels, half of it (63) right of its
        /// column. With radius 14 and columns 120 apart the figure is 24 + 14 + 120 + 63 + 24 = 245
        /// wide; the first column stays at 24 + 14 = 38 (its name "in" is narrower than a node).
        @Test func longLayerNamesWidenTheFigure() {
            let diagram = NetworkDiagram(title: "", layers: [2, 1], names: ["in", "output a (softmax)"])
            let svg = diagram.svg
            #expect(svg.contains("viewBox=\"0 0 245 144\""))
            #expect(svg.contains("<circle cx=\"38\" cy=\"39\" r=\"14\""))
            #expect(svg.contains("<text class=\"network-layer\" x=\"158\""))
            let short = NetworkDiagram(title: "", layers: [2, 1], names: ["in", "out"])
            #expect(short.svg.contains("viewBox=\"0 0 200 144\""))
        }

        /// Values make nodes of radius 20 (rows 58 apart), weights on edges columns 150 apart. The
        /// weights 0.5 and −2 (the largest) give widths 0.6 + 2.8 · 0.25 = 1.3 and 3.4; the negative
        /// one is blue and dashed. Inputs sit at (44, 73) and (44, 131), the output at (194, 102); each
        /// weight is written 30% of the way along its edge, from (64, 73) to (174, 102):
        /// (64 + 0.3 · 110, 73 + 0.3 · 29 − 3) = (97, 78.7), and from (64, 131): (97, 119.3).
        @Test func weightsShowTheirSizeAndSign() {
            var diagram = NetworkDiagram(title: "weights", layers: [2, 1])
            diagram.setValues([1, 0.5], layer: 0)
            diagram.setWeights([[0.5, -2]], from: 0)
            let svg = diagram.svg
            #expect(svg.contains("viewBox=\"0 0 238 172\""))
            #expect(svg.contains("<line x1=\"64\" y1=\"73\" x2=\"174\" y2=\"102\" stroke=\"#D55E00\" stroke-width=\"1.3\"><title>0.50</title></line>"))
            #expect(svg.contains("<line x1=\"64\" y1=\"131\" x2=\"174\" y2=\"102\" stroke=\"#0072B2\" stroke-dasharray=\"5 3\" stroke-width=\"3.4\"><title>−2.00</title></line>"))
            #expect(svg.contains("<text x=\"97\" y=\"78.7\" text-anchor=\"middle\">0.50</text>"))
            #expect(svg.contains("<text x=\"97\" y=\"119.3\" text-anchor=\"middle\">−2.00</text>"))
            #expect(svg.contains("<text x=\"44\" y=\"77\" text-anchor=\"middle\" stroke=\"none\" font-size=\"11\">1.00</text>"))
            #expect(svg.contains("positive weights are solid, negative ones dashed"))
            diagram.showsWeights = false
            #expect(!diagram.svg.contains("network-weights"))
        }

        /// A layer of 784 shows 4 + 4 nodes around a "⋮" and its count by its name; a layer of
        /// exactly 10 shows them all. Edges join only the nodes shown: 8 · 8 + 8 · 10.
        @Test func largeLayersShowTheirEnds() {
            let diagram = NetworkDiagram(title: "MNIST", layers: [784, 16, 10], names: ["input", "hidden", "output"])
            let svg = diagram.svg
            #expect(count(svg, "<circle ") == 8 + 8 + 10)
            #expect(count(svg, "<line ") == 8 * 8 + 8 * 10)
            #expect(count(svg, ">⋮</text>") == 2)
            #expect(svg.contains(">input (784)</text>") && svg.contains(">hidden (16)</text>") && svg.contains(">output</text>"))
        }

        /// A weight or a value that is not finite is not written: its edge is drawn plain.
        @Test func nonFiniteValuesAndWeightsAreNotWritten() {
            var diagram = NetworkDiagram(title: "gaps", layers: [2, 1])
            diagram.setValues([.nan, .infinity], layer: 0)
            diagram.setWeights([[.nan, 1]], from: 0)
            let svg = diagram.svg
            #expect(!svg.contains("nan") && !svg.contains("inf"))
            #expect(count(svg, "stroke-opacity=\"0.35\"") == 1)
            #expect(count(svg, "font-size=\"11\"") == 0)
        }

        /// Layers added after the diagram was made can take weights too; gaps without any draw plain edges.
        @Test func layersAddedLaterTakeWeights() {
            var diagram = NetworkDiagram(title: "grown", layers: [1, 1])
            diagram.layers.append(NetworkLayer(count: 2, name: "new"))
            #expect(count(diagram.svg, "<line ") == 1 + 2)
            diagram.setWeights([[1], [-1]], from: 1)
            #expect(count(diagram.svg, "stroke-dasharray=\"5 3\"") == 1)
        }

        /// Without a title the nodes start at y 16, and weights put the columns 150 apart: inputs at
        /// (38, 39) and (38, 85), the output at (188, 62). Dropping input 1 draws it dashed with a cross whose arms reach 0.45 · 14 = 6.3
        /// from its centre, (31.7, 78.7) to (44.3, 91.3), writes no value in it, and makes its edge,
        /// from (52, 85) to (174, 62), faint and unlabelled; input 0's edge keeps its weight.
        @Test func droppedNodesAreCrossedOutWithFaintEdges() {
            var diagram = NetworkDiagram(title: "", layers: [2, 1])
            diagram.setWeights([[0.5, -2]], from: 0)
            diagram.setDropped([1], layer: 0)
            var svg = diagram.svg
            #expect(svg.contains("<circle class=\"network-dropped\" cx=\"38\" cy=\"85\" r=\"14\" fill=\"none\""))
            #expect(svg.contains("<path d=\"M31.7 78.7L44.3 91.3M31.7 91.3L44.3 78.7\""))
            #expect(svg.contains("<line x1=\"52\" y1=\"85\" x2=\"174\" y2=\"62\" class=\"network-dropped\""))
            #expect(!svg.contains("−2.00"))
            #expect(svg.contains("<title>0.50</title>"))
            #expect(count(svg, "<circle ") == 3)
            #expect(svg.contains("1 node is dropped, drawn crossed out with faint edges."))
            diagram.setValues([1, 7], layer: 0)
            svg = diagram.svg
            #expect(svg.contains(">1.00</text>"))
            #expect(!svg.contains(">7.00</text>"))
            diagram.setDropped([], layer: 0)
            #expect(!diagram.svg.contains("network-dropped"))
        }

        @Test func aNetworkDiagramPassesTheSitesFigureCheck() throws {
            var diagram = NetworkDiagram(title: "XOR", layers: [2, 2, 1], names: ["x", "h", "ŷ"], description: "Two inputs, two hidden units, one output")
            diagram.setWeights([[1, 1], [1, 1]], from: 0)
            diagram.setWeights([[1, -2]], from: 1)
            diagram.setValues([1, 0], layer: 0)
            let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: diagram.svg), at: .init(file: "x.md", line: 1))
            #expect(html.contains("<desc>Two inputs, two hidden units, one output</desc>"))
        }
    }
}

@testable import Charts
import Testing
@testable import WorkbookKit
@testable import WorkbookSite

extension ChartsTests {
    @Suite struct HeatmapTests {
        @Test func everyCellGetsARectangleAndTheLegendItsEnds() {
            var figure = Heatmap(title: "Image & map", description: "A 2×3 image", scale: .grey)
            figure.add("image", [[0, 0.5, 1], [1, 0.5, 0]])
            let svg = figure.svg
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\""))
            #expect(svg.contains("<title>Image &amp; map</title>"))
            #expect(svg.contains("<desc>A 2×3 image</desc>"))
            // 6 cells and 32 legend steps, plus the frames.
            #expect(svg.components(separatedBy: "fill=\"#").count - 1 == 6 + 32)
            #expect(svg.contains(">0.00</text>") && svg.contains(">1.00</text>"))
            #expect(svg.contains(">image</text>"))
            #expect(svg == figure.svg)
        }

        /// The ends of the scales, computed by hand: grey runs from white (255) to #111111 (17);
        /// the diverging scale from Okabe–Ito blue (0, 114, 178) through white to vermilion (213, 94, 0).
        @Test(arguments: [
            (Heatmap.ColourScale.grey, 0.0, "#ffffff"), (.grey, 1.0, "#111111"), (.grey, 0.5, "#888888"),
            (.diverging, -1.0, "#0072b2"), (.diverging, 0.0, "#ffffff"), (.diverging, 1.0, "#d55e00"),
            (.diverging, 0.5, "#eaaf80"),
        ])
        func coloursAtKnownPoints(scale: Heatmap.ColourScale, value: Double, expected: String) {
            var figure = Heatmap(title: "t", description: "d", scale: scale)
            figure.add("p", [[scale == .grey ? 0 : -1, 1]])
            #expect(figure.colour(of: value).fill == expected)
        }

        @Test func theDivergingRangeIsSymmetricAboutZero() {
            var figure = Heatmap(title: "t", description: "d", scale: .diverging)
            figure.add("p", [[-0.5, 2]])
            #expect(figure.resolvedRange == -2...2)
        }

        @Test func valuesInCellsUseTextThatContrastsWithTheCell() {
            var figure = Heatmap(title: "t", description: "d", scale: .grey)
            figure.add("p", [[0, 1]])
            figure.showsValues = true
            let svg = figure.svg
            #expect(svg.contains("fill=\"#000000\" font-size=\"12\">0.00</text>"))
            #expect(svg.contains("fill=\"#ffffff\" font-size=\"12\">1.00</text>"))
        }

        /// One 2 × 2 panel of 40-pixel cells is 80 + 2 · 16 = 112 wide, so the figure's floor of 260
        /// holds; a title of 40 characters needs 40 · 8.5 + 32 = 372 and a caption of 50 characters
        /// 50 · 7 + 32 = 382, and the figure widens to each, its panel centred.
        @Test func longTitlesAndCaptionsWidenTheFigure() {
            var figure = Heatmap(title: "short", description: "d")
            figure.add("p", [[0, 1], [1, 0]])
            figure.cellSize = 40
            #expect(figure.svg.contains("viewBox=\"0 0 260 "))
            figure.title = String(repeating: "t", count: 40)
            #expect(figure.svg.contains("viewBox=\"0 0 372 "))
            #expect(figure.svg.contains("<text class=\"chart-title\" x=\"186\""))
            figure.panels[0].caption = String(repeating: "c", count: 50)
            #expect(figure.svg.contains("viewBox=\"0 0 382 "))
            #expect(figure.svg.contains("<rect class=\"heatmap-frame\" x=\"151\""))
        }

        @Test func panelsWrapAfterPanelsPerRow() {
            var figure = Heatmap(title: "maps", description: "d")
            for index in 0..<5 { figure.add("map \(index)", [[0, 1], [1, 0]]) }
            figure.panelsPerRow = 2
            figure.cellSize = 10
            // Three rows of panels: 40 (title) + 3 × (20 + 20 + 18) + 46 (legend).
            #expect(figure.svg.contains("viewBox=\"0 0 260 260\""))
        }

        @Test func aHeatmapPassesTheSitesFigureCheck() throws {
            var figure = Heatmap(title: "kernel", description: "a 3×3 kernel", scale: .diverging)
            figure.add("kernel", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
            figure.showsValues = true
            let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: figure.svg), at: .init(file: "x.md", line: 1))
            #expect(html.hasPrefix("<figure class=\"figure\">"))
        }
    }
}

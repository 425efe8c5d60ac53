@testable import Charts
import Testing
@testable import WorkbookSite

extension ChartsTests {
    @Suite struct ContourChartTests {
        /// x² + y² sampled at x, y ∈ {−1.5, −0.5, 0.5, 1.5}: the four inner samples are 0.5, the
        /// edge ones 2.5, the corners 4.5. The level 1 crosses an edge from 0.5 to 2.5 a quarter of the
        /// way, at 0.5 + 0.25 · 1 = 0.75: the unit circle becomes the octagon through (±0.75, ±0.5)
        /// and (±0.5, ±0.75), one closed line of 8 segments.
        @Test func marchingSquaresTurnsTheUnitCircleIntoAnOctagon() throws {
            let grid = ContourGrid(x: -1.5...1.5, y: -1.5...1.5, samples: 4) { x, y in x * x + y * y }
            #expect(grid.values[5] == 0.5 && grid.values[4] == 2.5 && grid.values[0] == 4.5)
            let lines = grid.contour(at: 1)
            #expect(lines.count == 1)
            let line = try #require(lines.first)
            #expect(line.count == 9)
            #expect(line.first!.x == line.last!.x && line.first!.y == line.last!.y)
            let expected: [(Double, Double)] = [(0.75, -0.5), (0.75, 0.5), (0.5, 0.75), (-0.5, 0.75), (-0.75, 0.5), (-0.75, -0.5), (-0.5, -0.75), (0.5, -0.75)]
            for (x, y) in expected {
                #expect(line.contains { abs($0.x - x) < 1e-12 && abs($0.y - y) < 1e-12 }, "missing (\(x), \(y))")
            }
            #expect(grid.segments(at: 1).count == 8)
        }

        /// On a fine grid the octagon becomes the circle: every vertex within 0.005 of radius 1.
        @Test func onAFineGridTheContourIsTheCircle() {
            let grid = ContourGrid(x: -2...2, y: -2...2, samples: 101) { x, y in x * x + y * y }
            let lines = grid.contour(at: 1)
            #expect(lines.count == 1)
            #expect(lines[0].count > 100)
            for point in lines[0] {
                let radius = (point.x * point.x + point.y * point.y).squareRoot()
                #expect(abs(radius - 1) < 0.005)
            }
        }

        /// |x| + |y| is linear along every edge of a grid through the axes, so linear interpolation
        /// finds the level 1.5 exactly: every vertex has |x| + |y| = 1.5, e.g. (1.5, 0) and (0.5, 1).
        /// The samples below 1.5 are the origin and the four points at distance 1; each of those four
        /// has three neighbours at 2, so 12 edges are crossed: a closed line of 13 points.
        @Test func crossingsAreExactWhereTheFunctionIsLinearAlongEdges() {
            let grid = ContourGrid(x: -2...2, y: -2...2, samples: 5) { x, y in abs(x) + abs(y) }
            let lines = grid.contour(at: 1.5)
            #expect(lines.count == 1 && lines[0].count == 13)
            for point in lines[0] { #expect(abs(abs(point.x) + abs(point.y) - 1.5) < 1e-12) }
            #expect(lines[0].contains { $0.x == 1.5 && $0.y == 0 } && lines[0].contains { $0.x == 0.5 && $0.y == 1 })
        }

        /// xy on the single cell −1…1: corners 1, −1, 1, −1 counter-clockwise from (−1, −1). At the
        /// level 0.5 the centre (mean 0) is below, so the two corners above are cut off: segments
        /// (−1, −0.5)–(−0.5, −1) and (1, 0.5)–(0.5, 1), on the hyperbola xy = 0.5.
        @Test func aSaddleIsResolvedByTheCentre() {
            let grid = ContourGrid(x: -1...1, y: -1...1, samples: 2) { x, y in x * y }
            let lines = grid.contour(at: 0.5)
            #expect(lines.count == 2)
            let ends = lines.map { $0.map { [$0.x, $0.y] } }
            #expect(ends.contains([[-1, -0.5], [-0.5, -1]]) || ends.contains([[-0.5, -1], [-1, -0.5]]))
            #expect(ends.contains([[1, 0.5], [0.5, 1]]) || ends.contains([[0.5, 1], [1, 0.5]]))
            // At −0.5 the centre is above: the corners below are cut off instead.
            let below = grid.contour(at: -0.5).map { $0.map { [$0.x, $0.y] } }
            #expect(below.contains([[0.5, -1], [1, -0.5]]) || below.contains([[1, -0.5], [0.5, -1]]))
        }

        /// A sample that is not finite removes the four cells around it; nothing non-finite is written.
        @Test func cellsWithASampleThatIsNotFiniteAreSkipped() {
            let grid = ContourGrid(x: -2...2, y: -2...2, samples: 5) { x, y in x == 0 && y == 0 ? .nan : x * x + y * y }
            #expect(grid.contour(at: 0.5).isEmpty)
            #expect(grid.contour(at: .nan).isEmpty)
            var chart = ContourChart(title: "hole", grid: grid)
            chart.levels = [0.5, 1.5, .infinity]
            chart.addPath("p", x: [0, .nan, 1], y: [0, 1, .infinity])
            let svg = chart.svg
            #expect(!svg.contains("nan") && !svg.contains("inf"))
            #expect(count(svg, "class=\"contour-level\"") == 1)    // 1.5 only: 0.5 has no line left
        }

        /// A 560 × 440 chart over −2…2 × −2…2 with a legend row: plot x 48…544 (124 pixels a unit),
        /// y 58…410 (88 a unit). The contour |x| + |y| = 1.5 passes (1.5, 0): pixel (482, 234). The
        /// path from (−1, 1) to (0, 0) runs from (172, 146) to (296, 234).
        @Test func contoursAndPathsLandWhereTheAxesPutThem() {
            var chart = ContourChart(title: "A diamond", x: -2...2, y: -2...2, samples: 5) { x, y in abs(x) + abs(y) }
            chart.levels = [1.5]
            chart.addPath("GD", points: [(-1, 1), (0, 0)])
            let svg = chart.svg
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart contour\" viewBox=\"0 0 560 440\""))
            #expect(svg.contains("<title>A diamond</title>"))
            #expect(svg.contains("<desc>Contour lines at 1.5. Paths: GD, each starting at a hollow circle and ending at a filled marker.</desc>"))
            #expect(svg.contains("482 234"))
            #expect(svg.contains("<path d=\"M172 146L296 234\" fill=\"none\" stroke=\"#0072B2\""))
            #expect(svg.contains("<circle cx=\"172\" cy=\"146\" r=\"5\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"1.6\"/>"))
            #expect(svg.contains("<circle cx=\"296\" cy=\"234\" r=\"5\" fill=\"#0072B2\"/>"))
            #expect(svg.contains("<title>1.5</title>") && svg.contains(">1.5</text>"))
            #expect(svg.contains(">GD</text>"))
            #expect(svg == chart.svg)
        }

        /// x² + y² on −2…2 ranges over 0…8. About 8 levels: steps of 1, so 1…7 (the ends have no
        /// line). Logarithmic levels start at the smallest positive sample, 1 (at (1, 0)): 1, 2, 5.
        @Test func levelsAreChosenFromTheRange() {
            var chart = ContourChart(title: "bowl", x: -2...2, y: -2...2, samples: 5) { x, y in x * x + y * y }
            #expect(chart.resolvedLevels == [1, 2, 3, 4, 5, 6, 7])
            chart.logarithmicLevels = true
            #expect(chart.resolvedLevels == [1, 2, 5])
            chart.levels = [3, -1, .nan]
            #expect(chart.resolvedLevels == [-1, 3])
        }

        /// Several paths differ in colour, dash pattern and end marker.
        @Test func pathsDifferInColourDashAndEndMarker() {
            var chart = ContourChart(title: "optimisers", x: -3...3, y: -2...2) { x, y in x * x + 10 * y * y }
            chart.logarithmicLevels = true
            chart.addPath("SGD", x: [-2.5, -2, -1], y: [1.5, -1, 0.5])
            chart.addPath("momentum", x: [-2.5, -1, 0], y: [1.5, 0.2, 0])
            chart.addPath("Adam", x: [-2.5, -1.5, -0.5], y: [1.5, 0.5, 0])
            let svg = chart.svg
            #expect(count(svg, "<g class=\"contour-path contour-path-") == 3)
            #expect(svg.contains("stroke=\"#D55E00\" stroke-width=\"2.2\" stroke-linejoin=\"round\" stroke-dasharray=\"7 4\"/>"))
            #expect(svg.contains("<rect ") && svg.contains("Z\" fill=\"#009E73\"/>"))    // square and triangle end markers
            #expect(count(svg, "class=\"contour-level\"") == chart.resolvedLevels.count)
            // x −3…3 widens to −4…4 (ticks of 2, the larger step on a tie), y stays −2…2: values up to
            // 16 + 40 = 56. The smallest positive sample is (8/60)² ≈ 0.0178, in the decade of 10⁻², so
            // levels run 0.01…50 (0.01 is above the minimum, 0 at the origin, and has a small line).
            #expect(chart.grid.xRange == -4...4 && chart.grid.yRange == -2...2)
            #expect(chart.resolvedLevels == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50])
        }

        /// A path that leaves the plot breaks there; its end marker sits on the last point drawn.
        /// With the plot of `contoursAndPathsLandWhereTheAxesPutThem`, (1, 1) is (420, 146).
        @Test func aPathLeavingThePlotBreaks() {
            var chart = ContourChart(title: "diverging", x: -2...2, y: -2...2, samples: 5) { x, y in abs(x) + abs(y) }
            chart.addPath("SGD, too fast", x: [-1, 0, 5, 1], y: [1, 0, 5, 1])
            let svg = chart.svg
            #expect(svg.contains("<path d=\"M172 146L296 234M420 146\""))
            #expect(svg.contains("<circle cx=\"420\" cy=\"146\" r=\"5\" fill=\"#0072B2\"/>"))
        }

        @Test func aContourChartPassesTheSitesFigureCheck() throws {
            var chart = ContourChart(title: "Loss <surface>", xLabel: "w₁", yLabel: "w₂", x: -1...1, y: -1...1) { x, y in x * x + y * y }
            chart.addPath("SGD", x: [0.9, 0.5, 0.1], y: [0.9, 0.4, 0.1])
            let html = try FigureEmbed.html(.init(snippetIndex: 0, svg: chart.svg), at: .init(file: "x.md", line: 1))
            #expect(html.contains("<title>Loss &lt;surface&gt;</title>"))
        }
    }
}

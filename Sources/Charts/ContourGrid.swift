/// A function of two variables sampled on a regular grid, and its contour lines by marching
/// squares: what a `ContourChart` draws.
public struct ContourGrid: Sendable, Equatable {
    /// The x range the samples span, first column to last.
    public let xRange: ClosedRange<Double>
    /// The y range the samples span, first row to last.
    public let yRange: ClosedRange<Double>
    /// The number of samples along x, at least 2.
    public let columns: Int
    /// The number of samples along y, at least 2.
    public let rows: Int
    /// The samples row by row from the lowest y: `values[j · columns + i]` is f(x(i), y(j)).
    public let values: [Double]

    /// A grid of given samples.
    ///
    /// - Precondition: `columns, rows ≥ 2` and `values.count == columns · rows`.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int, values: [Double]) {
        precondition(columns >= 2 && rows >= 2, "ContourGrid needs at least 2 × 2 samples, got \(columns) × \(rows)")
        precondition(values.count == columns * rows, "ContourGrid: \(columns) × \(rows) samples but \(values.count) values")
        xRange = x
        yRange = y
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    /// `function` sampled at `samples × samples` evenly spaced points covering `x` × `y`, edges included.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, samples: Int = 61, _ function: (Double, Double) -> Double) {
        let count = Swift.max(2, samples)
        var values: [Double] = []
        values.reserveCapacity(count * count)
        for j in 0..<count {
            let vy = y.lowerBound + (y.upperBound - y.lowerBound) * Double(j) / Double(count - 1)
            for i in 0..<count {
                values.append(function(x.lowerBound + (x.upperBound - x.lowerBound) * Double(i) / Double(count - 1), vy))
            }
        }
        self.init(x: x, y: y, columns: count, rows: count, values: values)
    }

    /// The x of column `i`.
    public func x(_ i: Int) -> Double { xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(i) / Double(columns - 1) }
    /// The y of row `j`.
    public func y(_ j: Int) -> Double { yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(j) / Double(rows - 1) }

    /// The smallest and largest finite samples; nil when none is finite.
    public var finiteRange: ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return low...high
    }

    /// The contour lines where the sampled function equals `level`, by marching squares: each
    /// grid cell whose corners lie on both sides of the level (a corner at or above it counts as
    /// above) gets a segment between the crossings on its edges, found by linear interpolation;
    /// a saddle cell is resolved by the mean of its corners. Cells with a corner that is not
    /// finite are skipped. Segments are joined into polylines; a closed one ends at its start.
    public func contour(at level: Double) -> [[(x: Double, y: Double)]] {
        guard level.isFinite else { return [] }
        let segments = self.segments(at: level)
        // Each crossing (an edge of the grid) belongs to at most two segments.
        var atEdge: [Int: [Int]] = [:]
        for (index, segment) in segments.enumerated() {
            atEdge[segment.edges.0, default: []].append(index)
            atEdge[segment.edges.1, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[(x: Double, y: Double)]] = []
        func walk(from start: Int, startingAt edge: Int) {
            var line: [(x: Double, y: Double)] = []
            var index = start, entry = edge
            while true {
                used[index] = true
                let segment = segments[index]
                let (first, second, exit) = segment.edges.0 == entry
                    ? (segment.points.0, segment.points.1, segment.edges.1)
                    : (segment.points.1, segment.points.0, segment.edges.0)
                if line.isEmpty { line.append(first) }
                line.append(second)
                guard let next = atEdge[exit]?.first(where: { !used[$0] }) else { break }
                index = next
                entry = exit
            }
            lines.append(line)
        }
        // Open lines first, from an end (a crossing on the grid's border), then the closed ones.
        for (index, segment) in segments.enumerated() where !used[index] {
            if atEdge[segment.edges.0]!.count == 1 {
                walk(from: index, startingAt: segment.edges.0)
            } else if atEdge[segment.edges.1]!.count == 1 {
                walk(from: index, startingAt: segment.edges.1)
            }
        }
        for (index, segment) in segments.enumerated() where !used[index] {
            walk(from: index, startingAt: segment.edges.0)
        }
        return lines
    }

    /// One segment per crossed cell (two in a saddle), each with the ids of the grid edges it
    /// joins: `2 · (j · columns + i)` for the edge from (i, j) to (i + 1, j), one more for the
    /// edge from (i, j) to (i, j + 1).
    func segments(at level: Double) -> [(edges: (Int, Int), points: ((x: Double, y: Double), (x: Double, y: Double)))] {
        var result: [(edges: (Int, Int), points: ((x: Double, y: Double), (x: Double, y: Double)))] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                // Corners counter-clockwise from the bottom left, and the edges after each corner.
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                let v = corners.map { values[$0.1 * columns + $0.0] }
                guard v.allSatisfy(\.isFinite) else { continue }
                let above = v.map { $0 >= level }
                let edgeIDs = [2 * (j * columns + i), 2 * (j * columns + i + 1) + 1, 2 * ((j + 1) * columns + i), 2 * (j * columns + i) + 1]
                func crossing(_ edge: Int) -> (x: Double, y: Double) {
                    let a = edge, b = (edge + 1) % 4
                    let t = (level - v[a]) / (v[b] - v[a])
                    let (ax, ay) = (x(corners[a].0), y(corners[a].1)), (bx, by) = (x(corners[b].0), y(corners[b].1))
                    return (ax + t * (bx - ax), ay + t * (by - ay))
                }
                let crossed = (0..<4).filter { above[$0] != above[($0 + 1) % 4] }
                var pairs: [(Int, Int)] = []
                if crossed.count == 2 {
                    pairs = [(crossed[0], crossed[1])]
                } else if crossed.count == 4 {
                    // A saddle: corners 0 and 2 on one side, 1 and 3 on the other. The segments cut
                    // off the two corners on the other side from the centre.
                    let centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 >= level
                    let cutOffCorners13 = centreAbove == above[0]
                    pairs = cutOffCorners13 ? [(0, 1), (2, 3)] : [(3, 0), (1, 2)]
                }
                for (e0, e1) in pairs {
                    result.append(((edgeIDs[e0], edgeIDs[e1]), (crossing(e0), crossing(e1))))
                }
            }
        }
        return result
    }
}

/// One line of a `LineChart`: a name for the legend and its points, in order.
public struct ChartSeries: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The points' x coordinates.
    public var x: [Double]
    /// The points' y coordinates, one per x.
    public var y: [Double]

    /// A series of the points `(x[i], y[i])`; extra values in the longer array are ignored.
    public init(name: String, x: [Double], y: [Double]) {
        let count = min(x.count, y.count)
        self.name = name
        self.x = Array(x.prefix(count))
        self.y = Array(y.prefix(count))
    }

    /// The finite points, for the axes' ranges.
    var finitePoints: [(x: Double, y: Double)] {
        zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
    }
}

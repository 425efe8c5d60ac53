/// One named line of a `LineChart`: points `(x, y)` in data coordinates, drawn in `color`.
public struct ChartSeries: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The points, in drawing order.
    public var points: [(x: Double, y: Double)]
    /// An SVG colour, e.g. `#1f77b4`.
    public var color: String

    /// A series.
    public init(name: String, points: [(x: Double, y: Double)], color: String) {
        self.name = name
        self.points = points
        self.color = color
    }

    /// Series are equal when names, colours and points are.
    public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.name == b.name && a.color == b.color && a.points.elementsEqual(b.points) { $0.x == $1.x && $0.y == $1.y }
    }
}

/// One series of a `BarChart`: a name for the legend and a value per category.
public struct BarSeries: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The values, one per category in order; a value that is not finite draws no bar.
    public var values: [Double]

    /// A series of `values`.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

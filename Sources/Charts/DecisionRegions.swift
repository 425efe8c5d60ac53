/// The class a classifier picks over the plane, sampled on a grid of cells: what a `ScatterChart`
/// draws as light tinted cells under its points.
public struct DecisionRegions: Sendable, Equatable {
    /// The cells' edges along x, increasing: `columns + 1` values.
    public let xEdges: [Double]
    /// The cells' edges along y, increasing: `rows + 1` values.
    public let yEdges: [Double]
    /// The class index of each cell, row by row from the lowest y: `classes[r · columns + c]`.
    /// A negative index leaves the cell blank.
    public let classes: [Int]

    /// Regions from their cell edges and classes.
    ///
    /// - Precondition: at least two edges each way and `classes.count == (xEdges.count − 1) · (yEdges.count − 1)`.
    public init(xEdges: [Double], yEdges: [Double], classes: [Int]) {
        precondition(xEdges.count >= 2 && yEdges.count >= 2, "DecisionRegions needs at least two edges along x and along y")
        precondition(classes.count == (xEdges.count - 1) * (yEdges.count - 1),
                     "DecisionRegions: \(xEdges.count - 1) × \(yEdges.count - 1) cells but \(classes.count) classes")
        self.xEdges = xEdges
        self.yEdges = yEdges
        self.classes = classes
    }

    /// The number of cells along x.
    public var columns: Int { xEdges.count - 1 }
    /// The number of cells along y.
    public var rows: Int { yEdges.count - 1 }
}

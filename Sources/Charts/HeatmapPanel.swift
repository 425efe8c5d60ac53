/// One grid of a `Heatmap`: a caption and `rows × columns` values, row by row.
public struct HeatmapPanel: Sendable, Equatable {
    /// The text under the grid.
    public var caption: String
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The values, row by row: `values[r · columns + c]` is row `r`, column `c`.
    public let values: [Double]

    /// A panel holding `values`.
    ///
    /// - Precondition: `rows` and `columns` are positive and `values.count == rows · columns`.
    public init(caption: String, rows: Int, columns: Int, values: [Double]) {
        precondition(rows > 0 && columns > 0, "HeatmapPanel: \"\(caption)\" needs at least one row and one column, got \(rows) × \(columns)")
        precondition(values.count == rows * columns, "HeatmapPanel: \"\(caption)\" is \(rows) × \(columns) but has \(values.count) values")
        self.caption = caption
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}

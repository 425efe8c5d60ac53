import Neural

extension Matrix: WorkbookCheckable {
    /// The rows, each a list of numbers.
    public var checkedValue: CheckedValue {
        .list(rowArrays.map { row in .list(row.map { .number($0) }) })
    }
}

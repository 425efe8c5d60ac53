import Neural

extension Tensor: WorkbookCheckable {
    /// A scalar as a number, otherwise nested lists of numbers, one level per dimension.
    public var checkedValue: CheckedValue {
        func nest(_ elements: ArraySlice<Double>, _ shape: ArraySlice<Int>) -> CheckedValue {
            guard let first = shape.first else { return .number(elements.first ?? .nan) }
            let block = shape.dropFirst().reduce(1, *)
            return .list((0..<first).map { i in
                nest(elements[(elements.startIndex + i * block)..<(elements.startIndex + (i + 1) * block)], shape.dropFirst())
            })
        }
        return nest(elements[...], shape[...])
    }
}

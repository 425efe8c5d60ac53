/// Selecting rows by index, the lookup of an embedding table.
extension Tensor {
    /// The rows `indices` of a tensor of shape `[rows, …]`, stacked: shape `[indices.count, …]`, as
    /// `torch.index_select(x, 0, indices)`. Backward: each upstream row is added back onto the row it
    /// was read from, so a row chosen twice receives the sum of both gradients.
    ///
    /// - Precondition: the tensor has at least one dimension and every index is in `0..<shape[0]`.
    public func indexSelect(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1, "Tensor.indexSelect: a scalar has no rows")
        let rows = shape[0], width = rows == 0 ? 0 : count / rows
        var output: [Double] = []
        output.reserveCapacity(indices.count * width)
        for index in indices {
            precondition(index >= 0 && index < rows, "Tensor.indexSelect: row \(index) is out of range for shape \(shape)")
            output += elements[(index * width)..<((index + 1) * width)]
        }
        let input = self
        return Tensor(shape: [indices.count] + Array(shape.dropFirst()), elements: output, operation: "indexSelect", inputs: [input]) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            for (position, index) in indices.enumerated() {
                for j in 0..<width { gradient[index * width + j] += upstream.elements[position * width + j] }
            }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }
}

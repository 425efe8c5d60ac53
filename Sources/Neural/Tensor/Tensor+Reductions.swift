/// Sums, means and maxima, over everything or along axes.
extension Tensor {
    /// The sum of every element, a scalar: `∂/∂xᵢ = 1`.
    public func sum() -> Tensor {
        let input = self
        return Tensor(shape: [], elements: [elements.reduce(0, +)], operation: "sum", inputs: [input]) { upstream in
            [Tensor.full(input.shape, upstream.item)]
        }
    }

    /// The mean of every element, a scalar: `∂/∂xᵢ = 1/n`.
    public func mean() -> Tensor { sum() / Double(Swift.max(count, 1)) }

    /// Sums along `axis` (negative counts from the end); the axis is kept with size 1 when
    /// `keepingDimension`. The backward pass copies the upstream gradient along the axis.
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let axis = self.axis(axis, "sum(axis:)")
        let (outer, length, inner) = split(at: axis)
        var output = Array(repeating: 0.0, count: outer * inner)
        for o in 0..<outer {
            for k in 0..<length {
                let base = (o * length + k) * inner
                for i in 0..<inner { output[o * inner + i] += elements[base + i] }
            }
        }
        var reduced = shape
        if keepingDimension { reduced[axis] = 1 } else { reduced.remove(at: axis) }
        let input = self
        return Tensor(shape: reduced, elements: output, operation: "sum(axis: \(axis))", inputs: [input]) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            for o in 0..<outer {
                for k in 0..<length {
                    let base = (o * length + k) * inner
                    for i in 0..<inner { gradient[base + i] = upstream.elements[o * inner + i] }
                }
            }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// The mean along `axis`: `sum(axis:) / shape[axis]`.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        sum(axis: axis, keepingDimension: keepingDimension) / Double(shape[self.axis(axis, "mean(axis:)")])
    }

    /// The largest element along `axis`; the gradient goes to the first largest element.
    public func max(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let axis = self.axis(axis, "max(axis:)")
        let (outer, length, inner) = split(at: axis)
        precondition(length > 0, "Tensor.max(axis:): dimension \(axis) of shape \(shape) is empty")
        var output = Array(repeating: -Double.infinity, count: outer * inner)
        var winners = Array(repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for k in 0..<length {
                let base = (o * length + k) * inner
                for i in 0..<inner where elements[base + i] > output[o * inner + i] || k == 0 {
                    output[o * inner + i] = elements[base + i]
                    winners[o * inner + i] = base + i
                }
            }
        }
        var reduced = shape
        if keepingDimension { reduced[axis] = 1 } else { reduced.remove(at: axis) }
        let input = self
        return Tensor(shape: reduced, elements: output, operation: "max(axis: \(axis))", inputs: [input]) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            for (position, winner) in winners.enumerated() { gradient[winner] += upstream.elements[position] }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// The index of the first largest element along the last axis, for each row of a 2-D tensor.
    public func argmax() -> [Int] {
        let columns = shape.last ?? 1
        precondition(columns > 0, "Tensor.argmax: the last dimension of shape \(shape) is empty")
        return stride(from: 0, to: count, by: columns).map { start in
            var best = start
            for j in start..<(start + columns) where elements[j] > elements[best] { best = j }
            return best - start
        }
    }

    /// The sizes before, at and after `axis`.
    func split(at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }
}

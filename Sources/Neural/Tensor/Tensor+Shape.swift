/// Reshaping, permuting, slicing and joining; each backward pass undoes the move.
extension Tensor {
    /// The same elements in `newShape`; one dimension may be `-1`, inferred from the count.
    ///
    /// - Precondition: the counts agree.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "Tensor.reshaped: shape \(shape) cannot become \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(resolved.reduce(1, *) == count && resolved.allSatisfy { $0 >= 0 }, "Tensor.reshaped: shape \(shape) (\(count) elements) cannot become \(newShape)")
        let input = self
        return Tensor(shape: resolved, elements: elements, operation: "reshape", inputs: [input]) { upstream in
            [Tensor(shape: input.shape, elements: upstream.elements)]
        }
    }

    /// The dimensions in the order `axes` (a permutation of `0..<rank`), as `torch.permute`.
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "Tensor.permuted: \(axes) is not a permutation of the axes of shape \(shape)")
        let newShape = axes.map { shape[$0] }
        let oldStrides = strides
        let sources = Broadcasting.offsets(strides: axes.map { oldStrides[$0] }, shape: newShape)
        let output = sources.map { elements[$0] }
        let input = self
        return Tensor(shape: newShape, elements: output, operation: "permute", inputs: [input]) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            for (position, source) in sources.enumerated() { gradient[source] = upstream.elements[position] }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// `self` with axes `a` and `b` swapped.
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var axes = Array(0..<rank)
        axes.swapAt(axis(a, "transposed"), axis(b, "transposed"))
        return permuted(axes)
    }

    /// The last two axes swapped: the transpose of a matrix, or of every matrix in a batch.
    public var transposed: Tensor {
        precondition(rank >= 2, "Tensor.transposed: shape \(shape) has fewer than two dimensions")
        return transposed(rank - 2, rank - 1)
    }

    /// The elements whose index along `axis` is in `range`, as `x[..., range, ...]`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = self.axis(axis, "slice")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "Tensor.slice: \(range) is out of range for dimension \(axis) of shape \(shape)")
        let (outer, length, inner) = split(at: axis)
        var output: [Double] = []
        output.reserveCapacity(outer * range.count * inner)
        for o in 0..<outer {
            output += elements[((o * length + range.lowerBound) * inner)..<((o * length + range.upperBound) * inner)]
        }
        var newShape = shape
        newShape[axis] = range.count
        let input = self
        return Tensor(shape: newShape, elements: output, operation: "slice", inputs: [input]) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            var source = 0
            for o in 0..<outer {
                let start = (o * length + range.lowerBound) * inner
                for i in 0..<(range.count * inner) {
                    gradient[start + i] = upstream.elements[source]
                    source += 1
                }
            }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// The tensors joined along `axis`; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "Tensor.concatenate: no tensors")
        let first = tensors[0]
        let axis = first.axis(axis, "concatenate")
        for tensor in tensors {
            var a = tensor.shape, b = first.shape
            precondition(a.count == b.count, "Tensor.concatenate: shapes \(first.shape) and \(tensor.shape) have different ranks")
            a[axis] = 0
            b[axis] = 0
            precondition(a == b, "Tensor.concatenate: shapes \(first.shape) and \(tensor.shape) differ outside axis \(axis)")
        }
        let (outer, _, inner) = first.split(at: axis)
        var output: [Double] = []
        for o in 0..<outer {
            for tensor in tensors {
                let block = tensor.shape[axis] * inner
                output += tensor.elements[(o * block)..<((o + 1) * block)]
            }
        }
        var newShape = first.shape
        newShape[axis] = tensors.map { $0.shape[axis] }.reduce(0, +)
        return Tensor(shape: newShape, elements: output, operation: "concatenate", inputs: tensors) { upstream in
            var start = 0
            return tensors.map { tensor in
                defer { start += tensor.shape[axis] }
                return Tensor.noGrad { upstream.slice(axis: axis, start..<(start + tensor.shape[axis])) }
            }
        }
    }
}

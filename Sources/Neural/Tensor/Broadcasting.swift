/// NumPy's broadcasting rules: shapes are aligned at their last dimension, and each pair of sizes
/// must be equal or contain a 1, which stretches to the other size.
enum Broadcasting {
    /// The shape two operands broadcast to.
    ///
    /// - Precondition: the shapes are compatible; the message names both.
    static func shape(_ a: [Int], _ b: [Int], _ function: String) -> [Int] {
        let rank = max(a.count, b.count)
        var result = Array(repeating: 1, count: rank)
        for k in 0..<rank {
            let x = k < rank - a.count ? 1 : a[k - (rank - a.count)]
            let y = k < rank - b.count ? 1 : b[k - (rank - b.count)]
            precondition(x == y || x == 1 || y == 1, "Tensor.\(function): shapes \(a) and \(b) do not broadcast (dimension \(k): \(x) vs \(y))")
            result[k] = x == 1 ? y : x
        }
        return result
    }

    /// For each element of a tensor of shape `output`, in row-major order, the offset of the element
    /// of a tensor of shape `input` (broadcast to `output`) that it reads.
    static func offsets(of input: [Int], in output: [Int]) -> [Int] {
        let count = output.reduce(1, *)
        if input == output { return Array(0..<count) }
        let lead = output.count - input.count
        let inputStrides = Tensor.strides(of: input)
        // The input's stride in each output dimension, 0 where the input is stretched.
        var strides = Array(repeating: 0, count: output.count)
        for k in 0..<input.count where input[k] != 1 {
            strides[lead + k] = inputStrides[k]
        }
        return offsets(strides: strides, shape: output)
    }

    /// The offsets, in row-major order of `shape`, of a strided view: element `(i₀, …, iₙ₋₁)` of the
    /// view is at `Σₖ iₖ·stridesₖ` (a stride of 0 repeats an element, as broadcasting does; a
    /// permutation of a tensor's strides transposes it).
    static func offsets(strides: [Int], shape: [Int]) -> [Int] {
        let count = shape.reduce(1, *)
        var offsets = Array(repeating: 0, count: count)
        var index = Array(repeating: 0, count: shape.count)
        var offset = 0
        for position in 0..<count {
            offsets[position] = offset
            var k = shape.count - 1
            while k >= 0 {
                index[k] += 1
                offset += strides[k]
                if index[k] < shape[k] { break }
                offset -= strides[k] * index[k]
                index[k] = 0
                k -= 1
            }
        }
        return offsets
    }

    /// `gradient` (of shape `output`) summed over the dimensions in which `input` was stretched: the
    /// gradient with respect to the broadcast operand.
    static func reduce(_ gradient: [Double], from output: [Int], to input: [Int]) -> [Double] {
        if input == output { return gradient }
        var result = Array(repeating: 0.0, count: input.reduce(1, *))
        for (position, offset) in offsets(of: input, in: output).enumerated() {
            result[offset] += gradient[position]
        }
        return result
    }
}

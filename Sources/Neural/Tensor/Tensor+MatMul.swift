/// Matrix products, of matrices and of batches of them.
extension Tensor {
    /// The matrix product over the last two axes: `(…, n, k) · (…, k, m) → (…, n, m)`. The batch
    /// dimensions (all but the last two) broadcast; a 2-D operand is the same matrix for every batch
    /// entry. Backward: `∂L/∂A = ∂L/∂C · Bᵀ`, `∂L/∂B = Aᵀ · ∂L/∂C`, summed over broadcast batches.
    ///
    /// - Precondition: both operands have at least two dimensions and the inner sizes agree.
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self, b = other
        precondition(a.rank >= 2 && b.rank >= 2, "Tensor.matmul: shapes \(a.shape) and \(b.shape) need at least two dimensions each")
        let (n, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (k2, m) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        precondition(k == k2, "Tensor.matmul: shapes \(a.shape) and \(b.shape) do not chain (\(k) vs \(k2))")
        let batchShape = Broadcasting.shape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), "matmul")
        let aBatches = Broadcasting.offsets(of: Array(a.shape.dropLast(2)), in: batchShape)
        let bBatches = Broadcasting.offsets(of: Array(b.shape.dropLast(2)), in: batchShape)
        var output = Array(repeating: 0.0, count: aBatches.count * n * m)
        a.elements.withUnsafeBufferPointer { x in
            b.elements.withUnsafeBufferPointer { y in
                output.withUnsafeMutableBufferPointer { z in
                    for batch in aBatches.indices {
                        Self.multiply(
                            x.baseAddress! + aBatches[batch] * n * k, y.baseAddress! + bBatches[batch] * k * m,
                            into: z.baseAddress! + batch * n * m, n: n, k: k, m: m)
                    }
                }
            }
        }
        return Tensor(shape: batchShape + [n, m], elements: output, operation: "matmul", inputs: [a, b]) { upstream in
            let gradientA = upstream.matmul(b.transposed)
            let gradientB = a.transposed.matmul(upstream)
            return [gradientA.summed(to: a.shape), gradientB.summed(to: b.shape)]
        }
    }

    /// `self` summed over leading dimensions until it has `shape` (the gradient of an operand that
    /// was broadcast over batches).
    func summed(to target: [Int]) -> Tensor {
        shape == target ? self : Tensor(shape: target, elements: Broadcasting.reduce(elements, from: shape, to: target))
    }

    /// `C = A·B` for row-major `A (n × k)`, `B (k × m)`, in the i-p-j order that walks rows.
    private static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, n: Int, k: Int, m: Int
    ) {
        for i in 0..<n {
            let row = c + i * m
            for p in 0..<k {
                let scale = a[i * k + p]
                if scale == 0 { continue }
                let source = b + p * m
                for j in 0..<m { row[j] += scale * source[j] }
            }
        }
    }
}

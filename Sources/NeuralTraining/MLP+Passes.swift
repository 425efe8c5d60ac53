extension MLP {
    /// The forward pass on the first `rows` rows of `workspace.activations[0]`:
    /// `aₗ₊₁ = f(aₗ·Wₗ + bₗ)` by one `gemm` and one fused bias-activation sweep per hidden layer,
    /// logits `a_{L−1}·W_{L−1} + b_{L−1}` in the last buffer.
    func forward(_ workspace: Workspace<Scalar>, rows: Int) {
        let p = parameters.base
        for l in 0..<layerCount {
            let m = layerSizes[l], n = layerSizes[l + 1]
            let input = workspace.activations[l].base, output = workspace.activations[l + 1].base
            Scalar.gemm(
                transposeA: false, transposeB: false, m: rows, n: n, k: m,
                alpha: 1, a: input, lda: m, b: p + weightOffsets[l], ldb: n, beta: 0, c: output, ldc: n)
            if l == layerCount - 1 {
                Kernels.addBias(output, rows: rows, columns: n, bias: p + biasOffsets[l])
            } else {
                Kernels.addBiasActivate(output, rows: rows, columns: n, bias: p + biasOffsets[l], activation: activation)
            }
        }
    }

    /// The backward pass after `forward` and the loss kernel left `Δ = p − onehot(y)` in the last
    /// activation buffer. For each layer from the last: first the error signal of the layer below,
    /// `Δₗ₋₁ = (Δₗ·Wₗᵀ) ⊙ f′(aₗ)`, from the weights before they change, then
    /// `Gₗ ← β·Gₗ + α·aₗᵀ·Δₗ` and `gₗ ← β·gₗ + α·Σᵢ Δₗ[i, :]` into `target`, which has the
    /// parameter layout. With `target` the parameters themselves, `α = −η/B` and `β = 1`, this is
    /// plain SGD applied inside the matrix product, with no gradient buffer at all.
    func backward(_ workspace: Workspace<Scalar>, rows: Int, into target: UnsafeMutablePointer<Scalar>, alpha: Scalar, beta: Scalar) {
        let p = parameters.base
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let m = layerSizes[l], n = layerSizes[l + 1]
            let delta = l == layerCount - 1 ? workspace.activations[l + 1].base : workspace.deltas[l].base
            let input = workspace.activations[l].base
            if l > 0 {
                let below = workspace.deltas[l - 1].base
                Scalar.gemm(
                    transposeA: false, transposeB: true, m: rows, n: m, k: n,
                    alpha: 1, a: delta, lda: n, b: p + weightOffsets[l], ldb: n, beta: 0, c: below, ldc: m)
                Kernels.multiplyDerivative(below, output: input, count: rows * m, activation: activation)
            }
            Scalar.gemm(
                transposeA: true, transposeB: false, m: m, n: n, k: rows,
                alpha: alpha, a: input, lda: m, b: delta, ldb: n, beta: beta, c: target + weightOffsets[l], ldc: n)
            Kernels.accumulateColumnSums(delta, rows: rows, columns: n, alpha: alpha, beta: beta, into: target + biasOffsets[l])
        }
    }
}

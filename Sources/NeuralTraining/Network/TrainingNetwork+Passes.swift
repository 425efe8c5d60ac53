extension TrainingNetwork {
    /// The forward pass on rows `rows` of `workspace.activations[0]`:
    /// `aₗ₊₁ = f(aₗ·Wₗ + bₗ)` by one `gemm` and one fused bias-activation sweep per hidden layer
    /// (times the layer's dropout mask when the workspace has masks),
    /// logits `a_{L−1}·W_{L−1} + b_{L−1}` in the last buffer. Rows are independent, so team
    /// members can run it on disjoint row ranges at once.
    func forward(_ workspace: Workspace<Scalar>, rows: Range<Int>) {
        let p = parameters.base
        let count = rows.count
        guard count > 0 else { return }
        for l in 0..<layerCount {
            let m = layerSizes[l], n = layerSizes[l + 1]
            let input = workspace.activations[l].base + rows.lowerBound * m
            let output = workspace.activations[l + 1].base + rows.lowerBound * n
            Scalar.gemm(
                transposeA: false, transposeB: false, m: count, n: n, k: m,
                alpha: 1, a: input, lda: m, b: p + weightOffsets[l], ldb: n, beta: 0, c: output, ldc: n)
            if l == layerCount - 1 {
                Kernels.addBias(output, rows: count, columns: n, bias: p + biasOffsets[l])
            } else {
                Kernels.addBiasActivate(output, rows: count, columns: n, bias: p + biasOffsets[l], activation: activation)
                if !workspace.masks.isEmpty {
                    Kernels.applyMask(output, mask: workspace.masks[l].base + rows.lowerBound * n, count: count * n)
                }
            }
        }
    }

    /// The forward pass on the first `rows` rows.
    func forward(_ workspace: Workspace<Scalar>, rows: Int) { forward(workspace, rows: 0..<rows) }

    /// The error signals of rows `rows`, after the loss kernel left `Δ = p − onehot(y)` in the
    /// last activation buffer: `Δₗ₋₁ = (Δₗ·Wₗᵀ) ⊙ f′(aₗ)` from the last layer down, all from the
    /// current weights. Rows are independent.
    func propagateErrors(_ workspace: Workspace<Scalar>, rows: Range<Int>) {
        let p = parameters.base
        let count = rows.count
        guard count > 0 else { return }
        for l in stride(from: layerCount - 1, to: 0, by: -1) {
            let m = layerSizes[l], n = layerSizes[l + 1]
            let delta = errorSignal(workspace, layer: l) + rows.lowerBound * n
            let below = workspace.deltas[l - 1].base + rows.lowerBound * m
            Scalar.gemm(
                transposeA: false, transposeB: true, m: count, n: m, k: n,
                alpha: 1, a: delta, lda: n, b: p + weightOffsets[l], ldb: n, beta: 0, c: below, ldc: m)
            let output = workspace.activations[l].base + rows.lowerBound * m
            if workspace.masks.isEmpty {
                Kernels.multiplyDerivative(below, output: output, count: count * m, activation: activation)
            } else {
                Kernels.multiplyMaskedDerivative(
                    below, output: output, mask: workspace.masks[l - 1].base + rows.lowerBound * m, count: count * m, activation: activation)
            }
        }
    }

    /// `Gₗ ← β·Gₗ + α·aₗᵀ·Δₗ` and `gₗ ← β·gₗ + α·Σᵢ Δₗ[i, :]` over the first `rows` rows, into
    /// `target` (which has the parameter layout), for member `member`'s share of every layer's
    /// output columns. With `target` the parameters, `α = −η/B` and `β = 1` this is plain SGD
    /// applied inside the matrix product, with no gradient buffer at all.
    func accumulateGradients(
        _ workspace: Workspace<Scalar>, rows: Int, into target: UnsafeMutablePointer<Scalar>, alpha: Scalar, beta: Scalar,
        member: Int = 0, members: Int = 1
    ) {
        for l in 0..<layerCount {
            let m = layerSizes[l], n = layerSizes[l + 1]
            let columns = members == 1 ? 0..<n : WorkerTeamShare.columns(n, member: member, members: members)
            guard !columns.isEmpty else { continue }
            let delta = errorSignal(workspace, layer: l) + columns.lowerBound
            Scalar.gemm(
                transposeA: true, transposeB: false, m: m, n: columns.count, k: rows,
                alpha: alpha, a: workspace.activations[l].base, lda: m, b: delta, ldb: n,
                beta: beta, c: target + weightOffsets[l] + columns.lowerBound, ldc: n)
            Kernels.accumulateColumnSums(
                delta, rows: rows, columns: columns.count, stride: n, alpha: alpha, beta: beta,
                into: target + biasOffsets[l] + columns.lowerBound)
        }
    }

    /// The backward pass on the first `rows` rows: `propagateErrors`, then `accumulateGradients`.
    func backward(_ workspace: Workspace<Scalar>, rows: Int, into target: UnsafeMutablePointer<Scalar>, alpha: Scalar, beta: Scalar) {
        propagateErrors(workspace, rows: 0..<rows)
        accumulateGradients(workspace, rows: rows, into: target, alpha: alpha, beta: beta)
    }

    /// `∂loss/∂zₗ`: the last activation buffer for the output layer, `deltas[l]` below it.
    private func errorSignal(_ workspace: Workspace<Scalar>, layer l: Int) -> UnsafeMutablePointer<Scalar> {
        l == layerCount - 1 ? workspace.activations[l + 1].base : workspace.deltas[l].base
    }
}

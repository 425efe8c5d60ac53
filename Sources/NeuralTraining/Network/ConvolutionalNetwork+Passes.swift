import Neural

/// The passes of `ConvolutionalNetwork` on a block of a workspace's images. Images are
/// independent until the gradients are summed, so team members run `forward` and `backward` on
/// disjoint image ranges at once, each with its own `ConvolutionalScratch`, and each writing the
/// gradient of its images into its own buffer; `reduceGradients` then sums the members' buffers
/// over disjoint parameter ranges. The convolutions walk the range a scratch chunk at a time (one
/// matrix product per layer per chunk); the fully connected layers take the range in one product.
///
/// A member's gradient buffer has the parameter layout except for conv2's kernels, which it holds
/// in the `(o, i, j, c)` order of `permutedKernels2`, and fc1's weight, whose rows it holds in the
/// (H, W, C) order of `permutedWeights3`; `reduceGradients` puts both back in order.
extension ConvolutionalNetwork {
    private typealias L = ConvolutionalLayout

    /// The forward pass on `images` of `workspace`, whose `input` holds them. Per chunk:
    /// conv1 = im2col then `cols₁·K₁ᵀ` (`[n·676, 9]·[9, 32]`); max-pool with bias and ReLU into
    /// `pooled1`; conv2 = im2col (`(i, j, c)` columns, the 100 positions pooling reads) then
    /// `cols₂·K₂ᵀ` (`[n·100, 288]·[288, 64]`); max-pool with bias and ReLU into `flat`. Then
    /// `h = ReLU(flat·W₃ + b₃)` and the logits `h·W₄ + b₄` in `workspace.logits`.
    func forward(_ workspace: ConvolutionalWorkspace<Scalar>, images: Range<Int>, scratch: ConvolutionalScratch<Scalar>) {
        guard !images.isEmpty else { return }
        var start = images.lowerBound
        while start < images.upperBound {
            let chunk = start..<Swift.min(start + scratch.capacity, images.upperBound)
            convolve(workspace, images: chunk, scratch: scratch)
            start = chunk.upperBound
        }
        let p = parameters.base, n = images.count, first = images.lowerBound
        let flat = workspace.flat.base + first * L.flatFeatures
        let hidden = workspace.hidden.base + first * L.hiddenUnits
        let logits = workspace.logits.base + first * L.classes
        Scalar.gemm(
            transposeA: false, transposeB: false, m: n, n: L.hiddenUnits, k: L.flatFeatures,
            alpha: 1, a: flat, lda: L.flatFeatures, b: permutedWeights3.base, ldb: L.hiddenUnits, beta: 0, c: hidden, ldc: L.hiddenUnits)
        Kernels.addBiasActivate(hidden, rows: n, columns: L.hiddenUnits, bias: p + L.bias3, activation: .relu)
        Scalar.gemm(
            transposeA: false, transposeB: false, m: n, n: L.classes, k: L.hiddenUnits,
            alpha: 1, a: hidden, lda: L.hiddenUnits, b: p + L.weights4, ldb: L.classes, beta: 0, c: logits, ldc: L.classes)
        Kernels.addBias(logits, rows: n, columns: L.classes, bias: p + L.bias4)
    }

    /// Both convolutions of one chunk, from `input` to `pooled1` and `flat`.
    private func convolve(_ workspace: ConvolutionalWorkspace<Scalar>, images: Range<Int>, scratch: ConvolutionalScratch<Scalar>) {
        let p = parameters.base, n = images.count, first = images.lowerBound
        let pooled1 = workspace.pooled1.base + first * L.pooledPositions1 * L.channels1
        columns1(workspace, images: images, into: scratch.columns1.base)
        scratch.raw1.base.update(repeating: 0, count: n * L.positions1 * L.channels1)
        Scalar.gemm(
            transposeA: false, transposeB: true, m: n * L.positions1, n: L.channels1, k: L.columns1,
            alpha: 1, a: scratch.columns1.base, lda: L.columns1, b: p + L.kernels1, ldb: L.columns1,
            beta: 1, c: scratch.raw1.base, ldc: L.channels1)
        ConvolutionKernels.maxPoolBiasReLU(
            scratch.raw1.base, images: n, height: L.convolutionSide1, width: L.convolutionSide1, channels: L.channels1,
            bias: p + L.bias1, into: pooled1, argmax: workspace.argmax1 + first * L.pooledPositions1 * L.channels1)
        columns2(workspace, images: images, into: scratch.columns2.base)
        scratch.raw2.base.update(repeating: 0, count: n * L.positions2 * L.channels2)
        Scalar.gemm(
            transposeA: false, transposeB: true, m: n * L.positions2, n: L.channels2, k: L.columns2,
            alpha: 1, a: scratch.columns2.base, lda: L.columns2, b: permutedKernels2.base, ldb: L.columns2,
            beta: 1, c: scratch.raw2.base, ldc: L.channels2)
        ConvolutionKernels.maxPoolBiasReLU(
            scratch.raw2.base, images: n, height: L.usedSide2, width: L.usedSide2, channels: L.channels2,
            bias: p + L.bias2, into: workspace.flat.base + first * L.flatFeatures, argmax: workspace.argmax2 + first * L.flatFeatures)
    }

    /// conv1's columns of `images` (from the input).
    private func columns1(_ workspace: ConvolutionalWorkspace<Scalar>, images: Range<Int>, into columns: UnsafeMutablePointer<Scalar>) {
        ConvolutionKernels.im2col(
            workspace.input.base + images.lowerBound * L.inputSide * L.inputSide, images: images.count,
            height: L.inputSide, width: L.inputSide, channels: L.inputChannels, kernel: L.kernelSide,
            outputHeight: L.convolutionSide1, outputWidth: L.convolutionSide1, into: columns)
    }

    /// conv2's columns of `images` (from `pooled1`).
    private func columns2(_ workspace: ConvolutionalWorkspace<Scalar>, images: Range<Int>, into columns: UnsafeMutablePointer<Scalar>) {
        ConvolutionKernels.im2col(
            workspace.pooled1.base + images.lowerBound * L.pooledPositions1 * L.channels1, images: images.count,
            height: L.pooledSide1, width: L.pooledSide1, channels: L.channels1, kernel: L.kernelSide,
            outputHeight: L.usedSide2, outputWidth: L.usedSide2, into: columns)
    }

    /// The backward pass on `images`, after the loss kernel left `Δ = p − onehot(y)` in their
    /// logits: writes `Σ` over these images of `∂loss/∂θ` into `gradient` (a member's buffer,
    /// overwritten). From the top: `∂W₄ = hᵀΔ`, `∂h = ΔW₄ᵀ ⊙ [h > 0]`, `∂W₃ = flatᵀ∂h`,
    /// `∂flat = ∂h·W₃ᵀ`; then per chunk: through pool2 and its ReLU to conv2's output `∂Y₂` (and
    /// `∂b₂`); `∂K₂ += ∂Y₂ᵀ·cols₂`, `∂cols₂ = ∂Y₂·K₂`, col2im to `∂pooled₁`; through pool1 and its
    /// ReLU to `∂Y₁` (and `∂b₁`); `∂K₁ += ∂Y₁ᵀ·cols₁`. conv1's input gradient is not needed.
    func backward(
        _ workspace: ConvolutionalWorkspace<Scalar>, images: Range<Int>, scratch: ConvolutionalScratch<Scalar>,
        into gradient: UnsafeMutablePointer<Scalar>
    ) {
        let n = images.count, first = images.lowerBound
        guard n > 0 else { return }
        let p = parameters.base, g = gradient
        let flat = workspace.flat.base + first * L.flatFeatures
        let flatGradient = workspace.flatGradient.base + first * L.flatFeatures
        let hidden = workspace.hidden.base + first * L.hiddenUnits
        let hiddenGradient = workspace.hiddenGradient.base + first * L.hiddenUnits
        let delta = workspace.logits.base + first * L.classes

        Scalar.gemm(
            transposeA: true, transposeB: false, m: L.hiddenUnits, n: L.classes, k: n,
            alpha: 1, a: hidden, lda: L.hiddenUnits, b: delta, ldb: L.classes, beta: 0, c: g + L.weights4, ldc: L.classes)
        Kernels.accumulateColumnSums(delta, rows: n, columns: L.classes, alpha: 1, beta: 0, into: g + L.bias4)
        Scalar.gemm(
            transposeA: false, transposeB: true, m: n, n: L.hiddenUnits, k: L.classes,
            alpha: 1, a: delta, lda: L.classes, b: p + L.weights4, ldb: L.classes, beta: 0, c: hiddenGradient, ldc: L.hiddenUnits)
        Kernels.multiplyDerivative(hiddenGradient, output: hidden, count: n * L.hiddenUnits, activation: .relu)
        Scalar.gemm(
            transposeA: true, transposeB: false, m: L.flatFeatures, n: L.hiddenUnits, k: n,
            alpha: 1, a: flat, lda: L.flatFeatures, b: hiddenGradient, ldb: L.hiddenUnits, beta: 0, c: g + L.weights3, ldc: L.hiddenUnits)
        Kernels.accumulateColumnSums(hiddenGradient, rows: n, columns: L.hiddenUnits, alpha: 1, beta: 0, into: g + L.bias3)
        Scalar.gemm(
            transposeA: false, transposeB: true, m: n, n: L.flatFeatures, k: L.hiddenUnits,
            alpha: 1, a: hiddenGradient, lda: L.hiddenUnits, b: permutedWeights3.base, ldb: L.hiddenUnits,
            beta: 0, c: flatGradient, ldc: L.flatFeatures)

        (g + L.bias2).update(repeating: 0, count: L.channels2)
        (g + L.bias1).update(repeating: 0, count: L.channels1)
        var start = first
        while start < images.upperBound {
            let chunk = start..<Swift.min(start + scratch.capacity, images.upperBound)
            backConvolve(workspace, images: chunk, scratch: scratch, into: g, accumulate: start > first)
            start = chunk.upperBound
        }
    }

    /// The convolutions' part of the backward pass for one chunk; the kernel gradients are
    /// overwritten (first chunk) or accumulated, the bias gradients accumulated.
    private func backConvolve(
        _ workspace: ConvolutionalWorkspace<Scalar>, images: Range<Int>, scratch: ConvolutionalScratch<Scalar>,
        into g: UnsafeMutablePointer<Scalar>, accumulate: Bool
    ) {
        let n = images.count, first = images.lowerBound
        let beta: Scalar = accumulate ? 1 : 0
        ConvolutionKernels.maxUnpoolReLU(
            workspace.flatGradient.base + first * L.flatFeatures, pooled: workspace.flat.base + first * L.flatFeatures,
            argmax: workspace.argmax2 + first * L.flatFeatures, images: n, height: L.usedSide2, width: L.usedSide2,
            channels: L.channels2, into: scratch.raw2.base, biasGradient: g + L.bias2)
        columns2(workspace, images: images, into: scratch.columns2.base)
        Scalar.gemm(
            transposeA: true, transposeB: false, m: L.channels2, n: L.columns2, k: n * L.positions2,
            alpha: 1, a: scratch.raw2.base, lda: L.channels2, b: scratch.columns2.base, ldb: L.columns2,
            beta: beta, c: g + L.kernels2, ldc: L.columns2)
        scratch.columns2.base.update(repeating: 0, count: n * L.positions2 * L.columns2)
        Scalar.gemm(
            transposeA: false, transposeB: false, m: n * L.positions2, n: L.columns2, k: L.channels2,
            alpha: 1, a: scratch.raw2.base, lda: L.channels2, b: permutedKernels2.base, ldb: L.columns2,
            beta: 1, c: scratch.columns2.base, ldc: L.columns2)
        ConvolutionKernels.col2im(
            scratch.columns2.base, images: n, height: L.pooledSide1, width: L.pooledSide1, channels: L.channels1,
            kernel: L.kernelSide, outputHeight: L.usedSide2, outputWidth: L.usedSide2, into: scratch.pooledGradient1.base)

        let offset1 = first * L.pooledPositions1 * L.channels1
        ConvolutionKernels.maxUnpoolReLU(
            scratch.pooledGradient1.base, pooled: workspace.pooled1.base + offset1, argmax: workspace.argmax1 + offset1,
            images: n, height: L.convolutionSide1, width: L.convolutionSide1, channels: L.channels1,
            into: scratch.raw1.base, biasGradient: g + L.bias1)
        columns1(workspace, images: images, into: scratch.columns1.base)
        Scalar.gemm(
            transposeA: true, transposeB: false, m: L.channels1, n: L.columns1, k: n * L.positions1,
            alpha: 1, a: scratch.raw1.base, lda: L.channels1, b: scratch.columns1.base, ldb: L.columns1,
            beta: beta, c: g + L.kernels1, ldc: L.columns1)
    }

    /// `target[t] ← β·target[t] + α·Σₘ sources[m][t]` for the parameters `t` in `range`, with
    /// conv2's kernels and fc1's weight rows read from the sources' permuted orders. Into a
    /// gradient buffer (`α = 1/B`, `β = 0`) this is the mean gradient; into the parameters
    /// (`α = −η/B`, `β = 1`), a plain SGD step. Team members take disjoint ranges.
    func reduceGradients(
        _ sources: [AlignedBuffer<Scalar>], range: Range<Int>, into target: UnsafeMutablePointer<Scalar>, alpha: Scalar, beta: Scalar
    ) {
        guard !range.isEmpty, !sources.isEmpty else { return }
        // Runs of `count` parameters from `start` that sit at `from` in the sources.
        func run(_ start: Int, _ count: Int, from: Int) {
            let t = target + start, s0 = sources[0].base + from
            if beta == 0 {
                for i in 0..<count { t[i] = alpha * s0[i] }
            } else {
                for i in 0..<count { t[i] = beta * t[i] + alpha * s0[i] }
            }
            for source in sources.dropFirst() {
                let s = source.base + from
                for i in 0..<count { t[i] += alpha * s[i] }
            }
        }
        var t = range.lowerBound
        while t < range.upperBound {
            if t < L.kernels2 || (t >= L.bias2 && t < L.weights3) || t >= L.bias3 {
                let end = t < L.kernels2 ? L.kernels2 : t < L.weights3 ? L.weights3 : parameterCount
                let count = Swift.min(end, range.upperBound) - t
                run(t, count, from: t)
                t += count
            } else if t < L.bias2 {
                let end = Swift.min(L.bias2, range.upperBound)
                kernelPermutation.withUnsafeBufferPointer { permutation in
                    let order = permutation.baseAddress! - L.kernels2
                    let s0 = sources[0].base + L.kernels2
                    for index in t..<end {
                        target[index] = (beta == 0 ? 0 : beta * target[index]) + alpha * s0[Int(order[index])]
                    }
                    for source in sources.dropFirst() {
                        let s = source.base + L.kernels2
                        for index in t..<end { target[index] += alpha * s[Int(order[index])] }
                    }
                }
                t = end
            } else {
                let width = L.hiddenUnits, row = (t - L.weights3) / width, column = (t - L.weights3) % width
                let count = Swift.min(width - column, range.upperBound - t)
                run(t, count, from: L.weights3 + Int(rowPermutation[row]) * width + column)
                t += count
            }
        }
    }
}

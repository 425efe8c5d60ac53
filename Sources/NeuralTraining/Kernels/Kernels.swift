import Neural

/// The fused element-wise kernels of a training step. Each walks its buffers once; the matrix
/// products around them go through BLAS. All matrices are row-major, `rows × columns`.
enum Kernels {
    /// `X[i, :] = pixels[index[i], :] / 255` for `i < rows`: gathers a batch of byte images into a
    /// scalar matrix, converting and scaling in one pass.
    static func gatherScaled<S: TrainingScalar>(
        pixels: UnsafePointer<UInt8>, indices: UnsafePointer<Int32>, rows: Int, features: Int,
        into x: UnsafeMutablePointer<S>
    ) {
        let scale: S = 1 / 255
        for i in 0..<rows {
            let source = pixels + Int(indices[i]) * features
            let target = x + i * features
            for k in 0..<features { target[k] = S(source[k]) * scale }
        }
    }

    /// `A ← f(A + 1·bᵀ)`: adds the bias row to every row and applies the activation, in place.
    static func addBiasActivate<S: TrainingScalar>(
        _ a: UnsafeMutablePointer<S>, rows: Int, columns: Int, bias: UnsafePointer<S>, activation: Activation
    ) {
        switch activation {
        case .relu:
            for i in 0..<rows {
                let row = a + i * columns
                for j in 0..<columns { row[j] = Swift.max(row[j] + bias[j], 0) }
            }
        case .leakyReLU(let alpha):
            let slope = S(alpha)
            for i in 0..<rows {
                let row = a + i * columns
                for j in 0..<columns {
                    let z = row[j] + bias[j]
                    row[j] = Swift.max(z, z * slope)
                }
            }
        case .tanh:
            for i in 0..<rows {
                let row = a + i * columns
                for j in 0..<columns { row[j] = S.hyperbolicTangent(row[j] + bias[j]) }
            }
        case .sigmoid:
            for i in 0..<rows {
                let row = a + i * columns
                for j in 0..<columns { row[j] = 1 / (1 + S.exponential(-(row[j] + bias[j]))) }
            }
        default:
            preconditionFailure("no training kernel for the activation \(activation); use one of Activation.trainable")
        }
    }

    /// `Z ← Z + 1·bᵀ`: adds the bias row to every row (the output layer's logits).
    static func addBias<S: TrainingScalar>(_ z: UnsafeMutablePointer<S>, rows: Int, columns: Int, bias: UnsafePointer<S>) {
        for i in 0..<rows {
            let row = z + i * columns
            for j in 0..<columns { row[j] += bias[j] }
        }
    }

    /// Fused softmax and cross-entropy, in place. For each row `z` with label `y`:
    /// `pⱼ = e^(zⱼ − m) / Σₖ e^(zₖ − m)` with `m = maxₖ zₖ`, loss `−ln p_y = ln Σₖ e^(zₖ − m) − (z_y − m)`,
    /// and the row becomes `∂loss/∂z = p − onehot(y)`. Returns the summed loss and the number of rows
    /// whose largest logit is at the label.
    @discardableResult
    static func softmaxCrossEntropy<S: TrainingScalar>(
        _ z: UnsafeMutablePointer<S>, rows: Int, columns: Int, labels: UnsafePointer<UInt8>
    ) -> (loss: Double, correct: Int) {
        var loss = 0.0
        var correct = 0
        for i in 0..<rows {
            let row = z + i * columns
            var largest = row[0]
            var best = 0
            for j in 1..<columns where row[j] > largest { largest = row[j]; best = j }
            var sum: S = 0
            for j in 0..<columns {
                let e = S.exponential(row[j] - largest)
                row[j] = e
                sum += e
            }
            let label = Int(labels[i])
            if best == label { correct += 1 }
            // −ln p_y computed from the shifted logit keeps precision when p_y is tiny.
            let shiftedLabel = row[label]  // e^(z_y − m)
            loss += Double(S.logarithm(sum)) - Double(S.logarithm(Swift.max(shiftedLabel, S.leastNormalMagnitude)))
            let inverse = 1 / sum
            for j in 0..<columns { row[j] *= inverse }
            row[label] -= 1
        }
        return (loss, correct)
    }

    /// `Δ ← Δ ⊙ f′`, with `f′` written through the activation output `A` (see `Activation`).
    static func multiplyDerivative<S: TrainingScalar>(
        _ delta: UnsafeMutablePointer<S>, output a: UnsafePointer<S>, count: Int, activation: Activation
    ) {
        switch activation {
        case .relu:
            // A multiply by 0 or 1, not a select: LLVM turns `a > 0 ? d : 0` into a branchy
            // conditional store that mispredicts on every other element; this vectorises.
            for i in 0..<count { delta[i] *= a[i] > 0 ? 1 : 0 }
        case .leakyReLU(let alpha):
            let slope = S(alpha)
            for i in 0..<count { delta[i] *= a[i] > 0 ? 1 : slope }
        case .tanh:
            for i in 0..<count { delta[i] *= 1 - a[i] * a[i] }
        case .sigmoid:
            for i in 0..<count { delta[i] *= a[i] * (1 - a[i]) }
        default:
            preconditionFailure("no training kernel for the activation \(activation); use one of Activation.trainable")
        }
    }

    /// `A ← A ⊙ M`: applies a dropout mask (entries 0 or `1/(1 − p)`) to activations in place.
    static func applyMask<S: TrainingScalar>(_ a: UnsafeMutablePointer<S>, mask: UnsafePointer<S>, count: Int) {
        for i in 0..<count { a[i] *= mask[i] }
    }

    /// `Δ ← Δ ⊙ M ⊙ f′`, for a layer whose output `A = f(Z) ⊙ M` went through dropout: where
    /// `M = 0` the signal is 0; elsewhere `f(Z) = A / M`, and `f′` is written through it (see
    /// `multiplyDerivative`).
    static func multiplyMaskedDerivative<S: TrainingScalar>(
        _ delta: UnsafeMutablePointer<S>, output a: UnsafePointer<S>, mask: UnsafePointer<S>, count: Int, activation: Activation
    ) {
        for i in 0..<count {
            let m = mask[i]
            guard m != 0 else { delta[i] = 0; continue }
            let y = a[i] / m
            let slope: S
            switch activation {
            case .relu: slope = y > 0 ? 1 : 0
            case .leakyReLU(let alpha): slope = y > 0 ? 1 : S(alpha)
            case .tanh: slope = 1 - y * y
            case .sigmoid: slope = y * (1 - y)
            default: preconditionFailure("no training kernel for the activation \(activation); use one of Activation.trainable")
            }
            delta[i] *= m * slope
        }
    }

    /// `b ← β·b + α·Σᵢ Δ[i, :]`: the bias gradient (column sums), scaled and accumulated. Rows of
    /// `Δ` are `stride` apart (the full width when `Δ` is a column block of a wider matrix).
    static func accumulateColumnSums<S: TrainingScalar>(
        _ delta: UnsafePointer<S>, rows: Int, columns: Int, stride: Int? = nil, alpha: S, beta: S, into b: UnsafeMutablePointer<S>
    ) {
        let stride = stride ?? columns
        if beta == 0 {
            b.update(repeating: 0, count: columns)
        } else if beta != 1 {
            for j in 0..<columns { b[j] *= beta }
        }
        for i in 0..<rows {
            let row = delta + i * stride
            for j in 0..<columns { b[j] += alpha * row[j] }
        }
    }
}

/// Batch normalisation of NCHW image batches, PyTorch's `F.batch_norm` on a 4-D input.
extension Tensor {
    /// PyTorch's `F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps)`
    /// on an input `[N, C, H, W]`: each channel `c` is normalised over its `N·H·W` values and then
    /// scaled and shifted, `y = γ_c·(x − μ_c)/√(σ²_c + ε) + β_c`.
    ///
    /// In training mode `μ_c` and `σ²_c` are the batch's mean and biased variance (divided by
    /// `m = N·H·W`), and the running statistics are updated in place with PyTorch's convention,
    /// `running ← (1 − momentum)·running + momentum·batch`, the variance unbiased (`σ²_c·m/(m − 1)`).
    /// This is `BatchNorm` (the book's batch norm on a `(samples × features)` matrix) applied to the
    /// `(N·H·W × C)` matrix of pixels, channels last, forward and backward; its gradient is
    /// `∂L/∂x = (1/m)·(1/√(σ²+ε))·(m·g − Σ g − x̂ ⊙ Σ g ⊙ x̂)` with `g = ∂L/∂y ⊙ γ`, the sums over a
    /// channel's values, `∂L/∂γ = Σ ∂L/∂y ⊙ x̂`, `∂L/∂β = Σ ∂L/∂y`.
    ///
    /// In evaluation mode the running statistics take the place of the batch's and are left alone,
    /// and the output is an affine function of `x`, `γ` and `β`, differentiated as such.
    ///
    /// - Precondition: the input is 4-D; `weight`, `bias`, `runningMean` and `runningVariance` each
    ///   have one value per channel; in training mode, each channel has more than one value.
    public func batchNorm2d(
        weight: Tensor, bias: Tensor, runningMean: inout [Double], runningVariance: inout [Double], training: Bool,
        momentum: Double = 0.1, epsilon: Double = 1e-5
    ) -> Tensor {
        precondition(rank == 4, "Tensor.batchNorm2d: the input must be [batch, channels, height, width], got shape \(shape)")
        let channels = shape[1]
        precondition(
            weight.shape == [channels] && bias.shape == [channels],
            "Tensor.batchNorm2d: weight \(weight.shape) and bias \(bias.shape) must both be [\(channels)] for input \(shape)")
        precondition(
            runningMean.count == channels && runningVariance.count == channels,
            "Tensor.batchNorm2d: \(runningMean.count) running means and \(runningVariance.count) running variances for \(channels) channels (input \(shape))")
        let perChannel = shape[0] * shape[2] * shape[3]
        guard training else {
            let channelShape = [1, channels, 1, 1]
            let mean = Tensor(shape: channelShape, elements: runningMean)
            let scale = Tensor(shape: channelShape, elements: runningVariance.map { 1 / ($0 + epsilon).squareRoot() })
            // The order of BatchNorm.forwardInference: (x − μ_run)·scale·γ + β.
            return (self - mean) * scale * weight.reshaped(channelShape) + bias.reshaped(channelShape)
        }
        precondition(perChannel > 1, "Tensor.batchNorm2d: training needs more than one value per channel, got input \(shape)")

        var norm = BatchNorm(features: channels, epsilon: epsilon, momentum: momentum)
        norm.gamma = Matrix(rows: 1, columns: channels, elements: weight.elements)
        norm.beta = Matrix(rows: 1, columns: channels, elements: bias.elements)
        norm.runningMean = Matrix(rows: 1, columns: channels, elements: runningMean)
        norm.runningVariance = Matrix(rows: 1, columns: channels, elements: runningVariance)
        let imageShape = shape
        let pass = norm.forwardTraining(Self.channelsLast(elements, imageShape))
        runningMean = norm.runningMean.elements
        runningVariance = norm.runningVariance.elements
        let input = self
        return Tensor(
            shape: shape, elements: Self.channelsFirst(pass.output, imageShape), operation: "batchNorm2d", inputs: [input, weight, bias]
        ) { upstream in
            let gradients = norm.backward(pass, outputGradient: Self.channelsLast(upstream.elements, imageShape))
            return [
                Tensor(shape: imageShape, elements: Self.channelsFirst(gradients.input, imageShape)),
                Tensor(shape: [channels], elements: gradients.gamma.elements),
                Tensor(shape: [channels], elements: gradients.beta.elements),
            ]
        }
    }

    /// The `[N, C, H, W]` elements as the `(N·H·W × C)` matrix whose row `(n·H + h)·W + w` is pixel
    /// `(n, h, w)`'s channels.
    private static func channelsLast(_ elements: [Double], _ shape: [Int]) -> Matrix {
        let (batch, channels, pixels) = (shape[0], shape[1], shape[2] * shape[3])
        var matrix = Matrix.zeros(rows: batch * pixels, columns: channels)
        for n in 0..<batch {
            for c in 0..<channels {
                for p in 0..<pixels { matrix.elements[(n * pixels + p) * channels + c] = elements[(n * channels + c) * pixels + p] }
            }
        }
        return matrix
    }

    /// The inverse of `channelsLast`: the matrix's elements back in `[N, C, H, W]` order.
    private static func channelsFirst(_ matrix: Matrix, _ shape: [Int]) -> [Double] {
        let (batch, channels, pixels) = (shape[0], shape[1], shape[2] * shape[3])
        var elements = Array(repeating: 0.0, count: matrix.elements.count)
        for n in 0..<batch {
            for c in 0..<channels {
                for p in 0..<pixels { elements[(n * channels + c) * pixels + p] = matrix.elements[(n * pixels + p) * channels + c] }
            }
        }
        return elements
    }
}

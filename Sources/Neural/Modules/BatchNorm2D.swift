/// Batch normalisation of image batches, PyTorch's `nn.BatchNorm2d(channels)`: each channel of an
/// input `[N, C, H, W]` is normalised over its `N·H·W` values, `y = γ·(x − μ)/√(σ² + ε) + β`, with
/// `x.batchNorm2d(weight:bias:runningMean:runningVariance:training:momentum:epsilon:)`.
///
/// In training mode `μ` and `σ²` are the batch's mean and biased variance, and every forward pass
/// updates the running statistics, `running ← (1 − momentum)·running + momentum·batch` (PyTorch's
/// convention, the variance unbiased: `σ²·m/(m − 1)` with `m = N·H·W`). In evaluation mode the
/// running statistics are used instead and stay as they are. `γ` and `β` are the parameters.
public final class BatchNorm2D: Module {
    /// The scale `γ`, shape `[channels]`, ones at first.
    public let weight: Tensor
    /// The shift `β`, shape `[channels]`, zeros at first.
    public let bias: Tensor
    /// The running mean of each channel, zeros at first.
    public private(set) var runningMean: [Double]
    /// The running (unbiased) variance of each channel, ones at first.
    public private(set) var runningVariance: [Double]
    /// The weight of the new batch in the running statistics (0.1, as PyTorch).
    public let momentum: Double
    /// The constant `ε` added to the variance (1e-5, as PyTorch).
    public let epsilon: Double
    public var isTraining = true

    /// Batch norm of `channels` channels, `γ = 1`, `β = 0`, running mean 0 and variance 1, as
    /// `nn.BatchNorm2d(channels, eps=epsilon, momentum=momentum)`.
    public convenience init(channels: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) {
        precondition(channels > 0, "BatchNorm2D: the number of channels must be positive, got \(channels)")
        self.init(weight: Tensor.ones([channels]), bias: Tensor.zeros([channels]), momentum: momentum, epsilon: epsilon)
    }

    /// Batch norm with the given `γ` and `β` (each `[channels]`), which are made to require
    /// gradients, and fresh running statistics (mean 0, variance 1).
    public init(weight: Tensor, bias: Tensor, momentum: Double = 0.1, epsilon: Double = 1e-5) {
        precondition(
            weight.rank == 1 && bias.shape == weight.shape, "BatchNorm2D: weight \(weight.shape) and bias \(bias.shape) must both be [channels]")
        precondition((0...1).contains(momentum), "BatchNorm2D: the momentum must be in [0, 1], got \(momentum)")
        precondition(epsilon >= 0, "BatchNorm2D: epsilon cannot be negative, got \(epsilon)")
        weight.requiresGrad = true
        bias.requiresGrad = true
        self.weight = weight
        self.bias = bias
        runningMean = Array(repeating: 0, count: weight.count)
        runningVariance = Array(repeating: 1, count: weight.count)
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// The number of channels.
    public var channels: Int { weight.count }

    public var parameters: [Tensor] { [weight, bias] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.batchNorm2d(
            weight: weight, bias: bias, runningMean: &runningMean, runningVariance: &runningVariance, training: isTraining,
            momentum: momentum, epsilon: epsilon)
    }
}

/// A 2-D convolution layer, PyTorch's `nn.Conv2d` with a square kernel: on an input
/// `[N, inChannels, H, W]` it computes `x.conv2d(weight:bias:stride:padding:)`, output
/// `[N, outChannels, Hₒ, Wₒ]` with `Hₒ = ⌊(H + 2p − k)/s⌋ + 1`.
///
/// The weight has PyTorch's shape `[outChannels, inChannels, k, k]` (unlike `Linear`, whose weight
/// is the transpose of PyTorch's), so a PyTorch layer's `weight` and `bias` copy over unchanged.
/// It has `outChannels·inChannels·k² + outChannels` parameters.
public final class Conv2D: Module {
    /// The kernels, shape `[outChannels, inChannels, k, k]`.
    public let weight: Tensor
    /// One bias per output channel, shape `[outChannels]`.
    public let bias: Tensor
    /// How far the kernel moves between outputs (`s`).
    public let stride: Int
    /// How many zeros surround the input on each side (`p`).
    public let padding: Int
    public var isTraining = true

    /// A layer with the given kernels `[outChannels, inChannels, k, k]` and bias `[outChannels]`;
    /// both are made to require gradients.
    ///
    /// - Precondition: the kernel is square, the bias has one value per output channel, the stride is
    ///   at least 1 and the padding is not negative.
    public init(weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) {
        precondition(
            weight.rank == 4 && weight.shape[2] == weight.shape[3],
            "Conv2D: the weight must be [outChannels, inChannels, k, k] with a square kernel, got shape \(weight.shape)")
        precondition(bias.shape == [weight.shape[0]], "Conv2D: the bias must have shape [\(weight.shape[0])] for weight \(weight.shape), got \(bias.shape)")
        precondition(stride >= 1, "Conv2D: the stride must be at least 1, got \(stride)")
        precondition(padding >= 0, "Conv2D: the padding cannot be negative, got \(padding)")
        weight.requiresGrad = true
        bias.requiresGrad = true
        self.weight = weight
        self.bias = bias
        self.stride = stride
        self.padding = padding
    }

    /// A layer whose kernels come from `initializer` and whose bias is zero.
    ///
    /// The initializer's distribution is the one it has for `fanIn = inChannels·k²` and
    /// `fanOut = outChannels·k²` (PyTorch's fans for a convolution; e.g. He normal draws `N(0, 2/fanIn)`).
    /// The draws: an `outChannels × (inChannels·k²)` matrix from `generator`, filled row by row
    /// (`SeededGenerator.gaussianMatrix` or `uniformMatrix`; for `.orthogonal`, `orthogonalMatrix`
    /// of that shape, as `torch.nn.init.orthogonal_` flattens a kernel), which is the weight's
    /// elements in row-major order of `[outChannels, inChannels, k, k]`: element `[o, c, i, j]` is
    /// draw number `((o·inChannels + c)·k + i)·k + j`.
    public convenience init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        initializer: WeightInitializer = .heNormal, generator: inout SeededGenerator
    ) {
        precondition(
            inChannels > 0 && outChannels > 0 && kernelSize > 0,
            "Conv2D: channels and kernel size must be positive, got \(inChannels) → \(outChannels), kernel \(kernelSize)")
        let perOutput = inChannels * kernelSize * kernelSize
        let draws = initializer.weights(
            rows: outChannels, columns: perOutput, fanIn: perOutput, fanOut: outChannels * kernelSize * kernelSize, using: &generator)
        self.init(
            weight: Tensor(shape: [outChannels, inChannels, kernelSize, kernelSize], elements: draws.elements),
            bias: Tensor.zeros([outChannels]), stride: stride, padding: padding)
    }

    /// The number of channels of the input.
    public var inChannels: Int { weight.shape[1] }
    /// The number of channels of the output (of kernels).
    public var outChannels: Int { weight.shape[0] }
    /// The side `k` of the square kernel.
    public var kernelSize: Int { weight.shape[2] }

    public var parameters: [Tensor] { [weight, bias] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.conv2d(weight: weight, bias: bias, stride: stride, padding: padding)
    }
}

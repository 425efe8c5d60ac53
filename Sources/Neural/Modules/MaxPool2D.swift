/// Max pooling, PyTorch's `nn.MaxPool2d(k, s)` (floor mode, no padding): each channel's maximum
/// over `k × k` windows moved `s` at a time, `x.maxPool2d(kernelSize:stride:)`. No parameters.
public final class MaxPool2D: Module {
    /// The side `k` of the window.
    public let kernelSize: Int
    /// How far the window moves between outputs; `k` unless given.
    public let stride: Int
    public var isTraining = true
    public var parameters: [Tensor] { [] }

    /// Pooling over `kernelSize × kernelSize` windows, `stride` apart (default: `kernelSize`, side by side).
    ///
    /// - Precondition: the kernel size and the stride are at least 1.
    public init(kernelSize: Int, stride: Int? = nil) {
        precondition(kernelSize >= 1, "MaxPool2D: the kernel size must be at least 1, got \(kernelSize)")
        precondition((stride ?? kernelSize) >= 1, "MaxPool2D: the stride must be at least 1, got \(stride ?? kernelSize)")
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.maxPool2d(kernelSize: kernelSize, stride: stride)
    }
}

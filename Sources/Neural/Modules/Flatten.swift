/// PyTorch's `nn.Flatten()`: every dimension after the batch merged into one, `[N, C, H, W] →
/// [N, C·H·W]` in (C, H, W) order, `x.flattened(fromAxis: 1)`; between a convolution and a
/// `Linear` layer. No parameters.
public final class Flatten: Module {
    public var isTraining = true
    public var parameters: [Tensor] { [] }

    /// The module.
    public init() {}

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.flattened(fromAxis: 1)
    }
}

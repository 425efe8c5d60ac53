/// An element-wise activation as a module, for `Sequential`: `Neural`'s `Activation` applied with
/// `Tensor.activated(_:)`, or softmax along the last axis.
public class ActivationModule: Module {
    /// The function.
    public let activation: Activation
    public var isTraining = true
    public var parameters: [Tensor] { [] }

    /// The module applying `activation`.
    public init(_ activation: Activation) {
        self.activation = activation
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        activation == .softmax ? input.softmax(axis: -1) : input.activated(activation)
    }
}

/// `max(0, x)`, as `nn.ReLU()`.
public final class ReLU: ActivationModule {
    /// The module.
    public init() { super.init(.relu) }
}

/// `tanh x`, as `nn.Tanh()`.
public final class Tanh: ActivationModule {
    /// The module.
    public init() { super.init(.tanh) }
}

/// `σ(x)`, as `nn.Sigmoid()`.
public final class Sigmoid: ActivationModule {
    /// The module.
    public init() { super.init(.sigmoid) }
}

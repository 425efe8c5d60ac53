/// A layer or a network on tensors, as PyTorch's `nn.Module`: it maps an input tensor to an
/// output, owns parameters that require gradients, and has a training and an evaluation mode
/// (which only dropout distinguishes here).
public protocol Module: AnyObject {
    /// The parameters an optimizer updates, in a fixed order.
    var parameters: [Tensor] { get }
    /// Whether the module is in training mode (true after `train()`, false after `eval()`).
    var isTraining: Bool { get set }
    /// The forward pass.
    func callAsFunction(_ input: Tensor) -> Tensor
}

extension Module {
    /// The number of trainable numbers, `Σ` of the parameters' element counts.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Training mode, as `model.train()`.
    public func train() { isTraining = true }

    /// Evaluation mode, as `model.eval()`.
    public func eval() { isTraining = false }

    /// Forgets every parameter's gradient.
    public func zeroGrad() { parameters.forEach { $0.zeroGrad() } }
}

/// A fully connected layer `y = x·W + b` on a batch `x` of shape `[samples, inputs]` (or any
/// leading dimensions), with `W` of shape `[inputs, outputs]` and `b` of shape `[outputs]`
/// broadcast over the batch.
///
/// The weight is stored `inputs × outputs`, the convention of the book's `DenseLayer` and of the
/// sources' NumPy code, so the same numbers appear in both. PyTorch's `nn.Linear` stores the
/// transpose, `[outputs, inputs]`, and computes `x·Wᵀ + b`: to copy a PyTorch layer, transpose its
/// `weight`.
public final class Linear: Module {
    /// `W`, shape `[inputs, outputs]`.
    public let weight: Tensor
    /// `b`, shape `[outputs]`.
    public let bias: Tensor
    public var isTraining = true

    /// A layer with the given weight `[inputs, outputs]` and bias `[outputs]`; both are made to
    /// require gradients.
    public init(weight: Tensor, bias: Tensor) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[1]], "Linear: weight \(weight.shape) and bias \(bias.shape) do not fit ([inputs, outputs] and [outputs])")
        weight.requiresGrad = true
        bias.requiresGrad = true
        self.weight = weight
        self.bias = bias
    }

    /// A layer whose weights come from `initializer` (the same draws as `DenseLayer`) and whose
    /// bias is zero.
    public convenience init(
        inputs: Int, outputs: Int, initializer: WeightInitializer = .heNormal, generator: inout SeededGenerator
    ) {
        let w = initializer.weights(fanIn: inputs, fanOut: outputs, using: &generator)
        self.init(weight: Tensor(w), bias: Tensor.zeros([outputs]))
    }

    /// The layer holding `layer`'s weights and bias (its activation is not part of it).
    public convenience init(_ layer: DenseLayer) {
        self.init(weight: Tensor(layer.weights), bias: Tensor(layer.bias.elements))
    }

    public var parameters: [Tensor] { [weight, bias] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.matmul(weight) + bias
    }
}

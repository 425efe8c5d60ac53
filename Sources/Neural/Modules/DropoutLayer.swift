/// Dropout as a module, PyTorch's `nn.Dropout(p)`: in training mode each element is kept with
/// probability `1 − p` and scaled by `1/(1 − p)` (the mask of chapter 9's `Dropout`, drawn from the
/// layer's own seeded generator); in evaluation mode it passes its input through.
///
/// (`Dropout` is the matrix form the regularisation chapter uses; this is the same mask on tensors.)
public final class DropoutLayer: Module {
    /// The rule: the drop probability and the mask.
    public let dropout: Dropout
    /// Where the masks come from.
    public var generator: SeededGenerator
    public var isTraining = true
    public var parameters: [Tensor] { [] }

    /// Dropout with drop probability `p` in `[0, 1)`.
    public init(_ p: Double, generator: SeededGenerator = SeededGenerator(seed: 0)) {
        dropout = Dropout(rate: p)
        self.generator = generator
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining, dropout.rate > 0 else { return input }
        let columns = input.shape.last ?? 1
        let mask = dropout.mask(rows: input.count / Swift.max(columns, 1), columns: columns, using: &generator)
        return input * Tensor(shape: input.shape, elements: mask.elements)
    }
}

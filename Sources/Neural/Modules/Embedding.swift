/// A table of learned vectors, one per token, as PyTorch's `nn.Embedding`: token `t` is row `t` of
/// `weight` (shape `[vocabulary, dimension]`). Looking up is ``Tensor/indexSelect(rows:)``; its
/// gradient adds into the rows that were read.
public final class Embedding {
    /// The vectors, shape `[vocabulary, dimension]`.
    public let weight: Tensor

    /// A table holding `weight`, made to require gradients.
    public init(weight: Tensor) {
        precondition(weight.rank == 2, "Embedding: weight must be [vocabulary, dimension], got \(weight.shape)")
        weight.requiresGrad = true
        self.weight = weight
    }

    /// A table drawn as PyTorch draws one: every entry from the standard normal distribution.
    public convenience init(vocabulary: Int, dimension: Int, generator: inout SeededGenerator) {
        self.init(weight: Tensor.randn([vocabulary, dimension], using: &generator))
    }

    /// `[weight]`.
    public var parameters: [Tensor] { [weight] }

    /// The vectors of a batch of token sequences, shape `[batch, length, dimension]`; all sequences
    /// have the same length.
    public func callAsFunction(_ tokens: [[Int]]) -> Tensor {
        let length = tokens.first?.count ?? 0
        precondition(tokens.allSatisfy { $0.count == length }, "Embedding: the sequences of a batch must have the same length")
        return weight.indexSelect(rows: tokens.flatMap { $0 }).reshaped([tokens.count, length, weight.shape[1]])
    }
}

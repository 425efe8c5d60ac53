/// Multi-head attention, as PyTorch's `nn.MultiheadAttention(E, heads, batch_first=True)`:
/// queries, keys and values are projected (`x·W_q + b_q`, …), split into `heads` heads of
/// `E / heads` features, attended to separately with ``scaledDotProductAttention(query:key:value:mask:)``,
/// joined again and projected by `W_o`, `b_o`.
///
/// `inProjectionWeight` is `[E, 3E]` with the query, key and value blocks side by side (PyTorch's
/// `in_proj_weight`, transposed); `outProjection` is a ``Linear`` of `E` to `E`. Parameters:
/// `4E² + 4E`.
public final class MultiheadAttention {
    /// `[W_q W_k W_v]`, shape `[E, 3E]`.
    public let inProjectionWeight: Tensor
    /// `[b_q b_k b_v]`, shape `[3E]`.
    public let inProjectionBias: Tensor
    /// `W_o`, `b_o`.
    public let outProjection: Linear
    /// The number of heads.
    public let heads: Int
    /// `E`, the size of a token's vector.
    public let embeddingSize: Int

    /// Attention with the given projections; `E` must be divisible by `heads`.
    public init(inProjectionWeight: Tensor, inProjectionBias: Tensor, outProjection: Linear, heads: Int) {
        let e = inProjectionWeight.shape.first ?? 0
        precondition(
            heads >= 1 && e % heads == 0 && inProjectionWeight.shape == [e, 3 * e] && inProjectionBias.shape == [3 * e]
                && outProjection.weight.shape == [e, e],
            "MultiheadAttention: in-projection \(inProjectionWeight.shape) and \(inProjectionBias.shape), out-projection \(outProjection.weight.shape) and \(heads) heads do not fit ([E, 3E], [3E], [E, E], E divisible by heads)")
        inProjectionWeight.requiresGrad = true
        inProjectionBias.requiresGrad = true
        self.inProjectionWeight = inProjectionWeight
        self.inProjectionBias = inProjectionBias
        self.outProjection = outProjection
        self.heads = heads
        embeddingSize = e
    }

    /// Attention drawn from `generator`: Xavier-uniform projections and zero biases, as PyTorch's.
    public convenience init(embeddingSize e: Int, heads: Int, generator: inout SeededGenerator) {
        let inWeight = WeightInitializer.xavierUniform.weights(rows: e, columns: 3 * e, fanIn: e, fanOut: 3 * e, using: &generator)
        let outWeight = WeightInitializer.xavierUniform.weights(rows: e, columns: e, fanIn: e, fanOut: e, using: &generator)
        self.init(
            inProjectionWeight: Tensor(inWeight), inProjectionBias: Tensor.zeros([3 * e]),
            outProjection: Linear(weight: Tensor(outWeight), bias: Tensor.zeros([e])), heads: heads)
    }

    /// `[in-projection weight, in-projection bias, W_o, b_o]`.
    public var parameters: [Tensor] { [inProjectionWeight, inProjectionBias] + outProjection.parameters }

    /// The attention of `query` (`[batch, queries, E]`) to `key` and `value` (`[batch, keys, E]`)
    /// under the additive `mask` (broadcast against `[batch, heads, queries, keys]`). The weights are
    /// per head, `[batch, heads, queries, keys]`.
    public func callAsFunction(query: Tensor, key: Tensor, value: Tensor, mask: Tensor? = nil) -> AttentionResult {
        let e = embeddingSize
        func project(_ x: Tensor, _ block: Int) -> Tensor {
            let w = inProjectionWeight.slice(axis: 1, (block * e)..<((block + 1) * e))
            let b = inProjectionBias.slice(axis: 0, (block * e)..<((block + 1) * e))
            return splitHeads(x.matmul(w) + b)
        }
        let attended = scaledDotProductAttention(query: project(query, 0), key: project(key, 1), value: project(value, 2), mask: mask)
        let batch = query.shape[0], length = query.shape[1]
        let joined = attended.output.permuted([0, 2, 1, 3]).reshaped([batch, length, e])
        return AttentionResult(output: outProjection(joined), weights: attended.weights)
    }

    /// Self-attention: `x` attends to itself.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil) -> AttentionResult {
        self(query: x, key: x, value: x, mask: mask)
    }

    /// `[batch, length, E]` → `[batch, heads, length, E / heads]`.
    public func splitHeads(_ x: Tensor) -> Tensor {
        precondition(x.rank == 3, "MultiheadAttention: inputs must be [batch, length, E], got \(x.shape)")
        return x.reshaped([x.shape[0], x.shape[1], heads, embeddingSize / heads]).permuted([0, 2, 1, 3])
    }
}

import Foundation

/// The result of attention: the weighted values and the weights that weighted them.
public struct AttentionResult {
    /// `softmax(Q·Kᵀ/√d + M)·V`, shape `[…, queries, valueSize]`.
    public var output: Tensor
    /// `softmax(Q·Kᵀ/√d + M)`, shape `[…, queries, keys]`; each row sums to 1.
    public var weights: Tensor
}

/// Scaled dot-product attention, as `F.scaled_dot_product_attention(q, k, v, attn_mask=mask)`:
///
///     weights = softmax(Q·Kᵀ / √d + M)   output = weights · V
///
/// with `Q` of shape `[…, queries, d]`, `K` of shape `[…, keys, d]`, `V` of shape
/// `[…, keys, valueSize]` and `d` the size of a query. The additive mask `M` broadcasts against the
/// scores `[…, queries, keys]`: 0 where a query may look, `−∞` where it may not
/// (``causalMask(length:)``, ``paddingMask(lengths:keys:)``). Dividing by `√d` keeps the scores'
/// variance near 1 whatever `d` is, so the softmax does not saturate.
public func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, mask: Tensor? = nil) -> AttentionResult {
    precondition(query.rank >= 2 && key.rank >= 2 && value.rank >= 2, "scaledDotProductAttention: query \(query.shape), key \(key.shape) and value \(value.shape) need at least two dimensions")
    let d = query.shape[query.rank - 1]
    var scores = query.matmul(key.transposed) / Foundation.sqrt(Double(d))
    if let mask { scores = scores + mask }
    let weights = scores.softmax(axis: -1)
    return AttentionResult(output: weights.matmul(value), weights: weights)
}

/// The causal mask of a sequence of `length` tokens, shape `[length, length]`: 0 on and below the
/// diagonal, `−∞` above it, so that token `i` attends only to tokens `0…i`.
public func causalMask(length: Int) -> Tensor {
    var elements = Array(repeating: 0.0, count: length * length)
    for i in 0..<length {
        for j in (i + 1)..<Swift.max(i + 1, length) { elements[i * length + j] = -Double.infinity }
    }
    return Tensor(shape: [length, length], elements: elements)
}

/// The padding mask of a batch whose sequence `b` has `lengths[b]` real tokens out of `keys`, shape
/// `[batch, 1, 1, keys]` (it broadcasts over heads and queries): 0 for real keys, `−∞` for padding.
public func paddingMask(lengths: [Int], keys: Int) -> Tensor {
    var elements = Array(repeating: 0.0, count: lengths.count * keys)
    for (b, length) in lengths.enumerated() {
        precondition(length >= 1 && length <= keys, "paddingMask: sequence \(b) has length \(length), not in 1...\(keys)")
        for j in length..<keys { elements[b * keys + j] = -Double.infinity }
    }
    return Tensor(shape: [lengths.count, 1, 1, keys], elements: elements)
}

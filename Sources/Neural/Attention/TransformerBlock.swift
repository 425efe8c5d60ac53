/// Where a transformer block normalises: before each sublayer (pre-norm, GPT-2's choice, PyTorch's
/// `norm_first=True`) or after each residual sum (post-norm, the original transformer's).
public enum NormalisationPlacement: String, Sendable, CaseIterable {
    /// `x + f(LN(x))`: the residual path carries `x` unchanged, so gradients reach early layers intact.
    case preNorm
    /// `LN(x + f(x))`: the original arrangement, which needs warm-up to train deep stacks.
    case postNorm
}

/// A transformer encoder block, as PyTorch's `nn.TransformerEncoderLayer(E, heads, F,
/// dropout=0, batch_first=True)` with ReLU: self-attention and a two-layer MLP, each in a residual
/// connection with layer norm.
///
///     pre-norm:  x ← x + MHA(LN₁(x));  x ← x + MLP(LN₂(x))
///     post-norm: x ← LN₁(x + MHA(x));  x ← LN₂(x + MLP(x))
///
/// with `MLP(x) = ReLU(x·W₁ + b₁)·W₂ + b₂`. Parameters: `4E² + 4E` (attention) `+ 2EF + F + E` (MLP)
/// `+ 4E` (two layer norms).
public final class TransformerBlock {
    /// The self-attention sublayer.
    public let attention: MultiheadAttention
    /// `E → F`.
    public let feedForwardIn: Linear
    /// `F → E`.
    public let feedForwardOut: Linear
    /// `γ₁`, `β₁` and `γ₂`, `β₂` of the two layer norms, each `[E]`.
    public let norm1Weight: Tensor, norm1Bias: Tensor, norm2Weight: Tensor, norm2Bias: Tensor
    /// Pre-norm or post-norm.
    public let placement: NormalisationPlacement
    /// The layer norms' `ε`.
    public let epsilon: Double

    /// A block from its parts; the layer norms start at `γ = 1`, `β = 0` unless given.
    public init(
        attention: MultiheadAttention, feedForwardIn: Linear, feedForwardOut: Linear, placement: NormalisationPlacement,
        norm1Weight: Tensor? = nil, norm1Bias: Tensor? = nil, norm2Weight: Tensor? = nil, norm2Bias: Tensor? = nil,
        epsilon: Double = 1e-5
    ) {
        let e = attention.embeddingSize
        precondition(
            feedForwardIn.weight.shape.first == e && feedForwardOut.weight.shape.last == e
                && feedForwardIn.weight.shape.last == feedForwardOut.weight.shape.first,
            "TransformerBlock: the MLP \(feedForwardIn.weight.shape) → \(feedForwardOut.weight.shape) does not fit E = \(e)")
        self.attention = attention
        self.feedForwardIn = feedForwardIn
        self.feedForwardOut = feedForwardOut
        self.placement = placement
        self.epsilon = epsilon
        let parts = [norm1Weight ?? Tensor.ones([e]), norm1Bias ?? Tensor.zeros([e]), norm2Weight ?? Tensor.ones([e]), norm2Bias ?? Tensor.zeros([e])]
        for part in parts {
            precondition(part.shape == [e], "TransformerBlock: layer-norm parameters must be [\(e)], got \(part.shape)")
            part.requiresGrad = true
        }
        (self.norm1Weight, self.norm1Bias, self.norm2Weight, self.norm2Bias) = (parts[0], parts[1], parts[2], parts[3])
    }

    /// Every parameter: attention's, the MLP's, then the layer norms'.
    public var parameters: [Tensor] {
        attention.parameters + feedForwardIn.parameters + feedForwardOut.parameters + [norm1Weight, norm1Bias, norm2Weight, norm2Bias]
    }

    /// The number of trainable numbers.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The block on `x` (`[batch, length, E]`), with an optional additive attention mask.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil) -> Tensor {
        func norm1(_ t: Tensor) -> Tensor { t.layerNorm(weight: norm1Weight, bias: norm1Bias, epsilon: epsilon) }
        func norm2(_ t: Tensor) -> Tensor { t.layerNorm(weight: norm2Weight, bias: norm2Bias, epsilon: epsilon) }
        func mlp(_ t: Tensor) -> Tensor { feedForwardOut(feedForwardIn(t).relu()) }
        switch placement {
        case .preNorm:
            let attended = x + attention(norm1(x), mask: mask).output
            return attended + mlp(norm2(attended))
        case .postNorm:
            let attended = norm1(x + attention(x, mask: mask).output)
            return norm2(attended + mlp(attended))
        }
    }
}

/// Layer normalisation over the last axis, composed from the differentiable operations.
extension Tensor {
    /// `y = (x − μ) / √(σ² + ε) · γ + β`, with `μ` and `σ²` the mean and the biased variance of each
    /// vector along the last axis, as `F.layer_norm(x, [d], γ, β, ε)`; `γ` and `β` have shape `[d]`.
    /// Its gradient is that of the composition (mean, subtraction, square root, division).
    public func layerNorm(weight: Tensor, bias: Tensor, epsilon: Double = 1e-5) -> Tensor {
        let width = shape.last ?? 1
        precondition(weight.shape == [width] && bias.shape == [width], "Tensor.layerNorm: weight \(weight.shape) and bias \(bias.shape) must be [\(width)] for input \(shape)")
        let centred = self - mean(axis: -1, keepingDimension: true)
        let variance = (centred * centred).mean(axis: -1, keepingDimension: true)
        return centred / (variance + epsilon).sqrt() * weight + bias
    }
}

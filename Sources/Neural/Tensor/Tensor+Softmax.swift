/// Softmax and log-softmax along an axis, composed from the differentiable operations above.
extension Tensor {
    /// `softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m)` along `axis`, with `m` the (detached) maximum,
    /// which changes nothing mathematically and keeps `e^x` finite.
    public func softmax(axis: Int = -1) -> Tensor {
        let shifted = self - max(axis: axis, keepingDimension: true).detach()
        let exponentials = shifted.exp()
        return exponentials / exponentials.sum(axis: axis, keepingDimension: true)
    }

    /// `log softmax(x)ᵢ = (xᵢ − m) − ln Σⱼ e^(xⱼ − m)` along `axis`: finite even where softmax
    /// underflows to 0.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let shifted = self - max(axis: axis, keepingDimension: true).detach()
        return shifted - shifted.exp().sum(axis: axis, keepingDimension: true).log()
    }
}

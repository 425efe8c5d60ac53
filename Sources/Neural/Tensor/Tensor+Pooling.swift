/// Pooling of NCHW image batches and flattening, as PyTorch's `F.max_pool2d`, `F.avg_pool2d` and
/// `torch.flatten`.
extension Tensor {
    /// PyTorch's `F.max_pool2d(x, k, s)` (floor mode, no padding, no dilation): for an input
    /// `[N, C, H, W]` the output `[N, C, Hₒ, Wₒ]`, `Hₒ = ⌊(H − k)/s⌋ + 1`, holds the maximum of each
    /// `k × k` window, `y[n, c, oh, ow] = max_{i,j} x[n, c, oh·s + i, ow·s + j]`. The stride defaults
    /// to `k` (windows side by side).
    ///
    /// Backward sends each output's gradient to the position of its window's maximum, and every
    /// other input gets 0 (an input that is the maximum of several overlapping windows collects each
    /// one's). On a tie the first maximum in row-major order wins, as in PyTorch's CPU kernel, which
    /// also lets a NaN win.
    ///
    /// - Precondition: the input is 4-D, `k ≥ 1`, `s ≥ 1`, and `k` is no larger than the image.
    public func maxPool2d(kernelSize: Int, stride: Int? = nil) -> Tensor {
        let windows = SlidingWindows("maxPool2d", input: shape, kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride ?? kernelSize, padding: 0)
        var output = Array(repeating: 0.0, count: windows.batch * windows.channels * windows.positions)
        // The offset in `elements` of each output's maximum.
        var winners = Array(repeating: 0, count: output.count)
        windows.forEachWindow { position, corner in
            var best = -Double.infinity
            var winner = corner
            for i in 0..<kernelSize {
                for j in 0..<kernelSize {
                    let offset = corner + i * windows.width + j
                    if elements[offset] > best || elements[offset].isNaN {
                        best = elements[offset]
                        winner = offset
                    }
                }
            }
            output[position] = best
            winners[position] = winner
        }
        let input = self
        return Tensor(
            shape: [windows.batch, windows.channels, windows.outputHeight, windows.outputWidth], elements: output,
            operation: "maxPool2d(\(kernelSize), stride: \(windows.stride))", inputs: [input]
        ) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            for (position, winner) in winners.enumerated() { gradient[winner] += upstream.elements[position] }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// PyTorch's `F.avg_pool2d(x, k, s)` (floor mode, no padding): the mean of each `k × k` window,
    /// `y[n, c, oh, ow] = (1/k²) Σ_{i,j} x[n, c, oh·s + i, ow·s + j]`, output `[N, C, Hₒ, Wₒ]` with
    /// `Hₒ = ⌊(H − k)/s⌋ + 1`; the stride defaults to `k`. Backward adds `g/k²` of each output's
    /// gradient `g` to every input of its window.
    ///
    /// - Precondition: the input is 4-D, `k ≥ 1`, `s ≥ 1`, and `k` is no larger than the image.
    public func avgPool2d(kernelSize: Int, stride: Int? = nil) -> Tensor {
        let windows = SlidingWindows("avgPool2d", input: shape, kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride ?? kernelSize, padding: 0)
        let divisor = Double(kernelSize * kernelSize)
        var output = Array(repeating: 0.0, count: windows.batch * windows.channels * windows.positions)
        windows.forEachWindow { position, corner in
            var sum = 0.0
            for i in 0..<kernelSize {
                for j in 0..<kernelSize { sum += elements[corner + i * windows.width + j] }
            }
            output[position] = sum / divisor
        }
        let input = self
        return Tensor(
            shape: [windows.batch, windows.channels, windows.outputHeight, windows.outputWidth], elements: output,
            operation: "avgPool2d(\(kernelSize), stride: \(windows.stride))", inputs: [input]
        ) { upstream in
            var gradient = Array(repeating: 0.0, count: input.count)
            windows.forEachWindow { position, corner in
                let share = upstream.elements[position] / divisor
                for i in 0..<kernelSize {
                    for j in 0..<kernelSize { gradient[corner + i * windows.width + j] += share }
                }
            }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// `torch.flatten(x, start_dim: axis)`: the dimensions from `axis` on merged into one,
    /// `[d₀, …, d_{a−1}, d_a, …, dₙ₋₁] → [d₀, …, d_{a−1}, d_a·…·dₙ₋₁]`; an image batch `[N, C, H, W]`
    /// becomes `[N, C·H·W]` in (C, H, W) order, what a `Linear` layer after a convolution reads. A
    /// `reshaped`, so its gradient is reshaped back. A negative axis counts from the end.
    ///
    /// - Precondition: `axis` is one of the tensor's axes.
    public func flattened(fromAxis axis: Int = 1) -> Tensor {
        let resolved = axis < 0 ? axis + rank : axis
        precondition((0..<rank).contains(resolved), "Tensor.flattened: axis \(axis) is not an axis of shape \(shape)")
        return reshaped(Array(shape[..<resolved]) + [shape[resolved...].reduce(1, *)])
    }
}

extension Tensor.SlidingWindows {
    /// Calls `body` with each output's offset (`[N, C, Hₒ, Wₒ]` row-major) and the offset of its
    /// window's top-left input pixel (no padding: pooling only).
    func forEachWindow(_ body: (_ position: Int, _ corner: Int) -> Void) {
        for plane in 0..<(batch * channels) {
            for oh in 0..<outputHeight {
                for ow in 0..<outputWidth {
                    body(plane * positions + oh * outputWidth + ow, plane * height * width + (oh * width + ow) * stride)
                }
            }
        }
    }
}

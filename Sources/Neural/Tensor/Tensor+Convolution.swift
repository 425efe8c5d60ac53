/// The output size of a convolution or pooling along one axis: `⌊(n + 2p − k)/s⌋ + 1`, the number
/// of positions a window of size `k` takes in an input of size `n` padded by `p` on each side, moving
/// `s` at a time (PyTorch's floor mode: a last window that would stick out is dropped).
///
/// - Precondition: `n ≥ 1`, `k ≥ 1`, `s ≥ 1`, `p ≥ 0`, and `k ≤ n + 2p`.
public func convolutionOutputSize(inputSize: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0) -> Int {
    precondition(inputSize >= 1, "convolutionOutputSize: the input size must be positive, got \(inputSize)")
    precondition(kernelSize >= 1, "convolutionOutputSize: the kernel size must be positive, got \(kernelSize)")
    precondition(stride >= 1, "convolutionOutputSize: the stride must be at least 1, got \(stride)")
    precondition(padding >= 0, "convolutionOutputSize: the padding cannot be negative, got \(padding)")
    precondition(
        kernelSize <= inputSize + 2 * padding,
        "convolutionOutputSize: a kernel of \(kernelSize) is larger than the padded input (\(inputSize) + 2·\(padding))")
    return (inputSize + 2 * padding - kernelSize) / stride + 1
}

/// Convolution of images in PyTorch's NCHW layout, `[batch, channels, height, width]`, as im2col
/// (`unfold`) followed by one matrix product.
extension Tensor {
    /// PyTorch's `F.unfold` (im2col): the sliding `kH × kW` windows of an image batch, each as a column.
    ///
    /// For an input `[N, C, H, W]` the result is `[N, C·kH·kW, L]` with `L = Hₒ·Wₒ` window positions,
    /// `Hₒ = ⌊(H + 2p − kH)/s⌋ + 1` (and `Wₒ` alike), and
    /// `out[n, c·kH·kW + i·kW + j, oh·Wₒ + ow] = x[n, c, oh·s − p + i, ow·s − p + j]`, zero where that
    /// index falls in the padding. Backward is `fold`: each column entry's gradient is added back onto
    /// the pixel it was copied from (pixels covered by several windows collect several), and the padding's
    /// gradients are dropped.
    ///
    /// - Precondition: the input is 4-D; the kernel sizes and the stride are at least 1, the padding is
    ///   not negative, and the kernel fits in the padded image.
    public func unfold(kernelSize: (height: Int, width: Int), stride: Int = 1, padding: Int = 0) -> Tensor {
        let windows = SlidingWindows(
            "unfold", input: shape, kernelHeight: kernelSize.height, kernelWidth: kernelSize.width, stride: stride, padding: padding)
        let input = self
        let columns = windows.unfold(elements)
        return Tensor(shape: [windows.batch, windows.rowsPerImage, windows.positions], elements: columns, operation: "unfold", inputs: [input]) { upstream in
            [Tensor(shape: input.shape, elements: windows.fold(upstream.elements))]
        }
    }

    /// PyTorch's `F.conv2d` (cross-correlation, as every deep-learning library computes it): input
    /// `[N, Cin, H, W]`, weight `[Cout, Cin, kH, kW]`, optional bias `[Cout]`, output `[N, Cout, Hₒ, Wₒ]`:
    ///
    /// `y[n, o, oh, ow] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j] · x[n, c, oh·s − p + i, ow·s − p + j]`
    ///
    /// with zero padding `p` and stride `s`. It is computed as `W·unfold(x)`: the weight viewed as a
    /// `[Cout, Cin·kH·kW]` matrix times each image's `[Cin·kH·kW, Hₒ·Wₒ]` columns (one batched
    /// `matmul`), plus the bias broadcast over positions, reshaped to `[N, Cout, Hₒ, Wₒ]`. So the
    /// backward pass is theirs: `∂L/∂W = Σ_n ∂L/∂Y_n · colsₙᵀ`, `∂L/∂cols = Wᵀ · ∂L/∂Y`, folded back
    /// onto the image, `∂L/∂b = Σ ∂L/∂y` over images and positions.
    ///
    /// - Precondition: the input and the weight are 4-D with the same number of input channels, the
    ///   bias (if any) has one element per output channel, and `unfold`'s conditions hold.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
        precondition(rank == 4, "Tensor.conv2d: the input must be [batch, channels, height, width], got shape \(shape)")
        precondition(
            weight.rank == 4, "Tensor.conv2d: the weight must be [outChannels, inChannels, kernelHeight, kernelWidth], got shape \(weight.shape)")
        let (outChannels, inChannels) = (weight.shape[0], weight.shape[1])
        precondition(
            inChannels == shape[1],
            "Tensor.conv2d: the input has \(shape[1]) channels (shape \(shape)) but the weight \(weight.shape) expects \(inChannels)")
        if let bias {
            precondition(bias.shape == [outChannels], "Tensor.conv2d: the bias must have shape [\(outChannels)] for weight \(weight.shape), got \(bias.shape)")
        }
        // Checked here first so that a bad stride, padding or kernel size is reported as conv2d's.
        let windows = SlidingWindows(
            "conv2d", input: shape, kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
        let columns = unfold(kernelSize: (windows.kernelHeight, windows.kernelWidth), stride: stride, padding: padding)
        var output = weight.reshaped([outChannels, windows.rowsPerImage]).matmul(columns)
        if let bias { output = output + bias.reshaped([outChannels, 1]) }
        return output.reshaped([windows.batch, outChannels, windows.outputHeight, windows.outputWidth])
    }

    /// The geometry of windows sliding over an NCHW batch, with the two loops that copy the windows
    /// out (`unfold`) and add them back (`fold`). Shared by convolution and pooling.
    struct SlidingWindows {
        let batch: Int, channels: Int, height: Int, width: Int
        let kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int
        let outputHeight: Int, outputWidth: Int

        /// Checks the shapes for `function`, whose name the messages carry.
        init(_ function: String, input shape: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int) {
            precondition(shape.count == 4, "Tensor.\(function): the input must be [batch, channels, height, width], got shape \(shape)")
            precondition(shape.allSatisfy { $0 > 0 }, "Tensor.\(function): the input shape \(shape) has an empty dimension")
            precondition(
                kernelHeight >= 1 && kernelWidth >= 1, "Tensor.\(function): the kernel must be at least 1×1, got \(kernelHeight)×\(kernelWidth)")
            precondition(stride >= 1, "Tensor.\(function): the stride must be at least 1, got \(stride)")
            precondition(padding >= 0, "Tensor.\(function): the padding cannot be negative, got \(padding)")
            precondition(
                kernelHeight <= shape[2] + 2 * padding && kernelWidth <= shape[3] + 2 * padding,
                "Tensor.\(function): a \(kernelHeight)×\(kernelWidth) kernel is larger than the \(shape[2])×\(shape[3]) input padded by \(padding) (shape \(shape))")
            (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
            (self.kernelHeight, self.kernelWidth, self.stride, self.padding) = (kernelHeight, kernelWidth, stride, padding)
            outputHeight = (height + 2 * padding - kernelHeight) / stride + 1
            outputWidth = (width + 2 * padding - kernelWidth) / stride + 1
        }

        /// `Hₒ·Wₒ`, the number of window positions per image.
        var positions: Int { outputHeight * outputWidth }
        /// `C·kH·kW`, the rows of one image's column matrix.
        var rowsPerImage: Int { channels * kernelHeight * kernelWidth }

        /// The output indices `o` whose window reads a real (not padding) pixel at kernel offset
        /// `offset`: `0 ≤ o·s − p + offset < size`.
        func valid(offset: Int, size: Int, outputs: Int) -> Range<Int> {
            let shift = padding - offset
            // ⌈shift/s⌉ for the first, ⌊(size − 1 + shift)/s⌋ for the last (both may be negative).
            let first = shift <= 0 ? 0 : (shift + stride - 1) / stride
            let limit = size - 1 + shift
            let last = limit < 0 ? -1 : Swift.min(outputs - 1, limit / stride)
            return first <= last ? first..<(last + 1) : 0..<0
        }

        /// The column matrices of `image` (`[N, C, H, W]` elements): `[N, C·kH·kW, Hₒ·Wₒ]` elements.
        func unfold(_ image: [Double]) -> [Double] {
            var columns = Array(repeating: 0.0, count: batch * rowsPerImage * positions)
            image.withUnsafeBufferPointer { source in
                columns.withUnsafeMutableBufferPointer { target in
                    forEachRow { plane, row, i, j, rows, columnRange in
                        let input = source.baseAddress! + plane * height * width
                        let output = target.baseAddress! + row * positions
                        for oh in rows {
                            let from = input + (oh * stride - padding + i) * width
                            let to = output + oh * outputWidth
                            for ow in columnRange { to[ow] = from[ow * stride - padding + j] }
                        }
                    }
                }
            }
            return columns
        }

        /// The adjoint of `unfold` (PyTorch's `F.fold`): every column entry added onto the pixel it
        /// came from, entries in the padding dropped; `[N, C, H, W]` elements.
        func fold(_ columns: [Double]) -> [Double] {
            var image = Array(repeating: 0.0, count: batch * channels * height * width)
            columns.withUnsafeBufferPointer { source in
                image.withUnsafeMutableBufferPointer { target in
                    forEachRow { plane, row, i, j, rows, columnRange in
                        let output = target.baseAddress! + plane * height * width
                        let input = source.baseAddress! + row * positions
                        for oh in rows {
                            let to = output + (oh * stride - padding + i) * width
                            let from = input + oh * outputWidth
                            for ow in columnRange { to[ow * stride - padding + j] += from[ow] }
                        }
                    }
                }
            }
            return image
        }

        /// Calls `body` for every row of every image's column matrix with: the input plane
        /// `n·C + c`, the row's index in the whole `[N·C·kH·kW]` stack, its kernel offset `(i, j)`, and
        /// the output rows and columns whose window reads a real pixel at that offset.
        private func forEachRow(_ body: (_ plane: Int, _ row: Int, _ i: Int, _ j: Int, _ rows: Range<Int>, _ columns: Range<Int>) -> Void) {
            for n in 0..<batch {
                for c in 0..<channels {
                    for i in 0..<kernelHeight {
                        let rows = valid(offset: i, size: height, outputs: outputHeight)
                        for j in 0..<kernelWidth {
                            let columns = valid(offset: j, size: width, outputs: outputWidth)
                            body(n * channels + c, (n * channels + c) * kernelHeight * kernelWidth + i * kernelWidth + j, i, j, rows, columns)
                        }
                    }
                }
            }
        }
    }
}

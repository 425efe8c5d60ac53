/// The convolution and pooling kernels of `ConvolutionalNetwork`'s passes. Images are stored NHWC
/// (`[images, height, width, channels]`, channels fastest), so that a kernel row of a window,
/// `k` pixels × all channels, is one contiguous run; the matrix products around these kernels go
/// through BLAS.
enum ConvolutionKernels {
    /// im2col: one row per output position `(n, oi, oj)` (image, then row, then column, for
    /// `oi < outputHeight`, `oj < outputWidth`), holding the `k × k` window under it in
    /// `(i, j, c)` order:
    ///
    /// `cols[(n·Hₒ + oi)·Wₒ + oj, (i·k + j)·C + c] = x[n, oi + i, oj + j, c]` (stride 1, no padding).
    ///
    /// A convolution with kernels `K[o, i, j, c]` is then `cols · Kᵀ`. `outputHeight` may be less
    /// than `height − k + 1` (positions a floor-mode pooling never reads are left out).
    static func im2col<S: TrainingScalar>(
        _ x: UnsafePointer<S>, images: Int, height: Int, width: Int, channels: Int, kernel k: Int,
        outputHeight: Int, outputWidth: Int, into columns: UnsafeMutablePointer<S>
    ) {
        precondition(outputHeight + k - 1 <= height && outputWidth + k - 1 <= width,
                     "im2col: \(outputHeight)×\(outputWidth) positions of a \(k)×\(k) kernel do not fit a \(height)×\(width) image")
        let segment = k * channels
        var row = columns
        for n in 0..<images {
            let image = x + n * height * width * channels
            for oi in 0..<outputHeight {
                for oj in 0..<outputWidth {
                    for i in 0..<k {
                        let source = image + ((oi + i) * width + oj) * channels
                        let target = row + i * segment
                        for t in 0..<segment { target[t] = source[t] }
                    }
                    row += k * segment
                }
            }
        }
    }

    /// col2im, the adjoint of `im2col`: `dx` is set to zero, then every column entry is added onto
    /// the pixel it was copied from,
    /// `dx[n, oi + i, oj + j, c] += dcols[(n·Hₒ + oi)·Wₒ + oj, (i·k + j)·C + c]`
    /// (pixels under several windows collect several; pixels under none stay 0).
    static func col2im<S: TrainingScalar>(
        _ columns: UnsafePointer<S>, images: Int, height: Int, width: Int, channels: Int, kernel k: Int,
        outputHeight: Int, outputWidth: Int, into dx: UnsafeMutablePointer<S>
    ) {
        precondition(outputHeight + k - 1 <= height && outputWidth + k - 1 <= width,
                     "col2im: \(outputHeight)×\(outputWidth) positions of a \(k)×\(k) kernel do not fit a \(height)×\(width) image")
        let segment = k * channels
        dx.update(repeating: 0, count: images * height * width * channels)
        var row = columns
        for n in 0..<images {
            let image = dx + n * height * width * channels
            for oi in 0..<outputHeight {
                for oj in 0..<outputWidth {
                    for i in 0..<k {
                        let target = image + ((oi + i) * width + oj) * channels
                        let source = row + i * segment
                        for t in 0..<segment { target[t] += source[t] }
                    }
                    row += k * segment
                }
            }
        }
    }

    /// Max-pooling 2×2 (stride 2, floor mode) of a convolution's output before its bias and ReLU,
    /// then the bias and the ReLU: for each window of `raw` (NHWC, `height × width`) and channel,
    ///
    /// `pooled[n, pi, pj, c] = max(0, max_{a,b∈{0,1}} raw[n, 2pi + a, 2pj + b, c] + bias[c])`,
    ///
    /// which equals `maxPool(ReLU(raw + bias))` (adding a constant and ReLU are monotone) at a
    /// quarter of the element-wise work. `argmax` gets the winning window position `2a + b`, the
    /// first maximum in row-major order on a tie, as PyTorch's kernel. `pooled` and `argmax` are
    /// NHWC, `[n, ⌊height/2⌋, ⌊width/2⌋, channels]`.
    static func maxPoolBiasReLU<S: TrainingScalar>(
        _ raw: UnsafePointer<S>, images: Int, height: Int, width: Int, channels: Int, bias: UnsafePointer<S>,
        into pooled: UnsafeMutablePointer<S>, argmax: UnsafeMutablePointer<UInt8>
    ) {
        let ph = height / 2, pw = width / 2
        var out = pooled, at = argmax
        for n in 0..<images {
            let image = raw + n * height * width * channels
            for pi in 0..<ph {
                for pj in 0..<pw {
                    let r00 = image + (2 * pi * width + 2 * pj) * channels
                    let r01 = r00 + channels, r10 = r00 + width * channels, r11 = r10 + channels
                    for c in 0..<channels {
                        var best = r00[c], winner: UInt8 = 0
                        let v1 = r01[c], v2 = r10[c], v3 = r11[c]
                        winner = v1 > best ? 1 : winner
                        best = v1 > best ? v1 : best
                        winner = v2 > best ? 2 : winner
                        best = v2 > best ? v2 : best
                        winner = v3 > best ? 3 : winner
                        best = v3 > best ? v3 : best
                        out[c] = Swift.max(best + bias[c], 0)
                        at[c] = winner
                    }
                    out += channels
                    at += channels
                }
            }
        }
    }

    /// The backward pass of `maxPoolBiasReLU`: with `gradient = ∂L/∂pooled` (NHWC),
    /// `δ = gradient ⊙ [pooled > 0]` is `∂L/∂(max + bias)`; it goes to the window position `argmax`
    /// names, every other position of `raw` (`∂L/∂raw`, NHWC `height × width`) is set to 0, and
    /// `biasGradient[c] += Σ δ` over images and windows.
    static func maxUnpoolReLU<S: TrainingScalar>(
        _ gradient: UnsafePointer<S>, pooled: UnsafePointer<S>, argmax: UnsafePointer<UInt8>,
        images: Int, height: Int, width: Int, channels: Int,
        into raw: UnsafeMutablePointer<S>, biasGradient: UnsafeMutablePointer<S>
    ) {
        let ph = height / 2, pw = width / 2
        if 2 * ph != height || 2 * pw != width {
            // Rows and columns that no window reads get no gradient.
            raw.update(repeating: 0, count: images * height * width * channels)
        }
        var g = gradient, p = pooled, at = argmax
        for n in 0..<images {
            let image = raw + n * height * width * channels
            for pi in 0..<ph {
                for pj in 0..<pw {
                    let r00 = image + (2 * pi * width + 2 * pj) * channels
                    let r01 = r00 + channels, r10 = r00 + width * channels, r11 = r10 + channels
                    for c in 0..<channels {
                        let delta = g[c] * (p[c] > 0 ? 1 : 0)
                        let winner = at[c]
                        r00[c] = winner == 0 ? delta : 0
                        r01[c] = winner == 1 ? delta : 0
                        r10[c] = winner == 2 ? delta : 0
                        r11[c] = winner == 3 ? delta : 0
                        biasGradient[c] += delta
                    }
                    g += channels
                    p += channels
                    at += channels
                }
            }
        }
    }
}

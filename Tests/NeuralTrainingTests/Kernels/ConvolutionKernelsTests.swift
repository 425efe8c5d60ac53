import Testing
@testable import NeuralTraining

/// The convolution kernels against their definitions: small cases written out by hand, and the
/// definitions as plain loops on larger ones.
@Suite struct ConvolutionKernelsTests {
    /// `x[n, r, c, ch]` of an NHWC batch stored row-major.
    static func index(_ n: Int, _ r: Int, _ c: Int, _ ch: Int, height: Int, width: Int, channels: Int) -> Int {
        ((n * height + r) * width + c) * channels + ch
    }

    static func im2col(_ x: [Double], images: Int, height: Int, width: Int, channels: Int, k: Int, outputHeight: Int, outputWidth: Int) -> [Double] {
        var columns = [Double](repeating: .nan, count: images * outputHeight * outputWidth * k * k * channels)
        x.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { c in
                ConvolutionKernels.im2col(
                    x.baseAddress!, images: images, height: height, width: width, channels: channels, kernel: k,
                    outputHeight: outputHeight, outputWidth: outputWidth, into: c.baseAddress!)
            }
        }
        return columns
    }

    static func col2im(_ columns: [Double], images: Int, height: Int, width: Int, channels: Int, k: Int, outputHeight: Int, outputWidth: Int) -> [Double] {
        var dx = [Double](repeating: .nan, count: images * height * width * channels)
        columns.withUnsafeBufferPointer { c in
            dx.withUnsafeMutableBufferPointer { dx in
                ConvolutionKernels.col2im(
                    c.baseAddress!, images: images, height: height, width: width, channels: channels, kernel: k,
                    outputHeight: outputHeight, outputWidth: outputWidth, into: dx.baseAddress!)
            }
        }
        return dx
    }

    /// A 3×3 single-channel image, 2×2 windows: each row is a window read row by row.
    @Test func im2colOfASmallImageByHand() {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        let columns = Self.im2col(x, images: 1, height: 3, width: 3, channels: 1, k: 2, outputHeight: 2, outputWidth: 2)
        #expect(columns == [1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9])
    }

    /// Two channels: within a window position `(i, j)` the channels are adjacent, `(i, j, c)` order.
    @Test func im2colKeepsChannelsInnermost() {
        // A 2×3 image with channels (a, b): pixel (r, c) holds (10r + c, −(10r + c)).
        var x: [Double] = []
        for r in 0..<2 { for c in 0..<3 { x += [Double(10 * r + c), -Double(10 * r + c)] } }
        let columns = Self.im2col(x, images: 1, height: 2, width: 3, channels: 2, k: 2, outputHeight: 1, outputWidth: 2)
        #expect(columns == [0, -0, 1, -1, 10, -10, 11, -11, 1, -1, 2, -2, 11, -11, 12, -12])
    }

    /// Fewer positions than fit (as conv2 computes only what pooling reads): the rows stop early.
    @Test func im2colCanLeaveOutTheLastPositions() {
        let x = (0..<16).map(Double.init)
        let columns = Self.im2col(x, images: 1, height: 4, width: 4, channels: 1, k: 3, outputHeight: 1, outputWidth: 1)
        #expect(columns == [0, 1, 2, 4, 5, 6, 8, 9, 10])
    }

    /// The definition `cols[(n·Hₒ + oi)·Wₒ + oj, (i·k + j)·C + c] = x[n, oi + i, oj + j, c]` on
    /// SimpleCNN's conv2 geometry with two images, and col2im as its adjoint:
    /// `⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩`, plus the definition of col2im as a sum of copies.
    @Test(arguments: [(2, 13, 13, 32, 3, 10, 10), (1, 28, 28, 1, 3, 26, 26), (3, 5, 7, 2, 2, 4, 5)])
    func im2colAndCol2imFollowTheirDefinitions(images: Int, height: Int, width: Int, channels: Int, k: Int, oh: Int, ow: Int) {
        let count = images * height * width * channels
        let x = (0..<count).map { Double(($0 * 7919) % 1009) / 1009 - 0.5 }
        let columns = Self.im2col(x, images: images, height: height, width: width, channels: channels, k: k, outputHeight: oh, outputWidth: ow)
        let rowWidth = k * k * channels
        var expected = [Double](repeating: 0, count: images * oh * ow * rowWidth)
        var folded = [Double](repeating: 0, count: count)
        let y = (0..<expected.count).map { Double(($0 * 104_729) % 997) / 997 - 0.5 }
        for n in 0..<images {
            for oi in 0..<oh {
                for oj in 0..<ow {
                    for i in 0..<k {
                        for j in 0..<k {
                            for c in 0..<channels {
                                let row = (n * oh + oi) * ow + oj, column = (i * k + j) * channels + c
                                let pixel = Self.index(n, oi + i, oj + j, c, height: height, width: width, channels: channels)
                                expected[row * rowWidth + column] = x[pixel]
                                folded[pixel] += y[row * rowWidth + column]
                            }
                        }
                    }
                }
            }
        }
        #expect(columns == expected)
        let dx = Self.col2im(y, images: images, height: height, width: width, channels: channels, k: k, outputHeight: oh, outputWidth: ow)
        #expect(zip(dx, folded).allSatisfy { abs($0 - $1) <= 1e-12 })
        let left = zip(columns, y).reduce(0) { $0 + $1.0 * $1.1 }, right = zip(x, dx).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(left - right) <= 1e-9 * max(1, abs(left)))
    }

    /// Columns of ones fold back to the number of windows covering each pixel.
    @Test func col2imCountsTheWindowsOverEachPixel() {
        let dx = Self.col2im(
            [Double](repeating: 1, count: 16), images: 1, height: 3, width: 3, channels: 1, k: 2, outputHeight: 2, outputWidth: 2)
        #expect(dx == [1, 2, 1, 2, 4, 2, 1, 2, 1])
    }

    /// Pools one 4×4 map (channel 0) next to its negative (channel 1), NHWC or channels first.
    static func pool(_ raw: [Double], height: Int, width: Int, channels: Int, bias: [Double]) -> ([Double], [UInt8]) {
        let outputs = (height / 2) * (width / 2) * channels
        var pooled = [Double](repeating: .nan, count: outputs), argmax = [UInt8](repeating: 9, count: outputs)
        raw.withUnsafeBufferPointer { r in
            bias.withUnsafeBufferPointer { b in
                pooled.withUnsafeMutableBufferPointer { p in
                    argmax.withUnsafeMutableBufferPointer { a in
                        ConvolutionKernels.maxPoolBiasReLU(
                            r.baseAddress!, images: 1, height: height, width: width, channels: channels, bias: b.baseAddress!,
                            into: p.baseAddress!, argmax: a.baseAddress!)
                    }
                }
            }
        }
        return (pooled, argmax)
    }

    /// The map, row by row; its four windows (top left, top right, bottom left, bottom right) are
    /// `[1 5; 3 2]` (max 5 at 1), `[−1 −2; −3 −4]` (max −1 at 0), `[7 7; 0 7]` (a tie: the first, 0),
    /// `[0 1; 2 8]` (max 8 at 3).
    static let map: [Double] = [1, 5, -1, -2, 3, 2, -3, -4, 7, 7, 0, 1, 0, 7, 2, 8]

    static func interleaved(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).flatMap { [$0, $1] } }

    /// `max(0, max(window) + b)` per channel: channel 0 with bias 0.5, channel 1 (the negated map)
    /// with bias 3; the windows' winners by hand, first in row-major order on a tie. The output is
    /// NHWC: the two channels of each window side by side.
    @Test func maxPoolTakesEachWindowsMaximumThenBiasAndReLU() {
        let raw = Self.interleaved(Self.map, Self.map.map { -$0 })
        let (pooled, argmax) = Self.pool(raw, height: 4, width: 4, channels: 2, bias: [0.5, 3])
        // Channel 0: maxima 5, −1, 7, 8 plus 0.5; channel 1: maxima −1 (at 0), 4 (at 3), 0 (at 2), 0 (at 0) plus 3.
        let values0: [Double] = [5.5, 0, 7.5, 8.5], values1: [Double] = [2, 7, 3, 3]
        let winners0: [UInt8] = [1, 0, 0, 3], winners1: [UInt8] = [0, 3, 2, 0]
        #expect(pooled == Self.interleaved(values0, values1))
        #expect(argmax == zip(winners0, winners1).flatMap { [$0, $1] })
    }

    /// Floor mode: a 5×5 map pools to 2×2 and its last row and column are never read.
    @Test func maxPoolDropsAnOddLastRowAndColumn() {
        var raw = [Double](repeating: 100, count: 25)
        for r in 0..<4 { for c in 0..<4 { raw[r * 5 + c] = Double(r * 4 + c) } }
        let (pooled, argmax) = Self.pool(raw, height: 5, width: 5, channels: 1, bias: [0])
        #expect(pooled == [5, 7, 13, 15])
        #expect(argmax == [3, 3, 3, 3])
    }

    /// Backward: each window's gradient goes to its winner, times `[pooled > 0]`; every other
    /// position is 0, also the rows no window reads; the bias gradient is the sum of what passed.
    @Test func unpoolSendsEachGradientToItsWinner() {
        let raw = Self.interleaved(Self.map, Self.map.map { -$0 })
        let (pooled, argmax) = Self.pool(raw, height: 4, width: 4, channels: 2, bias: [0.5, 3])
        // ∂L/∂pooled: channel 0 (10, 20, 30, 40), channel 1 (1, 2, 3, 4), NHWC.
        let gradient = Self.interleaved([10, 20, 30, 40], [1, 2, 3, 4])
        var dRaw = [Double](repeating: .nan, count: raw.count), dBias: [Double] = [100, 200]
        gradient.withUnsafeBufferPointer { g in
            pooled.withUnsafeBufferPointer { p in
                argmax.withUnsafeBufferPointer { a in
                    ConvolutionKernels.maxUnpoolReLU(
                        g.baseAddress!, pooled: p.baseAddress!, argmax: a.baseAddress!, images: 1, height: 4, width: 4, channels: 2,
                        into: &dRaw, biasGradient: &dBias)
                }
            }
        }
        // Channel 0: window 1's pooled value is 0 (ReLU), so nothing passes there.
        let expected0: [Double] = [0, 10, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 40]
        // Channel 1: winners 0, 3, 2, 0; all four pooled values are positive.
        let expected1: [Double] = [1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 4, 0, 3, 0, 0, 0]
        #expect(dRaw == Self.interleaved(expected0, expected1))
        let expectedBias: [Double] = [100 + 10 + 30 + 40, 200 + 1 + 2 + 3 + 4]
        #expect(dBias == expectedBias)
    }

    @Test func unpoolClearsTheRowsNoWindowReads() {
        var raw = [Double](repeating: 100, count: 9)
        raw[0] = 1
        let (pooled, argmax) = Self.pool(raw, height: 3, width: 3, channels: 1, bias: [0])
        #expect(pooled == [100] && argmax == [1])
        var dRaw = [Double](repeating: .nan, count: 9), dBias: [Double] = [0]
        [5.0].withUnsafeBufferPointer { g in
            pooled.withUnsafeBufferPointer { p in
                argmax.withUnsafeBufferPointer { a in
                    ConvolutionKernels.maxUnpoolReLU(
                        g.baseAddress!, pooled: p.baseAddress!, argmax: a.baseAddress!, images: 1, height: 3, width: 3, channels: 1,
                        into: &dRaw, biasGradient: &dBias)
                }
            }
        }
        #expect(dRaw == [0, 5, 0, 0, 0, 0, 0, 0, 0])
        #expect(dBias == [5])
    }
}

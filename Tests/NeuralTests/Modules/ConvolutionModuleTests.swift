import Foundation
import Testing
@testable import Neural

/// Source 004's SimpleCNN: conv 1→32 3×3, ReLU, max pool 2, conv 32→64 3×3, ReLU, max pool 2,
/// flatten, linear 1600→128, ReLU, linear 128→10.
private func simpleCNN(seed: UInt64 = 4) -> Sequential {
    var generator = SeededGenerator(seed: seed)
    return Sequential(
        Conv2D(inChannels: 1, outChannels: 32, kernelSize: 3, generator: &generator), ReLU(), MaxPool2D(kernelSize: 2),
        Conv2D(inChannels: 32, outChannels: 64, kernelSize: 3, generator: &generator), ReLU(), MaxPool2D(kernelSize: 2),
        Flatten(), Linear(inputs: 1600, outputs: 128, generator: &generator), ReLU(), Linear(inputs: 128, outputs: 10, generator: &generator))
}

/// One output size, `⌊(n + 2p − k)/s⌋ + 1`, worked out by hand.
struct OutputSizeCase: Sendable, CustomTestStringConvertible {
    let n: Int, k: Int, s: Int, p: Int, expected: Int
    var testDescription: String { "n \(n) k \(k) s \(s) p \(p) → \(expected)" }
}

@Suite("Convolution modules")
struct ConvolutionModuleTests {
    // MARK: Sizes and parameter counts

    @Test(arguments: [
        // SimpleCNN: 28 − 3 + 1 = 26; ⌊(26 − 2)/2⌋ + 1 = 13; 13 − 3 + 1 = 11; ⌊(11 − 2)/2⌋ + 1 = 5 (a row dropped).
        OutputSizeCase(n: 28, k: 3, s: 1, p: 0, expected: 26), OutputSizeCase(n: 26, k: 2, s: 2, p: 0, expected: 13),
        OutputSizeCase(n: 13, k: 3, s: 1, p: 0, expected: 11), OutputSizeCase(n: 11, k: 2, s: 2, p: 0, expected: 5),
        // "Same" padding: 5 + 2 − 3 + 1 = 5. Stride 2: ⌊(7 + 2 − 3)/2⌋ + 1 = 4; ⌊(6 + 2 − 3)/2⌋ + 1 = 3.
        OutputSizeCase(n: 5, k: 3, s: 1, p: 1, expected: 5), OutputSizeCase(n: 7, k: 3, s: 2, p: 1, expected: 4),
        OutputSizeCase(n: 6, k: 3, s: 2, p: 1, expected: 3),
        // The kernel covers the input: 1. ⌊(4 − 2)/3⌋ + 1 = 1; ⌊(10 + 4 − 4)/3⌋ + 1 = 4; 2 + 4 − 3 + 1 = 4.
        OutputSizeCase(n: 5, k: 5, s: 1, p: 0, expected: 1), OutputSizeCase(n: 4, k: 2, s: 3, p: 0, expected: 1),
        OutputSizeCase(n: 10, k: 4, s: 3, p: 2, expected: 4), OutputSizeCase(n: 2, k: 3, s: 1, p: 2, expected: 4),
        // A 1×1 kernel with stride 3 keeps pixels 0 and 3 of 4: 2. The kernel fills only padding: 1 + 2 − 3 + 1 = 1.
        OutputSizeCase(n: 4, k: 1, s: 3, p: 0, expected: 2), OutputSizeCase(n: 1, k: 3, s: 1, p: 1, expected: 1),
    ])
    func convolutionOutputSizeIsFloorOfTheWindowCount(_ c: OutputSizeCase) {
        #expect(convolutionOutputSize(inputSize: c.n, kernelSize: c.k, stride: c.s, padding: c.p) == c.expected)
    }

    @Test func parameterCountsAreCountedByHand() {
        var generator = SeededGenerator(seed: 1)
        // 32 kernels of 1·3·3 plus 32 biases; 64 kernels of 32·3·3 plus 64 biases.
        #expect(Conv2D(inChannels: 1, outChannels: 32, kernelSize: 3, generator: &generator).parameterCount == 320)
        #expect(Conv2D(inChannels: 32, outChannels: 64, kernelSize: 3, generator: &generator).parameterCount == 18_496)
        // 320 + 18,496 + (1600·128 + 128 = 204,928) + (128·10 + 10 = 1,290).
        #expect(simpleCNN().parameterCount == 225_034)
        #expect(MaxPool2D(kernelSize: 2).parameterCount == 0 && AvgPool2D(kernelSize: 2).parameterCount == 0 && Flatten().parameterCount == 0)
        #expect(BatchNorm2D(channels: 5).parameterCount == 10)
    }

    @Test func simpleCNNShapesFollowTheLayers() {
        let model = simpleCNN()
        var generator = SeededGenerator(seed: 3)
        var x = Tensor.randn([2, 1, 28, 28], using: &generator)
        var shapes: [[Int]] = []
        for module in model.modules {
            x = module(x)
            shapes.append(x.shape)
        }
        #expect(shapes == [
            [2, 32, 26, 26], [2, 32, 26, 26], [2, 32, 13, 13], [2, 64, 11, 11], [2, 64, 11, 11], [2, 64, 5, 5],
            [2, 1600], [2, 128], [2, 128], [2, 10],
        ])
    }

    @Test func simpleCNNBackwardReachesEveryParameter() {
        let model = simpleCNN()
        var generator = SeededGenerator(seed: 7)
        let loss = crossEntropy(logits: model(Tensor.randn([2, 1, 28, 28], using: &generator)), classIndices: [3, 8])
        loss.backward()
        for parameter in model.parameters {
            #expect(parameter.grad?.shape == parameter.shape)
            #expect(parameter.grad?.elements.contains { $0 != 0 } == true, "a parameter of shape \(parameter.shape) got no gradient")
        }
    }

    // MARK: Conv2D

    @Test func conv2DComputesTheCrossCorrelationByHand() {
        // Image 1…9 (3×3), kernel [[1, 0], [0, −1]]: each output is x[i][j] − x[i+1][j+1] = −4, plus the bias 0.5.
        let image = Tensor(shape: [1, 1, 3, 3], elements: (1...9).map(Double.init))
        let layer = Conv2D(weight: Tensor(shape: [1, 1, 2, 2], elements: [1, 0, 0, -1]), bias: Tensor([0.5]))
        let y = layer(image)
        #expect(y.shape == [1, 1, 2, 2] && y.elements == [-3.5, -3.5, -3.5, -3.5])
        // Padding 1: a 4×4 output; the corner (0, 0) sees only x[0][0] under the −1, so −1 + 0.5.
        let padded = Conv2D(weight: Tensor(shape: [1, 1, 2, 2], elements: [1, 0, 0, -1]), bias: Tensor([0.5]), padding: 1)(image)
        #expect(padded.shape == [1, 1, 4, 4])
        #expect(padded.elements[0] == -0.5 && padded.elements[15] == 9.5 && padded.elements[5] == -3.5)
        // Two input channels add: a 1×1 kernel (2, −1) over channels (x, x²), stride 2 keeps pixels (0,0), (0,2), (2,0), (2,2).
        let channels = Tensor(shape: [1, 2, 3, 3], elements: (1...9).map(Double.init) + (1...9).map { Double($0 * $0) })
        let mix = Conv2D(weight: Tensor(shape: [1, 2, 1, 1], elements: [2, -1]), bias: Tensor([0]), stride: 2)(channels)
        let mixed: [Double] = [2 - 1, 6 - 9, 14 - 49, 18 - 81]
        #expect(mix.elements == mixed)
    }

    @Test func conv2DMakesItsParametersRequireGradients() {
        let weight = Tensor.zeros([3, 2, 3, 3])
        let bias = Tensor.zeros([3])
        let layer = Conv2D(weight: weight, bias: bias, stride: 2, padding: 1)
        #expect(weight.requiresGrad && bias.requiresGrad)
        #expect(layer.parameters.count == 2 && layer.parameters[0] === weight && layer.parameters[1] === bias)
        #expect(layer.inChannels == 2 && layer.outChannels == 3 && layer.kernelSize == 3 && layer.stride == 2 && layer.padding == 1)
        #expect(layer(Tensor.ones([4, 2, 7, 7])).shape == [4, 3, 4, 4])
    }

    /// The documented draw order: element `[o, c, i, j]` is draw `((o·Cin + c)·k + i)·k + j` of the
    /// initializer's distribution for `fanIn = Cin·k²`, `fanOut = Cout·k²`.
    @Test func conv2DDrawsItsKernelsInRowMajorOrder() {
        var a = SeededGenerator(seed: 11)
        var b = SeededGenerator(seed: 11)
        let he = Conv2D(inChannels: 2, outChannels: 3, kernelSize: 3, generator: &a)
        let sigma = (2.0 / 18).squareRoot()
        #expect(he.weight.shape == [3, 2, 3, 3] && he.weight.elements == (0..<54).map { _ in b.nextGaussian(standardDeviation: sigma) })
        #expect(he.bias.elements == [0, 0, 0])
        #expect(a == b)

        // Xavier uses both fans: bound √(6/(fanIn + fanOut)) = √(6/(2·9 + 4·9)).
        let xavier = Conv2D(inChannels: 2, outChannels: 4, kernelSize: 3, initializer: .xavierUniform, generator: &a)
        let bound = (6.0 / 54).squareRoot()
        #expect(xavier.weight.elements == (0..<72).map { _ in b.nextUniform(in: -bound, bound) })
        #expect(a == b)
    }

    @Test func conv2DOrthogonalKernelsHaveOrthonormalRows() {
        // 3 kernels of 2·2·2 = 8 values: the 3 × 8 matrix of flattened kernels has orthonormal rows (times the gain).
        var generator = SeededGenerator(seed: 12)
        let layer = Conv2D(inChannels: 2, outChannels: 3, kernelSize: 2, initializer: .orthogonal(gain: 2), generator: &generator)
        let rows = Matrix(rows: 3, columns: 8, elements: layer.weight.elements)
        #expect(isClose(rows.matmul(rows.transposed), 4 * Matrix.identity(3), tolerance: 1e-12))
    }

    // MARK: Pooling and flattening

    @Test func poolingModulesPoolByHand() {
        let x = Tensor(shape: [1, 1, 4, 4], elements: [
            1, 5, 2, 0,
            3, -1, 4, 8,
            0, 0, -2, -3,
            7, 1, -4, -1,
        ])
        #expect(MaxPool2D(kernelSize: 2)(x).elements == [5, 8, 7, -1])
        #expect(AvgPool2D(kernelSize: 2)(x).elements == [2, 3.5, 2, -2.5])
        // Stride 1 with a 3×3 window: four overlapping windows.
        #expect(MaxPool2D(kernelSize: 3, stride: 1)(x).elements == [5, 8, 7, 8])
        let means: [Double] = [12.0 / 9, 13.0 / 9, 8.0 / 9, 2.0 / 9]
        #expect(AvgPool2D(kernelSize: 3, stride: 1)(x).elements == means)
        // Floor mode: a 5×5 input pooled by 2 drops the last row and column.
        #expect(MaxPool2D(kernelSize: 2)(Tensor.ones([1, 1, 5, 5])).shape == [1, 1, 2, 2])
        #expect(MaxPool2D(kernelSize: 3).stride == 3 && MaxPool2D(kernelSize: 3, stride: 1).stride == 1 && AvgPool2D(kernelSize: 2).stride == 2)
    }

    @Test func maxPoolGradientGoesToEachWindowsMaximum() {
        // Overlapping 2×2 windows, stride 1, on [[1, 3], [2, 0], [5, 4]] (3 rows, 2 columns): the maxima are 3 and 5.
        let x = Tensor(shape: [1, 1, 3, 2], elements: [1, 3, 2, 0, 5, 4], requiresGrad: true)
        x.maxPool2d(kernelSize: 2, stride: 1).backward(Tensor(shape: [1, 1, 2, 1], elements: [10, 100]))
        #expect(x.grad?.elements == [0, 10, 0, 0, 100, 0])
        // A pixel that is the maximum of two windows collects both gradients: 9 wins both windows of [[0, 9, 1], [2, 3, 4]].
        let z = Tensor(shape: [1, 1, 2, 3], elements: [0, 9, 1, 2, 3, 4], requiresGrad: true)
        z.maxPool2d(kernelSize: 2, stride: 1).backward(Tensor(shape: [1, 1, 1, 2], elements: [1, 2]))
        #expect(z.grad?.elements == [0, 3, 0, 0, 0, 0])
    }

    @Test func flattenKeepsTheBatchAndTheElementOrder() {
        let x = Tensor(shape: [2, 3, 2, 2], elements: (0..<24).map(Double.init))
        let y = Flatten()(x)
        #expect(y.shape == [2, 12] && y.elements == x.elements)
        #expect(x.flattened(fromAxis: 0).shape == [24] && x.flattened(fromAxis: 2).shape == [2, 3, 4] && x.flattened(fromAxis: -1).shape == [2, 3, 2, 2])
    }

    // MARK: BatchNorm2D

    /// One image, two channels of 2×2: channel 0 holds 1, 2, 3, 4 (mean 2.5, biased variance 1.25,
    /// unbiased 5/3), channel 1 holds 10, 10, 10, 14 (mean 11, biased variance 3, unbiased 4).
    private let twoChannels = Tensor(shape: [1, 2, 2, 2], elements: [1, 2, 3, 4, 10, 10, 10, 14])

    @Test func batchNorm2DStartsAsPyTorchsDoes() {
        let norm = BatchNorm2D(channels: 3)
        #expect(norm.weight.elements == [1, 1, 1] && norm.bias.elements == [0, 0, 0])
        #expect(norm.weight.requiresGrad && norm.bias.requiresGrad)
        #expect(norm.runningMean == [0, 0, 0] && norm.runningVariance == [1, 1, 1])
        #expect(norm.momentum == 0.1 && norm.epsilon == 1e-5 && norm.channels == 3 && norm.isTraining)
        #expect(norm.parameters.count == 2 && norm.parameters[0] === norm.weight && norm.parameters[1] === norm.bias)
    }

    @Test func batchNorm2DTrainingUsesTheBatchAndUpdatesTheRunningStatistics() {
        let norm = BatchNorm2D(channels: 2)
        let y = norm(twoChannels)
        let (s0, s1) = ((1.25 + 1e-5).squareRoot(), (3 + 1e-5).squareRoot())
        let expected: [Double] = [-1.5 / s0, -0.5 / s0, 0.5 / s0, 1.5 / s0, -1 / s1, -1 / s1, -1 / s1, 3 / s1]
        #expect(isClose(y.elements, expected, tolerance: 1e-14))
        // running ← 0.9·running + 0.1·batch, the variance unbiased.
        #expect(isClose(norm.runningMean, [0.25, 1.1], tolerance: 1e-15))
        let variances: [Double] = [0.9 + 0.1 * 5 / 3, 0.9 + 0.4]
        #expect(isClose(norm.runningVariance, variances, tolerance: 1e-15))
        // A second step moves the statistics again (even without recording a graph, as torch.no_grad in train mode does).
        _ = Tensor.noGrad { norm(twoChannels) }
        let means: [Double] = [0.9 * 0.25 + 0.25, 0.9 * 1.1 + 1.1]
        #expect(isClose(norm.runningMean, means, tolerance: 1e-15))
    }

    @Test func batchNorm2DEvaluationUsesTheRunningStatisticsAndLeavesThem() {
        let norm = BatchNorm2D(weight: Tensor([2, 1]), bias: Tensor([0, -1]), momentum: 0.5, epsilon: 1e-3)
        // Fresh statistics: y = γ·x/√(1 + ε) + β.
        norm.eval()
        let fresh = norm(twoChannels)
        let s = (1 + 1e-3).squareRoot()
        let freshExpected: [Double] = [2 / s, 4 / s, 6 / s, 8 / s, 10 / s - 1, 10 / s - 1, 10 / s - 1, 14 / s - 1]
        #expect(isClose(fresh.elements, freshExpected, tolerance: 1e-14))
        #expect(norm.runningMean == [0, 0] && norm.runningVariance == [1, 1])
        // One training step with momentum 0.5: running mean (1.25, 5.5), variance (0.5 + 5/6, 0.5 + 2).
        norm.train()
        _ = norm(twoChannels)
        #expect(isClose(norm.runningMean, [1.25, 5.5], tolerance: 1e-15))
        let variances: [Double] = [0.5 + 5.0 / 6, 2.5]
        #expect(isClose(norm.runningVariance, variances, tolerance: 1e-15))
        norm.eval()
        let evaluated = norm(twoChannels)
        let (s0, s1) = ((0.5 + 5.0 / 6 + 1e-3).squareRoot(), (2.5 + 1e-3).squareRoot())
        #expect(isClose(evaluated.elements[0], 2 * (1 - 1.25) / s0, tolerance: 1e-14))
        #expect(isClose(evaluated.elements[7], (14 - 5.5) / s1 - 1, tolerance: 1e-14))
        #expect(isClose(norm.runningMean, [1.25, 5.5], tolerance: 1e-15))
        // In evaluation mode the output is affine in x: ∂y/∂x = γ/√(σ²_run + ε) per channel.
        let x = Tensor(shape: [1, 2, 2, 2], elements: twoChannels.elements, requiresGrad: true)
        norm(x).sum().backward()
        let slopes: [Double] = [2 / s0, 2 / s0, 2 / s0, 2 / s0, 1 / s1, 1 / s1, 1 / s1, 1 / s1]
        #expect(isClose(x.grad!.elements, slopes, tolerance: 1e-14))
    }

    @Test func sequentialEvalReachesBatchNorm2D() {
        let norm = BatchNorm2D(channels: 2)
        let model = Sequential(Conv2D(weight: Tensor.ones([2, 2, 1, 1]), bias: Tensor.zeros([2])), norm, Flatten())
        model.eval()
        #expect(!norm.isTraining)
        _ = model(twoChannels)
        #expect(norm.runningMean == [0, 0])
        model.train()
        _ = model(twoChannels)
        #expect(norm.isTraining && norm.runningMean != [0, 0])
    }
}

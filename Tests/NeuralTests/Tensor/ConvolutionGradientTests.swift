import Testing
@testable import Neural

private func input(_ shape: [Int], _ domain: InputDomain = .gaussian) -> (shape: [Int], domain: InputDomain) {
    (shape, domain)
}

/// Batch norm in training mode as a function of the input, `γ` and `β` (fresh running statistics each call).
private func batchNormTraining(_ x: [Tensor], momentum: Double = 0.1, epsilon: Double = 1e-5) -> Tensor {
    var mean = Array(repeating: 0.0, count: x[1].count)
    var variance = Array(repeating: 1.0, count: x[1].count)
    return x[0].batchNorm2d(weight: x[1], bias: x[2], runningMean: &mean, runningVariance: &variance, training: true, momentum: momentum, epsilon: epsilon)
}

/// Every convolution, pooling and normalisation operation, in the variants that take different paths:
/// stride, padding, kernels that do not cover the image evenly, channels in and out.
private let convolutionCases: [GradientCase] = {
    var cases: [GradientCase] = []
    let convolutions: [(x: [Int], w: [Int], stride: Int, padding: Int)] = [
        ([1, 1, 5, 5], [1, 1, 3, 3], 1, 0), ([2, 2, 5, 6], [3, 2, 3, 3], 1, 1), ([2, 2, 7, 6], [3, 2, 3, 3], 2, 0),
        ([2, 2, 6, 5], [3, 2, 3, 3], 2, 1), ([1, 2, 5, 7], [2, 2, 2, 3], 2, 1), ([1, 1, 2, 2], [2, 1, 3, 3], 1, 2),
        ([2, 3, 4, 4], [2, 3, 1, 1], 3, 0),
    ]
    for (x, w, stride, padding) in convolutions {
        let suffix = "x \(x) w \(w) stride \(stride) padding \(padding)"
        cases.append(GradientCase("conv2d \(suffix) with bias", [input(x), input(w), input([w[0]])]) {
            $0[0].conv2d(weight: $0[1], bias: $0[2], stride: stride, padding: padding)
        })
        cases.append(GradientCase("conv2d \(suffix)", [input(x), input(w)]) { $0[0].conv2d(weight: $0[1], stride: stride, padding: padding) })
    }
    cases += [
        GradientCase("unfold [1,1,4,4] k 2x2", [input([1, 1, 4, 4])]) { $0[0].unfold(kernelSize: (2, 2)) },
        GradientCase("unfold [2,2,5,4] k 3x2 stride 2 padding 1", [input([2, 2, 5, 4])]) { $0[0].unfold(kernelSize: (3, 2), stride: 2, padding: 1) },
        GradientCase("unfold [1,2,3,5] k 2x3 padding 1", [input([1, 2, 3, 5])]) { $0[0].unfold(kernelSize: (2, 3), padding: 1) },
    ]
    let pools: [(shape: [Int], k: Int, stride: Int?)] = [
        ([2, 2, 4, 6], 2, nil), ([1, 2, 5, 5], 3, 1), ([1, 1, 5, 7], 2, nil), ([1, 1, 7, 6], 3, 2), ([2, 1, 6, 5], 2, 1),
    ]
    for (shape, k, stride) in pools {
        let suffix = "\(shape) k \(k) stride \(stride.map(String.init) ?? "k")"
        // Distinct values: no window has a near-tie that a step of h could flip.
        cases.append(GradientCase("maxPool2d \(suffix)", [input(shape, .distinct)]) { $0[0].maxPool2d(kernelSize: k, stride: stride) })
        cases.append(GradientCase("avgPool2d \(suffix)", [input(shape)]) { $0[0].avgPool2d(kernelSize: k, stride: stride) })
    }
    cases += [
        GradientCase("flattened from 1", [input([2, 3, 2, 2])]) { $0[0].flattened() },
        GradientCase("flattened from 2", [input([2, 3, 2, 2])]) { $0[0].flattened(fromAxis: 2) },
        GradientCase("flattened from -2", [input([2, 3, 2, 2])]) { $0[0].flattened(fromAxis: -2) },
        GradientCase("batchNorm2d training [2,3,3,4]", [input([2, 3, 3, 4]), input([3], .positive), input([3])]) { batchNormTraining($0) },
        GradientCase("batchNorm2d training [3,2,1,2] eps 1e-3", [input([3, 2, 1, 2]), input([2], .positive), input([2])]) {
            batchNormTraining($0, epsilon: 1e-3)
        },
        GradientCase("batchNorm2d training [1,2,1,2] (two values per channel)", [input([1, 2, 1, 2]), input([2], .positive), input([2])]) {
            batchNormTraining($0)
        },
        GradientCase("batchNorm2d evaluation", [input([2, 3, 2, 2]), input([3], .positive), input([3])]) { x in
            var mean = [0.3, -0.2, 1.1]
            var variance = [0.8, 1.5, 0.4]
            return x[0].batchNorm2d(weight: x[1], bias: x[2], runningMean: &mean, runningVariance: &variance, training: false)
        },
        GradientCase("BatchNorm2D module in training mode", [input([2, 2, 3, 3]), input([2], .positive), input([2])]) {
            BatchNorm2D(weight: $0[1], bias: $0[2])($0[0])
        },
    ]
    // Layers composed as modules. No ReLU, whose kink a step of h could straddle inside a network
    // (ReLU has its own case in TensorGradientTests; the reference tests run whole CNNs with it).
    cases += [
        GradientCase("Conv2D stride 2 padding 1 then max pool", [input([2, 2, 6, 6]), input([3, 2, 3, 3]), input([3])]) {
            Sequential(Conv2D(weight: $0[1], bias: $0[2], stride: 2, padding: 1), MaxPool2D(kernelSize: 2))($0[0])
        },
        GradientCase("Conv2D, BatchNorm2D, AvgPool2D, Flatten, Linear", [input([3, 1, 6, 6]), input([2, 1, 3, 3]), input([2]), input([2], .positive), input([2]), input([8, 3]), input([3])]) {
            Sequential(
                Conv2D(weight: $0[1], bias: $0[2]), BatchNorm2D(weight: $0[3], bias: $0[4]), AvgPool2D(kernelSize: 2), Flatten(),
                Linear(weight: $0[5], bias: $0[6]))($0[0])
        },
    ]
    return cases
}()

@Suite("Convolution gradients by central differences")
struct ConvolutionGradientTests {
    @Test(arguments: convolutionCases)
    func gradientMatchesCentralDifferences(_ testCase: GradientCase) {
        checkGradientsByCentralDifferences(testCase)
    }
}

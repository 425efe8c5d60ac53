import Neural

/// Source 004's SimpleCNN in one precision, for fast training (see `ConvolutionalLayout` for the
/// sizes): conv 1→32 3×3, ReLU, max-pool 2, conv 32→64 3×3, ReLU, max-pool 2, flatten,
/// linear 1600→128, ReLU, linear 128→10, softmax cross-entropy; PyTorch's semantics.
///
/// Every parameter lives in one 64-byte-aligned buffer in `Neural`'s order (`Sequential.parameters`):
/// conv1.weight `[32, 1, 3, 3]`, conv1.bias `[32]`, conv2.weight `[64, 32, 3, 3]`, conv2.bias `[64]`,
/// fc1.weight `[1600, 128]` (the `x·W` convention, rows in PyTorch's C·H·W flatten order),
/// fc1.bias `[128]`, fc2.weight `[128, 10]`, fc2.bias `[10]`. Optimizers sweep it in one pass and
/// weights files store it as is. The passes read two parameters from copies in the order of
/// their NHWC maps, refreshed after every update: conv2's kernels in `(o, i, j, c)` order
/// (`permutedKernels2`, matching im2col's columns), and fc1's weight rows in (H, W, C) order
/// (`permutedWeights3`, matching pool2's output).
public final class ConvolutionalNetwork<Scalar: TrainingScalar>: @unchecked Sendable {
    /// Every weight and bias, in the layout above.
    let parameters: AlignedBuffer<Scalar>
    /// conv2's kernels as `[64, 3, 3, 32]` (`K[o, i, j, c] = conv2.weight[o, c, i, j]`).
    let permutedKernels2: AlignedBuffer<Scalar>
    /// `kernelPermutation[t]` is where conv2.weight's element `t` (row-major `[o, c, i, j]`) sits in
    /// the `(o, i, j, c)` order.
    let kernelPermutation: [Int32]
    /// fc1's weight with its rows in (H, W, C) order: row `(h·5 + w)·64 + c` is fc1.weight's row
    /// `c·25 + h·5 + w`.
    let permutedWeights3: AlignedBuffer<Scalar>
    /// `rowPermutation[r]` is where fc1.weight's row `r` (C·H·W order) sits in (H, W, C) order.
    let rowPermutation: [Int32]

    /// The number of parameters, 225 034.
    public var parameterCount: Int { parameters.count }

    /// A network with all parameters zero.
    public init() {
        typealias L = ConvolutionalLayout
        parameters = AlignedBuffer(count: L.parameterCount)
        permutedKernels2 = AlignedBuffer(count: L.channels2 * L.columns2)
        let k = L.kernelSide, channels = L.channels1
        var permutation = [Int32](repeating: 0, count: L.channels2 * L.columns2)
        for o in 0..<L.channels2 {
            for c in 0..<channels {
                for i in 0..<k {
                    for j in 0..<k {
                        permutation[((o * channels + c) * k + i) * k + j] = Int32(o * L.columns2 + (i * k + j) * channels + c)
                    }
                }
            }
        }
        kernelPermutation = permutation
        permutedWeights3 = AlignedBuffer(count: L.flatFeatures * L.hiddenUnits)
        let positions = L.pooledPositions2
        rowPermutation = (0..<L.flatFeatures).map { r in Int32((r % positions) * L.channels2 + r / positions) }
    }

    /// The network `reference` in this precision, parameter for parameter: the fast path starts
    /// from exactly what `Neural` built (see `TrainingConfiguration.initialCNN()`).
    ///
    /// - Precondition: `reference.modules` are `[Conv2D, ReLU, MaxPool2D, Conv2D, ReLU, MaxPool2D,
    ///   Flatten, Linear, ReLU, Linear]` with SimpleCNN's shapes, stride 1 and no padding for the
    ///   convolutions, 2×2 windows with stride 2 for the poolings.
    public convenience init(_ reference: Sequential) {
        let problem = Self.mismatch(reference)
        precondition(problem == nil, "ConvolutionalNetwork: the reference is not source 004's SimpleCNN: \(problem ?? "")")
        self.init()
        setParameters(reference.parameters.flatMap(\.elements))
    }

    /// Why `reference` is not SimpleCNN, or nil when it is.
    static func mismatch(_ reference: Sequential) -> String? {
        let modules = reference.modules
        let names = modules.map { String(describing: type(of: $0)) }
        let expected = ["Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D", "Flatten", "Linear", "ReLU", "Linear"]
        guard names == expected else { return "modules \(names), expected \(expected)" }
        for case let convolution as Conv2D in modules where convolution.stride != 1 || convolution.padding != 0 {
            return "a convolution has stride \(convolution.stride) and padding \(convolution.padding), expected 1 and 0"
        }
        for case let pool as MaxPool2D in modules where pool.kernelSize != 2 || pool.stride != 2 {
            return "a max-pool has kernel \(pool.kernelSize) and stride \(pool.stride), expected 2 and 2"
        }
        let shapes = reference.parameters.map(\.shape)
        guard shapes == ConvolutionalLayout.parameterShapes else {
            return "parameter shapes \(shapes), expected \(ConvolutionalLayout.parameterShapes)"
        }
        return nil
    }

    /// True when every parameter is finite; one pass over the buffer.
    var parametersAreFinite: Bool { parameters.isAllFinite }

    /// The parameters as an array, in the layout above.
    public var parameterValues: [Scalar] { parameters.array }

    /// Replaces every parameter; `values.count` must equal `parameterCount`.
    public func setParameters<T: BinaryFloatingPoint>(_ values: [T]) {
        precondition(values.count == parameterCount, "ConvolutionalNetwork: expected \(parameterCount) parameters, got \(values.count)")
        for i in 0..<values.count { parameters.base[i] = Scalar(values[i]) }
        refreshPermutedCopies(parameterRange: 0..<parameterCount)
    }

    /// Copies the parameters in `parameterRange` that belong to conv2's kernels or fc1's weight into
    /// `permutedKernels2` and `permutedWeights3`; team members refresh the ranges they updated.
    func refreshPermutedCopies(parameterRange: Range<Int>) {
        typealias L = ConvolutionalLayout
        let p = parameters.base
        var lower = Swift.max(parameterRange.lowerBound, L.kernels2), upper = Swift.min(parameterRange.upperBound, L.bias2)
        if lower < upper {
            let source = p + L.kernels2, target = permutedKernels2.base
            kernelPermutation.withUnsafeBufferPointer { permutation in
                for t in (lower - L.kernels2)..<(upper - L.kernels2) { target[Int(permutation[t])] = source[t] }
            }
        }
        lower = Swift.max(parameterRange.lowerBound, L.weights3)
        upper = Swift.min(parameterRange.upperBound, L.bias3)
        if lower < upper {
            let source = p + L.weights3, target = permutedWeights3.base, width = L.hiddenUnits
            rowPermutation.withUnsafeBufferPointer { permutation in
                var t = lower - L.weights3
                while t < upper - L.weights3 {
                    let row = t / width, column = t % width
                    let count = Swift.min(width - column, upper - L.weights3 - t)
                    (target + Int(permutation[row]) * width + column).update(from: source + t, count: count)
                    t += count
                }
            }
        }
    }
}

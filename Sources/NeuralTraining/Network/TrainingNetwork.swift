import Neural

/// A fully connected network `[n₀, n₁, …, n_L]`: hidden layers `aₗ₊₁ = f(aₗ·Wₗ + bₗ)`, a softmax
/// output `p = softmax(a_{L−1}·W_{L−1} + b_{L−1})`, trained on cross-entropy.
///
/// All parameters live in one contiguous buffer, layer after layer: `Wₗ` (`nₗ × nₗ₊₁`, row-major)
/// then `bₗ` (`nₗ₊₁`). Optimizers update it in one pass and weight files store it as is.
public final class TrainingNetwork<Scalar: TrainingScalar>: @unchecked Sendable {
    /// The layer widths, input first, classes last.
    public let layerSizes: [Int]
    /// The hidden-layer nonlinearity.
    public let activation: Activation
    /// Every weight and bias, in the layout above.
    let parameters: AlignedBuffer<Scalar>
    /// Where `Wₗ` starts in `parameters`.
    let weightOffsets: [Int]
    /// Where `bₗ` starts in `parameters`.
    let biasOffsets: [Int]

    /// The number of weight layers `L`.
    public var layerCount: Int { layerSizes.count - 1 }
    /// The number of parameters `Σₗ (nₗ + 1)·nₗ₊₁`.
    public var parameterCount: Int { parameters.count }

    /// A network with all parameters zero.
    public init(layerSizes: [Int], activation: Activation) {
        precondition(layerSizes.count >= 2 && layerSizes.allSatisfy { $0 > 0 }, "bad layer sizes \(layerSizes)")
        self.layerSizes = layerSizes
        self.activation = activation
        var weights: [Int] = [], biases: [Int] = []
        var offset = 0
        for l in 0..<(layerSizes.count - 1) {
            weights.append(offset)
            offset += layerSizes[l] * layerSizes[l + 1]
            biases.append(offset)
            offset += layerSizes[l + 1]
        }
        weightOffsets = weights
        biasOffsets = biases
        parameters = AlignedBuffer(count: offset)
    }

    /// The network `reference` in this precision, parameter for parameter: the fast engine starts
    /// from exactly what `Neural` built.
    ///
    /// - Precondition: every hidden layer of `reference` uses one trainable activation
    ///   (`Activation.trainable`) and its output layer uses softmax.
    public convenience init(_ reference: MultilayerPerceptron) {
        let hidden = reference.layers.dropLast().map(\.activation)
        let activation = hidden.first ?? .relu
        precondition(
            hidden.allSatisfy { $0 == activation } && activation.isTrainable && reference.layers.last!.activation == .softmax,
            "TrainingNetwork: needs one trainable hidden activation and a softmax output, got \(reference.layers.map(\.activation))")
        self.init(layerSizes: reference.sizes, activation: activation)
        for (l, layer) in reference.layers.enumerated() {
            let w = parameters.base + weightOffsets[l]
            for (i, value) in layer.weights.elements.enumerated() { w[i] = Scalar(value) }
            let b = parameters.base + biasOffsets[l]
            for (j, value) in layer.bias.elements.enumerated() { b[j] = Scalar(value) }
        }
    }

    /// True when every parameter is finite (no NaN, no infinity); one pass over the buffer.
    var parametersAreFinite: Bool { parameters.isAllFinite }

    /// The parameters as an array, in the layout above.
    public var parameterValues: [Scalar] { parameters.array }

    /// Replaces every parameter; `values.count` must equal `parameterCount`.
    public func setParameters<T: BinaryFloatingPoint>(_ values: [T]) {
        precondition(values.count == parameterCount, "expected \(parameterCount) parameters, got \(values.count)")
        for i in 0..<values.count { parameters.base[i] = Scalar(values[i]) }
    }

    /// `Wₗ` as a row-major `nₗ × nₗ₊₁` array.
    public func weights(layer l: Int) -> [Scalar] {
        Array(UnsafeBufferPointer(start: parameters.base + weightOffsets[l], count: layerSizes[l] * layerSizes[l + 1]))
    }

    /// `bₗ`.
    public func biases(layer l: Int) -> [Scalar] {
        Array(UnsafeBufferPointer(start: parameters.base + biasOffsets[l], count: layerSizes[l + 1]))
    }
}
